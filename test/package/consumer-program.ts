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
export const CONSUMER_PROGRAM = `
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createBasicClient, NotFoundError, SdkError, type Logger } from "vendor-api-clients";
import { croAuthorizationCode, createCroDispatchClient, type CustomerContactModel } from "vendor-api-clients/cro-dispatch";
import { receiveRedirect } from "vendor-api-clients/loopback";
import { responseValidator } from "vendor-api-clients/validation";
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
    // Every customer, page by page, lazily: three created, two per page.
    for (const city of ["Bielefeld", "Hamburg", "Leipzig"]) {
      await v1.customers.create({ body: { CustomerGroupId: 1, BillingAddress: { City: city, CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 } });
    }
    let walked = 0;
    for await (const customer of v1.customers.list({ query: { pageSize: 2 } })) {
      assert.equal(typeof customer.Id, "number");
      walked++;
    }
    let pages = 0;
    let itemsOnPages = 0;
    for await (const body of v1.customers.list({ query: { pageSize: 2 } }).pages()) {
      pages++;
      itemsOnPages += body.Items?.length ?? 0;
    }
    summary["jtl-erp-v1"] = {
      pageSize: page.PageSize,
      walkedAll: walked === itemsOnPages && walked >= 3,
      severalPages: pages > 1,
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
    // A logger that keeps its lines, to show they carry no secret.
    const lines: string[] = [];
    const keep = (message: string, fields?: Record<string, unknown>) => void lines.push(message + JSON.stringify(fields));
    const logger: Logger = { debug: keep, info: keep, warn: keep, error: keep };
    const v2 = createJtlErpV2Client({
      baseUrl: mock.url,
      tenantId,
      auth: async () => "consumer-secret-token",
      headers: { "x-api-key": "consumer-secret-key" },
      validateResponses: responseValidator(),
      logger,
      logLevel: "debug",
    });
    const customerId = "b45f6432-2462-4c6f-b00f-1d9d01000000";
    const created = await v2.customers.contacts.create({ path: { customerId }, body: { firstName: "Erika", lastName: "Mustermann" } });
    assert.ok(created.id, "the created contact has an id");
    const fetched: CustomerContact = await getCustomerContact(v2, { path: { customerId, customerContactId: created.id } });
    // The same read through the smallest client the operations accept.
    const basic = createBasicClient<V2Paths, "x-tenant-id">({ baseUrl: mock.url, headers: { "x-tenant-id": tenantId }, auth: "consumer-token" });
    const viaBasic = await getCustomerContact(basic, { path: { customerId, customerContactId: created.id } });
    // A copy that does not retry and tags its calls; it keeps the resource tree and the auth.
    const tagged = v2.withOptions({ maxRetries: 0, headers: { "x-trace": "consumer" } });
    const viaCopy = await tagged.customers.contacts.get({ path: { customerId, customerContactId: created.id } });
    summary["jtl-erp-v2"] = {
      copyFetchedId: viaCopy.id,
      logged: lines.length > 0 && lines.every((line) => line.includes("[vendor-api-clients]")),
      secretInLog: lines.some((line) => line.includes("consumer-secret")),
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
    const second = await cro.customers.contacts.create({ path: { customer_id: 5012 }, body: { name: "Second" } }).withResponse();
    summary["cro-dispatch"] = {
      status: response.status,
      name: contact.name,
      requestIdOnSuccess: typeof second.requestId === "string" && second.requestId.length > 0 && second.requestId === second.response.headers.get("x-request-id"),
      hiddenRequestId: data._request_id === response.headers.get("x-request-id") && !Object.keys(data).includes("_request_id"),
      violations: mock.violations.length,
    };
  } finally {
    await mock.close();
  }
}

// CRO sign-in: authorization code with PKCE against a token server on loopback, the redirect taken
// by the loopback receiver, then the tokens used as the client's auth against the mock.
{
  const accessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJQa2NlIn0.c2lnbmVk";
  let verifierMatched = false;
  const auth = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/auth") {
      const target = new URL(url.searchParams.get("redirect_uri") ?? "");
      target.searchParams.set("code", "code-1");
      target.searchParams.set("state", url.searchParams.get("state") ?? "");
      return response.writeHead(302, { location: target.href }).end();
    }
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const form = new URLSearchParams(body);
      verifierMatched = (form.get("code_verifier") ?? "").length >= 43 && form.get("code") === "code-1";
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: accessToken, token_type: "Bearer", expires_in: 3600, refresh_token: "refresh-1" }));
    });
  });
  await new Promise<void>((resolve) => auth.listen(0, "127.0.0.1", resolve));
  const base = "http://127.0.0.1:" + (auth.address() as AddressInfo).port;
  const mock = await createMockServer({ api: "cro-dispatch" });
  try {
    const receiver = await receiveRedirect();
    const flow = croAuthorizationCode({ clientId: "consumer", redirectUri: receiver.redirectUri, authorizationUrl: base + "/auth", tokenUrl: base + "/token" });
    const request = await flow.start();
    // Plays the browser: the authorization server redirects to the receiver.
    const redirect = await fetch(request.url, { redirect: "manual" });
    await (await fetch(redirect.headers.get("location") ?? "")).text();
    const tokens = await flow.finish(await receiver.callback, request);
    const cro = createCroDispatchClient({ baseUrl: mock.url, tenantId: 1207, auth: tokens.tokenProvider() });
    const created = await cro.customers.contacts.create({ path: { customer_id: 5012 }, body: { name: "Signed In" } });
    summary.signIn = { verifierMatched, refreshToken: tokens.refreshToken === "refresh-1", createdName: created.name, violations: mock.violations.length };
  } finally {
    await mock.close();
    auth.closeAllConnections();
    auth.close();
  }
}

// Never called: the call below must fail to type-check.
export function missingPathParameter(v2: ReturnType<typeof createJtlErpV2Client>): void {
  // @ts-expect-error customerContactId is a required path parameter
  void getCustomerContact(v2, { path: { customerId: "b45f6432-2462-4c6f-b00f-1d9d01000000" } });
}

console.log(JSON.stringify(summary));
`;
