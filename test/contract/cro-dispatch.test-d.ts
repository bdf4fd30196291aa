/** CRO wrappers refuse, at compile time, a wrong parameter name, a missing path parameter and a wrong body type. */
import { describe, expectTypeOf, it } from "vitest";
import type { WithRequestId } from "../../src/core/index.js";
import { createCroDispatchClient, createCustomerContact, type CustomerContactModel } from "../../src/cro-dispatch/index.js";

const cro = createCroDispatchClient({ tenantId: 1207 });

describe("cro-dispatch params are checked by the compiler", () => {
  it("accepts the documented names and types", () => {
    expectTypeOf(createCustomerContact(cro, { path: { customer_id: 3001 }, body: { name: "John" } })).resolves.toEqualTypeOf<
      WithRequestId<CustomerContactModel>
    >();
    createCustomerContact(cro, {
      path: { customer_id: 3001 },
      body: { notify_on_new_request: true },
      header: { "x-api-version": "2021/11/04" },
    });
  });

  it("a wrong parameter name is a compile error", () => {
    // @ts-expect-error customerId is not a path parameter (customer_id is)
    createCustomerContact(cro, { path: { customerId: 3001 }, body: {} });
    // @ts-expect-error x-api-versions is not a header parameter (x-api-version is)
    createCustomerContact(cro, { path: { customer_id: 3001 }, body: {}, header: { "x-api-versions": "2023/04/19" } });
    // @ts-expect-error the same through the bound method
    cro.customers.contacts.create({ path: { customerid: 3001 }, body: {} });
  });

  it("a missing path parameter is a compile error", () => {
    // @ts-expect-error customer_id is missing
    createCustomerContact(cro, { path: {}, body: {} });
    // @ts-expect-error the path group is missing altogether
    createCustomerContact(cro, { body: {} });
    // @ts-expect-error the same through the bound method
    cro.customers.contacts.create({ body: { name: "John" } });
  });

  it("a wrong body type is a compile error", () => {
    // @ts-expect-error notify_on_new_request is a boolean, not the string the page's accepted values suggest
    createCustomerContact(cro, { path: { customer_id: 3001 }, body: { notify_on_new_request: "True" } });
    // @ts-expect-error name is a string
    createCustomerContact(cro, { path: { customer_id: 3001 }, body: { name: 42 } });
    // @ts-expect-error x-api-version is one of the listed versions
    createCustomerContact(cro, { path: { customer_id: 3001 }, body: {}, header: { "x-api-version": "2024/01/01" } });
  });
});
