/**
 * Example objects whose value is a URL (`externalValue`) taken out of the copy of the document
 * that openapi-typescript reads. It fetches every such URL while bundling, though examples never
 * shape a type: offline that fails the run, online it is a request the generator must not make
 * (the network is reached only for `$ref`s, and only with --allow-remote-refs).
 */

/** A cheap test on the JSON text: is there any `externalValue` at all? */
export const EXTERNAL_VALUE = /"externalValue"\s*:/;

/**
 * `doc` without the `externalValue` of any Example object (an entry of an `examples` map), so that
 * nothing is fetched; the rest of the example is kept. Mutates and returns `doc`.
 */
export function dropExternalValues<T>(doc: T): T {
  const visit = (node: unknown, inExamples: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, false);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (
        inExamples &&
        value !== null &&
        typeof value === "object" &&
        typeof (value as { externalValue?: unknown }).externalValue === "string"
      ) {
        delete (value as { externalValue?: unknown }).externalValue;
      }
      visit(value, key === "examples" && !Array.isArray(value));
    }
  };
  visit(doc, false);
  return doc;
}
