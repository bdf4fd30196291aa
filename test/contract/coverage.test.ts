/**
 * Coverage: every operation of every bundled spec has an exported wrapper, a place in the
 * factory's resource tree, a "required", an "all" and a "bare" contract case, and a case for each
 * documented error status; every wrapper calls an operation the spec has. The check itself is
 * shown to fail on a table with a gap.
 */
import { describe, expect, it } from "vitest";
import { createMockServer } from "../../src/mock/index.js";
import { API_CONFIGS } from "./apis.js";
import { contractTable, coverageProblems, type ContractTable } from "./cases.js";
import { bundledApis } from "./spec-operations.js";

const apis = bundledApis();
const tables = new Map<string, ContractTable>();
for (const api of apis) tables.set(api, await contractTable(api));

describe("contract coverage", () => {
  it("finds the three APIs under generated/, each with a client config", () => {
    expect(apis).toEqual(expect.arrayContaining(["cro-dispatch", "jtl-erp-v1", "jtl-erp-v2"]));
    for (const api of apis) expect(API_CONFIGS[api], `test/contract/apis.ts has no entry for ${api}`).toBeDefined();
  });

  it.each(apis)("%s: every operation has a wrapper, a resource method and its contract cases", (api) => {
    const table = tables.get(api)!;
    expect(table.operations.length).toBeGreaterThan(0);
    expect(coverageProblems(table)).toEqual([]);
    expect(table.calls).toHaveLength(table.operations.length * 3);
  });

  it.each(apis)("%s: the suite reads the same operations from the spec as the mock serves", async (api) => {
    const mock = await createMockServer({ api });
    try {
      const ours = tables
        .get(api)!
        .operations.map((op) => `${op.operationId} ${op.method.toUpperCase()} ${op.path}`)
        .sort();
      const theirs = mock.operations.map((op) => `${op.operationId} ${op.method.toUpperCase()} ${op.path}`).sort();
      expect(ours).toEqual(theirs);
    } finally {
      await mock.close();
    }
  });

  describe("the check fails on a gap", () => {
    const table = tables.get("jtl-erp-v1")!;
    const [first] = table.operations;

    it("an operation without a wrapper", () => {
      const wrappers = new Map(table.wrappers.byOperationId);
      wrappers.delete(first!.operationId);
      const problems = coverageProblems({ ...table, wrappers: { byOperationId: wrappers, duplicates: [] } });
      expect(problems).toContain(`${first!.method.toUpperCase()} ${first!.path} (${first!.operationId}): no exported wrapper`);
    });

    it("a new spec operation nobody wrote a wrapper or a case for", () => {
      const added = { ...first!, operationId: "brandNewOperation", path: "/brand-new" };
      const problems = coverageProblems({ ...table, operations: [...table.operations, added] });
      expect(problems).toEqual(
        expect.arrayContaining([
          `${added.method.toUpperCase()} /brand-new (brandNewOperation): no exported wrapper`,
          `${added.method.toUpperCase()} /brand-new (brandNewOperation): not in the client's resource tree`,
          `${added.method.toUpperCase()} /brand-new (brandNewOperation): no "required" contract case`,
        ]),
      );
    });

    it("a wrapper with no contract case, and a documented status with no error case", () => {
      const withoutCase = coverageProblems({ ...table, calls: table.calls.filter((c) => !(c.op === first && c.mode === "all")) });
      expect(withoutCase).toEqual([`${first!.method.toUpperCase()} ${first!.path} (${first!.operationId}): no "all" contract case`]);
      const dropped = table.errors[0]!;
      const withoutError = coverageProblems({ ...table, errors: table.errors.slice(1) });
      expect(withoutError).toEqual([
        `${dropped.op.method.toUpperCase()} ${dropped.op.path} (${dropped.op.operationId}): no case for documented status ${dropped.status}`,
      ]);
    });

    it("a wrapper for an operation the spec does not have", () => {
      const wrappers = new Map(table.wrappers.byOperationId);
      wrappers.set("removedFromSpec", { name: "removedFromSpec", fn: wrappers.get(first!.operationId)!.fn });
      expect(coverageProblems({ ...table, wrappers: { byOperationId: wrappers, duplicates: [] } })).toEqual([
        "wrapper removedFromSpec calls operation removedFromSpec, which the spec does not have",
      ]);
    });
  });
});
