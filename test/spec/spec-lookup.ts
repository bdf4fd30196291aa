// Looking things up in a bundled spec for the page-vs-spec tests: $refs followed, operations with
// their merged parameters, and the operation a saved page was transcribed into.
import { expect } from "vitest";
import { deref as followRefs } from "../../scripts/lib/json-pointer.js";

export interface SpecOperation {
  path: string;
  method: string;
  op: any;
  params: any[];
}

/** Follows a local `$ref` chain to its target (scripts/lib/json-pointer.ts). */
export const deref = (doc: any, node: any): any => followRefs(doc, node);

/** Every operation of a bundled spec, path-level parameters merged in and dereferenced. */
export function operationsOf(doc: any): SpecOperation[] {
  return Object.entries<any>(doc.paths).flatMap(([p, item]) =>
    Object.entries<any>(item)
      .filter(([m]) => ["get", "put", "post", "patch", "delete", "head", "options"].includes(m))
      .map(([method, op]) => ({
        path: p,
        method,
        op,
        params: [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x: any) => deref(doc, x)),
      })),
  );
}

/** The one operation that names `page` in `x-doc-page` or `x-doc-page-copies`. */
export function operationForPage(doc: any, page: string): SpecOperation {
  const found = operationsOf(doc).filter((o) => o.op["x-doc-page"] === page || (o.op["x-doc-page-copies"] ?? []).includes(page));
  expect(
    found.map((o) => o.op.operationId),
    `operations transcribed from ${page}`,
  ).toHaveLength(1);
  return found[0]!;
}

/** Every saved page an operation was transcribed from: its x-doc-page and its copies. */
export const pagesOf = (op: any): string[] => [op["x-doc-page"], ...(op["x-doc-page-copies"] ?? [])].filter(Boolean);

/** The schema of a JSON body (request body or response), dereferenced. */
export function jsonSchemaOf(doc: any, bodyOrResponse: any): any {
  return deref(doc, deref(doc, bodyOrResponse)?.content?.["application/json"]?.schema);
}

/** The values of every example of a JSON body (request body or response). */
export function exampleValuesOf(doc: any, bodyOrResponse: any): unknown[] {
  const media = deref(doc, bodyOrResponse)?.content?.["application/json"];
  if (!media) return [];
  return [
    ...(media.example === undefined ? [] : [media.example]),
    ...Object.values<any>(media.examples ?? {}).map((e) => deref(doc, e).value),
  ];
}

/** A property's types as a list (`type: [string, 'null']` and `type: string` alike). */
export const typesOf = (schema: any): string[] => [schema?.type].flat().filter(Boolean);
