// The format step (scripts/steps/format.ts): the generated TypeScript is what Biome makes of it
// with biome.json's options, files over Biome's size limit are left as emitted, a Biome upgrade or
// a change of the options regenerates, and a formatter that fails stops the run with one line
// naming the step and the file, leaving the output as it was.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inputCacheKey } from "../../scripts/lib/cache-recipe.js";
import { formatTypeScript } from "../../scripts/steps/format.js";
import { FIXTURES, ROOT, generate, snapshotDir } from "./helpers.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "generate-format-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SPEC = path.join(FIXTURES, "circular-schemas", "openapi.yaml");
const unformatted = "export const a = {b:1,   c:'two'}\n";

describe("formatTypeScript", () => {
  it("formats with biome.json's options and leaves other files alone", async () => {
    const files = new Map([
      ["a.ts", unformatted],
      ["openapi.json", '{"a":1}'],
    ]);
    const done = await formatTypeScript([{ dir: tmp, files }]);
    expect(files.get("a.ts")).toBe('export const a = { b: 1, c: "two" };\n');
    expect(files.get("openapi.json")).toBe('{"a":1}');
    expect(done).toMatchObject({ formatted: 1, tooLarge: [] });
  });

  it("leaves a file larger than files.maxSize as emitted, as Biome itself would", async () => {
    const root = path.join(tmp, "small-limit");
    fs.mkdirSync(root, { recursive: true });
    const biome = JSON.parse(fs.readFileSync(path.join(ROOT, "biome.json"), "utf8"));
    fs.writeFileSync(path.join(root, "biome.json"), JSON.stringify({ ...biome, files: { maxSize: 100 } }));
    const large = `${unformatted}// ${"x".repeat(100)}\n`;
    const files = new Map([
      ["small.ts", unformatted],
      ["large.ts", large],
    ]);
    const done = await formatTypeScript([{ dir: root, files }], root);
    expect(files.get("large.ts")).toBe(large);
    expect(files.get("small.ts")).not.toBe(unformatted);
    expect(done).toMatchObject({ formatted: 1, tooLarge: [path.relative(process.cwd(), path.join(root, "large.ts"))], maxSize: 100 });
  });

  it("the checked-in output is formatted: `biome format` would change nothing in generated/ and the snapshots", () => {
    const biome = path.join(ROOT, "node_modules", ".bin", "biome");
    // Throws (exit 1, naming the file) when any file would change.
    execFileSync(biome, ["format", "--colors=off", "generated", "test/generator/__snapshots__"], { cwd: ROOT, stdio: "pipe" });
  });
});

describe("the cache key", () => {
  /** A minimal repo root: the generator's sources, biome.json, and the tools' package.json files. */
  function fakeRoot(name: string, biomeVersion: string, biomeJson: string): string {
    const root = path.join(tmp, name);
    for (const dir of ["scripts/steps", "scripts/lib", "src/internal"]) fs.mkdirSync(path.join(root, dir), { recursive: true });
    fs.writeFileSync(path.join(root, "scripts", "generate.ts"), "");
    fs.writeFileSync(path.join(root, "biome.json"), biomeJson);
    const versions = {
      "openapi-typescript": "7.0.0",
      "@redocly/openapi-core": "2.0.0",
      "ts-morph": "28.0.0",
      "@biomejs/biome": biomeVersion,
    };
    for (const [pkg, version] of Object.entries(versions)) {
      fs.mkdirSync(path.join(root, "node_modules", pkg), { recursive: true });
      fs.writeFileSync(path.join(root, "node_modules", pkg, "package.json"), JSON.stringify({ name: pkg, version }));
    }
    return root;
  }

  it("changes with Biome's version and with biome.json", async () => {
    const key = (root: string) => inputCacheKey(root, SPEC, {});
    const base = await key(fakeRoot("base", "2.6.8", '{"formatter":{"lineWidth":140}}'));
    expect(await key(fakeRoot("same", "2.6.8", '{"formatter":{"lineWidth":140}}'))).toBe(base);
    expect(await key(fakeRoot("upgraded", "2.7.0", '{"formatter":{"lineWidth":140}}'))).not.toBe(base);
    expect(await key(fakeRoot("narrower", "2.6.8", '{"formatter":{"lineWidth":100}}'))).not.toBe(base);
  });
});

describe("a formatter failure", { timeout: 120_000 }, () => {
  /** A previous good output, and a stand-in for Biome's binary (BIOME_BINARY, as for the `biome` command). */
  async function setUp(name: string, script?: string) {
    const out = path.join(tmp, name, "out");
    const first = await generate(["--input", SPEC, "--out", out]);
    expect(first.status, first.stderr).toBe(0);
    let binary = path.join(tmp, name, "no-such-biome");
    if (script !== undefined) {
      binary = path.join(tmp, name, "biome");
      fs.writeFileSync(binary, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    }
    return { out, binary, before: snapshotDir(out) };
  }

  it.concurrent("names the step, the generated file and Biome's problem, and writes nothing", async () => {
    const { out, binary, before } = await setUp(
      "parse",
      "echo '× 0/operations.ts:3:1: parse: Expected a statement but found the end of the file.' >&2\nexit 1",
    );
    const r = await generate(["--input", SPEC, "--out", out, "--force"], ROOT, { BIOME_BINARY: binary });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^generate: format failed in .*out\/operations\.ts:3:1: Biome cannot format the generated code: parse: Expected a statement/m,
    );
    expect(r.stderr).toContain("nothing was written; the previous output is unchanged");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(snapshotDir(out)).toEqual(before);
  });

  it.concurrent("says so when Biome cannot be run, and writes nothing", async () => {
    const { out, binary, before } = await setUp("missing");
    const r = await generate(["--input", SPEC, "--out", out, "--force"], ROOT, { BIOME_BINARY: binary });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^generate: format failed: cannot run Biome \(.*no-such-biome: ENOENT\); run `npm ci`/m);
    expect(snapshotDir(out)).toEqual(before);
  });
});
