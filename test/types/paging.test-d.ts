// A paged list operation is typed as its first page when awaited and as its items when iterated.
import { describe, expectTypeOf, it } from "vitest";
import type { PagedApiPromise, WithRequestId } from "../../src/core/index.js";
import { createCroDispatchClient, type CustomerContactListModel, type CustomerContactModel } from "../../src/cro-dispatch/index.js";
import {
  createJtlErpV1Client,
  queryCustomers,
  type Customer,
  type PagedListOfCustomer,
  type QueryCustomersErrors,
} from "../../src/jtl-erp-v1/index.js";

const erp = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1", auth: "token" });
const cro = createCroDispatchClient({ tenantId: 1, auth: "token" });

describe("paged operations", () => {
  it("await gives the page, for await gives the items, .pages() the page bodies", () => {
    const list = erp.customers.list({ query: { pageSize: 10 } });
    expectTypeOf(list).toMatchTypeOf<PagedApiPromise<PagedListOfCustomer, QueryCustomersErrors, Customer>>();
    expectTypeOf<Awaited<typeof list>>().toEqualTypeOf<WithRequestId<PagedListOfCustomer>>();
    expectTypeOf(list[Symbol.asyncIterator]().next()).resolves.toMatchTypeOf<IteratorResult<Customer, void>>();
    expectTypeOf(list.pages()).toEqualTypeOf<AsyncGenerator<WithRequestId<PagedListOfCustomer>, void, undefined>>();
    expectTypeOf(queryCustomers(erp)).toEqualTypeOf(list);
  });

  it("CRO's contact list iterates contact models", () => {
    const contacts = cro.customers.contacts.list({ path: { customer_id: 1 } });
    expectTypeOf<Awaited<typeof contacts>>().toEqualTypeOf<WithRequestId<CustomerContactListModel>>();
    expectTypeOf(contacts[Symbol.asyncIterator]().next()).resolves.toMatchTypeOf<IteratorResult<CustomerContactModel, void>>();
  });

  it("an operation that is not paged has no iteration", () => {
    const one = erp.customers.get({ path: { customerId: 1 } });
    // @ts-expect-error: a single customer is not a page
    one.pages();
  });
});
