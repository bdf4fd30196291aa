/**
 * Stage and swap: every script that replaces a folder (generate, compile, docs, api-report) builds
 * the new one beside the old and swaps it in with renames only once all of it is on disk, so a
 * failure at any point leaves the previous folder as it was.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where a folder's staging copy and its set-aside previous copy live: hidden siblings, one per process. */
function siblings(target: string): { staging: string; previous: string } {
  const parent = path.dirname(target);
  const name = path.basename(target);
  return {
    staging: path.join(parent, `.${name}.staging-${process.pid}`),
    previous: path.join(parent, `.${name}.previous-${process.pid}`),
  };
}

/**
 * Replaces the folder `target` with what `fill` writes into an empty staging folder (or into a copy
 * of `target`, with `startFrom: "copy"`). When `fill` or a rename fails, `target` is unchanged and
 * the staging folder is gone.
 */
export async function replaceFolder(
  target: string,
  fill: (staging: string) => Promise<void> | void,
  options: { startFrom?: "empty" | "copy" } = {},
): Promise<void> {
  const { staging, previous } = siblings(target);
  await rm(staging, { recursive: true, force: true });
  try {
    if (options.startFrom === "copy" && existsSync(target)) await cp(target, staging, { recursive: true });
    else await mkdir(staging, { recursive: true });
    await fill(staging);
    const hadPrevious = existsSync(target);
    if (hadPrevious) await rename(target, previous);
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Replaces one file: written beside it first, then renamed over it, so readers see the old or the new file whole. */
export async function replaceFile(target: string, content: string | Buffer): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}
