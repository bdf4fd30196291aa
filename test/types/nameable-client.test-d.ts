/** A client type can be named anywhere (class field, DI, wrapper) and keeps the headers its required options send; typed catch. */
import { describe, expectTypeOf, it } from "vitest";
import { ApiError, NotFoundError, type ErrorOf, type WithRequestId } from "../../src/core/index.js";
import { createCroDispatchClient, type CroDispatchClient } from "../../src/cro-dispatch/index.js";
import {
  createJtlErpV1Client,
  getCustomer,
  isErrorOf,
  type Customer,
  type ErrorResponse,
  type JtlErpV1Client,
} from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client, type CustomerContact, type JtlErpV2Client } from "../../src/jtl-erp-v2/index.js";

class CustomerService {
  constructor(private readonly erp: JtlErpV1Client) {}
  /** No header in sight: the client type knows tenantId, appId and appVersion are set. */
  find(customerId: number) {
    return this.erp.customers.get({ path: { customerId } });
  }
  list() {
    return getCustomer(this.erp, { path: { customerId: 1 } });
  }
}

/** A DI container's registry: the client types as tokens' values. */
interface Registry {
  erp: JtlErpV2Client;
  cro: CroDispatchClient;
}

function contactOf(erp: JtlErpV2Client, customerId: string, customerContactId: string) {
  return erp.customers.contacts.get({ path: { customerId, customerContactId } });
}

describe("nameable client types", () => {
  it("a factory's client fits its named type, and the named type calls without headers", () => {
    const service = new CustomerService(createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1", runAs: "u" }));
    expectTypeOf(service.find(1)).resolves.toEqualTypeOf<WithRequestId<Customer>>();
    expectTypeOf(service.list()).resolves.toEqualTypeOf<WithRequestId<Customer>>();
    const registry: Registry = { erp: createJtlErpV2Client({ tenantId: "t" }), cro: createCroDispatchClient({ tenantId: 1 }) };
    expectTypeOf(contactOf(registry.erp, "c", "k")).resolves.toEqualTypeOf<WithRequestId<CustomerContact>>();
    registry.cro.customers.get({ path: { customer_id: 1 } });
  });

  it("optional header options stay optional per call", () => {
    const erp: JtlErpV1Client = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
    erp.customers.get({ path: { customerId: 1 }, header: { "x-runas": "user" } });
    // @ts-expect-error a client of one API is not a client of another
    const wrong: JtlErpV2Client = erp;
    void wrong;
  });
});

describe("typed catch", () => {
  it("instanceof ApiError gives status: number and body: unknown", () => {
    const caught = (error: unknown) => {
      if (error instanceof ApiError) {
        expectTypeOf(error.status).toEqualTypeOf<number>();
        expectTypeOf(error.body).toEqualTypeOf<unknown>();
      }
    };
    void caught;
  });

  it("isErrorOf narrows to the operation's documented errors, by status, from a function or a bound method", () => {
    const erp = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
    const caught = (error: unknown) => {
      if (isErrorOf(getCustomer, error)) {
        expectTypeOf(error).toEqualTypeOf<ErrorOf<typeof getCustomer>>();
        if (error.status === 404) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
        if (error instanceof NotFoundError) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
      }
      if (isErrorOf(erp.customers.get, error) && error.status === 404) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    };
    void caught;
  });
});
