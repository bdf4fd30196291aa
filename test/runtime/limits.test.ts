/**
 * The client's own limits: header values fetch would refuse, query names that would add
 * parameters, strings a URL cannot encode, and timer values setTimeout would turn into 1 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clientCredentialsAuth,
  ClientConfigError,
  createBasicClient,
  createClient,
  InvalidRequestError,
  TokenRequestError,
} from "../../src/core/index.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client, getCustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_, response) => json(response, 200, { TotalItems: 0, PageNumber: 1, PageSize: 1, Items: [] }));
});
afterAll(() => server.close());

const contact = { path: { customerId: "c", customerContactId: "k" } };
const sentSince = (before: number) => server.requests.slice(before);
const failureOf = async (call: () => Promise<unknown>) =>
  call().then(
    () => undefined,
    (error: unknown) => error as Error,
  );
const thrownBy = (create: () => unknown) => {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  return undefined;
};

describe("header values fetch would refuse are refused before sending", () => {
  // \x01 and \x7f make undici fail the request (a retried "connection failure" before);
  // € is above U+00FF, which the Headers class throws a raw TypeError for.
  const unsendable = ["a\x01b", "a\x7fb", "\x1b[31m", "€uro", "名前"];

  it.each(unsendable)("%j in params.header or options.headers is an InvalidRequestError, nothing sent", async (value) => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1 } });
    const before = server.requests.length;
    for (const call of [
      () => erp.customers.contacts.get({ ...contact, header: { "x-runas": value } }),
      () => erp.customers.contacts.get(contact, { headers: { "x-extra": value } }),
    ]) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error!.message).toMatch(/header "x-(runas|extra)" contains a control character or a character outside Latin-1/);
      expect(error!.message).not.toContain(value);
    }
    expect(sentSince(before)).toEqual([]);
  });

  it("a basic client refuses them the same way", async () => {
    const basic = createBasicClient<paths, "x-tenant-id">({ baseUrl: server.url, headers: { "x-tenant-id": "t" } });
    const error = await failureOf(() => getCustomerContact(basic, contact, { headers: { "x-extra": "€" } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
  });

  it("in a default header the client is not created", () => {
    expect(
      thrownBy(() => createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1", apiKey: "schlüssel€" })),
    ).toBeInstanceOf(ClientConfigError);
    expect(thrownBy(() => createClient({ baseUrl: server.url, auth: "tok\x01en" }))).toBeInstanceOf(ClientConfigError);
  });

  it("a token function returning one fails with a TokenRequestError, not retried, nothing sent", async () => {
    let asked = 0;
    const erp = createJtlErpV2Client({
      baseUrl: server.url,
      tenantId: "t",
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
      auth: () => {
        asked++;
        return "tök€n-value";
      },
    });
    const before = server.requests.length;
    const error = await failureOf(() => erp.customers.contacts.get(contact));
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error!.message).not.toContain("tök€n");
    expect(asked).toBe(1);
    expect(sentSince(before)).toEqual([]);
  });

  it("Latin-1 text and tabs still go out", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 0 });
    const before = server.requests.length;
    await erp.customers.contacts.get(contact, { headers: { "x-extra": "a\tb" } });
    expect(sentSince(before)).toHaveLength(1);
  });
});

describe("query strings", () => {
  it("parameter names are percent-encoded: a name cannot add parameters or cut the URL", async () => {
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1" });
    const before = server.requests.length;
    await erp.customers.list({ query: { "a&admin=1#": "v", searchKeyWord: "x" } as never });
    expect(sentSince(before)[0]!.url).toBe("/customers?a%26admin%3D1%23=v&searchKeyWord=x");
  });

  it("arrays repeat the name and objects use name[key], both encoded", async () => {
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1" });
    const before = server.requests.length;
    await erp.customers.list({ query: { "t&x": ["1", "2"], f: { "k=v": "a b" } } as never });
    expect(sentSince(before)[0]!.url).toBe("/customers?t%26x=1&t%26x=2&f[k%3Dv]=a%20b");
  });

  it.each([
    ["a query value", { query: { searchKeyWord: "\uD800x" } }, /query parameter "searchKeyWord" holds a lone UTF-16 surrogate/],
    ["a query name", { query: { "\uDC00": "x" } }, /query parameter name holds a lone UTF-16 surrogate/],
    ["a nested array", { query: { number: [["x"]] } }, /query parameter "number" nests objects or arrays/],
  ])("%s a URL cannot hold is an InvalidRequestError naming it", async (_, params, message) => {
    const erp = createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1" });
    const error = await failureOf(() => erp.customers.list(params as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error!.message).toMatch(message);
  });

  it("a lone surrogate in a path parameter is an InvalidRequestError, not a raw URIError", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 0 });
    const error = await failureOf(() => erp.customers.contacts.get({ path: { customerId: "\uD83D", customerContactId: "k" } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error!.message).toContain('path parameter "customerId" holds a lone UTF-16 surrogate');
  });
});

describe("timer values setTimeout cannot hold (2^31 ms or more) are refused", () => {
  const tooLong = 2 ** 31;

  it.each([
    [{ timeoutMs: tooLong }, "timeoutMs must be at most 2147483647 ms"],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs must be at most 2147483647 ms"],
    [{ maxRetryAfterMs: tooLong }, "maxRetryAfterMs must be at most 2147483647 ms"],
    [{ backoff: { maxDelayMs: tooLong } }, "backoff.maxDelayMs must be at most 2147483647 ms"],
    [{ backoff: { initialDelayMs: tooLong } }, "backoff.initialDelayMs must be at most 2147483647 ms"],
  ])("client option %o", (options, message) => {
    const error = thrownBy(() => createClient({ baseUrl: server.url, ...options }));
    expect(error).toBeInstanceOf(ClientConfigError);
    expect(error!.message).toContain(message);
  });

  it("per-call timeoutMs is an InvalidRequestError before sending", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 0 });
    const before = server.requests.length;
    const error = await failureOf(() => erp.customers.contacts.get(contact, { timeoutMs: tooLong }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error!.message).toContain("options.timeoutMs must be at most 2147483647 ms");
    expect(sentSince(before)).toEqual([]);
  });

  it("the token helpers' timeoutMs", () => {
    const error = thrownBy(() =>
      clientCredentialsAuth({ tokenUrl: "https://auth.example.com/token", clientId: "id", clientSecret: "secret", timeoutMs: tooLong }),
    );
    expect(error).toBeInstanceOf(ClientConfigError);
    expect(error!.message).toContain("timeoutMs must be a positive number of ms, at most 2147483647");
  });

  it("the largest allowed timeout does not fire early", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 0, timeoutMs: 2 ** 31 - 1 });
    await expect(erp.customers.contacts.get(contact)).resolves.toBeDefined();
  });
});
