/** Retries against a real loopback server: which statuses and methods, server-requested delays, the cap, connection errors. */
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, InternalServerError, RateLimitError, type ApiError } from "../../src/core/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

/** Tiny backoff so retries take milliseconds. */
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 4 } } as const;
const contact = { path: { customerId: "c", customerContactId: "k" } };
const newContact = { path: { customerId: "c" }, body: { firstName: "Erika" } };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering the n-th request with the n-th step (the last step repeats). */
async function serve(...steps: ((request: SeenRequest, response: http.ServerResponse) => void)[]) {
  server = await startServer((request, response, index) => steps[Math.min(index, steps.length - 1)]!(request, response));
  return server;
}
const status =
  (code: number, headers: http.OutgoingHttpHeaders = {}) =>
  (_: SeenRequest, response: http.ServerResponse) =>
    json(response, code, { code }, headers);
const ok = status(200);

const client = (url: string, options: Partial<Parameters<typeof createJtlErpV2Client>[0]> = {}) =>
  createJtlErpV2Client({ baseUrl: url, tenantId: "t", ...fast, ...options });

describe("which answers are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("GET retries a %i and then succeeds", async (code) => {
    const { url, requests } = await serve(status(code), ok);
    await expect(client(url).customers.contacts.get(contact)).resolves.toEqual({ code: 200 });
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 404, 409, 501])("a %i is not retried", async (code) => {
    const { url, requests } = await serve(status(code), ok);
    const error = (await client(url)
      .customers.contacts.get(contact)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(code);
    expect(error.attempts).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it("POST is not retried unless the caller opts in", async () => {
    const { url, requests } = await serve(status(503), status(503), ok);
    const error = (await client(url)
      .customers.contacts.create(newContact)
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);

    await expect(client(url).customers.contacts.create(newContact, { retryNonIdempotent: true })).resolves.toEqual({ code: 200 });
    expect(requests).toHaveLength(3);
    expect(requests[2]!.body).toBe(requests[1]!.body);
  });

  it("retryNonIdempotent on the client retries POST", async () => {
    const { url, requests } = await serve(status(502), ok);
    await expect(client(url, { retryNonIdempotent: true }).customers.contacts.create(newContact)).resolves.toEqual({ code: 200 });
    expect(requests).toHaveLength(2);
  });

  it("maxRetries bounds the attempts (client option and per call); 0 turns retries off", async () => {
    const { url, requests } = await serve(status(503));
    const error = (await client(url, { maxRetries: 3 })
      .customers.contacts.get(contact)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.attempts).toBe(4);
    expect(error.message).toContain("after 4 attempts");
    expect(requests).toHaveLength(4);

    await client(url)
      .customers.contacts.get(contact, { maxRetries: 0 })
      .catch(() => undefined);
    expect(requests).toHaveLength(5);
    await client(url, { maxRetries: 0 })
      .customers.contacts.get(contact)
      .catch(() => undefined);
    expect(requests).toHaveLength(6);
  });
});

describe("delays the server asks for", () => {
  it("honours Retry-After in seconds", async () => {
    const { url } = await serve(status(503, { "retry-after": "1" }), ok);
    const started = performance.now();
    await client(url).customers.contacts.get(contact);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("honours retry-after-ms", async () => {
    const { url } = await serve(status(429, { "retry-after-ms": "120" }), ok);
    const started = performance.now();
    await client(url).customers.contacts.get(contact);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("honours JTL's X-RateLimit-Remaining: 0 with X-RateLimit-Interval-Length-Seconds", async () => {
    const { url } = await serve(
      status(429, { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-interval-length-seconds": "0.15" }),
      ok,
    );
    const started = performance.now();
    await client(url).customers.contacts.get(contact);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("a Retry-After HTTP date in the past retries at once", async () => {
    const { url, requests } = await serve(status(503, { "retry-after": new Date(Date.now() - 5_000).toUTCString() }), ok);
    await client(url, { backoff: { initialDelayMs: 10_000, maxDelayMs: 10_000 } }).customers.contacts.get(contact);
    expect(requests).toHaveLength(2);
  });

  it("a Retry-After above the cap fails at once instead of waiting", async () => {
    const { url, requests } = await serve(status(429, { "retry-after": "120" }), ok);
    const started = performance.now();
    const error = await client(url)
      .customers.contacts.get(contact)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("maxRetryAfterMs sets the cap", async () => {
    const { url, requests } = await serve(status(503, { "retry-after-ms": "50" }), ok);
    await expect(client(url, { maxRetryAfterMs: 10 }).customers.contacts.get(contact)).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);
  });
});

describe("connection errors", () => {
  const dropConnection = (_: SeenRequest, response: http.ServerResponse) => response.socket?.destroy();

  it("a GET whose connection drops is retried", async () => {
    const { url, requests } = await serve(dropConnection, ok);
    await expect(client(url).customers.contacts.get(contact)).resolves.toEqual({ code: 200 });
    expect(requests).toHaveLength(2);
  });

  it("a POST whose connection drops is a ConnectionError after one attempt", async () => {
    const { url, requests } = await serve(dropConnection, ok);
    const error = (await client(url)
      .customers.contacts.create(newContact)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(1);
    expect(error.method).toBe("POST");
    expect(error.cause).toBeDefined();
    expect(requests).toHaveLength(1);
  });

  it("a refused connection is retried, then reported with the attempt count", async () => {
    const closed = await startServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const error = (await client(url, { maxRetries: 2 })
      .customers.contacts.get(contact)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(3);
    expect(error.url).toBe(`${url}/v2/customers/c/contacts/k`);
  });
});
