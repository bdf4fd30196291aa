// Shared helpers for the generator tests: run the real CLI, copy the repo to a scratch
// folder, snapshot a folder's bytes.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(ROOT, "test", "generator", "fixtures");
export const OUT = path.join(ROOT, "test", "generator", ".out");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the generator (of `root`, default this repo) with `args`, the way `npm run generate` does; `env` adds variables. */
export function generate(args: string[], root = ROOT, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, "scripts", "generate-cli.mjs"), ...args],
      { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** Starts the generator in the background (for --watch); resolves lines as they arrive. */
export function generateInBackground(args: string[], root = ROOT) {
  const child = spawn(process.execPath, [path.join(root, "scripts", "generate-cli.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return {
    child,
    output: () => output,
    /** Resolves when `pattern` matches the output after `from` (an offset into it). */
    waitFor(pattern: RegExp, from = 0, timeoutMs = 60_000): Promise<number> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(output.slice(from));
          if (match) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(from + match.index + match[0].length);
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/**
 * A scratch copy of the repo's generator inputs and output (scripts, the runtime rules the
 * generator shares from src/, specs, lint and format config, generated/), with node_modules linked, so a test
 * may break things freely.
 */
export function scratchRepo(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "generate-"));
  const root = path.join(base, "main");
  fs.mkdirSync(root);
  for (const entry of [
    "scripts",
    "src",
    "openapi",
    "redocly",
    "redocly.yaml",
    "biome.json",
    "package.json",
    "generated",
    "tsconfig.json",
  ]) {
    fs.cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  }
  // The generator's bundle checks its inputs by content, so the copy reuses it instead of building its own.
  const bundle = path.join(ROOT, ".cache", "generate-cli");
  if (fs.existsSync(bundle)) fs.cpSync(bundle, path.join(root, ".cache", "generate-cli"), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  return root;
}

/** Removes a scratch repo made by scratchRepo(). */
export function removeScratch(root: string): void {
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
}

/** Every file under `dir` with its bytes, for before/after comparisons. */
export function snapshotDir(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = fs.readFileSync(full, "base64");
  }
  return files;
}

/**
 * Runs one spec file through the same pipeline and format step as `generate --input` (lint
 * skipped), in process, with the runtime imported relative to `outDir`; returns the files.
 */
export async function generateSpec(file: string, outDir: string): Promise<Map<string, string>> {
  const [{ inputJob }, { generateApi }, { generateTypes }, { formatTypeScript }] = await Promise.all([
    import("../../scripts/lib/input-job.js"),
    import("../../scripts/lib/pipeline.js"),
    import("../../scripts/steps/types.js"),
    import("../../scripts/steps/format.js"),
  ]);
  const runtimeImport = path
    .relative(outDir, path.join(ROOT, "src", "core", "index.js"))
    .split(path.sep)
    .join("/");
  const files = await generateApi(inputJob(file, runtimeImport), () => {}, { generate: generateTypes });
  await formatTypeScript([{ dir: outDir, files }]);
  return files;
}

/** Runs the fixture fixtures/<name>/openapi.{yaml,json} (see generateSpec). */
export function generateFixture(name: string, outDir: string): Promise<Map<string, string>> {
  const dir = path.join(FIXTURES, name);
  return generateSpec(path.join(dir, fs.readdirSync(dir).find((f) => /^openapi\.(ya?ml|json)$/.test(f))!), outDir);
}

/** Writes a file set into `dir`, replacing what was there. */
export function writeFiles(dir: string, files: Map<string, string>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of files) fs.writeFileSync(path.join(dir, file), content);
}
