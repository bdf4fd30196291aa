/**
 * The generator reads only the spec: before Redocly lints or bundles anything, every `$ref` of the
 * root file and of each file it reaches is checked. A reference to a file inside the spec's folder
 * is followed (and checked in turn); one to a file outside it, an absolute path or a `file:` URL
 * needs `--allow-external-refs`; an http(s) URL needs `--allow-remote-refs` (the only way the
 * generator touches the network). Symlinks count where they point. Failures name the reference
 * with file:line:col.
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isPair, isScalar, parseDocument, visit } from "yaml";
import { PipelineError } from "./errors.js";
import { lineCol } from "./errors.js";

/** What a run may reference besides files inside the spec's folder. */
export interface RefPolicy {
  /** Local files outside the spec's folder (absolute paths, `../` past it, `file:` URLs). */
  readonly localOutside: boolean;
  /** http(s) URLs: Redocly fetches them. */
  readonly remote: boolean;
}

/** The default: files inside the spec's folder only, no network. */
export const SPEC_FOLDER_ONLY: RefPolicy = { localOutside: false, remote: false };

interface FoundRef {
  readonly ref: string;
  /** 1-based line:col of the reference's value. */
  readonly at: string;
}

/** Every `$ref` string value of a YAML or JSON text, with where it sits. */
function refsIn(text: string): FoundRef[] {
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const found: FoundRef[] = [];
  visit(document, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === "$ref" && isScalar(pair.value) && typeof pair.value.value === "string") {
        found.push({ ref: pair.value.value, at: lineCol(text, pair.value.range?.[0] ?? 0) });
      }
    },
  });
  return found;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The file part of a reference (`paths/a.yaml#/x` → `paths/a.yaml`), percent-decoded; "" for an internal one. */
function targetOf(ref: string): string {
  const hash = ref.indexOf("#");
  const target = hash === -1 ? ref : ref.slice(0, hash);
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Throws a PipelineError for the first `$ref` the policy does not allow, reading only files inside
 * the spec's folder (or outside it when allowed). Files that do not exist are left to the bundler,
 * which reports them.
 */
export async function checkRefs(rootFile: string, rootText: string, policy: RefPolicy = SPEC_FOLDER_ONLY): Promise<void> {
  const folder = realPath(path.dirname(path.resolve(rootFile)));
  const queue: { file: string; text: string | undefined }[] = [{ file: path.resolve(rootFile), text: rootText }];
  const seen = new Set<string>([realPath(rootFile)]);
  while (queue.length > 0) {
    const { file, text } = queue.shift()!;
    const source = text ?? (await readFile(file, "utf8"));
    for (const { ref, at } of refsIn(source)) {
      const target = targetOf(ref);
      if (target === "") continue;
      const refused = (why: string, flag: string) =>
        new PipelineError("load", `$ref "${ref}" ${why}; the generator reads only the spec's folder unless you pass ${flag}`, file, at);
      let local: string;
      const scheme = URL_SCHEME.exec(target)?.[1]?.toLowerCase();
      if (scheme !== undefined && !/^[a-z]:[\\/]/i.test(target)) {
        if (scheme === "http" || scheme === "https") {
          if (!policy.remote) throw refused("is a URL (the generator would fetch it)", "--allow-remote-refs");
          continue; // Redocly fetches it; its own references are its business once the network is allowed.
        }
        if (scheme !== "file") throw refused(`uses the ${scheme}: scheme, which the generator does not read`, "a local path");
        local = fileURLToPath(target);
      } else {
        local = path.isAbsolute(target) ? target : path.resolve(path.dirname(file), target);
      }
      const real = realPath(local);
      if (!isInside(folder, real) && !policy.localOutside) {
        const why = path.isAbsolute(target) || scheme === "file" ? "is an absolute path" : "points outside the spec's folder";
        throw refused(`${why} (${path.relative(folder, real) || real})`, "--allow-external-refs");
      }
      if (!seen.has(real) && existsSync(real) && /\.(ya?ml|json)$/i.test(real)) {
        seen.add(real);
        queue.push({ file: local, text: undefined });
      }
    }
  }
}

/** True when the parsed text has any `$ref` that is not internal (cheap pre-check on the parsed document). */
export function hasExternalRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasExternalRef);
  if (!node || typeof node !== "object") return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) return true;
    if (typeof value === "object" && hasExternalRef(value)) return true;
  }
  return false;
}
