// Fault mode: each kind of fault as a client sees it, seeded and reproducible, recorded per
// request; and close() leaves no socket or timer behind, even with a delayed answer in flight.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FAULT_KINDS, MockConfigError, type FaultKind } from "../../src/mock/index.js";
import { eventually, mockApi, VALID_HEADERS, type MockApi } from "./helpers.js";

let api: MockApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

const v1Create = { path: { customerId: 5 }, body: { FirstName: "Erika" } };

/** A v1 server where every request gets `kind`. */
const always = (kind: FaultKind, extra: { retryAfterSeconds?: number; delayMs?: number } = {}) =>
  mockApi("jtl-erp-v1", { faults: { seed: 42, rates: { [kind]: 1 }, ...extra } });

const contactCount = async (a: MockApi) => {
  a.server.respondNext({ operationId: "queryCustomerContacts", fault: "none" }); // a plain answer, whatever the fault rates
  const res = await fetch(`${a.server.url}/customers/5/contacts`, { headers: VALID_HEADERS["jtl-erp-v1"] });
  // An unknown customer (a 404) has no contacts: nothing was ever accepted under it.
  return res.status === 200 ? ((await res.json()) as unknown[]).length : res.status === 404 ? 0 : -1;
};

describe("each fault kind", () => {
  it("reset: the connection is reset before any answer; the request is recorded, not processed", async () => {
    api = await always("reset");
    const error = await api.call("createCustomerContact", v1Create).catch((e: Error & { cause?: { code?: string } }) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNRESET");
    expect(api.server.requests).toMatchObject([{ operationId: "createCustomerContact", fault: "reset", status: undefined }]);
  });

  it("resetMidBody: status and headers arrive, the body read fails; the request was processed", async () => {
    api = await always("resetMidBody");
    const res = await fetch(`${api.server.url}/customers/5/contacts`, {
      method: "POST",
      headers: { ...VALID_HEADERS["jtl-erp-v1"], "content-type": "application/json" },
      body: JSON.stringify({ FirstName: "Erika" }),
    });
    expect(res.status).toBe(201);
    await expect(res.text()).rejects.toThrow();
    expect(api.server.requests[0]).toMatchObject({ fault: "resetMidBody", status: 201 });
  });

  it("truncate: a complete HTTP answer whose JSON is cut in half", async () => {
    api = await always("truncate");
    const res = await fetch(`${api.server.url}/customers/5/contacts`, {
      method: "POST",
      headers: { ...VALID_HEADERS["jtl-erp-v1"], "content-type": "application/json" },
      body: JSON.stringify({ FirstName: "Erika" }),
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(api.server.requests[0]!.fault).toBe("truncate");
  });

  it("retry429 and retry503: Retry-After as configured; the documented 429 headers; nothing processed", async () => {
    api = await always("retry429", { retryAfterSeconds: 1 });
    const limited = await api.call("createCustomerContact", v1Create);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("x-ratelimit-limit")).toBe("100"); // v1 documents TooManyRequests headers
    expect(await contactCount(api)).toBe(0);
    await api.server.close();

    api = await always("retry503");
    const unavailable = await api.call("createCustomerContact", v1Create);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("0");
    expect(unavailable.json).toMatchObject({ status: 503 });
  });

  it("html502: a gateway's HTML error page", async () => {
    api = await always("html502");
    const r = await api.call("createCustomerContact", v1Create);
    expect(r.status).toBe(502);
    expect(r.headers.get("content-type")).toBe("text/html");
    expect(r.text).toContain("<h1>502 Bad Gateway</h1>");
  });

  it("delay: the answer comes after delayMs, past the client's timeout; the request is still processed", async () => {
    api = await always("delay", { delayMs: 150 });
    // The client gives up once the server has the request (not after a fixed time, which a busy machine may not meet).
    const timeout = new AbortController();
    const call = api.call("createCustomerContact", { ...v1Create, signal: timeout.signal }).catch((e: Error) => e);
    expect(await eventually(() => api!.server.requests.length === 1)).toBe(true);
    timeout.abort(new DOMException("the client's timeout passed", "TimeoutError"));
    const error = await call;
    expect((error as Error).name).toBe("TimeoutError");
    expect(await eventually(() => api!.server.requests[0]?.status === 201)).toBe(true);
    expect(await contactCount(api)).toBe(1);
  });
});

describe("seeded draws", () => {
  const rates = { reset: 0.15, retry429: 0.15, retry503: 0.1, html502: 0.1, truncate: 0.1 };
  const run = async (seed: number, n: number) => {
    const a = await mockApi("jtl-erp-v1", { faults: { seed, rates } });
    try {
      for (let i = 0; i < n; i++) await a.call("queryCustomers").catch(() => undefined);
      return a.server.requests.map((r) => r.fault ?? "none");
    } finally {
      await a.server.close();
    }
  };

  it("the same seed gives the same faults in the same order; another seed another order", async () => {
    const first = await run(42, 30);
    expect(await run(42, 30)).toEqual(first);
    expect(await run(43, 30)).not.toEqual(first);
    // Every configured kind shows up and normal answers remain, at rates this far apart from 0 and 1.
    for (const kind of Object.keys(rates)) expect(first).toContain(kind);
    expect(first).toContain("none");
  });

  it("reset() replays the draws from the seed", async () => {
    api = await mockApi("jtl-erp-v1", { faults: { seed: 5, rates: { retry503: 0.5 } } });
    for (let i = 0; i < 8; i++) await api.call("queryCustomers");
    const before = api.server.requests.map((r) => r.status);
    api.server.reset();
    for (let i = 0; i < 8; i++) await api.call("queryCustomers");
    expect(api.server.requests.map((r) => r.status)).toEqual(before);
    expect(new Set(before)).toEqual(new Set([200, 503]));
  });

  it("respondNext can force one fault without a fault mode", async () => {
    api = await mockApi("jtl-erp-v1");
    api.server.respondNext({ fault: "retry503" });
    expect((await api.call("queryCustomers")).status).toBe(503);
    expect((await api.call("queryCustomers")).status).toBe(200);
  });

  it("refuses rates that are not probabilities or name no fault kind", async () => {
    await expect(mockApi("jtl-erp-v2", { faults: { rates: { reset: 0.7, delay: 0.7 } } })).rejects.toThrow(/add up to 1.4/);
    await expect(mockApi("jtl-erp-v2", { faults: { rates: { explode: 0.1 } as never } })).rejects.toThrow(MockConfigError);
    await expect(mockApi("jtl-erp-v2", { faults: { rates: { reset: -1 } } })).rejects.toThrow(/from 0 to 1/);
    expect(FAULT_KINDS).toContain("resetMidBody");
  });
});

describe("close()", () => {
  /** Open servers, sockets and timers by kind (vitest's own timers may come and go, so counts are compared as "no more than"). */
  type Kind = "TCPServerWrap" | "TCPSocketWrap" | "Timeout";
  const open = (): Record<Kind, number> => {
    const counts = { TCPServerWrap: 0, TCPSocketWrap: 0, Timeout: 0 };
    for (const r of process.getActiveResourcesInfo()) if (r in counts) counts[r as Kind]++;
    return counts;
  };
  const noMoreThan = (base: Record<Kind, number>) => (Object.entries(open()) as [Kind, number][]).every(([k, n]) => n <= base[k]);

  it("leaves no server, socket or timer open, even with a delayed answer pending and keep-alive connections", async () => {
    const baseline = open();
    const a = await mockApi("jtl-erp-v1", { faults: { seed: 1, rates: { delay: 1 }, delayMs: 60_000 } });
    const pending = a.call("queryCustomers").catch((e: Error) => e);
    expect(await eventually(() => a.server.requests.length === 1)).toBe(true);
    expect(open().TCPServerWrap).toBe(baseline.TCPServerWrap + 1);
    await a.server.close();
    expect(open().TCPServerWrap).toBe(baseline.TCPServerWrap);
    expect(await pending).toBeInstanceOf(Error);
    // The client's own socket closes once it sees the server's end.
    expect(await eventually(() => noMoreThan(baseline))).toBe(true);
    await a.server.close(); // idempotent
  });
});

describe("a burst of connections", () => {
  it("accepts 1,000 connections opened at once, none left to TCP's 1 s SYN retransmit", async () => {
    api = await mockApi("jtl-erp-v1");
    const { port } = api.server;
    let connected = 0;
    const sockets = Array.from({ length: 1000 }, () =>
      net
        .connect(port, "127.0.0.1")
        .on("connect", () => connected++)
        .on("error", () => undefined),
    );
    try {
      // Keep the loop busy while the kernel completes the handshakes: nothing is accepted meanwhile,
      // so every connection of the burst must fit in the listen queue at once (Node's default holds 511).
      const until = Date.now() + 50;
      while (Date.now() < until);
      // Well under the 1 s after which a client whose SYN was dropped tries again.
      expect(await eventually(() => connected === sockets.length, 700)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
