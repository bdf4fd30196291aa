/**
 * Types step: openapi-typescript turns the bundled document into `paths`,
 * `components` and `operations` types (generated/<api>/types.ts). Its own
 * header is replaced by our banner; nothing else is touched.
 */
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { PipelineError } from "../lib/errors.js";
import { dropExternalValues, EXTERNAL_VALUE } from "../lib/external-values.js";
import { FOREIGN_REF, inlineForeignRefs } from "../lib/inline-refs.js";

/** The TypeScript text of the bundled document's types (given as JSON text), without a header. */
export async function generateTypes(json: string, file: string): Promise<string> {
  try {
    // openapi-typescript types a `$ref` only when it names a component; one into `paths` or into
    // a schema's inside comes out as an indexed type that does not exist. Such refs are inlined
    // first, and example URLs it would fetch are dropped, in a copy: the bundled spec keeps both.
    const foreignRefs = FOREIGN_REF.test(json);
    const externalValues = EXTERNAL_VALUE.test(json);
    let input = json;
    if (foreignRefs || externalValues) {
      let doc: unknown = JSON.parse(json);
      if (foreignRefs) doc = inlineForeignRefs(doc);
      if (externalValues) doc = dropExternalValues(doc);
      input = JSON.stringify(doc);
    }
    // The JSON text, not the object: openapi-typescript bundles what it is given in place.
    const ast = await openapiTS(input, { silent: true });
    const text = astToString(ast);
    return text.startsWith(COMMENT_HEADER) ? text.slice(COMMENT_HEADER.length) : text;
  } catch (error) {
    throw new PipelineError("types", `openapi-typescript failed: ${(error as Error).message}`, file, undefined, { cause: error });
  }
}

/** Worker-thread side of TypesThread: answers `{ id, json, file }` with `{ id, text }` or `{ id, error }`. */
export async function serveTypes(): Promise<void> {
  const { parentPort } = await import("node:worker_threads");
  parentPort!.on("message", async ({ id, json, file }: { id: number; json: string; file: string }) => {
    try {
      parentPort!.postMessage({ id, text: await generateTypes(json, file) });
    } catch (error) {
      const e = error as PipelineError;
      parentPort!.postMessage({ id, error: { message: e.message, file: e.file, where: e.where, stack: e.stack } });
    }
  });
}
