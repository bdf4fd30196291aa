/**
 * The shape of the package.json and tarball, as publint and "Are the Types Wrong?" see it. ESM only:
 * attw's `esm-only` profile leaves out node10 and node16-from-CommonJS resolution, which an ESM-only
 * package cannot satisfy (a `require()` of it fails by design; Node 20.19+ users can import it).
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

  it("attw --pack --profile esm-only finds no problem in any entry point", async () => {
    assertDistIsBuilt();
    const attw = path.join(ROOT, "node_modules", ".bin", "attw");
    // Exit code 1 (the table of problems is in the error) on any problem the profile covers.
    const { stdout } = await run(attw, ["--pack", ".", "--profile", "esm-only", "--format", "table-flipped", "--no-color", "--no-emoji"], { cwd: ROOT });
    for (const specifier of specifiers) {
      // Columns: node16 (from ESM), bundler.
      expect(stdout).toMatch(new RegExp(`"${specifier}"\\s*│ OK \\(ESM\\)\\s*│ OK\\s*│`));
    }
  }, 60_000);
});
