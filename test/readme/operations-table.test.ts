// The README's operations tables (scripts/operations-table.ts): current with generated/, one row per
// operation the generated code exports, and `--check` fails on a stale copy, naming what to run.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { apisIn, END_MARKER, renderTables, START_MARKER, tableOf, withTables } from "../../scripts/operations-table.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = path.join(ROOT, "scripts/operations-table.ts");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const scratch = mkdtempSync(path.join(os.tmpdir(), "operations-table-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the script; resolves with its exit code and output instead of throwing. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [SCRIPT, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const section = (text: string) => text.slice(text.indexOf(START_MARKER), text.indexOf(END_MARKER));

describe("the README's operations tables", () => {
  it("match what the generated code and the bundled specs say", async () => {
    const tables = await Promise.all(apisIn(ROOT).map((api) => tableOf(ROOT, api)));
    expect(section(withTables(readme, renderTables(tables), "README.md"))).toBe(section(readme));
  });

  it("list every operation the generated code exports, each once, with its id types", async () => {
    for (const api of apisIn(ROOT)) {
      const table = await tableOf(ROOT, api);
      const exported = [
        ...readFileSync(path.join(ROOT, "generated", api, "operations.ts"), "utf8").matchAll(/^export function (\w+)/gm),
      ].map((m) => m[1]);
      expect(table.rows.map((row) => row.functionName).sort(), api).toEqual(exported.sort());
      for (const row of table.rows) {
        expect(section(readme), `${api} ${row.functionName}`).toContain(`| \`${row.functionName}\` | \`${row.method} ${row.path}\` |`);
        // Every {param} of the path has its type in the row.
        for (const name of row.path.match(/\{[^}]+\}/g) ?? [])
          expect(row.pathParams.join(), `${api} ${row.functionName}`).toContain(`${name.slice(1, -1)}: `);
      }
    }
  });

  it("--check passes on the README as committed", async () => {
    expect(await run("--check")).toMatchObject({ code: 0 });
  });

  it("--check fails on a stale table and names the command that rewrites it", async () => {
    const stale = path.join(scratch, "README.md");
    writeFileSync(stale, readme.replace(/\| `erp\.customers\.contacts\.create` \|/, "| `erp.customers.contacts.add` |"));
    expect(readFileSync(stale, "utf8")).not.toBe(readme);
    const result = await run("--check", "--readme", stale);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("stale");
    expect(result.stderr).toContain("npm run readme:operations");
  });

  it("rewrites a stale table back to the current one, and refuses a README without the markers", async () => {
    const stale = path.join(scratch, "README-rewrite.md");
    writeFileSync(stale, withTables(readme, "\n(old table)\n", stale));
    expect(await run("--readme", stale)).toMatchObject({ code: 0 });
    expect(readFileSync(stale, "utf8")).toBe(readme);

    const bare = path.join(scratch, "README-bare.md");
    writeFileSync(bare, "# no markers\n");
    const result = await run("--check", "--readme", bare);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(START_MARKER);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
