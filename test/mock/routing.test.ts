// Routing: every operation is reachable with and without the servers' base path; an unknown path
// is a 404 and a wrong method a 405, each recorded as a violation; loading by API name and the
// loopback-only rule.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, listBundledApis, MockConfigError } from "../../src/mock/index.js";
import { APIS } from "../spec/helpers.js";
import { mockApi, ROOT, TENANT, VALID_HEADERS, type MockApi } from "./helpers.js";

let api: MockApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

describe("routes", () => {
  it("serves on 127.0.0.1 and accepts paths with and without the base path (/erp)", async () => {
    api = await mockApi("jtl-erp-v1");
    expect(new URL(api.server.url).hostname).toBe("127.0.0.1");
    expect(api.server.baseUrl).toBe(`${api.server.url}/erp`);
    const headers = VALID_HEADERS["jtl-erp-v1"];
    const plain = await api.fetch("/customers", { headers }, "/customers");
    const prefixed = await api.fetch("/erp/customers", { headers }, "/customers");
    expect([plain.status, prefixed.status]).toEqual([200, 200]);
    expect(api.server.requests.map((r) => [r.path, r.operationId])).toEqual([
      ["/customers", "queryCustomers"],
      ["/erp/customers", "queryCustomers"],
    ]);
    expect(api.server.violations).toEqual([]);
  });

  it("every operation of every API is routed (a wrong-but-routed request names its operation)", async () => {
    for (const name of APIS) {
      const a = await mockApi(name);
      try {
        for (const op of a.server.operations) {
          const concrete = op.path.replace(/\{[^}]+\}/g, "1");
          await fetch(a.server.url + concrete, { method: op.method.toUpperCase() });
        }
        expect(a.server.requests.map((r) => r.operationId)).toEqual(a.server.operations.map((o) => o.operationId));
      } finally {
        await a.server.close();
      }
    }
  });

  it("an unknown path is a 404 problem+json and a route violation", async () => {
    api = await mockApi("jtl-erp-v2");
    const r = await api.fetch("/v3/nothing", { headers: VALID_HEADERS["jtl-erp-v2"] });
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(api.server.violations).toMatchObject([{ operationId: undefined, in: "route", method: "GET", path: "/v3/nothing" }]);
  });

  it("a known path with a method it lacks is a 405 with Allow, and a method violation", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.fetch("/erp/customers", { method: "PUT", headers: { "x-tenant-id": TENANT } });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, POST");
    expect(api.server.violations).toMatchObject([{ in: "method", where: "PUT", path: "/erp/customers" }]);
  });
});

describe("loading and options", () => {
  const generated = existsSync(path.join(ROOT, "generated", "jtl-erp-v2", "openapi.json"));

  it.skipIf(!generated)("loads generated/<api>/openapi.json by API name", async () => {
    expect(listBundledApis()).toEqual(expect.arrayContaining(["jtl-erp-v2"]));
    const server = await createMockServer({ api: "jtl-erp-v2" });
    try {
      const doc = JSON.parse(readFileSync(path.join(ROOT, "generated", "jtl-erp-v2", "openapi.json"), "utf8"));
      const documented = Object.values<any>(doc.paths)
        .flatMap((item) => Object.values<any>(item).map((op) => op.operationId))
        .filter(Boolean);
      expect(server.operations.map((o) => o.operationId).sort()).toEqual(documented.sort());
    } finally {
      await server.close();
    }
  });

  it("an unknown API name is refused with the list of known ones, and so is a path-like name", async () => {
    await expect(createMockServer({ api: "jtl-erp-v9" })).rejects.toThrow(
      /unknown API "jtl-erp-v9": bundled specs found under generated\//,
    );
    await expect(createMockServer({ api: "../package" })).rejects.toThrow(MockConfigError);
  });

  it("refuses a host that is not loopback, a bad port, and both or neither of api/spec", async () => {
    await expect(createMockServer({ api: "jtl-erp-v2", host: "0.0.0.0" })).rejects.toThrow(/loopback/);
    await expect(createMockServer({ api: "jtl-erp-v2", port: 70000 })).rejects.toThrow(/port/);
    await expect(createMockServer({})).rejects.toThrow(/pass `api`/);
    await expect(createMockServer({ api: "jtl-erp-v2", spec: {} })).rejects.toThrow(/either `api` or `spec`/);
  });
});
