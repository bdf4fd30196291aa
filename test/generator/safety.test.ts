// The generator reads only the spec and writes only its own files: an external $ref (outside the
// spec's folder, an absolute path, a URL) is refused unless a flag allows it, and `--out` never
// replaces or deletes a file it did not write, never swaps out the user's folder, and refuses
// folders that hold the repo, the home folder or the filesystem root.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, ROOT, generate, snapshotDir } from "./helpers.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "generate-safety-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const HEAD = "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A:\n";
const GOOD_SPEC = path.join(FIXTURES, "circular-schemas", "openapi.yaml");

/** A spec folder under tmp/<name>/spec with the given files; returns the root spec's path. */
function specFolder(name: string, files: Record<string, string>): string {
  const folder = path.join(tmp, name, "spec");
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), content);
  }
  return path.join(folder, "openapi.yaml");
}

describe.concurrent("$refs outside the spec's folder", { timeout: 120_000 }, () => {
  it("a relative path past the folder is refused, naming the reference and its line; the flag allows it", async ({ expect }) => {
    fs.mkdirSync(path.join(tmp, "outside"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "outside", "sibling.yaml"), "x: { type: string }\n");
    const spec = specFolder("outside", { "openapi.yaml": `${HEAD}      $ref: ../sibling.yaml#/x\n` });
    const out = path.join(tmp, "outside", "out");
    const refused = await generate(["--input", spec, "--out", out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^generate: load failed in .*spec\/openapi\.yaml:7:13: \$ref "\.\.\/sibling\.yaml#\/x" points outside the spec's folder \(\.\.\/sibling\.yaml\); .*--allow-external-refs$/m,
    );
    expect(fs.existsSync(out)).toBe(false);
    const allowed = await generate(["--input", spec, "--out", out, "--allow-external-refs"]);
    expect(allowed.stderr).toBe("");
    expect(allowed.status).toBe(0);
  });

  it("an absolute path and a file: URL are refused", async ({ expect }) => {
    const target = path.join(tmp, "absolute-target.yaml");
    fs.writeFileSync(target, "x: { type: string }\n");
    for (const ref of [`${target}#/x`, `file://${target}#/x`]) {
      const spec = specFolder(`absolute-${ref.startsWith("file") ? "url" : "path"}`, { "openapi.yaml": `${HEAD}      $ref: '${ref}'\n` });
      const r = await generate(["--input", spec, "--out", path.join(path.dirname(spec), "..", "out")]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/load failed in .*openapi\.yaml:7:\d+: \$ref ".*absolute-target\.yaml#\/x" is an absolute path/);
    }
  });

  it("a URL is refused without touching the network", async ({ expect }) => {
    let hits = 0;
    const server = http.createServer((_, response) => {
      hits++;
      response.end("x: { type: string }\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sibling.yaml#/x`;
      const spec = specFolder("remote", { "openapi.yaml": `${HEAD}      $ref: '${url}'\n` });
      const r = await generate(["--input", spec, "--out", path.join(tmp, "remote", "out")]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /\$ref "http:\/\/127\.0\.0\.1:\d+\/sibling\.yaml#\/x" is a URL \(the generator would fetch it\); .*--allow-remote-refs/,
      );
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it("a file inside the folder is followed and its own references checked", async ({ expect }) => {
    const spec = specFolder("nested", {
      "openapi.yaml": `${HEAD}      $ref: components/a.yaml\n`,
      "components/a.yaml": "type: object\nproperties:\n  b:\n    $ref: ../../../escape.yaml\n",
    });
    const r = await generate(["--input", spec, "--out", path.join(tmp, "nested", "out")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/load failed in .*spec\/components\/a\.yaml:4:11: \$ref "\.\.\/\.\.\/\.\.\/escape\.yaml" points outside/);
  });

  it("a symlink inside the folder counts where it points", async ({ expect }) => {
    const spec = specFolder("symlink", { "openapi.yaml": `${HEAD}      $ref: linked.yaml#/x\n` });
    fs.writeFileSync(path.join(tmp, "symlink", "real.yaml"), "x: { type: string }\n");
    fs.symlinkSync(path.join(tmp, "symlink", "real.yaml"), path.join(path.dirname(spec), "linked.yaml"));
    const r = await generate(["--input", spec, "--out", path.join(tmp, "symlink", "out")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\$ref "linked\.yaml#\/x" points outside the spec's folder \(\.\.\/real\.yaml\)/);
  });

  it("the split fixture (files inside its folder) still generates", async ({ expect }) => {
    const r = await generate(["--input", path.join(FIXTURES, "multi-file", "openapi.yaml"), "--out", path.join(tmp, "multi-file-out")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe.concurrent("--out writes only its own files", { timeout: 120_000 }, () => {
  it.each([
    ["/", "the filesystem root"],
    [ROOT, "the repository root"],
    [path.dirname(ROOT), "a folder that holds this repository"],
    [os.homedir(), "your home folder"],
  ])("refuses %s", async (out, what) => {
    const r = await generate(["--input", GOOD_SPEC, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--out must be a folder of its own, not ${what}`);
  });

  it("refuses the spec's own folder", async ({ expect }) => {
    const spec = specFolder("own-folder", { "openapi.yaml": "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths: {}\n" });
    const r = await generate(["--input", spec, "--out", path.dirname(spec)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("not the folder the spec is in");
  });

  it("a folder of the user's with a file named like generator output is left alone", async ({ expect }) => {
    const out = path.join(tmp, "users-types");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "types.ts"), "// my own types\n");
    const r = await generate(["--input", GOOD_SPEC, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /write failed in .*users-types: refusing to replace a folder with files the generator did not write: types\.ts/,
    );
    expect(fs.readFileSync(path.join(out, "types.ts"), "utf8")).toBe("// my own types\n");
  });

  it("regenerates its own folder in place (the folder is kept), listing what it wrote in a manifest", async ({ expect }) => {
    const out = path.join(tmp, "own");
    fs.mkdirSync(out);
    const inode = fs.statSync(out).ino;
    expect((await generate(["--input", GOOD_SPEC, "--out", out])).status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, ".generated-files.json"), "utf8")) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual(["models.ts", "openapi.json", "operations.ts", "resources.ts", "types.ts"]);
    expect((await generate(["--input", path.join(FIXTURES, "media-types", "openapi.yaml"), "--out", out, "--force"])).status).toBe(0);
    expect(fs.statSync(out).ino).toBe(inode);
    expect(fs.readFileSync(path.join(out, "operations.ts"), "utf8")).toContain("uploadFile");
  });

  it("a file added later, or a generated file edited by hand, stops the next run", async ({ expect }) => {
    const out = path.join(tmp, "edited");
    expect((await generate(["--input", GOOD_SPEC, "--out", out])).status).toBe(0);
    fs.writeFileSync(path.join(out, "notes.md"), "mine");
    let r = await generate(["--input", GOOD_SPEC, "--out", out, "--force"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("refusing to replace a folder with files the generator did not write: notes.md");
    fs.rmSync(path.join(out, "notes.md"));
    fs.appendFileSync(path.join(out, "models.ts"), "// my edit\n");
    const before = snapshotDir(out);
    r = await generate(["--input", GOOD_SPEC, "--out", out, "--force"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("refusing to replace files changed since the generator wrote them: models.ts");
    expect(snapshotDir(out)).toEqual(before);
  });
});
