/**
 * CommonJS callers: `require()` of every entry works on Node 20.19+, which loads the package's ESM
 * files through require(esm) (the exports map's `default` condition). A .cjs file in a temp project
 * that links the package (as node_modules/vendor-api-clients) requires each entry, run with node.
 */
import { mkdtemp, rm, symlink, writeFile, mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertDistIsBuilt, ROOT, run } from "./helpers.js";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
const specifiers = Object.keys(pkg.exports)
  .filter((subpath) => !subpath.endsWith(".json"))
  .map((subpath) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

// Prints, per entry, its export names; a failed require() exits non-zero with Node's message.
const PROGRAM = `"use strict";
const specifiers = JSON.parse(process.argv[2]);
const seen = {};
for (const specifier of specifiers) seen[specifier] = Object.keys(require(specifier)).sort();
const { createJtlErpV1Client } = require("vendor-api-clients/jtl-erp-v1");
const erp = createJtlErpV1Client({ tenantId: "t", appId: "MyApp/1.0.0", appVersion: "1.0.0" });
seen.client = String(erp);
seen.bound = typeof erp.customers.contacts.get;
process.stdout.write(JSON.stringify(seen));
`;

let dir: string;
beforeAll(async () => {
  assertDistIsBuilt();
  dir = await mkdtemp(path.join(tmpdir(), "require-entries-"));
  await mkdir(path.join(dir, "node_modules"));
  await symlink(ROOT, path.join(dir, "node_modules", pkg.name), "dir");
  await writeFile(path.join(dir, "require-entries.cjs"), PROGRAM);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("require() from CommonJS", () => {
  it("loads every entry and builds a working client", async () => {
    const { stdout } = await run(process.execPath, [path.join(dir, "require-entries.cjs"), JSON.stringify(specifiers)], { cwd: dir });
    const seen = JSON.parse(stdout) as Record<string, unknown>;
    for (const specifier of specifiers) expect(seen[specifier], specifier).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(seen[`${pkg.name}/jtl-erp-v1`]).toEqual(expect.arrayContaining(["createJtlErpV1Client", "getCustomerContact", "isErrorOf"]));
    expect(seen[`${pkg.name}/core`]).toEqual(expect.arrayContaining(["ApiError", "createClient"]));
    expect(seen.client).toBe("[JtlErpV1Client https://api.jtl-cloud.com/erp]");
    expect(seen.bound).toBe("function");
  }, 60_000);
});
