/**
 * The second opinion: the same contract cases (same seeds, so the same generated inputs) sent
 * through the same clients to Stoplight Prism in validating mock mode (`--errors`). Any request
 * Prism rejects, and any violation it logs, fails the case; at the end Prism's whole log must be
 * free of violations. One Prism process per API, started together, stopped in afterAll.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractTable, type ContractTable } from "./cases.js";
import { prismTarget, startPrism, type PrismServer } from "./prism.js";
import { CaseRunner } from "./run-case.js";
import { bundledApis, ROOT } from "./spec-operations.js";

const apis = bundledApis();
const tables = new Map<string, ContractTable>();
for (const api of apis) tables.set(api, await contractTable(api));

const servers = new Map<string, PrismServer>();
const runners = new Map<string, CaseRunner>();

beforeAll(async () => {
  // Started in parallel: each takes a few seconds to read its spec. allSettled, so afterAll can stop every one that did start.
  const started = await Promise.allSettled(apis.map((api) => startPrism(path.join(ROOT, "generated", api, "openapi.json"))));
  started.forEach((result, i) => {
    if (result.status === "fulfilled") servers.set(apis[i]!, result.value);
  });
  const failed = started.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  for (const api of apis) {
    const prism = servers.get(api)!;
    let runner: CaseRunner | undefined;
    runner = new CaseRunner(
      tables.get(api)!,
      prismTarget(prism, () => runner?.sent.length ?? 0),
    );
    runners.set(api, runner);
  }
}, 90_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((prism) => prism.stop()));
}, 30_000);

for (const api of apis) {
  const table = tables.get(api)!;

  describe(`${api} replayed through Prism`, () => {
    it.each(table.calls.map((c) => [c.name, c] as const))(
      "%s: Prism accepts every request",
      async (_, c) => {
        await runners.get(api)!.assertCall(c);
      },
      60_000,
    );

    it.each(table.errors.map((c) => [c.name, c] as const))(
      "%s: Prism's documented answer arrives as the typed error",
      async (_, c) => {
        await runners.get(api)!.assertError(c);
      },
      60_000,
    );

    it("Prism logged no violation for any request", () => {
      const prism = servers.get(api)!;
      expect(prism.completed()).toBeGreaterThan(0);
      expect(prism.problems()).toEqual([]);
    });
  });
}
