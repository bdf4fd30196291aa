/**
 * The generator's driver: parses the options, runs each API through the pipeline
 * (scripts/lib/pipeline.ts: the steps under scripts/steps/), has the format step
 * format every regenerated file in one go, reports the steps' times, has the
 * write step put the output in place, and watches. It transforms nothing itself.
 *
 *   npm run generate                         every API redocly.yaml lists → generated/
 *   npm run generate -- --check              fail (naming the files) when generated/ is stale
 *   npm run generate -- --watch              regenerate on every change under openapi/
 *   npm run generate -- --input F --out D    one spec anywhere (YAML/JSON, OpenAPI 3.0/3.1) → D
 *        [--lint]                            lint it with Redocly's recommended rules first
 *        [--runtime SPECIFIER]               import the runtime from SPECIFIER, not this repo's src/core
 *                                            D holds a manifest (.generated-files.json); files it does not list are never touched
 *   --allow-external-refs                    let $refs reach local files outside the spec's folder
 *   --allow-remote-refs                      let $refs be http(s) URLs (the only way the generator uses the network)
 *   --force                                  ignore the cache: run every step even if nothing changed
 *   --verbose                                stack traces for failures
 *
 * Heavy modules (Redocly, openapi-typescript) load only when some
 * API actually needs regenerating, so a no-change run stays cheap.
 */
import { existsSync, readFileSync, watch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "@redocly/openapi-core";
import { listApis, REPO_ROOT } from "./lib/apis.js";
import { GenerateCache } from "./lib/cache.js";
import { apiCacheKey, inputCacheKey } from "./lib/cache-recipe.js";
import { PipelineError } from "./lib/errors.js";
import { inputJob } from "./lib/input-job.js";
import { checkOutTarget } from "./lib/out-target.js";
import { compareWithDisk, isSame, MANIFEST, manifestOf, type Difference, type FileSet } from "./lib/output.js";
import type { ApiJob, TypesSource } from "./lib/pipeline.js";
import type { RefPolicy } from "./lib/ref-guard.js";
import type { TypesThread } from "./lib/types-thread.js";
import { API_FILES } from "./lib/generated-readme.js";

const ROOT = REPO_ROOT;
const SPECS = path.join(ROOT, "openapi");
const GENERATED = path.join(ROOT, "generated");
const CACHE = new GenerateCache(path.join(ROOT, ".cache", "generate"));

interface Options {
  check: boolean;
  watch: boolean;
  input?: string;
  out?: string;
  lint: boolean;
  runtime?: string;
  force: boolean;
  verbose: boolean;
  allowExternalRefs: boolean;
  allowRemoteRefs: boolean;
}

/** One output folder's part of a run: freshly generated files, or unchanged on disk. */
interface Output {
  name: string;
  dir: string;
  operations: number;
  /** Undefined when the cache showed the folder already holds what the inputs produce. */
  files?: FileSet;
  /** An `--out` folder: written only where its manifest allows (see writeOwnedFolder). */
  owned?: boolean;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`generate: ${(error as Error).message}`);
    console.error(
      "usage: generate [--check | --watch] [--force] [--verbose] [--allow-external-refs] [--allow-remote-refs] [--input FILE --out DIR [--lint] [--runtime SPECIFIER]]",
    );
    return 2;
  }
  const run = () => runOnce(options);
  const ok = await run();
  if (!options.watch) {
    await closeTypesThread();
    return ok ? 0 : 1;
  }
  watchAndRerun(options, run);
  return new Promise<number>(() => {}); // runs until Ctrl-C
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      input: { type: "string" },
      out: { type: "string" },
      lint: { type: "boolean", default: false },
      runtime: { type: "string" },
      force: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      "allow-external-refs": { type: "boolean", default: false },
      "allow-remote-refs": { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.input !== undefined && values.out === undefined) throw new Error("--input needs --out DIR");
  if (values.out !== undefined && values.input === undefined) throw new Error("--out needs --input FILE");
  if (values.check && values.watch) throw new Error("--check and --watch do not go together");
  if ((values.lint || values.runtime) && values.input === undefined) throw new Error("--lint and --runtime apply to --input runs");
  return {
    check: values.check!,
    watch: values.watch!,
    input: values.input,
    out: values.out,
    lint: values.lint!,
    runtime: values.runtime,
    // Files outside the spec's folder are not among the cache's inputs: such runs always regenerate.
    force: values.force! || values["allow-external-refs"]! || values["allow-remote-refs"]!,
    verbose: values.verbose!,
    allowExternalRefs: values["allow-external-refs"]!,
    allowRemoteRefs: values["allow-remote-refs"]!,
  };
}

function refPolicy(options: Options): RefPolicy {
  return { localOutside: options.allowExternalRefs, remote: options.allowRemoteRefs };
}

/** One whole run: produce every output (from the cache where it is fresh), then write or check all of it. */
async function runOnce(options: Options): Promise<boolean> {
  const started = performance.now();
  try {
    const outputs = options.input ? [await produceInput(options)] : await produceAll(options);
    await format(outputs);
    // The manifest hashes the files as written, so it is made once they are formatted.
    for (const output of outputs) if (output.owned && output.files) output.files.set(MANIFEST, manifestOf(output.files));
    const ok = options.check ? await check(outputs) : await write(outputs);
    if (ok) {
      const operations = outputs.reduce((sum, o) => sum + o.operations, 0);
      const what = options.input ? `${operations} operations` : `${outputs.length} APIs, ${operations} operations`;
      console.log(`generate: ${options.check ? "checked" : "generated"} ${what} in ${Math.round(performance.now() - started)} ms`);
    }
    return ok;
  } catch (error) {
    CACHE.discard();
    report(error, options);
    return false;
  }
}

/** Every API redocly.yaml lists (scripts/lib/apis.ts). */
async function produceAll(options: Options): Promise<Output[]> {
  let apis: ReturnType<typeof listApis>;
  try {
    apis = listApis(ROOT);
  } catch (error) {
    throw new PipelineError("load", (error as Error).message, "redocly.yaml");
  }
  if (apis.length === 0) throw new PipelineError("load", "no API found: redocly.yaml lists none under `apis:`", "redocly.yaml");
  const docsBase = readDocsBaseUrl();
  const outputs: Output[] = [];
  for (const api of apis) {
    const job: ApiJob = {
      name: api.name,
      file: api.specFile,
      source: api.source,
      lintConfig: undefined, // set below, only when the API must be regenerated
      bundleConfig: async () => (await repoConfig()).forAlias(api.name),
      runtimeImport: "../../src/core/index.js",
      docsPage: docsBase ? `${docsBase}/${api.name}.html` : undefined,
      refPolicy: refPolicy(options),
    };
    const key = await apiCacheKey(ROOT, api, { runtime: job.runtimeImport, docs: String(job.docsPage) });
    outputs.push(await produce(job, api.generatedDir, key, async () => (await repoConfig()).forAlias(api.name), options));
  }
  return outputs;
}

/** One spec anywhere on disk → one output folder. */
async function produceInput(options: Options): Promise<Output> {
  const input = path.resolve(options.input!);
  const out = path.resolve(options.out!);
  checkOutTarget(out, input, ROOT);
  const runtimeImport = options.runtime ?? relativeImport(out, path.join(ROOT, "src", "core", "index.js"));
  const job = inputJob(input, runtimeImport, refPolicy(options));
  const key = await inputCacheKey(ROOT, input, { runtime: runtimeImport, lint: String(options.lint) });
  const lint = options.lint ? async () => (await import("./steps/lint.js")).recommendedConfig() : undefined;
  // The manifest is one of the folder's files, checked, cached and written like the others (runOnce adds it).
  return { ...(await produce(job, out, key, lint, options)), owned: true };
}

/** The folder's files: nothing when the cache shows they are fresh, else everything from the pipeline. */
async function produce(
  job: ApiJob,
  dir: string,
  key: string,
  lintConfig: (() => Promise<Config>) | undefined,
  options: Options,
): Promise<Output> {
  const cached = options.force ? undefined : await CACHE.lookup(dir, key);
  if (cached) {
    console.log(`${job.name.padEnd(16)} unchanged (inputs hash as before)`);
    return { name: job.name, dir, operations: cached.operations };
  }
  const types = await typesSource(job.file);
  const { generateApi } = await import("./lib/pipeline.js");
  const files = await generateApi(
    { ...job, lintConfig: lintConfig ? await lintConfig() : undefined },
    (step, ms, detail) =>
      console.log(`${job.name.padEnd(16)} ${step.padEnd(8)} ${String(Math.round(ms)).padStart(6)} ms${detail ? `  ${detail}` : ""}`),
    types,
  );
  const operations = (files.get("operations.ts")?.match(/^export function /gm) ?? []).length;
  CACHE.remember(dir, key, operations, files); // recorded only once the files are on disk (flush)
  return { name: job.name, dir, operations, files };
}

/**
 * The format step (scripts/steps/format.ts) on every regenerated folder at once: one Biome process
 * per run. The files are formatted in place in each output's file set, which the cache holds too
 * (it records them only once they are on disk), so --check, the cache and the write step all see
 * the formatted text.
 */
async function format(outputs: Output[]): Promise<void> {
  const targets = outputs.flatMap((o) => (o.files ? [{ dir: o.dir, files: o.files }] : []));
  if (targets.length === 0) return;
  const started = performance.now();
  const { formatTypeScript } = await import("./steps/format.js");
  const done = await formatTypeScript(targets);
  const skipped = done.tooLarge.length ? `; left as emitted, over ${done.maxSize} bytes: ${done.tooLarge.join(", ")}` : "";
  const ms = String(Math.round(performance.now() - started)).padStart(6);
  console.log(`${"format".padEnd(25)} ${ms} ms  ${done.formatted} files${skipped}`);
}

/** --check: compares every freshly generated folder with the disk; lists stale files. */
async function check(outputs: Output[]): Promise<boolean> {
  const stale: string[] = [];
  const note = (dir: string, d: Difference) => {
    const shown = path.relative(process.cwd(), dir) || ".";
    stale.push(
      ...d.modified.map((n) => `  modified  ${shown}/${n}`),
      ...d.missing.map((n) => `  missing   ${shown}/${n}`),
      ...d.extra.map((n) => `  extra     ${shown}/${n}`),
    );
  };
  for (const output of outputs) {
    if (!output.files) continue;
    const difference = await compareWithDisk(output.dir, output.files);
    note(output.dir, difference);
    // Up to date: the disk holds exactly what the inputs produce, so the next run may skip it.
    if (!isSame(difference)) CACHE.forget(output.dir);
  }
  if (outputs[0]?.dir.startsWith(GENERATED + path.sep)) {
    const { generatedRootDifference } = await import("./steps/write.js");
    note(GENERATED, await generatedRootDifference(GENERATED, apiFolders(outputs)));
  }
  if (stale.length === 0) {
    await CACHE.flush();
    console.log("generate --check: the output is up to date");
    return true;
  }
  CACHE.discard();
  console.error("generate --check: the output is stale; run `npm run generate` and commit the result:");
  for (const line of stale) console.error(line);
  return false;
}

/** Writes each regenerated folder atomically (only after every API succeeded), then the top level. */
async function write(outputs: Output[]): Promise<boolean> {
  for (const output of outputs) {
    const shown = path.relative(process.cwd(), output.dir) || ".";
    if (!output.files) continue;
    const difference = await compareWithDisk(output.dir, output.files);
    if (isSame(difference)) {
      console.log(`write            ${shown}/ already up to date`);
      continue;
    }
    const { writeAtomically, writeOwnedFolder } = await import("./steps/write.js");
    if (output.owned) await writeOwnedFolder(output.dir, output.files);
    else await writeAtomically(output.dir, output.files, (name) => API_FILES.includes(name));
    const changed = difference.modified.length + difference.missing.length + difference.extra.length;
    console.log(`write            ${shown}/ (${changed} file${changed === 1 ? "" : "s"} changed)`);
  }
  if (outputs[0]?.dir.startsWith(GENERATED + path.sep)) {
    const { writeGeneratedRoot } = await import("./steps/write.js");
    for (const folder of await writeGeneratedRoot(GENERATED, apiFolders(outputs))) {
      console.log(`write            removed generated/${folder}/ (its spec is gone)`);
    }
  }
  await CACHE.flush();
  return true;
}

function apiFolders(outputs: readonly Output[]): string[] {
  return outputs.map((o) => path.basename(o.dir));
}

/** Prints a failure in one line (plus a lint failure's problem list); a stack only with --verbose. */
function report(error: unknown, options: Options): void {
  if (error instanceof PipelineError) console.error(`generate: ${error.format()}`);
  else console.error(`generate: unexpected failure: ${(error as Error)?.message ?? String(error)} (run with --verbose for the stack)`);
  if (options.verbose) console.error((error as Error)?.stack ?? error);
  console.error("generate: nothing was written; the previous output is unchanged.");
}

let redocly: Promise<Awaited<ReturnType<typeof import("@redocly/openapi-core").loadConfig>>> | undefined;
/** redocly.yaml, loaded once and only when some API must be regenerated. */
function repoConfig() {
  redocly ??= import("@redocly/openapi-core")
    .then(({ loadConfig }) => loadConfig({ configPath: path.join(ROOT, "redocly.yaml") }))
    .catch((error: unknown) => {
      redocly = undefined;
      throw new PipelineError("lint", `cannot load the lint configuration: ${(error as Error).message}`, "redocly.yaml");
    });
  return redocly;
}

/**
 * Specs this large (the root file, in bytes) get the types step on a worker thread, started first
 * so it loads openapi-typescript while this thread loads and bundles the spec. Below it, a second
 * thread costs more (its own module loading and a copy of every module) than it saves.
 */
const TYPES_THREAD_MIN_BYTES = 1_000_000;

async function typesSource(specFile: string): Promise<TypesSource> {
  const size = await stat(specFile).then(
    (info) => info.size,
    () => 0,
  );
  if (size >= TYPES_THREAD_MIN_BYTES) return typesThread();
  return { generate: (await import("./steps/types.js")).generateTypes };
}

let thread: TypesThread | undefined;
async function typesThread(): Promise<TypesThread> {
  thread ??= new (await import("./lib/types-thread.js")).TypesThread();
  return thread;
}
async function closeTypesThread(): Promise<void> {
  await thread?.close();
}

function readDocsBaseUrl(): string | undefined {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { config?: { docsBaseUrl?: string } };
  return pkg.config?.docsBaseUrl?.replace(/\/+$/, "");
}

function relativeImport(fromDir: string, target: string): string {
  const relative = path.relative(fromDir, target).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** --watch: reruns (debounced) whenever a spec, the lint config or the --input file changes; a failed run never ends the watch. */
function watchAndRerun(options: Options, run: () => Promise<boolean>): void {
  // Folders, not files: editors replace a file on save, which ends a watch on the file itself.
  const targets = options.input
    ? [{ dir: path.dirname(path.resolve(options.input)), only: path.basename(options.input) }]
    : [{ dir: SPECS }, { dir: ROOT, only: "redocly.yaml" }, { dir: path.join(ROOT, "redocly") }];
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const watchers: FSWatcher[] = [];
  const onChange = (dir: string, only?: string) => (_event: string, name: string | Buffer | null) => {
    if (only && String(name) !== only) return;
    changed.add(path.relative(process.cwd(), name ? path.join(dir, String(name)) : dir) || dir);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed.clear();
      running = running.then(async () => {
        console.log(`\nchanged: ${files.join(", ")}`);
        const ok = await run();
        console.log(ok ? "watching for changes (Ctrl-C to stop)" : "regeneration failed; still watching (Ctrl-C to stop)");
      });
    }, 150);
  };
  for (const { dir, only } of targets) {
    if (existsSync(dir)) watchers.push(watch(dir, { recursive: !only }, onChange(dir, only)));
  }
  console.log("watching for changes (Ctrl-C to stop)");
  const stop = () => {
    for (const watcher of watchers) watcher.close();
    clearTimeout(timer);
    console.log("\nstopped watching");
    void closeTypesThread().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`generate: unexpected failure: ${(error as Error)?.message ?? String(error)}`);
    process.exitCode = 1;
  },
);
