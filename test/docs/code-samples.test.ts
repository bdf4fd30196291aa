// Every operation's TypeScript sample in the docs type-checks against the built package, so a
// sample cannot drift from the code; a deliberately broken sample is caught, naming its file.
import { beforeAll, expect, it } from "vitest";
import { docsSpec, type DocsSpec } from "../../scripts/docs/docs-spec.js";
import { apiNames } from "../../scripts/lib/apis.js";
import { ROOT } from "../package/helpers.js";
import { typecheckAgainstPackage } from "./typecheck-against-package.js";

const apis = apiNames(ROOT);

let specs: DocsSpec[];
const samples: Record<string, string> = {};

beforeAll(async () => {
  specs = await Promise.all(apis.map((api) => docsSpec(ROOT, api)));
  for (const { api, calls } of specs) {
    for (const call of calls) {
      const typescript = call.node["x-codeSamples"].find((s: { label: string }) => s.label === "TypeScript");
      samples[`${api}.${call.operation.name}.mts`] = typescript.source;
    }
  }
});

it("every operation of every API has a TypeScript sample", () => {
  const operations = specs.reduce((n, { calls }) => n + calls.length, 0);
  expect(operations).toBeGreaterThan(0);
  expect(Object.keys(samples)).toHaveLength(operations);
});

it("every TypeScript sample type-checks against the built package", { timeout: 120_000 }, async () => {
  expect(await typecheckAgainstPackage(samples)).toBe("");
});

it("a broken sample fails the check, naming its file", { timeout: 120_000 }, async () => {
  const [name, source] = Object.entries(samples)[0]!;
  // The method the sample calls, renamed: what a sample would look like after the API moved on.
  const broken = source.replace(/await client\.([\w.]+)\(/, "await client.$1Renamed(");
  expect(broken).not.toBe(source);
  const report = await typecheckAgainstPackage({ [name]: broken });
  expect(report).toContain(name);
  expect(report).toMatch(/error TS2551|error TS2339/);
});
