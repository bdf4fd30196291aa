/**
 * Bundle step: turns a (possibly multi-file) OpenAPI document into one
 * self-contained document with only internal `#/...` references — the
 * intermediate every later step reads, written as generated/<api>/openapi.json.
 *
 * A document that already has no external `$ref` (most real-world single-file
 * specs) is used as parsed: bundling it again would only cost time.
 * Either way every internal `$ref` must resolve.
 */
import type { Config } from "@redocly/openapi-core";
import { PipelineError, pointer } from "./errors.js";
import type { OpenApiDocument } from "./load.js";

/** Bundles `file` (already parsed as `doc`) into a self-contained document. */
export async function bundleDocument(
  file: string,
  doc: OpenApiDocument,
  config: () => Promise<Config>,
): Promise<OpenApiDocument> {
  const refs = collectRefs(doc);
  let bundled = doc;
  if (refs.some((r) => !r.ref.startsWith("#"))) {
    // Loaded here, not at the top: a self-contained document never needs Redocly.
    const [{ bundle }, { locate }] = await Promise.all([import("@redocly/openapi-core"), import("./lint.js")]);
    const result = await bundle({ ref: file, config: await config(), dereference: false });
    const errors = result.problems.filter((p) => p.severity === "error");
    if (errors.length > 0) {
      const { file: where, where: at } = locate(errors[0]!);
      throw new PipelineError("bundle", errors.map((p) => p.message).join("; "), where ?? file, at);
    }
    bundled = result.bundle.parsed as OpenApiDocument;
  }
  for (const { ref, at } of bundled === doc ? refs : collectRefs(bundled)) {
    if (resolvePointer(bundled, ref) === undefined) {
      throw new PipelineError("bundle", `$ref "${ref}" does not resolve`, file, pointer(at));
    }
  }
  return bundled;
}

/** Keys whose values are data (examples, defaults), not OpenAPI structure: never scanned for `$ref`. */
const DATA_KEYS = new Set(["example", "value", "default", "const", "enum", "x-examples"]);

/** Every `$ref` string in the document with the path where it sits. */
export function collectRefs(doc: unknown): { ref: string; at: (string | number)[] }[] {
  const found: { ref: string; at: (string | number)[] }[] = [];
  const walk = (node: unknown, at: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...at, i]));
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push({ ref: value, at: [...at, key] });
      else if (!DATA_KEYS.has(key) && !key.startsWith("x-")) walk(value, [...at, key]);
    }
  };
  walk(doc, []);
  return found;
}

/** Follows an internal reference (`#/components/schemas/User`); undefined when it does not resolve. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  const path = ref.slice(1);
  if (path === "") return doc;
  if (!path.startsWith("/")) return undefined;
  let node: unknown = doc;
  for (const raw of path.slice(1).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref` chains (internal only) until a node that is not a reference. */
export function deref<T = unknown>(doc: unknown, node: unknown): T {
  let current = node;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return current as T;
    current = resolvePointer(doc, ref);
  }
  return current as T;
}
