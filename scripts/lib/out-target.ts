/** Folders `generate --input --out` may never name: the whole of it would be the generator's to manage. */
import os from "node:os";
import path from "node:path";
import { PipelineError } from "./errors.js";

function holds(folder: string, inner: string): boolean {
  const relative = path.relative(folder, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Throws for the filesystem root, the repository `repoRoot` or a folder holding it, the home folder
 * or one holding it, and the folder the spec `input` is in.
 */
export function checkOutTarget(out: string, input: string, repoRoot: string): void {
  const refuse = (what: string) => new PipelineError("write", `--out must be a folder of its own, not ${what}`, out);
  if (path.parse(out).root === out) throw refuse("the filesystem root");
  if (holds(out, repoRoot)) throw refuse(out === repoRoot ? "the repository root" : "a folder that holds this repository");
  const home = os.homedir();
  if (home && holds(out, home)) throw refuse(out === home ? "your home folder" : "a folder that holds your home folder");
  if (holds(out, input)) throw refuse("the folder the spec is in (or one holding it)");
}
