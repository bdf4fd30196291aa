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
import { PipelineError } from "../lib/errors.js";
import { collectRefs, pointer, resolvePointer } from "../lib/json-pointer.js";
import type { OpenApiDocument } from "./load.js";

/** Bundles `file` (already parsed as `doc`) into a self-contained document. */
export async function bundleDocument(file: string, doc: OpenApiDocument, config: () => Promise<Config>): Promise<OpenApiDocument> {
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
