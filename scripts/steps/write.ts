/**
 * Write step: puts a complete set of generated files in place atomically.
 * An API folder is staged beside its target and swapped in (lib/stage-and-swap.ts), so a failure
 * at any point leaves the previous output byte-identical; an `--out` folder is written file by
 * file, only where its manifest allows.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PipelineError } from "../lib/errors.js";
import { API_FILES, GENERATED_README } from "../lib/generated-readme.js";
import { hash, listFiles, MANIFEST, readManifest, type Difference, type FileSet } from "../lib/output.js";
import { replaceFile, replaceFolder } from "../lib/stage-and-swap.js";

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
  try {
    await replaceFolder(dir, async (staging) => {
      for (const [name, content] of files) {
        const target = path.join(staging, ...name.split("/"));
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    });
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    throw new PipelineError("write", (error as Error).message, dir, undefined, { cause: error });
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

/** How the generated root differs from what it should hold: its README, and API folders whose spec is gone. */
export async function generatedRootDifference(generatedDir: string, apiFolders: readonly string[]): Promise<Difference> {
  const expected = new Set(apiFolders);
  const readme = path.join(generatedDir, "README.md");
  const difference: Difference = { modified: [], missing: [], extra: [] };
  if (!existsSync(readme)) difference.missing.push("README.md");
  else if ((await readFile(readme, "utf8")) !== GENERATED_README) difference.modified.push("README.md");
  for (const name of await listFiles(generatedDir)) {
    const top = name.split("/")[0]!;
    if (name !== "README.md" && !expected.has(top)) difference.extra.push(name);
  }
  return difference;
}

/**
 * Brings the generated root up to date: its README, and removes a folder whose spec was removed,
 * but only if it holds nothing but generator output. Returns the folders removed.
 */
export async function writeGeneratedRoot(generatedDir: string, apiFolders: readonly string[]): Promise<string[]> {
  const difference = await generatedRootDifference(generatedDir, apiFolders);
  if (difference.missing.length || difference.modified.length) await replaceFile(path.join(generatedDir, "README.md"), GENERATED_README);
  const gone = [...new Set(difference.extra.map((name) => name.split("/")[0]!))];
  for (const folder of gone) {
    const files = await listFiles(path.join(generatedDir, folder));
    if (!files.every((name) => API_FILES.includes(name))) {
      throw new PipelineError("write", "holds files the generator did not write; remove it by hand", `generated/${folder}`);
    }
  }
  for (const folder of gone) await rm(path.join(generatedDir, folder), { recursive: true, force: true });
  return gone;
}
