// CORS: off by default (a browser on another origin gets no CORS headers and its preflight is a
// 405); with `cors` on, preflights are answered with what the browser asked for and every answer
// names the origin and exposes its headers; with a list, only those origins.
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer } from "../../src/mock/index.js";
import { mockApi, VALID_HEADERS, type MockApi } from "./helpers.js";

let api: MockApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

const APP = "http://localhost:5173";
const contacts = "/customers/3001/contacts";
const preflight = (a: MockApi, origin = APP) =>
  fetch(`${a.server.url}${contacts}`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type, x-tenant-id",
    },
  });
const post = (a: MockApi, origin = APP) =>
  fetch(`${a.server.url}${contacts}`, {
    method: "POST",
    headers: { ...VALID_HEADERS["cro-dispatch"], origin, "content-type": "application/json" },
    body: JSON.stringify({ name: "Jane" }),
  });

describe("CORS", () => {
  it("is off by default: no CORS headers, and a preflight is just an OPTIONS the spec does not have", async () => {
    api = await mockApi("cro-dispatch");
    const pre = await preflight(api);
    expect(pre.status).toBe(405);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const r = await post(api);
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("cors: true answers the preflight with the asked method and headers, and exposes the answer's headers", async () => {
    api = await mockApi("cro-dispatch", { cors: true });
    const pre = await preflight(api);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(APP);
    expect(pre.headers.get("access-control-allow-methods")).toBe("POST");
    expect(pre.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-tenant-id");
    const r = await post(api);
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe(APP);
    expect(r.headers.get("vary")).toBe("Origin");
    expect(r.headers.get("access-control-expose-headers")?.split(", ")).toContain("x-request-id");
    // The preflight is recorded but is no API call: no operation, no violation.
    expect(api.server.requests.map((q) => [q.method, q.operationId, q.status])).toEqual([
      ["OPTIONS", undefined, 204],
      ["POST", "createCustomerContact", 200],
    ]);
    expect(api.server.violations).toEqual([]);
  });

  it("a list of origins allows exactly those; another origin gets no CORS headers", async () => {
    api = await mockApi("cro-dispatch", { cors: [APP] });
    expect((await post(api)).headers.get("access-control-allow-origin")).toBe(APP);
    const other = await preflight(api, "https://evil.example");
    expect(other.status).toBe(204);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect((await post(api, "https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses an origin that is not scheme://host[:port]", async () => {
    await expect(createMockServer({ api: "cro-dispatch", cors: ["localhost:5173"] })).rejects.toThrow(/is not an origin/);
    await expect(createMockServer({ api: "cro-dispatch", cors: "yes" as never })).rejects.toThrow(/cors must be/);
  });
});
