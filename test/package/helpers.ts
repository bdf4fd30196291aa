// Shared by the package tests: the repository root, a guard that dist/ is built from the current
// sources (these tests check the package, so a missing or stale dist/ must fail loudly, not quietly
// test old code), and a child-process runner whose failure shows the command's output.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function newestFile(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** Throws, saying what to run, unless dist/ exists and is newer than every file under src/ and generated/. */
export function assertDistIsBuilt(): void {
  const marker = path.join(ROOT, "dist", "src", "index.d.ts");
  if (!existsSync(marker)) throw new Error("dist/ is missing: run `npm run build` (or `npm run compile`) before the package tests");
  const builtAt = statSync(marker).mtimeMs;
  for (const dir of ["src", "generated"]) {
    const newest = newestFile(path.join(ROOT, dir));
    if (newest.mtimeMs > builtAt) {
      throw new Error(`dist/ is older than ${path.relative(ROOT, newest.file)}: run \`npm run compile\` before the package tests`);
    }
  }
}

/** What a finished command printed. */
export interface RunOutput {
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; rejects with its exit code and output when it fails. */
export function run(command: string, args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const status = error.killed ? `was killed (${error.signal ?? "timeout"})` : `exited with ${String(error.code)}`;
        reject(new Error(`\`${[path.basename(command), ...args].join(" ")}\` in ${options.cwd} ${status}\n${stdout}\n${stderr}`.trimEnd()));
      },
    );
  });
}
