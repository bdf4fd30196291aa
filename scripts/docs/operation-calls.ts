/**
 * Each operation of a bundled spec as a caller sees it: its standalone function and its place in
 * the client's resource tree (both from the generator's own collect step and resource tree, so the
 * docs name exactly what the generated code exports), and the values its required inputs take from
 * the spec's examples.
 */
import { deref } from "../lib/json-pointer.js";
import type { OperationInfo, ResourceGroup } from "../lib/records.js";
import { collect } from "../steps/collect.js";
import type { OpenApiDocument } from "../steps/load.js";

/** A parameter the call must carry, with the value the samples use. */
export interface SampleParameter {
  name: string;
  in: "path" | "query" | "header";
  value: unknown;
}

/** One operation, ready for a code sample. */
export interface OperationCall {
  operation: OperationInfo;
  /** `["customers", "contacts", "update"]`: the method under the client. */
  resourcePath: string[];
  /** The operation object in the document (for marking it up). */
  node: Record<string, any>;
  /** Required parameters (path parameters always are), with example values. */
  required: SampleParameter[];
  /** Every header parameter the operation documents, required or not. */
  headerNames: string[];
  /** The request body example when the body is required; undefined otherwise. */
  body: { mediaType: string; value: unknown } | undefined;
  /** Whether a 2xx response has a body (the call returns data). */
  returnsData: boolean;
}

/** Every operation of `doc`, in the generator's order. Throws naming the operation when a required input has no example. */
export function operationCalls(doc: OpenApiDocument, file: string): OperationCall[] {
  const { operations, resources } = collect(doc, file, file);
  const places = resourcePaths(resources);
  return operations.map((operation) => {
    const pathItem = deref<Record<string, any>>(doc, doc.paths![operation.path]);
    const node = pathItem[operation.method] as Record<string, any>;
    const where = `${operation.method.toUpperCase()} ${operation.path}`;
    const parameters = mergedParameters(doc, pathItem, node);
    const required = parameters
      .filter((p) => p.in === "path" || p.required === true)
      .filter((p): p is typeof p & { in: SampleParameter["in"] } => p.in === "path" || p.in === "query" || p.in === "header")
      .map((p) => ({ name: p.name, in: p.in, value: exampleOf(doc, p, `${where}: parameter "${p.name}"`) }));
    const requestBody = deref<Record<string, any> | undefined>(doc, node.requestBody);
    const body =
      operation.request?.required && requestBody
        ? {
            mediaType: operation.request.mediaType,
            value: exampleOf(doc, requestBody.content[operation.request.mediaType], `${where}: request body`),
          }
        : undefined;
    const returnsData = Object.entries<unknown>(node.responses ?? {}).some(([status, response]) => {
      const content = deref<Record<string, any> | undefined>(doc, response)?.content;
      return /^2/.test(status) && content && Object.keys(content).length > 0;
    });
    const resourcePath = places.get(operation) ?? [];
    return {
      operation,
      resourcePath,
      node,
      required,
      headerNames: parameters.filter((p) => p.in === "header").map((p) => p.name),
      body,
      returnsData,
    };
  });
}

function resourcePaths(tree: ResourceGroup): Map<OperationInfo, string[]> {
  const places = new Map<OperationInfo, string[]>();
  const walk = (group: ResourceGroup, prefix: string[]): void => {
    for (const [key, child] of group.children) {
      if (child.kind === "leaf") places.set(child.operation, [...prefix, key]);
      else walk(child, [...prefix, key]);
    }
  };
  walk(tree, []);
  return places;
}

type Parameter = { name: string; in: string; required?: boolean; example?: unknown; examples?: Record<string, unknown>; schema?: unknown };

/** Path-level parameters overridden by operation-level ones (same name and location), as the generator merges them. */
function mergedParameters(doc: OpenApiDocument, pathItem: Record<string, any>, node: Record<string, any>): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, node.parameters]) {
    for (const entry of Array.isArray(list) ? list : []) {
      const parameter = deref<Parameter>(doc, entry);
      if (typeof parameter?.name === "string") byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** The example of a parameter or media type: `example`, else the first `examples` entry, else the schema's example. */
export function exampleOf(doc: OpenApiDocument, holder: Record<string, any> | undefined, what: string): unknown {
  if (holder && "example" in holder) return holder.example;
  const first = Object.values<unknown>(holder?.examples ?? {})[0];
  if (first !== undefined) return deref<{ value?: unknown }>(doc, first)?.value;
  const schema = deref<Record<string, any> | undefined>(doc, holder?.schema);
  if (schema && "example" in schema) return schema.example;
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  throw new Error(`${what} has no example for the code sample; add one to the spec`);
}
