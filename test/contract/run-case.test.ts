/**
 * The runner's checks can fail: a request the server reports as a violation, a request that is
 * not the one the params describe, an answer that breaks its schema, and an error status that
 * arrives as another class each make a case fail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { contractTable, type CallCase, type ContractTable } from "./cases.js";
import { CaseRunner, type Target } from "./run-case.js";

const v2 = await contractTable("jtl-erp-v2");
const v1 = await contractTable("jtl-erp-v1");
const CONTACT = "b45f6432-2462-4c6f-b00f-1d9d01000000";
const TENANT = v2.config.clientHeaders["x-tenant-id"]!;

const callCase = (table: ContractTable, operationId: string, mode: CallCase["mode"]) =>
  table.calls.find((c) => c.op.operationId === operationId && c.mode === mode)!;

function target(mock: MockServer): Target {
  return {
    name: "mock",
    baseUrl: mock.baseUrl,
    bareBaseUrl: mock.url,
    mark: () => ({ requests: mock.requests.length, problems: mock.violations.length }),
    problemsSince: async (mark) => mock.violations.slice(mark.problems),
    receivedSince: (mark) => mock.requests.slice(mark.requests),
  };
}

describe("the contract runner fails a case when", () => {
  let mockV2: MockServer;
  let mockV1: MockServer;
  beforeAll(async () => {
    [mockV2, mockV1] = await Promise.all([
      createMockServer({ api: "jtl-erp-v2", seed: 1 }),
      createMockServer({ api: "jtl-erp-v1", seed: 1 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([mockV2?.close(), mockV1?.close()]);
  });

  it("the server reports a violation (a path id that is not a uuid)", async () => {
    const runner = new CaseRunner(v2, target(mockV2));
    const c = callCase(v2, "createCustomerContact", "required");
    await expect(runner.runCall(c, { params: { path: { customerId: "not-a-uuid" }, body: {} } })).rejects.toThrow(
      /mock reported violations/,
    );
  });

  it("the request differs from what the params describe (a client header the config does not expect)", async () => {
    const config = { ...v2.config, clientHeaders: { "x-tenant-id": "00000000-0000-4000-8000-000000000000" } };
    const runner = new CaseRunner({ ...v2, config }, target(mockV2));
    const c = callCase(v2, "createCustomerContact", "required");
    await expect(runner.runCall(c, { params: { path: { customerId: CONTACT }, body: {} } })).rejects.toThrow(/header x-tenant-id/);
  });

  it("the answer breaks its schema: the client's validation refuses it", async () => {
    const runner = new CaseRunner(v2, target(mockV2));
    const c = callCase(v2, "createCustomerContact", "required");
    mockV2.respondNext({ operationId: "createCustomerContact", status: 201, body: { id: 42 } });
    await expect(runner.runCall(c, { params: { path: { customerId: CONTACT }, body: {} } })).rejects.toThrow(
      /does not match the spec at \/id/,
    );
  });

  it("the answer breaks its schema: the suite's own check refuses it when neither client nor server would", async () => {
    const config = {
      ...v2.config,
      configured: (s: Parameters<typeof v2.config.configured>[0]) =>
        createJtlErpV2Client({ baseUrl: s.baseUrl, fetch: s.fetch, auth: "t", tenantId: TENANT }),
    };
    const silent: Target = { ...target(mockV2), problemsSince: async () => [] };
    const runner = new CaseRunner({ ...v2, config }, silent);
    const c = callCase(v2, "createCustomerContact", "required");
    mockV2.respondNext({ operationId: "createCustomerContact", status: 201, body: { id: 42 } });
    await expect(runner.runCall(c, { params: { path: { customerId: CONTACT }, body: {} } })).rejects.toThrow(
      /decoded body breaks its schema/,
    );
  });

  it("an error status arrives as another status and class", async () => {
    const runner = new CaseRunner(v1, target(mockV1));
    const c = v1.errors.find((e) => e.op.operationId === "queryCustomers" && e.status === 429)!;
    // A queued answer wins over the Prefer header the case sends: the server answers 403, not 429.
    mockV1.respondNext({ operationId: "queryCustomers", status: 403 });
    await expect(runner.runError(c, { params: {} })).rejects.toThrow(
      /PermissionDeniedError for 429, expected RateLimitError|expected 403 to be 429/,
    );
  });
});
