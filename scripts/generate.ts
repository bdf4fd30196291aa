/**
 * The generator's driver: finds the APIs, runs each through the pipeline
 * (scripts/steps/pipeline.ts), times and reports the steps, and writes the
 * output atomically. It transforms nothing itself.
 *
 *   npm run generate                         every API under openapi/ → generated/
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
 * Heavy modules (Redocly, openapi-typescript, ts-morph) load only when some
 * API actually needs regenerating, so a no-change run stays cheap.
 */
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from "node:fs";
import { readFile, rm, writeFile, rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "@redocly/openapi-core";
import { cacheKey, GenerateCache } from "./steps/cache.js";
import { PipelineError } from "./steps/errors.js";
import { inputJob } from "./steps/input-job.js";
import {
  compareWithDisk,
  isSame,
  listFiles,
  MANIFEST,
  manifestOf,
  writeAtomically,
  writeOwnedFolder,
  type Difference,
  type FileSet,
} from "./steps/output.js";
import type { ApiJob } from "./steps/pipeline.js";
import type { RefPolicy } from "./steps/ref-guard.js";
import type { TypesThread } from "./steps/types-thread.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SPECS = path.join(ROOT, "openapi");
const GENERATED = path.join(ROOT, "generated");
const CACHE = new GenerateCache(path.join(ROOT, ".cache", "generate"));
/** The files the pipeline writes for one API; nothing else may sit in an output folder it replaces. */
const API_FILES = ["models.ts", "openapi.json", "operations.ts", "resources.ts", "types.ts"];

const GENERATED_README = `# generated/ — do not edit

Every file here is written by \`npm run generate\` from the specs under \`openapi/\`.
Change the spec (or the script under \`scripts/\`), then regenerate. CI fails when
this folder differs from what the specs produce (\`npm run generate -- --check\`).

Per API: \`openapi.json\` (the bundled spec), \`types.ts\` (openapi-typescript),
\`operations.ts\` (one wrapper per operation), \`resources.ts\` (the wrappers grouped
for the factories), \`models.ts\` (one type per component schema).
`;

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

/**
 * Folders `--out` may never name: the whole of it would be the generator's to manage. The
 * filesystem root, this repo or a folder holding it, the home folder or one holding it, and the
 * folder the spec is in.
 */
function checkOutTarget(out: string, input: string): void {
  const holds = (folder: string, inner: string) => {
    const relative = path.relative(folder, inner);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
  };
  const refuse = (what: string) => new PipelineError("write", `--out must be a folder of its own, not ${what}`, out);
  if (path.parse(out).root === out) throw refuse("the filesystem root");
  if (holds(out, ROOT)) throw refuse(out === ROOT ? "the repository root" : "a folder that holds this repository");
  const home = os.homedir();
  if (home && holds(out, home)) throw refuse(out === home ? "your home folder" : "a folder that holds your home folder");
  if (holds(out, input)) throw refuse("the folder the spec is in (or one holding it)");
}

/** One whole run: produce every output (from the cache where it is fresh), then write or check all of it. */
async function runOnce(options: Options): Promise<boolean> {
  const started = performance.now();
  try {
    const outputs = options.input ? [await produceInput(options)] : await produceAll(options);
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

/** Every API under openapi/ (a folder with an openapi.yaml; never listed in code). */
async function produceAll(options: Options): Promise<Output[]> {
  const apis = existsSync(SPECS)
    ? readdirSync(SPECS, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(SPECS, entry.name, "openapi.yaml")))
        .map((entry) => entry.name)
        .sort()
    : [];
  if (apis.length === 0) throw new PipelineError("load", "no API found: expected openapi/<api>/openapi.yaml", "openapi/");
  const docsBase = readDocsBaseUrl();
  const outputs: Output[] = [];
  for (const api of apis) {
    const job: ApiJob = {
      name: api,
      file: path.join(SPECS, api, "openapi.yaml"),
      source: `openapi/${api}/openapi.yaml`,
      lintConfig: undefined, // set below, only when the API must be regenerated
      bundleConfig: async () => (await repoConfig()).forAlias(api),
      runtimeImport: "../../src/core/index.js",
      docsPage: docsBase ? `${docsBase}/${api}.html` : undefined,
      refPolicy: refPolicy(options),
    };
    const key = cacheKey({ ...(await specInputs(api)), ...generatorInputs(), runtime: job.runtimeImport, docs: String(job.docsPage) });
    outputs.push(await produce(job, path.join(GENERATED, api), key, async () => (await repoConfig()).forAlias(api), options));
  }
  return outputs;
}

/** One spec anywhere on disk → one output folder. */
async function produceInput(options: Options): Promise<Output> {
  const input = path.resolve(options.input!);
  const out = path.resolve(options.out!);
  checkOutTarget(out, input);
  const runtimeImport = options.runtime ?? relativeImport(out, path.join(ROOT, "src", "core", "index.js"));
  const job = inputJob(input, runtimeImport, refPolicy(options));
  const inputBytes = existsSync(input) ? await readFile(input).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  const key = cacheKey({ input: inputBytes, ...generatorInputs(), runtime: runtimeImport, lint: String(options.lint) });
  const lint = options.lint ? async () => (await import("./steps/lint.js")).recommendedConfig() : undefined;
  const output = await produce(job, out, key, lint, options);
  // The manifest is one of the folder's files: checked, cached and written like the others.
  output.files?.set(MANIFEST, manifestOf(output.files));
  return { ...output, owned: true };
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
  const types = await typesThread(); // first, so the thread warms up while the rest loads
  const { generateApi } = await import("./steps/pipeline.js");
  const files = await generateApi(
    { ...job, lintConfig: lintConfig ? await lintConfig() : undefined },
    (step, ms, detail) => console.log(`${job.name.padEnd(16)} ${step.padEnd(8)} ${String(Math.round(ms)).padStart(6)} ms${detail ? `  ${detail}` : ""}`),
    types,
  );
  const operations = (files.get("operations.ts")?.match(/^export function /gm) ?? []).length;
  CACHE.remember(dir, key, operations, files); // recorded only once the files are on disk (flush)
  return { name: job.name, dir, operations, files };
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
  if (outputs[0]?.dir.startsWith(GENERATED + path.sep)) note(GENERATED, await topLevelDifference(outputs));
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

/** generated/ itself: its README, and API folders whose spec is gone. */
async function topLevelDifference(outputs: Output[]): Promise<Difference> {
  const expected = new Set(outputs.map((o) => path.basename(o.dir)));
  const readme = path.join(GENERATED, "README.md");
  const difference: Difference = { modified: [], missing: [], extra: [] };
  if (!existsSync(readme)) difference.missing.push("README.md");
  else if ((await readFile(readme, "utf8")) !== GENERATED_README) difference.modified.push("README.md");
  for (const name of await listFiles(GENERATED)) {
    const top = name.split("/")[0]!;
    if (name !== "README.md" && !expected.has(top)) difference.extra.push(name);
  }
  return difference;
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
    if (output.owned) await writeOwnedFolder(output.dir, output.files);
    else await writeAtomically(output.dir, output.files, (name) => API_FILES.includes(name));
    const changed = difference.modified.length + difference.missing.length + difference.extra.length;
    console.log(`write            ${shown}/ (${changed} file${changed === 1 ? "" : "s"} changed)`);
  }
  if (outputs[0]?.dir.startsWith(GENERATED + path.sep)) await writeTopLevel(outputs);
  await CACHE.flush();
  return true;
}

async function writeTopLevel(outputs: Output[]): Promise<void> {
  const difference = await topLevelDifference(outputs);
  if (difference.missing.length || difference.modified.length) {
    const temporary = path.join(GENERATED, `.README.md.${process.pid}`);
    await writeFile(temporary, GENERATED_README);
    await rename(temporary, path.join(GENERATED, "README.md"));
  }
  // A folder whose spec was removed goes too, but only if it holds nothing but generator output.
  const gone = new Set(difference.extra.map((name) => name.split("/")[0]!));
  for (const folder of gone) {
    const files = await listFiles(path.join(GENERATED, folder));
    if (files.every((name) => API_FILES.includes(name))) {
      await rm(path.join(GENERATED, folder), { recursive: true, force: true });
      console.log(`write            removed generated/${folder}/ (its spec is gone)`);
    } else {
      throw new PipelineError("write", "holds files the generator did not write; remove it by hand", `generated/${folder}`);
    }
  }
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

let thread: TypesThread | undefined;
async function typesThread(): Promise<TypesThread> {
  thread ??= new (await import("./steps/types-thread.js")).TypesThread();
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

/** What an API's output depends on besides the generator: its spec folder (saved pages included), the lint config and plugin. */
async function specInputs(api: string): Promise<Record<string, Buffer | string>> {
  const inputs: Record<string, Buffer | string> = {};
  const add = async (file: string) => {
    if (existsSync(file)) inputs[path.relative(ROOT, file)] = await readFile(file);
  };
  for (const name of await listFiles(path.join(SPECS, api))) await add(path.join(SPECS, api, name));
  await add(path.join(ROOT, "redocly.yaml"));
  for (const name of await listFiles(path.join(ROOT, "redocly"))) await add(path.join(ROOT, "redocly", name));
  return inputs;
}

let generatorHash: Record<string, string> | undefined;
/** The generator's own source and the versions of the tools it drives: a change to any of them invalidates the cache. */
function generatorInputs(): Record<string, string> {
  if (generatorHash) return generatorHash;
  const steps = path.join(ROOT, "scripts", "steps");
  const sources = [path.join(ROOT, "scripts", "generate.ts"), ...readdirSync(steps).sort().map((f) => path.join(steps, f))];
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  generatorHash = {
    generator: sources.map((file) => readFileSync(file, "utf8")).join("\u0000"),
    tools: ["openapi-typescript", "ts-morph", "@redocly/openapi-core"].map((p) => `${p}@${version(p)}`).join(" "),
  };
  return generatorHash;
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
