// The drill: "regenerate on spec change", end to end, on a scratch copy of the repo. A scripted
// vendor change (vendor-change.ts) goes through lint → generate → the change report →
// compile → the contract suite's coverage → docs, exactly as a maintainer runs them, and nothing
// in test/ is edited for it. Each stage is one step below; a failure names the command's output.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyVendorChange, CHANGE } from "./vendor-change.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** What the scratch copy needs from the repo; node_modules is linked, not copied. */
const COPIED = [
  "scripts",
  "src",
  "openapi",
  "redocly",
  "redocly.yaml",
  "biome.json",
  "generated",
  "docs",
  "test/contract",
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "README.md",
];

let scratch: string;
let base: string;

/** Runs `node [--import tsx] <script> ...args` in the scratch repo; rejects with its output. */
async function runScript(script: string, ...args: string[]): Promise<string> {
  try {
    const loader = script.endsWith(".mjs") ? [] : ["--import", "tsx"]; // .mjs is plain JavaScript
    const { stdout, stderr } = await run(process.execPath, [...loader, script, ...args], {
      cwd: scratch,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      maxBuffer: 16 << 20,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${script} ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

beforeAll(async () => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "drill-"));
  scratch = path.join(base, "repo");
  for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(scratch, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(scratch, "node_modules"));
  fs.writeFileSync(path.join(scratch, ".gitignore"), "node_modules\n.cache/\ndist/\nsite/\nreports/\n");
  // The change report compares with the committed output: the copy gets a history of one commit.
  const git = (...args: string[]) => run("git", args, { cwd: scratch });
  await git("init", "-q");
  await git("add", "-A");
  await git(
    "-c",
    "user.name=drill",
    "-c",
    "user.email=drill@example.invalid",
    "commit",
    "-q",
    "--no-gpg-sign",
    "-m",
    "before the vendor change",
  );
  applyVendorChange(scratch);
}, 60_000);

afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

describe("a vendor change, regenerated", { sequential: true }, () => {
  let changes = "";

  it("lints and generates: the new operation gets a wrapper and a resource method", async () => {
    // The repo run lints every changed API with redocly.yaml's rules before it bundles.
    const output = await runScript("scripts/generate-cli.mjs"); // what `npm run generate` runs
    expect(output).toMatch(/^jtl-erp-v1\s+lint\s+\d+ ms/m);
    expect(output).toMatch(/^write\s+generated\/jtl-erp-v1\/ \(\d+ files? changed\)/m);
    const v1 = path.join(scratch, "generated", "jtl-erp-v1");
    expect(fs.readFileSync(path.join(v1, "operations.ts"), "utf8")).toContain(`export function ${CHANGE.operationId}<`);
    const [group, child, method] = CHANGE.resourceMethod.split(".");
    expect(fs.readFileSync(path.join(v1, "resources.ts"), "utf8")).toMatch(
      new RegExp(`${group}: \\{[\\s\\S]*${child}: \\{[\\s\\S]*${method}: ${CHANGE.operationId},`),
    );
    const types = fs.readFileSync(path.join(v1, "types.ts"), "utf8");
    expect(types).toContain(`${CHANGE.responseField.name}?: string;`);
    expect(types).toContain(`${CHANGE.renamedField.to}?: string;`);
    // The rest of `npm run generate` (postgenerate): the README's operations table, then the change report.
    await runScript("scripts/operations-table.ts");
    expect(fs.readFileSync(path.join(scratch, "README.md"), "utf8")).toContain(CHANGE.operationId);
    changes = await runScript("scripts/change-report.ts");
  }, 120_000);

  it("the change report calls the rename breaking, the new field and operation not", () => {
    expect(changes).toMatch(/changes: jtl-erp-v1: 1 breaking, \d+ additions, \d+ docs-only → major/);
    expect(changes).toMatch(/changes: jtl-erp-v2: no change for callers/);
    const report = fs.readFileSync(path.join(scratch, "reports", "spec-changes.md"), "utf8");
    const rows = report.split("\n").filter((line) => line.startsWith("| "));
    const { from, to } = CHANGE.renamedField;
    expect(rows).toContainEqual(
      expect.stringMatching(new RegExp(`^\\| breaking \\| POST /customers/\\{customerId\\}/contacts .*\`${from}\` renamed to \`${to}\``)),
    );
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^\\| addition \\| .*field \`${CHANGE.responseField.name}\` added`)));
    expect(rows).toContainEqual(
      expect.stringMatching(new RegExp(`^\\| addition \\| GET /customers/\\{customerId\\}/tags \\(\`${CHANGE.operationId}\`\\) \\|`)),
    );
    expect(rows.filter((row) => row.startsWith("| breaking"))).toHaveLength(1);
  });

  it("compiles", async () => {
    expect(await runScript("scripts/compile.ts")).toMatch(/^compile {2}dist\//m);
    expect(fs.existsSync(path.join(scratch, "dist", "generated", "jtl-erp-v1", "operations.js"))).toBe(true);
  }, 120_000);

  it("the contract suite covers the new operation by itself", async () => {
    const probe = path.join(scratch, "drill-coverage.ts");
    fs.writeFileSync(
      probe,
      [
        'import { contractTable, coverageProblems } from "./test/contract/cases.js";',
        'const table = await contractTable("jtl-erp-v1");',
        "console.log(JSON.stringify({ operations: table.operations.map((op) => op.operationId), problems: coverageProblems(table) }));",
      ].join("\n"),
    );
    const result = JSON.parse((await runScript(probe)).trim().split("\n").at(-1)!) as { operations: string[]; problems: string[] };
    expect(result.operations).toContain(CHANGE.operationId);
    expect(result.problems).toEqual([]);
  }, 120_000);

  it("the docs show the new operation", async () => {
    await runScript("scripts/docs.ts", "site");
    expect(fs.readFileSync(path.join(scratch, "site", "operations.html"), "utf8")).toContain(CHANGE.operationId);
    const spec = JSON.parse(fs.readFileSync(path.join(scratch, "site", "jtl-erp-v1.openapi.json"), "utf8"));
    expect(spec.paths[CHANGE.route].get.operationId).toBe(CHANGE.operationId);
  }, 120_000);
});
