/**
 * The client's own limits on what it reads and waits for: a response body past `maxResponseBytes`
 * is a ResponseTooLargeError (declared or streamed, success or error), an error body is read once,
 * and the caller's signal and timeoutMs also cover getting a token.
 */
import type http from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  clientCredentialsAuth,
  ClientConfigError,
  createBasicClient,
  RequestAbortedError,
  ResponseTooLargeError,
  TimeoutError,
  TokenRequestError,
} from "../../src/core/index.js";
import { createJtlErpV2Client, getCustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

const contact = { path: { customerId: "c", customerContactId: "k" } };
const LIMIT = 1_000;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

async function serve(handler: (request: SeenRequest, response: http.ServerResponse) => void) {
  server = await startServer(handler);
  return server;
}

/** A JSON body of about `bytes` bytes, sent with Content-Length or chunked (no length) in pieces. */
function bigJson(response: http.ServerResponse, status: number, bytes: number, declared: boolean): void {
  const text = JSON.stringify({ firstName: "x".repeat(bytes) });
  response.writeHead(status, { "content-type": "application/json", ...(declared ? { "content-length": Buffer.byteLength(text) } : {}) });
  for (let at = 0; at < text.length; at += 256) response.write(text.slice(at, at + 256));
  response.end();
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe("maxResponseBytes", () => {
  it.each([
    ["a declared 200 body", 200, true],
    ["a streamed 200 body", 200, false],
    ["a declared 500 body", 500, true],
    ["a streamed 500 body", 500, false],
  ])("%s past the limit is a ResponseTooLargeError, not retried", async (_, status, declared) => {
    const { url, requests } = await serve((_, response) => bigJson(response, status, 5 * LIMIT, declared));
    const erp = createJtlErpV2Client({
      baseUrl: url,
      tenantId: "t",
      maxResponseBytes: LIMIT,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await failureOf(erp.customers.contacts.get(contact));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status, limit: LIMIT, operationId: "getCustomerContact" });
    expect(error!.message).toContain(`has a body larger than ${LIMIT} bytes`);
    expect(requests).toHaveLength(1);
  });

  it.each([200, 500])("a small compressed %i body that unpacks past the limit is counted as it unpacks", async (status) => {
    const packed = gzipSync(JSON.stringify({ firstName: "x".repeat(50 * LIMIT) }));
    expect(packed.byteLength).toBeLessThan(LIMIT);
    const { url } = await serve((_, response) => {
      response.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip", "content-length": packed.byteLength });
      response.end(packed);
    });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", maxResponseBytes: LIMIT, maxRetries: 0 });
    await expect(erp.customers.contacts.get(contact)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("a body within the limit is read as before", async () => {
    const { url } = await serve((_, response) => json(response, 200, { firstName: "x".repeat(LIMIT - 100) }));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", maxResponseBytes: LIMIT });
    await expect(erp.customers.contacts.get(contact)).resolves.toMatchObject({ firstName: expect.any(String) });
  });

  it("0 turns the limit off, and the default lets a few MB through", async () => {
    const { url } = await serve((_, response) => bigJson(response, 200, 1_500_000, false));
    await expect(
      createJtlErpV2Client({ baseUrl: url, tenantId: "t", maxResponseBytes: 0 }).customers.contacts.get(contact),
    ).resolves.toBeDefined();
    await expect(createJtlErpV2Client({ baseUrl: url, tenantId: "t" }).customers.contacts.get(contact)).resolves.toBeDefined();
  });

  it("a basic client holds to it too", async () => {
    const { url } = await serve((_, response) => bigJson(response, 404, 5 * LIMIT, false));
    const basic = createBasicClient<paths, "x-tenant-id">({ baseUrl: url, headers: { "x-tenant-id": "t" }, maxResponseBytes: LIMIT });
    await expect(getCustomerContact(basic, contact)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it.each([-1, 1.5, "10" as never, Number.NaN])("%j is refused when the client is created", (value) => {
    expect(() => createJtlErpV2Client({ tenantId: "t", maxResponseBytes: value })).toThrow(ClientConfigError);
  });

  it("an error body is read once, not cloned and held twice", async () => {
    const { url } = await serve((_, response) => json(response, 404, { message: "no such contact" }));
    const clone = vi.spyOn(Response.prototype, "clone");
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", maxRetries: 0 });
    const error = await failureOf(erp.customers.contacts.get(contact));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toEqual({ message: "no such contact" });
    expect(clone).not.toHaveBeenCalled();
  });

  it("a middleware still reads an error response's body", async () => {
    const { url } = await serve((_, response) => json(response, 404, { message: "gone" }));
    const seen: string[] = [];
    const erp = createJtlErpV2Client({
      baseUrl: url,
      tenantId: "t",
      maxRetries: 0,
      middleware: [{ onResponse: async ({ response }) => void seen.push(await response.clone().text()) }],
    });
    const error = await failureOf(erp.customers.contacts.get(contact));
    expect((error as ApiError).body).toEqual({ message: "gone" });
    expect(seen).toEqual(['{"message":"gone"}']);
  });
});

describe("the caller's signal and timeoutMs cover getting a token", () => {
  const never = () => new Promise<string>(() => undefined);

  it("timeoutMs ends a call whose token never comes; nothing is sent", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: never, timeoutMs: 50, maxRetries: 0 });
    const error = await failureOf(erp.customers.contacts.get(contact));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(requests).toEqual([]);
  });

  it("a token timeout is retried like any attempt, then reported", async () => {
    const { url } = await serve((_, response) => json(response, 200, {}));
    let asked = 0;
    const erp = createJtlErpV2Client({
      baseUrl: url,
      tenantId: "t",
      auth: () => (++asked === 1 ? never() : "fresh-token-value"),
      timeoutMs: 50,
      maxRetries: 1,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    await expect(erp.customers.contacts.get(contact)).resolves.toBeDefined();
    expect(asked).toBe(2);
  });

  it("the caller's signal aborts the wait for a token", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: never, timeoutMs: 0 });
    const controller = new AbortController();
    const pending = failureOf(erp.customers.contacts.get(contact, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("user gave up")), 20);
    const error = await pending;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as Error).cause).toEqual(new Error("user gave up"));
    expect(requests).toEqual([]);
  });

  it("a basic client's signal aborts the wait for its token function", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const basic = createBasicClient<paths, "x-tenant-id">({ baseUrl: url, headers: { "x-tenant-id": "t" }, auth: never });
    const controller = new AbortController();
    const pending = failureOf(getCustomerContact(basic, contact, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toBeInstanceOf(RequestAbortedError);
    expect(requests).toEqual([]);
  });
});

describe("the token helpers hold a token answer to 1 MiB", () => {
  it.each([true, false])("declared length %s: a TokenRequestError, not a megabyte held", async (declared) => {
    const { url } = await serve((_, response) => bigJson(response, 200, 2 * 1024 * 1024, declared));
    const provider = clientCredentialsAuth({ tokenUrl: `${url}/oauth2/token`, clientId: "id", clientSecret: "client-secret-x" });
    const error = await failureOf(Promise.resolve(provider.getToken()));
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error!.message).toContain("answered with a body larger than 1048576 bytes");
  });

  it("a normal token answer still works", async () => {
    const { url } = await serve((_, response) => json(response, 200, { access_token: "token-1", token_type: "Bearer", expires_in: 60 }));
    const provider = clientCredentialsAuth({ tokenUrl: `${url}/oauth2/token`, clientId: "id", clientSecret: "client-secret-x" });
    await expect(Promise.resolve(provider.getToken())).resolves.toBe("token-1");
  });
});
