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

/**
 * The file in an `--out` folder that lists what the generator wrote there, with each file's hash:
 * the generator replaces or removes only files it finds listed and unchanged.
 */
export const MANIFEST = ".generated-files.json";

/** The manifest of a file set (itself not included), deterministic. */
export function manifestOf(files: FileSet): string {
  const listed = Object.fromEntries([...files].filter(([name]) => name !== MANIFEST).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, content]) => [name, hash(content)]));
  return `${JSON.stringify({ generatedBy: "scripts/generate.ts", files: listed }, null, 2)}\n`;
}

/** The files a manifest lists, by name → sha256; undefined when there is none or it is not ours. */
async function readManifest(dir: string): Promise<Record<string, string> | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as { generatedBy?: unknown; files?: unknown };
    if (parsed.generatedBy !== "scripts/generate.ts" || typeof parsed.files !== "object" || parsed.files === null) return undefined;
    return parsed.files as Record<string, string>;
  } catch {
    return undefined;
  }
}

function listed(names: readonly string[]): string {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? `, … (${names.length} in all)` : "");
}

/**
 * Writes `files` (its manifest included) into a folder the user named, without ever replacing or
 * deleting what the generator did not write there: every file in the folder must be one the
 * manifest lists, unchanged since. The folder itself stays (it may be the user's); each file is
 * staged beside its target first and renamed into place, so a failure while staging changes nothing.
 */
export async function writeOwnedFolder(dir: string, files: FileSet): Promise<void> {
  // Without a manifest, any entry refuses the folder: no need to walk a user's tree to say so.
  const top = existsSync(dir) ? await readdir(dir) : [];
  const manifest = top.length === 0 ? {} : await readManifest(dir);
  if (manifest === undefined) {
    throw new PipelineError("write", `refusing to replace a folder with files the generator did not write: ${listed(top.sort())}`, dir);
  }
  const onDisk = await listFiles(dir);
  const foreign = onDisk.filter((name) => name !== MANIFEST && manifest?.[name] === undefined);
  if (foreign.length > 0) {
    throw new PipelineError("write", `refusing to replace a folder with files the generator did not write: ${listed(foreign)}`, dir);
  }
  const changed: string[] = [];
  for (const name of onDisk) {
    if (name !== MANIFEST && hash(await readFile(path.join(dir, name))) !== manifest[name]) changed.push(name);
  }
  if (changed.length > 0) {
    throw new PipelineError("write", `refusing to replace files changed since the generator wrote them: ${listed(changed)}`, dir);
  }
  const staged: [temporary: string, target: string][] = [];
  try {
    await mkdir(dir, { recursive: true });
    // The manifest goes last: until it is in place, the old one still describes the folder.
    const order = [...files.keys()].sort((a, b) => Number(a === MANIFEST) - Number(b === MANIFEST));
    for (const name of order) {
      const target = path.join(dir, ...name.split("/"));
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(temporary, files.get(name)!);
      staged.push([temporary, target]);
    }
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, { force: true })));
    throw new PipelineError("write", (error as Error).message, dir, undefined, { cause: error });
  }
  for (const [temporary, target] of staged) await rename(temporary, target);
  // Files the generator wrote last time and no longer produces.
  for (const name of onDisk) if (name !== MANIFEST && !files.has(name)) await rm(path.join(dir, name), { force: true });
}

/** sha256 of a string, hex. */
export function hash(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
