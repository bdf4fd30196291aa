/** Errors that say why the client decided as it did: not retried, Retry-After over the cap, no credential, unknown options. */
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  callOperation,
  ClientConfigError,
  createBasicClient,
  createClient,
  InternalServerError,
  InvalidRequestError,
  RateLimitError,
} from "../../src/core/index.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { json, raw, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

const contact = { path: { customerId: "c", customerContactId: "k" } };
const newContact = { path: { customerId: "c" }, body: { firstName: "Erika" } };
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 4 } } as const;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...steps: ((request: SeenRequest, response: http.ServerResponse) => void)[]) {
  server = await startServer((request, response, index) => steps[Math.min(index, steps.length - 1)]!(request, response));
  return server;
}

describe("a retryable status that was not retried", () => {
  it("on a POST says so and names retryNonIdempotent", async () => {
    const { url, requests } = await serve((_, response) => json(response, 503, { message: "busy" }));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", ...fast });
    const error = await erp.customers.contacts.create(newContact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(
      /: busy; not retried: POST is not safe to repeat by default; set retryNonIdempotent: true \(on the client or the call\) to retry it$/,
    );
    expect(requests).toHaveLength(1);
  });

  it("says nothing of the kind once retries are used up, or when retries are off", async () => {
    const { url } = await serve((_, response) => json(response, 503, {}));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", ...fast, maxRetries: 1 });
    const used = await erp.customers.contacts.get(contact).catch((e: unknown) => e);
    expect((used as Error).message).toMatch(/after 2 attempts$/);
    const off = await erp.customers.contacts.create(newContact, { maxRetries: 0 }).catch((e: unknown) => e);
    expect((off as Error).message).not.toContain("not retried");
  });

  it("with a Retry-After over maxRetryAfterMs, says what the server asked for and the cap; RateLimitError has retryAfterMs", async () => {
    const { url, requests } = await serve((_, response) => json(response, 429, {}, { "retry-after": "120" }));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", maxRetryAfterMs: 5_000 });
    const error = await erp.customers.contacts.get(contact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as Error).message).toMatch(/not retried: the server asked to wait 120000 ms, more than maxRetryAfterMs \(5000 ms\)$/);
    expect(requests).toHaveLength(1);
  });

  it("RateLimitError.retryAfterMs is undefined when the server gave no delay", async () => {
    const { url } = await serve((_, response) => json(response, 429, {}));
    const error = await createJtlErpV2Client({ baseUrl: url, tenantId: "t", maxRetries: 0 })
      .customers.contacts.get(contact)
      .catch((e: unknown) => e);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
  });
});

describe("a 401 without a body", () => {
  const unauthorized = (_: SeenRequest, response: http.ServerResponse) => raw(response, 401, undefined, "");

  it("says no credential was sent when the client has none", async () => {
    const { url } = await serve(unauthorized);
    const erp = createJtlErpV1Client({ baseUrl: url, tenantId: "t", appId: "a", appVersion: "1" });
    const error = await erp.customers.get({ path: { customerId: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(
      /no credential was sent \(this client has no auth option and no API key header\): set auth, or the API key option/,
    );
  });

  it("does not say it when an API key or a token went out", async () => {
    const { url } = await serve(unauthorized);
    const withKey = createJtlErpV1Client({ baseUrl: url, tenantId: "t", appId: "a", appVersion: "1", apiKey: "key-123456" });
    const keyError = await withKey.customers.get({ path: { customerId: 1 } }).catch((e: unknown) => e);
    expect((keyError as Error).message).not.toContain("no credential");
    const withToken = createJtlErpV1Client({ baseUrl: url, tenantId: "t", appId: "a", appVersion: "1", auth: "token-123456" });
    const tokenError = await withToken.customers.get({ path: { customerId: 1 } }).catch((e: unknown) => e);
    expect((tokenError as Error).message).not.toContain("no credential");
  });
});

describe("unknown option names", () => {
  it.each([
    ["baseURL", "baseUrl"],
    ["timeout", "timeoutMs"],
    ["maxRetry", "maxRetries"],
    ["Headers", "headers"],
  ])("createClient refuses %s and suggests %s", (name, nearest) => {
    const attempt = () => createClient({ baseUrl: "http://127.0.0.1:1", [name]: 1 } as never);
    expect(attempt).toThrow(ClientConfigError);
    expect(attempt).toThrow(`unknown option "${name}": did you mean ${nearest}?`);
  });

  it("lists the known names when none is close", () => {
    expect(() => createBasicClient({ baseUrl: "http://127.0.0.1:1", zzz: 1 } as never)).toThrow(
      /unknown option "zzz" \(known: baseUrl, fetch, headers/,
    );
  });

  it("a factory refuses them too, from plain JavaScript", () => {
    expect(() => createJtlErpV2Client({ tenantId: "t", baseURL: "http://127.0.0.1:1" } as never)).toThrow(
      'unknown option "baseURL": did you mean baseUrl?',
    );
  });

  it("a call refuses an unknown call option before sending", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t" });
    const attempt = () => erp.customers.contacts.get(contact, { timeout: 5 } as never);
    await expect(attempt()).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt()).rejects.toThrow('getCustomerContact: unknown call option "timeout": did you mean timeoutMs?');
    expect(requests).toHaveLength(0);
    const meta = { operationId: "x", method: "get", path: "/x", request: null, responses: { "200": "application/json" } } as const;
    await expect(callOperation(erp, meta, {}, { signl: AbortSignal.abort() } as never)).rejects.toThrow("did you mean signal?");
  });
});
