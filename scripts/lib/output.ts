/**
 * Generated output as data: a file set, how it differs from a folder on disk, hashes, and the
 * manifest an `--out` folder carries. `--check` and the write step share these comparisons.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

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
 * The file in an `--out` folder that lists what the generator wrote there, with each file's hash:
 * the generator replaces or removes only files it finds listed and unchanged.
 */
export const MANIFEST = ".generated-files.json";

/** The manifest of a file set (itself not included), deterministic. */
export function manifestOf(files: FileSet): string {
  const listed = Object.fromEntries(
    [...files]
      .filter(([name]) => name !== MANIFEST)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, content]) => [name, hash(content)]),
  );
  return `${JSON.stringify({ generatedBy: "scripts/generate.ts", files: listed }, null, 2)}\n`;
}

/** The files a manifest lists, by name → sha256; undefined when there is none or it is not ours. */
export async function readManifest(dir: string): Promise<Record<string, string> | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as { generatedBy?: unknown; files?: unknown };
    if (parsed.generatedBy !== "scripts/generate.ts" || typeof parsed.files !== "object" || parsed.files === null) return undefined;
    return parsed.files as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** sha256 of a string, hex. */
export function hash(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
