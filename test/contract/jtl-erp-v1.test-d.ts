/** JTL v1 wrappers refuse, at compile time, a wrong parameter name, a missing path parameter and a wrong body type. */
import { describe, expectTypeOf, it } from "vitest";
import type { WithRequestId } from "../../src/core/index.js";
import {
  createCustomer,
  createJtlErpV1Client,
  getCustomerContact,
  queryCustomers,
  updateCustomerContact,
  type CustomerContact,
} from "../../src/jtl-erp-v1/index.js";

const erp = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
const ids = { customerId: 1001, customerContactId: 12 };

describe("jtl-erp-v1 params are checked by the compiler", () => {
  it("accepts the documented names and types", () => {
    expectTypeOf(getCustomerContact(erp, { path: ids })).resolves.toEqualTypeOf<WithRequestId<CustomerContact>>();
    updateCustomerContact(erp, { path: ids, body: { FirstName: "Erika" } });
    queryCustomers(erp, { query: { pageSize: 50, searchKeyWord: "Muster" } });
    createCustomer(erp, {
      body: { CustomerGroupId: 1, BillingAddress: { City: "Bielefeld", CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 },
    });
  });

  it("a wrong parameter name is a compile error", () => {
    // @ts-expect-error customerContactID is not a path parameter (customerContactId is)
    getCustomerContact(erp, { path: { customerId: 1001, customerContactID: 12 } });
    // @ts-expect-error pagesize is not a query parameter (pageSize is)
    queryCustomers(erp, { query: { pagesize: 50 } });
    // @ts-expect-error x-tenantid is not a header parameter (x-tenant-id is)
    queryCustomers(erp, { header: { "x-tenantid": "t" } });
    // @ts-expect-error the same through the bound method
    erp.customers.contacts.get({ path: { customerId: 1001, contactId: 12 } });
  });

  it("a missing path parameter is a compile error", () => {
    // @ts-expect-error customerContactId is missing
    getCustomerContact(erp, { path: { customerId: 1001 } });
    // @ts-expect-error the path group is missing altogether
    updateCustomerContact(erp, { body: {} });
    // @ts-expect-error the same through the bound method
    erp.customers.contacts.update({ path: { customerContactId: 12 }, body: {} });
  });

  it("a wrong body type is a compile error", () => {
    // @ts-expect-error FirstName is a string
    updateCustomerContact(erp, { path: ids, body: { FirstName: 42 } });
    // @ts-expect-error the body is an object, not a string
    updateCustomerContact(erp, { path: ids, body: "Erika" });
    // @ts-expect-error CreateCustomer requires BillingAddress, LanguageIso and InternalCompanyId
    createCustomer(erp, { body: { CustomerGroupId: 1 } });
    // @ts-expect-error a query parameter of the wrong type (pageSize is an int32 number)
    queryCustomers(erp, { query: { pageSize: "50" } });
  });
});
