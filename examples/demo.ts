/**
 * The typed clients against the embedded mock, no credentials needed:
 *
 *   npx tsx examples/demo.ts        (npm run demo)
 *
 * Starts a loopback mock per API, then runs JTL v1 through create → get → update → get → list →
 * delete (and a get of the deleted contact, which arrives as a typed NotFoundError), JTL v2 through
 * create → get, and CRO through create. Each step prints the request and the decoded answer.
 * Exits 0 when every step did what it should and the mocks saw no spec violation.
 */
import { createCroDispatchClient } from "../src/cro-dispatch/index.js";
import { NotFoundError, type ApiPromise, type FetchLike } from "../src/core/index.js";
import { createJtlErpV1Client } from "../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client } from "../src/jtl-erp-v2/index.js";
import { createMockServer, type MockServer } from "../src/mock/index.js";

/** What the last request was, for the step lines: the demo's fetch notes it, then sends it. */
let lastRequest = "";
const notingFetch: FetchLike = (request, init) => {
  lastRequest = `${request.method} ${new URL(request.url).pathname}`;
  return fetch(request, init);
};

/** A one-line JSON excerpt of a decoded body. */
function compact(value: unknown, max = 110): string {
  if (value === undefined) return "(no body)";
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

let stepNumber = 0;
/** Runs one call, prints "n. label  METHOD path → status  body", and returns the decoded data. */
async function step<T, E>(label: string, call: () => ApiPromise<T, E>): Promise<T> {
  const { data, response } = await call().withResponse();
  console.log(`${String(++stepNumber).padStart(2)}. ${label.padEnd(24)} ${lastRequest} → ${response.status}  ${compact(data)}`);
  return data;
}

/** Fails the demo with a clear line when a step did not do what it should. */
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`demo check failed: ${what}`);
}

async function jtlV1(mock: MockServer): Promise<void> {
  console.log(`\nJTL-Cloud ERP API v1, mock at ${mock.baseUrl}`);
  const erp = createJtlErpV1Client({
    baseUrl: mock.baseUrl,
    fetch: notingFetch,
    auth: "demo-access-token",
    apiKey: "demo-api-key",
    tenantId: "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21",
    appId: "VendorApiClientsDemo/1.0.0",
    appVersion: "1.0.0",
  });

  const customer = await step("create customer", () =>
    erp.customers.create({
      body: { CustomerGroupId: 1, BillingAddress: { City: "Bielefeld", CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 },
    }),
  );
  const customerId = customer.Id;
  const created = await step("create contact", () =>
    erp.customers.contacts.create({
      path: { customerId },
      body: { FirstName: "Erika", LastName: "Mustermann", EmailAddress: "erika@example.com" },
    }),
  );
  const ids = { customerId, customerContactId: created.Id };
  const fetched = await step("get contact", () => erp.customers.contacts.get({ path: ids }));
  check(fetched.LastName === "Mustermann", "get returns the created contact");
  await step("update contact", () => erp.customers.contacts.update({ path: ids, body: { LastName: "Musterfrau" } }));
  const updated = await step("get contact again", () => erp.customers.contacts.get({ path: ids }));
  check(updated.LastName === "Musterfrau" && updated.FirstName === "Erika", "the update changed LastName and kept FirstName");
  const contacts = await step("list contacts", () => erp.customers.contacts.list({ path: { customerId } }));
  check(contacts.length === 1, "the customer has one contact");
  await step("delete contact", () => erp.customers.contacts.delete({ path: ids }));

  const { error } = await erp.customers.contacts.get({ path: ids }).result();
  check(error instanceof NotFoundError, "a deleted contact is a NotFoundError");
  const message = error?.status === 404 ? error.body.ErrorMessage : undefined;
  console.log(
    `${String(++stepNumber).padStart(2)}. ${"get deleted contact".padEnd(24)} ${lastRequest} → ${error?.status}  ${error?.name}: ${message}`,
  );
}

async function jtlV2(mock: MockServer): Promise<void> {
  console.log(`\nJTL-Cloud ERP API v2, mock at ${mock.baseUrl}`);
  const erp = createJtlErpV2Client({
    baseUrl: mock.baseUrl,
    fetch: notingFetch,
    auth: "demo-access-token",
    tenantId: "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21",
  });
  const customerId = "b45f6432-2462-4c6f-b00f-1d9d01000000";
  const created = await step("create contact", () =>
    erp.customers.contacts.create({ path: { customerId }, body: { firstName: "Erika", lastName: "Mustermann" } }),
  );
  check(typeof created.id === "string", "the created contact has a uuid");
  const fetched = await step("get contact", () => erp.customers.contacts.get({ path: { customerId, customerContactId: created.id! } }));
  check(fetched.firstName === "Erika", "get returns the created contact");
}

async function croDispatch(mock: MockServer): Promise<void> {
  console.log(`\nCRO Software dispatch API, mock at ${mock.baseUrl}`);
  // CRO's page constrains the whole Authorization value: a JWT-shaped token.
  const cro = createCroDispatchClient({
    baseUrl: mock.baseUrl,
    fetch: notingFetch,
    auth: "demo-header.demo-payload.demo-signature",
    tenantId: 1207,
  });
  const created = await step("create contact", () =>
    cro.customers.contacts.create({ path: { customer_id: 3001 }, body: { name: "John J NewContact", notify_on_new_request: true } }),
  );
  check(created.name === "John J NewContact", "the created contact carries the sent name");
}

async function main(): Promise<void> {
  const mocks = await Promise.all(["jtl-erp-v1", "jtl-erp-v2", "cro-dispatch"].map((api) => createMockServer({ api, seed: 1 })));
  try {
    const [v1, v2, cro] = mocks as [MockServer, MockServer, MockServer];
    await jtlV1(v1);
    await jtlV2(v2);
    await croDispatch(cro);
    const violations = mocks.flatMap((m) => m.violations);
    console.log(`\n${stepNumber} steps, ${violations.length} spec violations seen by the mocks`);
    check(violations.length === 0, `the mocks saw no violation (${compact(violations, 300)})`);
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
  }
}

main().catch((error: unknown) => {
  // One clear line, no stack trace: the step that failed and why.
  console.error(`demo: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
});
