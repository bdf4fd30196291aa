/** Hostile input: path and query values stay in place on the wire, bad headers and missing params are refused before sending. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callOperation,
  ClientConfigError,
  createClient,
  InvalidRequestError,
  TokenRequestError,
  type OperationMeta,
} from "../../src/core/index.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client, getCustomerContact } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const SECRET = "sekret-value-123456";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_, response) => json(response, 200, { TotalItems: 0, PageNumber: 1, PageSize: 1, Items: [] }));
});
afterAll(() => server.close());

const v2 = () => createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 0 });
const sentSince = (before: number) => server.requests.slice(before);

describe("path parameters stay inside their segment", () => {
  it.each([
    ["../admin?x=1", "..%2Fadmin%3Fx%3D1"],
    ["a/b", "a%2Fb"],
    ["%2e%2e", "%252e%252e"],
    ["x#frag", "x%23frag"],
    ["a b", "a%20b"],
    ["ä€", "%C3%A4%E2%82%AC"],
    ["...", "..."],
  ])("%j arrives as %s", async (value, encoded) => {
    const before = server.requests.length;
    await getCustomerContact(v2(), { path: { customerId: value, customerContactId: "k" } });
    expect(sentSince(before).map((request) => request.url)).toEqual([`/v2/customers/${encoded}/contacts/k`]);
  });

  it.each([".", "..", ""])("%j is refused before sending (a URL would resolve it away)", async (value) => {
    const before = server.requests.length;
    const error = await v2()
      .customers.contacts.get({ path: { customerId: value, customerContactId: "k" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('path parameter "customerId"');
    expect(sentSince(before)).toEqual([]);
  });

  it("a missing path parameter is refused, naming it", async () => {
    const error = await v2()
      .customers.contacts.get({ path: { customerId: "c" } } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe('getCustomerContact: path parameter "customerContactId" is missing');
  });

  it("query values are percent-encoded", async () => {
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1" });
    const before = server.requests.length;
    await erp.customers.list({ query: { searchKeyWord: "a&b=c#d", number: "x y" } });
    expect(sentSince(before)[0]!.url).toBe("/customers?searchKeyWord=a%26b%3Dc%23d&number=x%20y");
  });
});

describe("headers with CR or LF are refused, without showing the value", () => {
  it.each([
    [
      "params.header",
      (value: string) => v2().customers.contacts.get({ path: { customerId: "c", customerContactId: "k" }, header: { "x-runas": value } }),
    ],
    [
      "options.headers",
      (value: string) =>
        v2().customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } }, { headers: { "x-extra": value } }),
    ],
  ])("in %s", async (_, send) => {
    for (const value of [`${SECRET}\r\nX-Injected: 1`, `${SECRET}\n`, `\r${SECRET}`]) {
      const before = server.requests.length;
      const error = (await send(value).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(/header "x-(runas|extra)" contains a line break/);
      expect(error.message).not.toContain(SECRET);
      expect(sentSince(before)).toEqual([]);
    }
  });

  it("in a default header or a static token: the client is not created", () => {
    for (const create of [
      () => createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", headers: { "x-api-key": `${SECRET}\r\n` } }),
      () => createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1", apiKey: `${SECRET}\n` }),
      () => createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: `${SECRET}\r\nX-Evil: 1` }),
    ]) {
      let error: unknown;
      try {
        create();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ClientConfigError);
      expect((error as Error).message).not.toContain(SECRET);
    }
  });

  it("in a token from a provider: the call fails before sending", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: async () => `${SECRET}\r\nX-Evil: 1` });
    const before = server.requests.length;
    const error = (await erp.customers.contacts
      .get({ path: { customerId: "c", customerContactId: "k" } })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.message).not.toContain(SECRET);
    expect(sentSince(before)).toEqual([]);
  });

  it("an invalid header name is refused", async () => {
    const error = await v2()
      .customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } }, { headers: { "bad name": "x" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
  });
});

describe("required headers and bodies", () => {
  const meta = {
    operationId: "getThing",
    method: "get",
    path: "/things/{id}",
    request: null,
    responses: { "200": "application/json" },
    requiredHeaders: ["x-tenant-id", "X-AppId"],
  } as const satisfies OperationMeta;

  it("a required header nobody set fails before sending, naming it", async () => {
    const client = createClient({ baseUrl: server.url, headers: { "x-tenant-id": "t" } });
    const before = server.requests.length;
    const error = await callOperation(client, meta, { path: { id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe(
      'getThing: required header "X-AppId" is not set: set it on the client or pass it in params.header',
    );
    expect(sentSince(before)).toEqual([]);
  });

  it("a required header set on the client, in params or in options (any case) is enough", async () => {
    const both = createClient({ baseUrl: server.url, headers: { "X-Tenant-Id": "t", "x-appid": "a" } });
    await expect(callOperation(both, meta, { path: { id: 1 } })).resolves.toBeDefined();
    const tenantOnly = createClient({ baseUrl: server.url, headers: { "x-tenant-id": "t" } });
    await expect(callOperation(tenantOnly, meta, { path: { id: 1 }, header: { "X-APPID": "a" } })).resolves.toBeDefined();
    await expect(callOperation(tenantOnly, meta, { path: { id: 1 } }, { headers: { "x-appid": "a" } })).resolves.toBeDefined();
  });

  it("generated operations carry their required headers: a JS caller without them is stopped before sending", async () => {
    // As from JavaScript: the required appId and appVersion left out.
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t" } as Parameters<typeof createJtlErpV1Client>[0]);
    const before = server.requests.length;
    const error = await erp.customers.list({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe(
      'queryCustomers: required header "x-appid" is not set: set it on the client or pass it in params.header',
    );
    expect(sentSince(before)).toEqual([]);
  });

  it("a required body that is missing is refused", async () => {
    const error = await v2()
      .customers.contacts.create({ path: { customerId: "c" } } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain("request body is required");
  });

  it("params that are not an object, options with bad values, and a non-client are refused", async () => {
    await expect(v2().customers.contacts.get("c" as never)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(v2().customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } }, { maxRetries: -1 })).rejects.toThrow(
      "options.maxRetries must be a non-negative integer",
    );
    await expect(getCustomerContact({} as never, { path: { customerId: "c", customerContactId: "k" } } as never)).rejects.toBeInstanceOf(
      ClientConfigError,
    );
  });
});

describe("client options are checked when the client is created", () => {
  it.each([
    [{ baseUrl: "not a url" }, "baseUrl must be an absolute http(s) URL"],
    [{ baseUrl: "ftp://example.com" }, "baseUrl must use http or https"],
    [{ baseUrl: `https://user:${SECRET}@example.com` }, "baseUrl must not contain credentials"],
    [{ baseUrl: "https://example.com", maxRetries: 1.5 }, "maxRetries must be a non-negative integer"],
    [{ baseUrl: "https://example.com", timeoutMs: -1 }, "timeoutMs must be a non-negative number"],
    [{ baseUrl: "https://example.com", auth: 42 as never }, "auth must be a token string"],
  ])("%o", (options, message) => {
    expect(() => createClient(options)).toThrow(message);
    try {
      createClient(options);
    } catch (error) {
      expect(error).toBeInstanceOf(ClientConfigError);
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
