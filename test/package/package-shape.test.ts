/**
 * The shape of the package.json and tarball, as publint and "Are the Types Wrong?" see it. attw runs
 * every resolution (node10 through typesVersions, node16 from CommonJS and from ESM, bundler); the
 * one rule left out is `cjs-resolves-to-esm`, since Node 20.19+ `require()`s the ESM files
 * (test/package/require-entries.test.ts runs that with node).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";
import { assertDistIsBuilt, ROOT, run } from "./helpers.js";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
/** Every code entry point as users import it: "vendor-api-clients", "vendor-api-clients/mock", … */
const specifiers = Object.keys(pkg.exports)
  .filter((subpath) => !subpath.endsWith(".json"))
  .map((subpath) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

describe("package shape", () => {
  it("publint finds nothing, suggestions included", async () => {
    assertDistIsBuilt();
    const { messages, pkg: packageJson } = await publint({ pkgDir: ROOT, level: "suggestion", strict: true, pack: "npm" });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, packageJson) ?? message.code}`)).toEqual([]);
  }, 60_000);

  it("attw --pack finds no problem in any entry point, node10 and node16 from CommonJS included", async () => {
    assertDistIsBuilt();
    const attw = path.join(ROOT, "node_modules", ".bin", "attw");
    // Exit code 1 (the table of problems is in the error) on any problem the profile covers.
    const args = ["--pack", ".", "--ignore-rules", "cjs-resolves-to-esm", "--format", "table-flipped", "--no-color", "--no-emoji"];
    const { stdout } = await run(attw, args, { cwd: ROOT });
    for (const specifier of specifiers) {
      // Columns: node10, node16 (from CJS), node16 (from ESM), bundler.
      expect(stdout).toMatch(new RegExp(`"${specifier}"\\s*│ OK\\s*│ OK \\(ESM\\)\\s*│ OK \\(ESM\\)\\s*│ OK\\s*│`));
    }
  }, 60_000);
});
