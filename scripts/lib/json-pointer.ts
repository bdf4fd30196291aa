/**
 * JSON pointers (RFC 6901) and internal `$ref`s, in one place: building a pointer from path
 * segments, reading one back, following it into a document, and finding every `$ref`.
 */

/** Encodes one JSON pointer segment: `~` → `~0`, `/` → `~1`. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Decodes one JSON pointer segment: `~1` → `/`, `~0` → `~` (no percent-decoding). */
export function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A JSON pointer from segments: `["paths", "/users", "get"]` → `#/paths/~1users/get`. */
export function pointer(segments: readonly (string | number)[]): string {
  return `#/${segments.map(pointerSegment).join("/")}`;
}

/**
 * The segments of an internal reference (`#/paths/~1users/get` → `["paths", "/users", "get"]`),
 * percent-decoded as a URI fragment; undefined when `ref` is not an internal pointer.
 */
export function pointerSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  const path = ref.slice(1);
  if (path === "") return [];
  if (!path.startsWith("/")) return undefined;
  return path
    .slice(1)
    .split("/")
    .map((raw) => decodePointerSegment(decodeURIComponent(raw)));
}

/** Follows an internal reference (`#/components/schemas/User`); undefined when it does not resolve. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  const segments = pointerSegments(ref);
  if (segments === undefined) return undefined;
  let node: unknown = doc;
  for (const key of segments) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
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

/**
 * The node at `path` (segments, as in `["paths", "/users", "get"]`), following every internal
 * `$ref` on the way, but not one the node itself is; undefined when something on the way is absent.
 */
export function atPath(doc: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = doc;
  for (const key of path) {
    node = deref(doc, node);
    if (!node || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Keys whose values are data (examples, defaults), not OpenAPI structure: never scanned for `$ref`. */
const DATA_KEYS = new Set(["example", "value", "default", "const", "enum", "x-examples"]);

/** Every `$ref` string in the document's structure with the path where it sits. */
export function collectRefs(doc: unknown): { ref: string; at: (string | number)[] }[] {
  const found: { ref: string; at: (string | number)[] }[] = [];
  const walk = (node: unknown, at: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...at, i]);
      });
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
