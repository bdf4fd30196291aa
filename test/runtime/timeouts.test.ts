/** Timeouts and caller aborts against a real server: the request is aborted and its socket closed. */
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { RequestAbortedError, TimeoutError } from "../../src/core/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

const contact = { path: { customerId: "c", customerContactId: "k" } };
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
/** Never answers. */
const hang = () => undefined;
const ok = (_: SeenRequest, response: http.ServerResponse) => json(response, 200, { ok: true });
const later = (ms: number) => (_: SeenRequest, response: http.ServerResponse) => setTimeout(() => json(response, 200, { ok: true }), ms);

async function eventually(check: () => boolean, ms = 2_000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

describe("timeouts", () => {
  it("a request that gets no answer times out, is aborted, and its socket is closed", async () => {
    const { url, closedSockets } = await serve(hang);
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", timeoutMs: 100, maxRetries: 0 });
    const started = performance.now();
    const error = (await erp.customers.contacts.get(contact).catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(100);
    expect(error.attempts).toBe(1);
    expect(error.message).toContain("Timed out after 100 ms");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await eventually(() => closedSockets() === 1)).toBe(true);
  });

  it("the timeout covers the body: a body that stalls midway times out", async () => {
    const { url } = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id": "');
    });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", timeoutMs: 100, maxRetries: 0 });
    await expect(erp.customers.contacts.get(contact)).rejects.toBeInstanceOf(TimeoutError);
  });

  it("a per-call timeout overrides the client's, and 0 disables it", async () => {
    const { url } = await serve(later(150));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", timeoutMs: 30_000, maxRetries: 0 });
    const error = (await erp.customers.contacts.get(contact, { timeoutMs: 50 }).catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(50);

    const strict = createJtlErpV2Client({ baseUrl: url, tenantId: "t", timeoutMs: 50, maxRetries: 0 });
    await expect(strict.customers.contacts.get(contact, { timeoutMs: 0 })).resolves.toEqual({ ok: true });
  });

  it("a timed-out GET is retried", async () => {
    const { url, requests } = await serve(hang, ok);
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", timeoutMs: 100, ...fast });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });
});

describe("the caller's AbortSignal", () => {
  it("aborts a request in flight, closes its socket, and is not retried", async () => {
    const { url, requests, closedSockets } = await serve(hang);
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", ...fast });
    const controller = new AbortController();
    const pending = erp.customers.contacts.get(contact, { signal: controller.signal }).catch((e: unknown) => e);
    await eventually(() => requests.length === 1);
    controller.abort(new Error("user went away"));
    const error = (await pending) as RequestAbortedError;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error.cause as Error).message).toBe("user went away");
    expect(await eventually(() => closedSockets() === 1)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it("aborts the wait between retries", async () => {
    const { url, requests } = await serve((_, response) => json(response, 503, {}, { "retry-after": "30" }));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t" });
    const controller = new AbortController();
    const started = performance.now();
    const pending = erp.customers.contacts.get(contact, { signal: controller.signal }).catch((e: unknown) => e);
    await eventually(() => requests.length === 1);
    controller.abort();
    expect(await pending).toBeInstanceOf(RequestAbortedError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { url, requests } = await serve(ok);
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t" });
    await expect(erp.customers.contacts.get(contact, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(requests).toHaveLength(0);
  });
});

describe("an injected fetch", () => {
  it("gets the attempt's signal as init.signal, aborted on timeout", async () => {
    const signals: AbortSignal[] = [];
    const fetch = (_request: Request, init?: RequestInit) => {
      signals.push(init!.signal!);
      return new Promise<Response>((_, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
    };
    const erp = createJtlErpV2Client({ fetch, tenantId: "t", timeoutMs: 30, maxRetries: 0 });
    await expect(erp.customers.contacts.get(contact)).rejects.toBeInstanceOf(TimeoutError);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect((signals[0]!.reason as DOMException).name).toBe("TimeoutError");
  });

  it("that ignores the signal still cannot keep the call from timing out", async () => {
    const fetch = () => new Promise<Response>(() => undefined);
    const erp = createJtlErpV2Client({ fetch, tenantId: "t", timeoutMs: 30, maxRetries: 0 });
    await expect(erp.customers.contacts.get(contact)).rejects.toBeInstanceOf(TimeoutError);
  });

  it("that answers at once is not given a signal when timeouts are off and no signal is passed", async () => {
    const inits: (RequestInit | undefined)[] = [];
    const fetch = (_request: Request, init?: RequestInit) => {
      inits.push(init);
      return Promise.resolve(new Response('{"ok":true}', { headers: { "content-type": "application/json" } }));
    };
    const erp = createJtlErpV2Client({ fetch, tenantId: "t", timeoutMs: 0 });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ ok: true });
    expect(inits).toEqual([undefined]);
  });
});
