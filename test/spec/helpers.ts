// Shared helpers for the spec tests: where things are, a scratch copy of the specs,
// running the repo's own lint script, and reading its stylish output.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, loadConfig } from "@redocly/openapi-core";
import { apiNames } from "../../scripts/lib/apis.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * The APIs the tests know by name, for tables that hold something per API (the mock tests' valid
 * headers, the page findings); a test that walks every API uses APIS.
 */
export type Api = "cro-dispatch" | "jtl-erp-v1" | "jtl-erp-v2";
/** Every API of the repository (redocly.yaml's `apis:`, scripts/lib/apis.ts), sorted. */
export const APIS = apiNames(ROOT) as readonly Api[];

/** The folder of an API's saved doc pages. */
export const pagesDir = (api: Api) => path.join(ROOT, "openapi", api, "pages");

/** Which API each saved doc page (`openapi/<api>/pages/*.txt`) belongs to. */
export const PAGE_API: Record<string, Api> = Object.fromEntries(
  APIS.flatMap((api) =>
    fs
      .readdirSync(pagesDir(api))
      .filter((f) => f.endsWith(".txt"))
      .map((page) => [page, api]),
  ),
);

/** The API a doc page was transcribed into (throws for an unknown page). */
export function apiOf(page: string): Api {
  const api = PAGE_API[page];
  if (!api) throw new Error(`page ${page} is not saved under any openapi/<api>/pages/`);
  return api;
}

/** The text of a saved doc page. */
export const readPage = (page: string) => fs.readFileSync(path.join(pagesDir(apiOf(page)), page), "utf8");

/**
 * Copies the specs, redocly.yaml and the plugin into a fresh temp dir laid out like the
 * repo (`<tmp>/main`, saved pages included). Returns `<tmp>/main`.
 */
export function scratchCopy(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "spec-lint-"));
  const main = path.join(base, "main");
  for (const entry of ["openapi", "redocly", "redocly.yaml"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(main, entry), { recursive: true });
  }
  // The plugin is ESM; outside the repo it needs its own package scope.
  fs.writeFileSync(path.join(main, "package.json"), JSON.stringify({ type: "module" }));
  return main;
}

/** Edits one file of a scratch copy; fails the test if the edit changed nothing. */
export function edit(dir: string, rel: string, change: (text: string) => string): string {
  const file = path.join(dir, rel);
  const before = fs.readFileSync(file, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing`);
  fs.writeFileSync(file, after);
  return after;
}

/** 1-based number of the first (or last) line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, last = false): number {
  const lines = text.split("\n");
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i] : []));
  const i = (last ? hits[hits.length - 1] : hits[0]) ?? -1;
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

/** Runs the repo's `lint:spec` npm script (read from package.json) in `cwd`. */
export function runLintScript(cwd: string): Promise<{ status: number | null; output: string }> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const command: string = pkg.scripts["lint:spec"];
  const bin = path.join(ROOT, "node_modules", ".bin");
  // Asynchronous, so that the lint runs of concurrent tests overlap.
  const child = spawn(command, {
    cwd,
    shell: true,
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => {
      // eslint-disable-next-line no-control-regex
      resolve({ status, output: text.replace(/\x1b\[[0-9;]*m/g, "") });
    });
  });
}

export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: string;
  rule: string;
  message: string;
}

/** Parses `redocly lint --format=stylish`: a `file:` line, then `  line:col  severity  rule  message` lines. */
export function parseStylish(output: string): Problem[] {
  const problems: Problem[] = [];
  let file = "";
  for (const line of output.split("\n")) {
    const header = /^(\S.*\.ya?ml):$/.exec(line);
    if (header) {
      file = header[1]!;
      continue;
    }
    const m = /^\s+(\d+):(\d+)\s+(error|warning|warn)\s+(\S+)\s+(.*)$/.exec(line);
    if (m && file) {
      const [, l = "", c = "", severity = "", rule = "", message = ""] = m;
      problems.push({ file, line: +l, col: +c, severity, rule, message });
    }
  }
  return problems;
}

/** Bundles one API from `dir` (default: the repo) with the repo's redocly.yaml. */
export async function bundleApi(api: Api, dir = ROOT): Promise<any> {
  const config = await loadConfig({ configPath: path.join(dir, "redocly.yaml") });
  const { bundle: doc, problems } = await bundle({
    ref: path.join(dir, "openapi", api, "openapi.yaml"),
    config: config.forAlias(api),
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new Error(`bundle of ${api}: ${errors.map((e) => e.message).join("; ")}`);
  return doc.parsed;
}
