/** The three factories: default headers, pinned versions, base URLs and token URLs from the specs, bound resources. */
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientConfigError } from "../../src/core/index.js";
import {
  CRO_DISPATCH_API_VERSION,
  CRO_DISPATCH_BASE_URL,
  CRO_TOKEN_URL,
  createCroDispatchClient,
  createCustomerContact as croCreateContact,
} from "../../src/cro-dispatch/index.js";
import { createJtlErpV1Client, JTL_ERP_V1_BASE_URL, queryCustomers } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client, getCustomerContact, JTL_ERP_V2_BASE_URL, JTL_TOKEN_URL } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const spec = (api: string) => JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.json`, import.meta.url), "utf8"));

let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.url.startsWith("/customers?") || request.url === "/customers") {
      json(response, 200, { TotalItems: 0, PageNumber: 1, PageSize: 50, Items: [] });
    } else if (request.method === "POST") {
      json(response, request.url.startsWith("/v2/") ? 201 : 200, { id: 5012, name: "John" });
    } else {
      json(response, 200, { id: "b45f6432-2462-4c6f-b00f-1d9d01000000", firstName: "Erika" });
    }
  });
});
afterAll(() => server.close());

describe("defaults taken from the specs", () => {
  it.each([
    ["jtl-erp-v1", JTL_ERP_V1_BASE_URL],
    ["jtl-erp-v2", JTL_ERP_V2_BASE_URL],
    ["cro-dispatch", CRO_DISPATCH_BASE_URL],
  ])("%s: the default base URL is the spec's first server", (api, baseUrl) => {
    expect(baseUrl).toBe(spec(api).servers[0].url);
  });

  it("the token URLs are the specs' OAuth2 token URLs", () => {
    expect(JTL_TOKEN_URL).toBe(spec("jtl-erp-v1").components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl);
    expect(JTL_TOKEN_URL).toBe(spec("jtl-erp-v2").components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl);
    expect(CRO_TOKEN_URL).toBe(spec("cro-dispatch").components.securitySchemes.oauth2.flows.authorizationCode.tokenUrl);
  });

  it("the pinned CRO api version is one the spec accepts, the newest", () => {
    const versions: string[] = spec("cro-dispatch").components.parameters.XApiVersion.schema.enum;
    expect(versions).toContain(CRO_DISPATCH_API_VERSION);
    expect([...versions].sort().at(-1)).toBe(CRO_DISPATCH_API_VERSION);
  });
});

describe("JTL v1 client", () => {
  it("sends the named headers, the pinned api-version and the api key on every request", async () => {
    const erp = createJtlErpV1Client({
      baseUrl: server.url,
      tenantId: "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21",
      appId: "MyApp/1.0.0",
      appVersion: "1.0.0",
      apiKey: "wawi-key-123456",
      auth: "static-token-abcdef",
    });
    const before = server.requests.length;
    const page = await erp.customers.list({ query: { pageSize: 50 } });
    expect(page.PageSize).toBe(50);
    const seen = server.requests[before]!;
    expect(seen.url).toBe("/customers?pageSize=50");
    expect(seen.headers["x-tenant-id"]).toBe("3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21");
    expect(seen.headers["x-appid"]).toBe("MyApp/1.0.0");
    expect(seen.headers["x-appversion"]).toBe("1.0.0");
    expect(seen.headers["api-version"]).toBe("1.0");
    expect(seen.headers["x-api-key"]).toBe("wawi-key-123456");
    expect(seen.headers.authorization).toBe("Bearer static-token-abcdef");
  });

  it("the standalone function and the bound method send the same request", async () => {
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1" });
    const before = server.requests.length;
    await queryCustomers(erp, { query: { number: "C1" } });
    await erp.customers.list({ query: { number: "C1" } });
    const [first, second] = server.requests.slice(before);
    expect(first!.url).toBe(second!.url);
    expect(first!.headers).toEqual(second!.headers);
  });

  it("apiVersion: null sends no api-version; a per-call header overrides a client default", async () => {
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1", apiVersion: null });
    const before = server.requests.length;
    await erp.customers.list({ header: { "x-tenant-id": "other-tenant" } });
    await erp.customers.list({}, { headers: { "x-appid": "Override/2.0" } });
    const [first, second] = server.requests.slice(before);
    expect(first!.headers["api-version"]).toBeUndefined();
    expect(first!.headers["x-tenant-id"]).toBe("other-tenant");
    expect(second!.headers["x-appid"]).toBe("Override/2.0");
    expect(second!.headers["x-tenant-id"]).toBe("t");
  });

  it("refuses a header given both as a named option and in headers", () => {
    expect(() =>
      createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1", headers: { "X-Tenant-Id": "u" } }),
    ).toThrow(ClientConfigError);
  });
});

describe("JTL v2 client", () => {
  it("grouped methods and standalone functions work on the same client object", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "tenant-1", runAs: "5" });
    const params = { path: { customerId: "c-1", customerContactId: "k-1" } };
    const bound = await erp.customers.contacts.get(params);
    const standalone = await getCustomerContact(erp, params);
    expect(bound).toEqual(standalone);
    expect(bound.firstName).toBe("Erika");
    const last = server.requests.at(-1)!;
    expect(last.url).toBe("/v2/customers/c-1/contacts/k-1");
    expect(last.headers["x-tenant-id"]).toBe("tenant-1");
    expect(last.headers["x-runas"]).toBe("5");
  });

  it("sends a JSON body with content-type application/json", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "tenant-1" });
    await erp.customers.contacts.create({ path: { customerId: "c-1" }, body: { firstName: "Erika" } });
    const last = server.requests.at(-1)!;
    expect(last.method).toBe("POST");
    expect(last.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(last.body)).toEqual({ firstName: "Erika" });
  });
});

describe("CRO dispatch client", () => {
  it("pins x-api-version and sends the integer tenant id", async () => {
    const cro = createCroDispatchClient({ baseUrl: server.url, tenantId: 1207, auth: "cro-token.abc.def" });
    const contact = await croCreateContact(cro, { path: { customer_id: 3001 }, body: { name: "John" } });
    expect(contact.id).toBe(5012);
    const last = server.requests.at(-1)!;
    expect(last.url).toBe("/customers/3001/contacts");
    expect(last.headers["x-api-version"]).toBe("2023/04/19");
    expect(last.headers["x-tenant-id"]).toBe("1207");
  });
});

describe("printing a client never shows a secret", () => {
  it("toString, toJSON and inspect (even showHidden) show names, not values", () => {
    const erp = createJtlErpV1Client({
      tenantId: "tenant-secret-ish",
      appId: "a",
      appVersion: "1",
      apiKey: "api-key-do-not-print",
      auth: "token-do-not-print",
      headers: { "x-custom-secret": "custom-do-not-print" },
    });
    const outputs = [
      String(erp),
      JSON.stringify(erp),
      inspect(erp),
      inspect(erp, { showHidden: true, depth: 10 }),
      inspect(erp, { customInspect: false, showHidden: true, depth: 10 }),
    ];
    for (const output of outputs) {
      expect(output).not.toContain("api-key-do-not-print");
      expect(output).not.toContain("token-do-not-print");
      expect(output).not.toContain("custom-do-not-print");
    }
    expect(inspect(erp)).toContain("JtlErpV1Client");
    expect(JSON.parse(JSON.stringify(erp)).defaultHeaders).toContain("x-api-key");
  });
});
