/**
 * Write step: puts a complete set of generated files in place atomically.
 * Everything is written to a staging folder beside the target first and
 * swapped in with renames only when all of it is on disk, so a failure at
 * any point leaves the previous output byte-identical. `--check` uses the
 * same comparison without writing.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PipelineError } from "./errors.js";

/** Generated files by path relative to the output folder (always with `/`). */
export type FileSet = Map<string, string>;

/** How the files on disk differ from a file set. */
export interface Difference {
  modified: string[];
  missing: string[];
  extra: string[];
}

/** Every file under `dir` (relative paths, `/`-separated, sorted); empty when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** Compares `files` with what is on disk under `dir`. */
export async function compareWithDisk(dir: string, files: FileSet): Promise<Difference> {
  const onDisk = new Set(await listFiles(dir));
  const difference: Difference = { modified: [], missing: [], extra: [] };
  for (const [name, content] of files) {
    if (!onDisk.has(name)) difference.missing.push(name);
    else if ((await readFile(path.join(dir, name), "utf8")) !== content) difference.modified.push(name);
  }
  difference.extra = [...onDisk].filter((name) => !files.has(name));
  return difference;
}

/** True when nothing differs. */
export function isSame(difference: Difference): boolean {
  return difference.modified.length + difference.missing.length + difference.extra.length === 0;
}

/**
 * Replaces `dir` with exactly `files`. Refuses when `dir` holds a file that
 * `mayReplace` does not recognise as generator output, so a mistyped `--out`
 * never deletes someone's work.
 */
export async function writeAtomically(dir: string, files: FileSet, mayReplace: (name: string) => boolean): Promise<void> {
  const foreign = (await listFiles(dir)).filter((name) => !mayReplace(name));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? `, … (${foreign.length} in all)` : "");
    throw new PipelineError("write", `refusing to replace a folder with files the generator did not write: ${shown}`, dir);
  }
  const parent = path.dirname(dir);
  const staging = path.join(parent, `.${path.basename(dir)}.staging-${process.pid}`);
  const previous = path.join(parent, `.${path.basename(dir)}.previous-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await mkdir(staging, { recursive: true });
    for (const [name, content] of files) {
      const target = path.join(staging, ...name.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const hadPrevious = existsSync(dir);
    if (hadPrevious) await rename(dir, previous);
    try {
      await rename(staging, dir);
    } catch (error) {
      if (hadPrevious) await rename(previous, dir);
      throw error;
    }
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof PipelineError) throw error;
    throw new PipelineError("write", (error as Error).message, dir, undefined, { cause: error });
  }
}

/** sha256 of a string, hex. */
export function hash(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
