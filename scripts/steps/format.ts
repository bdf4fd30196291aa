/**
 * Format step: the TypeScript files of one API's output are formatted with Biome, the repository's
 * formatter, with the formatter options of biome.json, so generated/ reads like the hand-written
 * code and `biome format` on it changes nothing. It runs in the pipeline, on the files in memory,
 * not on the write step's staging folder: `--check` and the cache compare these bytes with the disk,
 * so they must be the bytes the write step puts in place. A failure here is a PipelineError before
 * anything is staged, so generated/ stays as it was.
 *
 * Biome's native binary runs once per call, on a scratch folder holding the files (the package's
 * launcher is a Node script that takes about 200 ms to start, the binary about 10 ms). Measured on
 * this project's two-core machine: the three APIs' twelve files in about 30 ms of Biome's time; the
 * in-process WebAssembly build (@biomejs/js-api) took 0.6 s for the same files and 4 s for GitHub's
 * spec, and is not published for Biome 2.6.
 *
 * Files larger than Biome's `files.maxSize` (1 MiB unless biome.json sets it) are left as emitted:
 * Biome skips them too, so `biome format` stays a no-op on them. Only huge specs have such files
 * (GitHub's: a 6.5 MB types.ts and a 2.6 MB operations.ts); formatting those two would add about
 * 0.45 s, over a tenth of the run, against the target of 1.2× openapi-typescript alone, for files
 * nobody reads.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../lib/apis.js";
import { PipelineError } from "../lib/errors.js";
import type { FileSet } from "../lib/output.js";

/** Biome's own default of `files.maxSize`. */
const BIOME_DEFAULT_MAX_SIZE = 1024 * 1024;

/** What biome.json says about formatting: the options as Biome reads them, and the size above which it skips a file. */
interface FormatterConfig {
  /** A Biome configuration with biome.json's formatter options and nothing else. */
  config: Record<string, unknown>;
  maxSize: number;
}

/** One output folder's files, formatted in place. */
export interface FormatTarget {
  /** The folder the files are for (in error messages). */
  dir: string;
  files: FileSet;
}

/** What the step did. */
export interface Formatted {
  /** How many files were formatted. */
  formatted: number;
  /** TypeScript files left as emitted (larger than `maxSize`), as `dir/name`. */
  tooLarge: string[];
  maxSize: number;
}

/**
 * Formats every `.ts` file of every target (up to biome.json's `files.maxSize`) with Biome, all
 * in one process, and puts the result in place of the file's text in its target's file set.
 */
export async function formatTypeScript(targets: readonly FormatTarget[], root: string = REPO_ROOT): Promise<Formatted> {
  const { config, maxSize } = formatterConfig(root);
  // In the scratch folder, target i's file `name` is `i/name`.
  const jobs: { scratchName: string; target: FormatTarget; name: string }[] = [];
  const tooLarge: string[] = [];
  targets.forEach((target, i) => {
    for (const name of [...target.files.keys()].filter((n) => n.endsWith(".ts")).sort()) {
      if (Buffer.byteLength(target.files.get(name)!) > maxSize) tooLarge.push(shown(path.join(target.dir, name)));
      else jobs.push({ scratchName: `${i}/${name}`, target, name });
    }
  });
  const result: Formatted = { formatted: jobs.length, tooLarge, maxSize };
  if (jobs.length === 0) return result;
  const binary = biomeBinary();
  const scratch = await mkdtemp(path.join(os.tmpdir(), "generate-format-"));
  try {
    await writeFile(path.join(scratch, "biome.json"), JSON.stringify(config));
    for (const { scratchName, target, name } of jobs) {
      const file = path.join(scratch, ...scratchName.split("/"));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, target.files.get(name)!);
    }
    const args = ["format", "--write", "--colors=off", "--reporter=concise", `--config-path=${scratch}`, ...jobs.map((j) => j.scratchName)];
    const failure = await run(binary, args, scratch);
    if (failure) {
      // `0/operations.ts:3:1: parse: …`: named by the folder the file is for, at its line and column.
      const place = /^(\d+)\/(.+?)(?::(\d+:\d+))?: (.*)$/.exec(failure.problem);
      const target = place ? targets[Number(place[1])] : undefined;
      const more = failure.more ? ` (and ${failure.more} more)` : "";
      if (!place || !target) throw new PipelineError("format", `Biome could not format the generated code: ${failure.problem}${more}`);
      throw new PipelineError(
        "format",
        `Biome cannot format the generated code: ${place[4]}${more}`,
        path.join(target.dir, place[2]!),
        place[3],
      );
    }
    for (const { scratchName, target, name } of jobs) {
      target.files.set(name, await readFile(path.join(scratch, ...scratchName.split("/")), "utf8"));
    }
    return result;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** Runs Biome: undefined when it succeeded, else its first problem in one line and how many more it reported. */
function run(binary: string, args: string[], cwd: string): Promise<{ problem: string; more: number } | undefined> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd, encoding: "utf8", maxBuffer: 16 << 20, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === "string") {
        // It did not run (ENOENT, EACCES, ENOBUFS…): nothing to do with the generated code.
        return reject(new PipelineError("format", `cannot run Biome (${binary}: ${code}); run \`npm ci\` to install @biomejs/biome`));
      }
      // The concise reporter writes one `× file:line:col: category: message` line per problem.
      const problems = `${stderr}\n${stdout}`
        .split("\n")
        .map((line) => line.trim())
        // Biome's summary line, and the note that follows every parse error, say nothing more.
        .filter((line) => line.startsWith("×") && !/Some errors were emitted|formatting aborted due to parsing errors/.test(line))
        .map((line) => line.replace(/^×\s*/, ""));
      const problem = problems[0] ?? (`${stderr}${stdout}`.trim().split("\n")[0] || `exit code ${error.code}`);
      resolve({ problem, more: Math.max(0, problems.length - 1) });
    });
  });
}

const configs = new Map<string, FormatterConfig>();
/** biome.json's formatter options (`formatter`, `javascript.formatter`, `files.maxSize`), read once per root. */
function formatterConfig(root: string): FormatterConfig {
  const known = configs.get(root);
  if (known) return known;
  const file = path.join(root, "biome.json");
  let biome: { formatter?: unknown; javascript?: { formatter?: unknown }; files?: { maxSize?: unknown } };
  try {
    biome = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PipelineError("format", `cannot read Biome's formatter options: ${(error as Error).message}`, file);
  }
  const maxSize = typeof biome.files?.maxSize === "number" ? biome.files.maxSize : BIOME_DEFAULT_MAX_SIZE;
  const config: FormatterConfig = {
    config: {
      vcs: { enabled: false },
      files: { maxSize },
      formatter: biome.formatter ?? {},
      javascript: { formatter: biome.javascript?.formatter ?? {} },
    },
    maxSize,
  };
  configs.set(root, config);
  return config;
}

let binaryPath: string | undefined;
/**
 * The native binary the `biome` command launches: BIOME_BINARY when set (as for that command),
 * else the platform package npm installed beside @biomejs/biome.
 */
function biomeBinary(): string {
  if (binaryPath) return binaryPath;
  if (process.env.BIOME_BINARY) return (binaryPath = process.env.BIOME_BINARY);
  const require = createRequire(import.meta.url);
  const exe = process.platform === "win32" ? "biome.exe" : "biome";
  const base = `@biomejs/cli-${process.platform}-${process.arch}`;
  for (const candidate of [`${base}/${exe}`, `${base}-musl/${exe}`]) {
    try {
      const resolved = require.resolve(candidate);
      if (existsSync(resolved)) return (binaryPath = resolved);
    } catch {
      // not installed for this platform or libc: try the next
    }
  }
  throw new PipelineError("format", `Biome's binary for ${process.platform}-${process.arch} is not installed (${base}); run \`npm ci\``);
}
