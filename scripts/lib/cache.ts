/**
 * Content-hash cache: a run whose inputs (spec files, lint config, generator
 * source, tool versions) hash the same as last time, and whose output on disk
 * is still what that run wrote, skips every step. Output files are checked by
 * size and mtime first and by content hash when those moved, so hand edits are
 * noticed; CI (no cache) always regenerates.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { hash, listFiles, type FileSet } from "./output.js";
import { replaceFile } from "./stage-and-swap.js";

interface FileRecord {
  sha256: string;
  size: number;
  mtimeMs: number;
}

interface Entry {
  key: string;
  operations: number;
  files: Record<string, FileRecord>;
}

/** One cache file per output folder, under `cacheDir`. */
export class GenerateCache {
  /** Entries produced by this run, recorded by `flush()` once their files are on disk. */
  private readonly pending = new Map<string, { key: string; operations: number; files: FileSet }>();

  constructor(private readonly cacheDir: string) {}

  private fileFor(outDir: string): string {
    return path.join(this.cacheDir, `${hash(path.resolve(outDir)).slice(0, 16)}.json`);
  }

  /**
   * When `key` matches the last recorded run for `outDir` and the files there
   * are still the ones it wrote: the number of operations it generated.
   * Otherwise undefined.
   */
  async lookup(outDir: string, key: string): Promise<{ operations: number } | undefined> {
    const file = this.fileFor(outDir);
    if (!existsSync(file)) return undefined;
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(file, "utf8")) as Entry;
    } catch {
      return undefined; // a torn or foreign cache file is a miss, never an error
    }
    if (entry.key !== key) return undefined;
    const names = await listFiles(outDir);
    const recorded = Object.keys(entry.files).sort();
    if (names.length !== recorded.length || names.some((name, i) => name !== recorded[i])) return undefined;
    for (const name of names) {
      const record = entry.files[name]!;
      const info = await stat(path.join(outDir, name));
      if (info.size === record.size && info.mtimeMs === record.mtimeMs) continue;
      if (hash(await readFile(path.join(outDir, name))) !== record.sha256) return undefined;
    }
    return { operations: entry.operations };
  }

  /** Remembers that `files` for `outDir` come from `key`; recorded by `flush()`. */
  remember(outDir: string, key: string, operations: number, files: FileSet): void {
    this.pending.set(outDir, { key, operations, files });
  }

  /** Forgets what this run produced for one folder (its files are not what is on disk). */
  forget(outDir: string): void {
    this.pending.delete(outDir);
  }

  /** Forgets what this run produced (after a failed write). */
  discard(): void {
    this.pending.clear();
  }

  /** Records every remembered entry whose files are now on disk. */
  async flush(): Promise<void> {
    for (const [outDir, { key, operations, files }] of this.pending) {
      const records: Record<string, FileRecord> = {};
      for (const [name, content] of files) {
        const info = await stat(path.join(outDir, name));
        records[name] = { sha256: hash(content), size: info.size, mtimeMs: info.mtimeMs };
      }
      await replaceFile(this.fileFor(outDir), JSON.stringify({ key, operations, files: records } satisfies Entry));
    }
    this.pending.clear();
  }
}

/** A cache key from labelled parts (file contents, versions, options). */
export function cacheKey(parts: Record<string, string | Buffer>): string {
  const entries = Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : 1));
  return hash(entries.map(([label, value]) => `${label}\u0000${hash(value)}`).join("\n"));
}
