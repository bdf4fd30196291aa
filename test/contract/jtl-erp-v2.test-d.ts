/** JTL v2 wrappers refuse, at compile time, a wrong parameter name, a missing path parameter and a wrong body type. */
import { describe, expectTypeOf, it } from "vitest";
import type { WithRequestId } from "../../src/core/index.js";
import { createCustomerContact, createJtlErpV2Client, getCustomerContact, type CustomerContact } from "../../src/jtl-erp-v2/index.js";

const erp = createJtlErpV2Client({ tenantId: "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21" });
const customerId = "b45f6432-2462-4c6f-b00f-1d9d01000000";

describe("jtl-erp-v2 params are checked by the compiler", () => {
  it("accepts the documented names and types", () => {
    expectTypeOf(createCustomerContact(erp, { path: { customerId }, body: { firstName: "Erika" } })).resolves.toEqualTypeOf<
      WithRequestId<CustomerContact>
    >();
    getCustomerContact(erp, { path: { customerId, customerContactId: customerId }, header: { "x-runas": "5" } });
  });

  it("a wrong parameter name is a compile error", () => {
    // @ts-expect-error customerID is not a path parameter (customerId is)
    createCustomerContact(erp, { path: { customerID: customerId }, body: {} });
    // @ts-expect-error x-run-as is not a header parameter (x-runas is)
    getCustomerContact(erp, { path: { customerId, customerContactId: customerId }, header: { "x-run-as": "5" } });
    // @ts-expect-error the same through the bound method
    erp.customers.contacts.get({ path: { customerId, contactId: customerId } });
  });

  it("a missing path parameter is a compile error", () => {
    // @ts-expect-error customerContactId is missing
    getCustomerContact(erp, { path: { customerId } });
    // @ts-expect-error the path group is missing altogether
    createCustomerContact(erp, { body: {} });
    // @ts-expect-error the same through the bound method
    erp.customers.contacts.get({ path: { customerContactId: customerId } });
  });

  it("a wrong body type is a compile error", () => {
    // @ts-expect-error firstName is a string
    createCustomerContact(erp, { path: { customerId }, body: { firstName: 1 } });
    // @ts-expect-error the body is an object, not an array
    createCustomerContact(erp, { path: { customerId }, body: [] });
    // @ts-expect-error a path parameter of the wrong type (uuid strings, not numbers)
    getCustomerContact(erp, { path: { customerId: 1, customerContactId: 2 } });
  });
});
