// The generator as users run it (`npm run generate …`): broken inputs fail with the file,
// the place and the step, never a stack trace, and leave the previous output byte-identical;
// --check names stale files; --watch regenerates and survives a broken edit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, generate, generateInBackground, removeScratch, scratchRepo, snapshotDir } from "./helpers.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "generate-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** One good generation (of the circular-schemas fixture), made once and copied where a test needs "previous output". */
let good: Promise<string> | undefined;
async function previousOutput(name: string): Promise<string> {
  good ??= generate(["--input", path.join(FIXTURES, "circular-schemas", "openapi.yaml"), "--out", path.join(tmp, "good")]).then((r) => {
    if (r.status !== 0) throw new Error(r.stderr);
    return path.join(tmp, "good");
  });
  const out = path.join(tmp, name, "out");
  fs.cpSync(await good, out, { recursive: true });
  return out;
}

interface Broken {
  name: string;
  file: string;
  content?: string;
  /** What the one-line error must say: step, place and cause. */
  expected: RegExp;
}

const broken: Broken[] = [
  {
    name: "invalid YAML",
    file: "spec.yaml",
    content: "openapi: 3.1.0\ninfo: { title: x\npaths: {}\n",
    expected: /^generate: load failed in .*spec\.yaml:\d+:\d+: invalid YAML/m,
  },
  {
    name: "invalid JSON",
    file: "spec.json",
    content: '{\n  "openapi": "3.1.0",\n  "info": {\n}',
    expected: /^generate: load failed in .*spec\.json:\d+:\d+: invalid JSON/m,
  },
  {
    name: "a dangling $ref",
    file: "spec.yaml",
    content:
      "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: '#/components/responses/Nope' }\n",
    expected:
      /^generate: bundle failed in .*spec\.yaml at #\/paths\/~1a\/get\/responses\/200\/\$ref: \$ref "#\/components\/responses\/Nope" does not resolve/m,
  },
  {
    name: "a dangling external $ref",
    file: "spec.yaml",
    content: "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    $ref: missing.yaml#/a\n",
    expected: /^generate: bundle failed in .*spec\.yaml:\d+:\d+: .*missing\.yaml/m,
  },
  {
    name: "a duplicate operationId",
    file: "spec.yaml",
    content:
      "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get: { operationId: same, responses: { '200': { description: ok } } }\n  /b:\n    get: { operationId: same, responses: { '200': { description: ok } } }\n",
    expected:
      /^generate: collect failed in .*spec\.yaml at #\/paths\/~1b\/get: duplicate operationId "same" \(first used at #\/paths\/~1a\/get\)/m,
  },
  { name: "a missing file", file: "does-not-exist.yaml", expected: /^generate: load failed in .*does-not-exist\.yaml: no such file/m },
  { name: "an empty file", file: "empty.yaml", content: "  \n", expected: /^generate: load failed in .*empty\.yaml: the file is empty/m },
  {
    name: "a JSON file that is not an OpenAPI document",
    file: "package.json",
    content: '{ "name": "not-a-spec", "version": "1.0.0" }',
    expected: /^generate: load failed in .*package\.json at #\/: not an OpenAPI document: it has no `openapi` version field/m,
  },
  {
    name: "Swagger 2.0",
    file: "swagger.json",
    content: '{ "swagger": "2.0", "info": { "title": "x", "version": "1" }, "paths": {} }',
    expected: /^generate: load failed in .*swagger\.json at #\/swagger: Swagger 2\.0 is not supported; only OpenAPI 3\.0 and 3\.1 are/m,
  },
];

describe.concurrent("broken input fails clearly and leaves the output untouched", { timeout: 120_000 }, () => {
  it.for(broken)("$name", async ({ name, file, content, expected }, { expect }) => {
    const out = await previousOutput(name);
    const before = snapshotDir(out);
    const input = path.join(tmp, name, file);
    if (content !== undefined) fs.writeFileSync(input, content);
    const r = await generate(["--input", input, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toContain("nothing was written; the previous output is unchanged");
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(snapshotDir(out)).toEqual(before);
  });

  it("--lint lints an --input spec with Redocly's recommended rules and lists every problem", async ({ expect }) => {
    const input = path.join(tmp, "lint-me.yaml");
    fs.writeFileSync(input, "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses: {}\n");
    const out = path.join(tmp, "lint-out");
    const r = await generate(["--input", input, "--out", out, "--lint"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^generate: lint failed in .*lint-me\.yaml:\d+:\d+: \d+ problems:/m);
    expect(r.stderr).toMatch(/lint-me\.yaml:5:5 {2}operation-summary {2}/);
    expect(fs.existsSync(out)).toBe(false);
    // Without --lint the same spec generates.
    expect((await generate(["--input", input, "--out", out])).status).toBe(0);
  });

  it("--verbose adds the stack trace", async ({ expect }) => {
    const r = await generate(["--input", path.join(tmp, "nope.yaml"), "--out", path.join(tmp, "verbose-out"), "--verbose"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it("a wrong argument is a usage error (exit 2), not a crash", async ({ expect }) => {
    const r = await generate(["--input", "x.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^generate: --input needs --out DIR\nusage: /);
  });

  it("refuses to replace a folder that holds files it did not write", async ({ expect }) => {
    const out = path.join(tmp, "foreign");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "notes.txt"), "mine");
    const r = await generate(["--input", path.join(FIXTURES, "circular-schemas", "openapi.yaml"), "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/write failed in .*foreign: refusing to replace a folder with files the generator did not write: notes\.txt/);
    expect(fs.readdirSync(out)).toEqual(["notes.txt"]);
  });
});

describe.concurrent("the repo's own specs", { timeout: 120_000 }, () => {
  it("a broken spec of one API leaves all of generated/ byte-identical", async () => {
    const root = scratchRepo();
    try {
      const before = snapshotDir(path.join(root, "generated"));
      // Break v2 (the last API alphabetically but one) after touching v1, so v1 regenerates too.
      const v1 = path.join(root, "openapi/jtl-erp-v1/components/schemas/CustomerContact.yaml");
      fs.writeFileSync(
        v1,
        fs.readFileSync(v1, "utf8").replace("A contact person of a customer.", "A contact person of a customer (edited)."),
      );
      const v2 = path.join(root, "openapi/jtl-erp-v2/paths/v2_customers_{customerId}_contacts.yaml");
      fs.writeFileSync(
        v2,
        fs.readFileSync(v2, "utf8").replace("$ref: ../components/schemas/CustomerContact.yaml", "$ref: ../components/schemas/Gone.yaml"),
      );
      const r = await generate([], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /^generate: lint failed in openapi\/jtl-erp-v2\/paths\/v2_customers_\{customerId\}_contacts\.yaml:\d+:\d+: /m,
      );
      expect(r.stdout).toMatch(/jtl-erp-v1\s+emit/); // v1 was regenerated in memory…
      expect(snapshotDir(path.join(root, "generated"))).toEqual(before); // …but nothing was written
    } finally {
      removeScratch(root);
    }
  });

  it("--check passes on a fresh tree and names every stale, missing and extra file", async () => {
    const root = scratchRepo();
    try {
      expect((await generate(["--check"], root)).status).toBe(0);
      fs.appendFileSync(path.join(root, "generated/jtl-erp-v2/operations.ts"), "// hand edit\n");
      fs.rmSync(path.join(root, "generated/cro-dispatch/models.ts"));
      fs.writeFileSync(path.join(root, "generated/jtl-erp-v1/extra.ts"), "");
      const r = await generate(["--check"], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("modified  generated/jtl-erp-v2/operations.ts");
      expect(r.stderr).toContain("missing   generated/cro-dispatch/models.ts");
      expect(r.stderr).toContain("extra     generated/jtl-erp-v1/extra.ts");
      // --check never writes.
      expect(fs.existsSync(path.join(root, "generated/cro-dispatch/models.ts"))).toBe(false);
    } finally {
      removeScratch(root);
    }
  });

  it("--check notices a spec change, and generate makes it pass again", async () => {
    const root = scratchRepo();
    try {
      const file = path.join(root, "openapi/jtl-erp-v2/paths/v2_customers_{customerId}_contacts_{customerContactId}.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("summary: Get Customer Contact", "summary: Fetch Customer Contact"));
      const stale = await generate(["--check"], root);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain("modified  generated/jtl-erp-v2/operations.ts");
      expect(stale.stderr).toContain("modified  generated/jtl-erp-v2/openapi.json");
      expect((await generate([], root)).status).toBe(0);
      expect((await generate(["--check"], root)).status).toBe(0);
      expect(fs.readFileSync(path.join(root, "generated/jtl-erp-v2/operations.ts"), "utf8")).toContain(" * Fetch Customer Contact");
    } finally {
      removeScratch(root);
    }
  });

  it("a generator source that does not parse is named with its line, and nothing is written", async () => {
    const root = scratchRepo();
    try {
      const before = snapshotDir(path.join(root, "generated"));
      fs.appendFileSync(path.join(root, "scripts/lib/naming.ts"), "\nconst broken = ;\n");
      const r = await generate(["--force"], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^generate: the generator itself does not build: scripts\/lib\/naming\.ts:\d+:\d+: Unexpected ";"$/m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(snapshotDir(path.join(root, "generated"))).toEqual(before);
    } finally {
      removeScratch(root);
    }
  });

  it("a second run with nothing changed is served from the cache and writes nothing", async () => {
    const root = scratchRepo();
    try {
      expect((await generate([], root)).status).toBe(0);
      const mtimes = () =>
        fs.readdirSync(path.join(root, "generated/jtl-erp-v1")).map((f) => fs.statSync(path.join(root, "generated/jtl-erp-v1", f)).mtimeMs);
      const before = mtimes();
      const r = await generate([], root);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/jtl-erp-v1\s+unchanged \(inputs hash as before\)/);
      expect(r.stdout).not.toMatch(/\btypes\b.*ms/);
      expect(mtimes()).toEqual(before);
      // A hand edit defeats the cache: the file is regenerated.
      fs.appendFileSync(path.join(root, "generated/jtl-erp-v1/models.ts"), "// hand edit\n");
      const again = await generate([], root);
      expect(again.stdout).toMatch(/jtl-erp-v1\s+emit/);
      expect(fs.readFileSync(path.join(root, "generated/jtl-erp-v1/models.ts"), "utf8")).not.toContain("hand edit");
    } finally {
      removeScratch(root);
    }
  });
});

describe("--watch", { timeout: 120_000 }, () => {
  it("regenerates on change, reports a broken edit and keeps watching", async () => {
    const dir = path.join(tmp, "watch");
    fs.mkdirSync(dir, { recursive: true });
    const spec = path.join(dir, "spec.yaml");
    const good = fs.readFileSync(path.join(FIXTURES, "circular-schemas", "openapi.yaml"), "utf8");
    fs.writeFileSync(spec, good);
    const out = path.join(dir, "out");
    const watcher = generateInBackground(["--input", spec, "--out", out, "--watch"]);
    try {
      let at = await watcher.waitFor(/watching for changes/);
      fs.writeFileSync(spec, good.replace("operationId: getTree", "operationId: fetchTree"));
      at = await watcher.waitFor(/changed: .*spec\.yaml[\s\S]*watching for changes/, at);
      expect(fs.readFileSync(path.join(out, "operations.ts"), "utf8")).toContain("export function fetchTree");

      fs.writeFileSync(spec, "openapi: 3.1.0\ninfo: [broken\n");
      const broken = at;
      at = await watcher.waitFor(/regeneration failed; still watching/, broken);
      // The error goes to stderr, the status line to stdout: the two pipes may arrive in either order.
      await watcher.waitFor(/load failed in .*spec\.yaml:\d+:\d+: invalid YAML/, broken);
      expect(fs.readFileSync(path.join(out, "operations.ts"), "utf8")).toContain("export function fetchTree");

      fs.writeFileSync(spec, good);
      await watcher.waitFor(/changed: [\s\S]*watching for changes/, at);
      expect(fs.readFileSync(path.join(out, "operations.ts"), "utf8")).toContain("export function getTree");
      expect(watcher.child.exitCode).toBe(null); // still running
    } finally {
      watcher.child.kill("SIGINT");
    }
  });
});
