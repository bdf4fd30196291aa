/** Error types: `.result()` narrows `error.body` by `status`; instanceof narrows to the documented body. */
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiError,
  InternalServerError,
  NotFoundError,
  type ApiErrorOf,
  type ApiResult,
  type ClientErrorStatus,
  type HttpErrorStatus,
  type WithRequestId,
} from "../../src/core/index.js";
import { createCroDispatchClient, type ErrorResponseModel } from "../../src/cro-dispatch/index.js";
import { createJtlErpV1Client, type Customer, type ErrorResponse, type GetCustomerErrors } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";

const v1 = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
const cro = createCroDispatchClient({ tenantId: 1 });

describe(".result()", () => {
  it("is a union of data and error, narrowed by either side", async () => {
    const result = await v1.customers.get({ path: { customerId: 1 } }).result();
    expectTypeOf(result).toEqualTypeOf<ApiResult<Customer, GetCustomerErrors>>();
    if (result.error === undefined) {
      expectTypeOf(result.data).toEqualTypeOf<WithRequestId<Customer>>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
      expectTypeOf(result.error.status).toEqualTypeOf<HttpErrorStatus>();
    }
  });

  it("error.status narrows error.body to the documented body", async () => {
    const { error } = await v1.customers.get({ path: { customerId: 1 } }).result();
    if (error?.status === 404) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    if (error?.status === 401) expectTypeOf(error.body).toEqualTypeOf<undefined>();
    if (error?.status === 502) expectTypeOf(error.body).toEqualTypeOf<unknown>();
    if (error?.status === 400) expectTypeOf(error.body).toEqualTypeOf<unknown>();
  });

  it("CRO documents 500 with a body; other 5xx stay unknown", async () => {
    const { error } = await cro.customers.contacts.create({ path: { customer_id: 1 }, body: {} }).result();
    if (error?.status === 500) expectTypeOf(error.body).toEqualTypeOf<ErrorResponseModel>();
    if (error?.status === 503) expectTypeOf(error.body).toEqualTypeOf<unknown>();
    if (error?.status === 409) expectTypeOf(error.body).toEqualTypeOf<ErrorResponseModel>();
  });

  it("an API that documents no error has one error type for every status", async () => {
    const erp = createJtlErpV2Client({ tenantId: "t" });
    const { error } = await erp.customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } }).result();
    expectTypeOf(error).toMatchTypeOf<ApiError<HttpErrorStatus, unknown> | undefined>();
    if (error) {
      expectTypeOf(error.status).toEqualTypeOf<HttpErrorStatus>();
      expectTypeOf(error.body).toEqualTypeOf<unknown>();
    }
    if (error instanceof NotFoundError) expectTypeOf(error.status).toEqualTypeOf<404>();
  });
});

describe("instanceof", () => {
  it("an error subclass narrows the union to the documented body", async () => {
    const { error } = await v1.customers.get({ path: { customerId: 1 } }).result();
    if (error instanceof NotFoundError) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    const created = await cro.customers.contacts.create({ path: { customer_id: 1 }, body: {} }).result();
    if (created.error instanceof InternalServerError) {
      expectTypeOf(created.error.status).toMatchTypeOf<number>();
      // @ts-expect-error a 5xx error is never a 404
      expectTypeOf(created.error.status).toEqualTypeOf<404>();
    }
  });

  it("a caught error narrows to the class with an unknown body", () => {
    const caught: unknown = undefined;
    if (caught instanceof NotFoundError) {
      expectTypeOf(caught.status).toEqualTypeOf<404>();
      expectTypeOf(caught.body).toEqualTypeOf<unknown>();
    }
  });
});

describe("ApiErrorOf", () => {
  type Errors = { 404: "not found"; "4XX": "client"; default: "other" };
  type E = ApiErrorOf<Errors>;

  it("uses the exact status, then the range, then default", () => {
    const error = null as unknown as E;
    if (error.status === 404) expectTypeOf(error.body).toEqualTypeOf<"not found">();
    if (error.status === 400) expectTypeOf(error.body).toEqualTypeOf<"client">();
    if (error.status === 500) expectTypeOf(error.body).toEqualTypeOf<"other">();
    if (error.status === 302) expectTypeOf(error.body).toEqualTypeOf<"other">();
  });

  it("leaves no status out", () => {
    expectTypeOf<E["status"]>().toEqualTypeOf<HttpErrorStatus>();
    expectTypeOf<ApiErrorOf<{ "4XX": "client" }>["status"]>().toEqualTypeOf<HttpErrorStatus>();
    expectTypeOf<Extract<ApiErrorOf<{ "4XX": "client" }>, { body: "client" }>["status"]>().toEqualTypeOf<ClientErrorStatus>();
  });
});
