// An API's spec as the page checker sees it: the bundled document (what the pipeline gets) for
// looking facts up, and the split source YAML under openapi/<api>/ for saying where a node is written.
import fs from "node:fs";
import path from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { atPath, deref, pointerSegments } from "../json-pointer.js";

/** A path into the document: keys and array indices, `$ref`s followed on the way. */
export type SpecPath = (string | number)[];

export interface SourceLocation {
  /** Repo-relative file, e.g. `openapi/cro-dispatch/components/schemas/CustomerModel.yaml`. */
  file: string;
  line: number;
}

export interface Spec {
  api: string;
  doc: any;
  /** The node at `path`, every `$ref` on the way (and at the end) followed; undefined when absent. */
  at(path: SpecPath): any;
  /** Where the node at `path` is written; the deepest existing ancestor when it is absent. */
  locate(path: SpecPath): SourceLocation;
}

/** Raised for a spec (or page) the checker cannot read; the CLI prints its message without a stack. */
export class PagesCheckError extends Error {}

/** The node at `path` in a bundled document, every `$ref` on the way (and at the end) followed. */
export function atIn(doc: any, p: SpecPath): any {
  return deref(doc, atPath(doc, p));
}

/** The same spec with another bundled document (a changed copy), its source locations unchanged. */
export const withDoc = (spec: Spec, doc: any): Spec => ({ ...spec, doc, at: (p) => atIn(doc, p) });

interface SourceFile {
  rel: string;
  contents: YamlNode | null;
  lines: LineCounter;
}

/** The split source files, parsed once each with their line tables. */
function sourceReader(root: string) {
  const files = new Map<string, SourceFile>();
  const load = (abs: string): SourceFile => {
    let f = files.get(abs);
    if (!f) {
      let text: string;
      try {
        text = fs.readFileSync(abs, "utf8");
      } catch {
        throw new PagesCheckError(`cannot read spec file ${path.relative(root, abs)}`);
      }
      const lines = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lines });
      f = { rel: path.relative(root, abs).split(path.sep).join("/"), contents: doc.contents as YamlNode | null, lines };
      files.set(abs, f);
    }
    return f;
  };
  return { load };
}

const child = (node: YamlNode | null | undefined, key: string | number): { value: YamlNode | null; keyNode?: YamlNode } | undefined => {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    return pair ? { value: (pair.value as YamlNode) ?? null, keyNode: pair.key as YamlNode } : undefined;
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key] as YamlNode | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
};

const refOf = (node: YamlNode | null | undefined): string | undefined => {
  const r = child(node, "$ref")?.value;
  return isScalar(r) && typeof r.value === "string" ? r.value : undefined;
};

export async function loadSpec(root: string, api: string): Promise<Spec> {
  const entry = path.join(root, "openapi", api, "openapi.yaml");
  if (!fs.existsSync(entry)) throw new PagesCheckError(`no spec for ${api}: ${path.relative(root, entry)} does not exist`);
  let doc: any;
  try {
    const config = await loadConfig({ configPath: path.join(root, "redocly.yaml") });
    const result = await bundle({ ref: entry, config: config.forAlias(api) });
    const errors = result.problems.filter((p) => p.severity === "error");
    if (errors.length) throw new PagesCheckError(`cannot bundle ${path.relative(root, entry)}: ${errors.map((e) => e.message).join("; ")}`);
    doc = result.bundle.parsed;
  } catch (e) {
    if (e instanceof PagesCheckError) throw e;
    throw new PagesCheckError(`cannot bundle ${path.relative(root, entry)}: ${(e as Error).message}`);
  }
  const source = sourceReader(root);

  const at = (p: SpecPath) => atIn(doc, p);

  /** Follows a `$ref` in the source: another file (relative to this one), optionally with a fragment, or this file's own pointer. */
  const follow = (file: string, node: YamlNode | null): { file: string; node: YamlNode | null } => {
    for (let hops = 0; hops < 50; hops++) {
      const ref = refOf(node);
      if (!ref) break;
      const [target = "", fragment = ""] = ref.split("#");
      if (target) file = path.resolve(path.dirname(file), target);
      node = source.load(file).contents;
      for (const k of pointerSegments(`#${fragment}`) ?? []) node = child(node, k)?.value ?? null;
    }
    return { file, node };
  };

  const locate = (p: SpecPath): SourceLocation => {
    let file = entry;
    let node: YamlNode | null = source.load(file).contents;
    let best: SourceLocation = { file: source.load(file).rel, line: 1 };
    const lineOf = (n: YamlNode | null | undefined) => (n?.range ? source.load(file).lines.linePos(n.range[0]).line : undefined);
    for (const key of p) {
      ({ file, node } = follow(file, node));
      const next = child(node, key);
      if (!next) return best;
      const line = lineOf(next.keyNode ?? next.value);
      if (line) best = { file: source.load(file).rel, line };
      node = next.value;
    }
    // A path that ends at a $ref is best shown where the target is written.
    const before = file;
    ({ file, node } = follow(file, node));
    if (file !== before) best = { file: source.load(file).rel, line: lineOf(node) ?? 1 };
    return best;
  };

  return { api, doc, at, locate };
}
