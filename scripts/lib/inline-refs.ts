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
 * copy's), recursively. A target that contains itself (a cycle) cannot be copied out: it becomes a
 * schema component of its own, named after its place, and its references point there. A reference
 * that does not resolve stays as it is. Mutates and returns `doc`.
 */
export function inlineForeignRefs<T>(doc: T): T {
  const expanding: string[] = [];
  const hoisted = new Map<string, string>();
  const schemas = (): Record<string, unknown> => {
    const root = doc as { components?: { schemas?: Record<string, unknown> } };
    root.components ??= {};
    return (root.components.schemas ??= {});
  };
  const hoist = (ref: string, target: object): string => {
    const base = ref.slice(2).replace(/[^A-Za-z0-9_]+/g, "_");
    let name = base;
    for (let n = 2; name in schemas(); n++) name = `${base}_${n}`;
    hoisted.set(ref, name);
    schemas()[name] = {}; // claimed before the copy is made, so the copy's own references find it
    schemas()[name] = visit(structuredClone(target));
    return name;
  };
  const visit = (node: unknown, names = false): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
      return node;
    }
    if (!node || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === "string" && ref.startsWith("#") && !COMPONENT_REF.test(ref)) {
      const target = resolvePointer(doc, ref);
      if (target !== undefined && target !== null && typeof target === "object") {
        const { $ref: _, ...siblings } = record;
        if (hoisted.has(ref) || expanding.includes(ref)) {
          const name = hoisted.get(ref) ?? hoist(ref, target);
          return { $ref: `#/components/schemas/${name}`, ...siblings };
        }
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
