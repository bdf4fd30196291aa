/**
 * Inlining the `$ref`s openapi-typescript cannot type: every internal reference that does not
 * name a component directly (`#/components/schemas/Pet`), such as one into `paths`
 * (`#/paths/~1chargers/get/responses/200/...`) or into a schema's inside
 * (`#/components/schemas/Pet/properties/name`), is replaced by a copy of what it points at.
 */
import { resolvePointer } from "./json-pointer.js";

/** The components openapi-typescript turns into `components[...]` types, referenced by name. */
const COMPONENT_REF = /^#\/components\/(?:schemas|responses|parameters|requestBodies|headers|pathItems)\/[^/]+$/;

/** A cheap test on the JSON text: does any internal `$ref` not name a component? */
export const FOREIGN_REF = /"\$ref"\s*:\s*"#\/(?!components\/(?:schemas|responses|parameters|requestBodies|headers|pathItems)\/[^/"]+")/;

/** Keys whose values are data, not structure: never searched for references. */
const DATA_KEYS = new Set(["example", "examples", "default", "const", "enum"]);
/** Maps whose keys are names (a property may be called `default`): every entry is structure. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "schemas"]);

/**
 * `doc` with every foreign reference replaced by a copy of its target (sibling keys kept over the
 * copy's), recursively. A reference met again while its own target is being copied (a cycle) and
 * one that does not resolve stay as they are. Mutates and returns `doc`.
 */
export function inlineForeignRefs<T>(doc: T): T {
  const expanding: string[] = [];
  const visit = (node: unknown, names = false): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
      return node;
    }
    if (!node || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === "string" && ref.startsWith("#") && !COMPONENT_REF.test(ref) && !expanding.includes(ref)) {
      const target = resolvePointer(doc, ref);
      if (target !== undefined && target !== null && typeof target === "object") {
        const { $ref: _, ...siblings } = record;
        expanding.push(ref);
        const copy = visit(structuredClone(target));
        expanding.pop();
        return Array.isArray(copy) ? copy : { ...(copy as Record<string, unknown>), ...siblings };
      }
    }
    for (const [key, value] of Object.entries(record)) {
      if (names || (!DATA_KEYS.has(key) && !key.startsWith("x-"))) record[key] = visit(value, !names && NAME_MAPS.has(key));
    }
    return record;
  };
  return visit(doc) as T;
}
