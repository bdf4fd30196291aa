// The fresh project consumer.test.ts installs the packed package into: its tsconfig and one program
// that uses every API's client against the embedded mock. Kept as text, not as a .ts file of this
// repository, because it must be compiled where only the installed package is visible.

/** A strict Node consumer: NodeNext, no DOM lib, the package's own .d.ts checked (skipLibCheck off). */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    types: ["node"],
    outDir: "out",
    noEmitOnError: true,
  },
  files: ["app.mts"],
};

/**
 * app.mts: calls at least one operation of each API (through the resource tree and as a standalone
 * function), prints a JSON summary on its last line, and carries a `@ts-expect-error` that only holds
 * if the package's types reach the consumer (with `any` types the directive itself is an error).
 */
export const CONSUMER_PROGRAM = String.raw`
import assert from "node:assert/strict";
import { createBasicClient, NotFoundError, SdkError } from "vendor-api-clients";
import { createCroDispatchClient, type CustomerContactModel } from "vendor-api-clients/cro-dispatch";
import { createJtlErpV1Client, getCustomer, queryCustomers, type PagedListOfCustomer } from "vendor-api-clients/jtl-erp-v1";
import { createJtlErpV2Client, getCustomerContact, type CustomerContact, type paths as V2Paths } from "vendor-api-clients/jtl-erp-v2";
import { createMockServer, listBundledApis } from "vendor-api-clients/mock";

const tenantId = "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21";
const summary: Record<string, unknown> = { apis: listBundledApis() };

// JTL v1: a list through the resource tree, the same call as a standalone function, a documented 404.
{
  const mock = await createMockServer({ api: "jtl-erp-v1" });
  try {
    const v1 = createJtlErpV1Client({ baseUrl: mock.url, tenantId, appId: "Consumer/1.0.0", appVersion: "1.0.0", apiKey: "consumer-key", auth: "consumer-token" });
    const page: PagedListOfCustomer = await v1.customers.list({ query: { pageSize: 5 } });
    const again = await queryCustomers(v1, { query: { pageSize: 5 } });
    const missing = await getCustomer(v1, { path: { customerId: 987654 } }).result();
    summary["jtl-erp-v1"] = {
      pageSize: page.PageSize,
      sameTwice: JSON.stringify(page) === JSON.stringify(again),
      missingStatus: missing.error?.status,
      missingIsNotFoundError: missing.error instanceof NotFoundError && missing.error instanceof SdkError,
      violations: mock.violations.length,
    };
  } finally {
    await mock.close();
  }
}

// JTL v2: create a contact and read it back with the standalone function; responses are checked
// against the bundled spec, which the package loads lazily from its own files.
{
  const mock = await createMockServer({ api: "jtl-erp-v2" });
  try {
    const v2 = createJtlErpV2Client({ baseUrl: mock.url, tenantId, auth: async () => "consumer-token", validateResponses: true });
    const customerId = "b45f6432-2462-4c6f-b00f-1d9d01000000";
    const created = await v2.customers.contacts.create({ path: { customerId }, body: { firstName: "Erika", lastName: "Mustermann" } });
    assert.ok(created.id, "the created contact has an id");
    const fetched: CustomerContact = await getCustomerContact(v2, { path: { customerId, customerContactId: created.id } });
    // The same read through the smallest client the operations accept.
    const basic = createBasicClient<V2Paths, "x-tenant-id">({ baseUrl: mock.url, headers: { "x-tenant-id": tenantId }, auth: "consumer-token" });
    const viaBasic = await getCustomerContact(basic, { path: { customerId, customerContactId: created.id } });
    summary["jtl-erp-v2"] = {
      createdId: created.id,
      fetchedId: fetched.id,
      basicFetchedId: viaBasic.id,
      lastName: fetched.lastName,
      violations: mock.violations.length,
    };
  } finally {
    await mock.close();
  }
}

// CRO: create a contact (int64 path id, snake_case body, a JWT-shaped bearer token).
{
  const mock = await createMockServer({ api: "cro-dispatch" });
  try {
    const cro = createCroDispatchClient({ baseUrl: mock.url, tenantId: 1207, auth: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJDb25zdW1lciJ9.c2lnbmF0dXJl" });
    const { data, response } = await cro.customers.contacts
      .create({ path: { customer_id: 5012 }, body: { name: "Erika Mustermann", notify_on_new_request: true } })
      .withResponse();
    const contact: CustomerContactModel = data;
    summary["cro-dispatch"] = { status: response.status, name: contact.name, violations: mock.violations.length };
  } finally {
    await mock.close();
  }
}

// Never called: the call below must fail to type-check.
export function missingPathParameter(v2: ReturnType<typeof createJtlErpV2Client>): void {
  // @ts-expect-error customerContactId is a required path parameter
  void getCustomerContact(v2, { path: { customerId: "b45f6432-2462-4c6f-b00f-1d9d01000000" } });
}

console.log(JSON.stringify(summary));
`;
