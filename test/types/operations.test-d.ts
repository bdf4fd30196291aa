/** Types of the generated operations through the runtime: params, header defaults, success bodies, bound resources. */
import { describe, expectTypeOf, it } from "vitest";
import {
  createClient,
  type ApiPromise,
  type Client,
  type ErrorBodies,
  type OperationCallOptions,
  type OperationParams,
  type SuccessBody,
  type WithRequestId,
} from "../../src/core/index.js";
import { createCroDispatchClient, type paths as CroPaths } from "../../src/cro-dispatch/index.js";
import {
  createJtlErpV1Client,
  deleteCustomer,
  getCustomer,
  queryCustomers,
  type Customer,
  type CustomerContact as V1Contact,
  type ErrorResponse,
  type GetCustomerErrors,
  type GetCustomerParams,
  type JtlErpV1DefaultedHeaders,
  type operations as V1Operations,
  type paths as V1Paths,
  type QueryCustomersParams,
} from "../../src/jtl-erp-v1/index.js";
import {
  createJtlErpV2Client,
  getCustomerContact,
  type CreateCustomerContactParams,
  type CustomerContact,
  type GetCustomerContactParams,
  type paths as V2Paths,
} from "../../src/jtl-erp-v2/index.js";

const ids = { customerId: "c", customerContactId: "k" };

describe("OperationParams", () => {
  it("groups parameters as in the spec; a required header makes its group required", () => {
    expectTypeOf<GetCustomerContactParams>().toHaveProperty("path").toEqualTypeOf<{ customerId: string; customerContactId: string }>();
    expectTypeOf<GetCustomerContactParams["header"]>().toEqualTypeOf<{
      "x-tenant-id": string;
      "x-runas"?: string;
      "x-companyid"?: string;
    }>();
    expectTypeOf<GetCustomerContactParams>().not.toHaveProperty("body");
    expectTypeOf<GetCustomerContactParams>().not.toHaveProperty("query");
  });

  it("a header the client sets (D) becomes optional, compared case-insensitively", () => {
    type Defaulted = GetCustomerContactParams<"x-tenant-id">;
    expectTypeOf<{ path: typeof ids }>().toMatchTypeOf<Defaulted>();
    expectTypeOf<Defaulted["header"]>().toEqualTypeOf<{ "x-tenant-id"?: string; "x-runas"?: string; "x-companyid"?: string } | undefined>();
    expectTypeOf<{ path: typeof ids }>().toMatchTypeOf<GetCustomerContactParams<"X-Tenant-ID">>();
    expectTypeOf<{ path: typeof ids }>().not.toMatchTypeOf<GetCustomerContactParams>();
  });

  it("a required body is required, with the JSON media type's schema", () => {
    expectTypeOf<CreateCustomerContactParams<"x-tenant-id">["body"]>().toEqualTypeOf<
      OperationParams<V2Paths["/v2/customers/{customerId}/contacts"]["post"]>["body"]
    >();
    expectTypeOf<{ path: { customerId: string } }>().not.toMatchTypeOf<CreateCustomerContactParams<"x-tenant-id">>();
    expectTypeOf<{ path: { customerId: string }; body: { firstName: string } }>().toMatchTypeOf<
      CreateCustomerContactParams<"x-tenant-id">
    >();
  });

  it("an all-optional query group is optional", () => {
    type AllHeaders = "x-tenant-id" | "x-appid" | "x-appversion";
    expectTypeOf<{}>().toMatchTypeOf<QueryCustomersParams<AllHeaders>>();
    expectTypeOf<QueryCustomersParams<AllHeaders>["query"]>().toEqualTypeOf<V1Operations["queryCustomers"]["parameters"]["query"]>();
  });
});

describe("SuccessBody and ErrorBodies", () => {
  it("is the 2xx body, void when there is none", () => {
    expectTypeOf<SuccessBody<V1Operations["getCustomer"]>>().toEqualTypeOf<Customer>();
    expectTypeOf<SuccessBody<V1Operations["deleteCustomer"]>>().toEqualTypeOf<void>();
    expectTypeOf<SuccessBody<V1Operations["queryCustomerContacts"]>>().toEqualTypeOf<V1Contact[]>();
  });

  it("maps every documented error status to its body (undefined without one)", () => {
    expectTypeOf<keyof GetCustomerErrors>().toEqualTypeOf<401 | 402 | 403 | 404 | 429>();
    expectTypeOf<GetCustomerErrors[404]>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<GetCustomerErrors[401]>().toEqualTypeOf<undefined>();
    expectTypeOf<keyof ErrorBodies<V2Paths["/v2/customers/{customerId}/contacts/{customerContactId}"]["get"]>>().toEqualTypeOf<never>();
  });
});

describe("factories and header defaults", () => {
  it("headers set on the client are not asked for again", () => {
    const erp = createJtlErpV2Client({ tenantId: "t" });
    expectTypeOf(erp.customers.contacts.get({ path: ids })).toEqualTypeOf<ApiPromise<CustomerContact, {}>>();
    expectTypeOf(getCustomerContact(erp, { path: ids })).resolves.toEqualTypeOf<WithRequestId<CustomerContact>>();
  });

  it("the options that send required headers are required", () => {
    // @ts-expect-error tenantId is required
    createJtlErpV2Client({});
    // @ts-expect-error appVersion is required
    createJtlErpV1Client({ tenantId: "t", appId: "a" });
    // @ts-expect-error tenantId is required
    createCroDispatchClient({ apiVersion: null });
  });

  it("a required header nobody set is a compile error (a core client sets none)", () => {
    const bare = createClient<V2Paths>({ baseUrl: "https://example.test" });
    // @ts-expect-error x-tenant-id is required and the client does not set it
    getCustomerContact(bare, { path: ids });
    getCustomerContact(bare, { path: ids, header: { "x-tenant-id": "t" } });
    const v1 = createClient<V1Paths, "x-tenant-id" | "x-appid">({ baseUrl: "https://example.test" });
    // @ts-expect-error x-appversion is still required
    getCustomer(v1, { path: { customerId: 1 } });
    getCustomer(v1, { path: { customerId: 1 }, header: { "x-appversion": "1" } });
  });

  it("an operation with nothing left to ask for can be called without params", () => {
    const v1 = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
    expectTypeOf(v1.customers.list()).resolves.toHaveProperty("Items");
    expectTypeOf(queryCustomers(v1)).resolves.toHaveProperty("Items");
    expectTypeOf(queryCustomers(v1, { query: { pageSize: 5 } }, { timeoutMs: 1 })).resolves.toHaveProperty("Items");
    expectTypeOf(deleteCustomer(v1, { path: { customerId: 1 } })).resolves.toEqualTypeOf<void>();
    // @ts-expect-error the path is still required
    deleteCustomer(v1);
    // @ts-expect-error the same through the bound method
    v1.customers.delete();
  });

  it("CRO: tenant id is an integer header, x-api-version is pinned by the client", () => {
    const cro = createCroDispatchClient({ tenantId: 1207 });
    cro.customers.contacts.create({ path: { customer_id: 1 }, body: { name: "John" } });
    // @ts-expect-error customer_id is an int64 number
    cro.customers.contacts.create({ path: { customer_id: "1" }, body: {} });
    expectTypeOf(cro).toMatchTypeOf<Client<CroPaths, "x-tenant-id">>();
  });

  it("unknown factory options are refused", () => {
    // @ts-expect-error a typo of tenantId
    createJtlErpV2Client({ tenantID: "t" });
  });

  it("bound methods drop the client argument and keep per-call options", () => {
    const erp = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
    expectTypeOf(erp.customers.get).parameters.toEqualTypeOf<
      [params: GetCustomerParams<JtlErpV1DefaultedHeaders>, options?: OperationCallOptions | undefined]
    >();
    expectTypeOf<GetCustomerParams<JtlErpV1DefaultedHeaders>>().toEqualTypeOf<
      OperationParams<V1Operations["getCustomer"], "x-tenant-id" | "x-appid" | "x-appversion">
    >();
    expectTypeOf(erp.customers.get).returns.toEqualTypeOf<ReturnType<typeof getCustomer>>();
  });
});

describe("Client", () => {
  it("a client that sets more headers fits where fewer are assumed, not the other way round", () => {
    expectTypeOf<Client<V2Paths, "x-tenant-id" | "x-runas">>().toMatchTypeOf<Client<V2Paths, "x-tenant-id">>();
    expectTypeOf<Client<V2Paths, never>>().not.toMatchTypeOf<Client<V2Paths, "x-tenant-id">>();
  });

  it("a client of one API does not fit the operations of another", () => {
    const v1 = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1" });
    // @ts-expect-error a v1 client passed to a v2 operation
    getCustomerContact(v1, { path: ids, header: { "x-tenant-id": "t" } });
  });

  it("ApiPromise is a Promise of the success body", () => {
    const erp = createJtlErpV2Client({ tenantId: "t" });
    expectTypeOf(erp.customers.contacts.get({ path: ids })).toMatchTypeOf<Promise<CustomerContact>>();
    expectTypeOf(erp.customers.contacts.get({ path: ids }).withResponse()).resolves.toEqualTypeOf<{
      data: WithRequestId<CustomerContact>;
      response: Response;
      requestId: string | undefined;
    }>();
  });

  it("a success body carries its request id, typed, and a body-less answer does not", () => {
    const erp = createJtlErpV2Client({ tenantId: "t" });
    expectTypeOf(erp.customers.contacts.get({ path: ids }))
      .resolves.toHaveProperty("_request_id")
      .toEqualTypeOf<string | null | undefined>();
    expectTypeOf(erp.customers.contacts.delete({ path: ids })).resolves.toEqualTypeOf<void>();
    const contact: CustomerContact = {};
    // @ts-expect-error: a plain model value has no request id
    contact._request_id;
  });
});
