/**
 * The operations of a bundled spec (generated/<api>/openapi.json), read the way the contract
 * suite needs them: path-level and operation-level parameters merged, `$ref`s followed, and each
 * response's JSON schema pointer and documented examples collected. Independent of the generator
 * and of the runtime's code paths, so the suite checks them against the spec rather than against
 * themselves; only which media types count as JSON is the runtime's one rule
 * (src/internal/decode-body.ts `isJsonMedia`), since the generator and the mock decide by it too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { apiNames } from "../../scripts/lib/apis.js";
import { pointerSegment, resolvePointer } from "../../scripts/lib/json-pointer.js";
import { isJsonMedia } from "../../src/internal/decode-body.js";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** An OpenAPI document as parsed JSON. */
export type Doc = Record<string, any>;

/** One parameter of an operation, `$ref` resolved. */
export interface SpecParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  /** JSON pointer of the parameter's schema inside the document. */
  readonly schemaPointer: string;
}

/** One documented response of an operation. */
export interface SpecResponse {
  /** The key under `responses`: "200", "404", "4XX" or "default". */
  readonly status: string;
  /** The JSON media type documented for it; undefined when it documents no body. */
  readonly mediaType: string | undefined;
  /** JSON pointer of the JSON body schema; undefined when there is none. */
  readonly schemaPointer: string | undefined;
  /** The documented example bodies (examples map and `example`), `$ref`s followed. */
  readonly examples: readonly unknown[];
  /** Response header names the spec marks required. */
  readonly requiredHeaders: readonly string[];
}

/** One operation of the spec. */
export interface SpecOperation {
  readonly operationId: string;
  /** Lower-case HTTP method. */
  readonly method: string;
  /** The path template as in the spec ("/customers/{customerId}"). */
  readonly path: string;
  readonly parameters: readonly SpecParameter[];
  /** The JSON request body; undefined when the operation takes none. */
  readonly body: { readonly required: boolean; readonly mediaType: string; readonly schemaPointer: string } | undefined;
  readonly responses: readonly SpecResponse[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every API (redocly.yaml's `apis:`, scripts/lib/apis.ts), sorted; each has its bundled spec in generated/<api>/openapi.json. */
export function bundledApis(): string[] {
  return apiNames(ROOT);
}

/** Reads generated/<api>/openapi.json. */
export function loadBundledSpec(api: string): Doc {
  return JSON.parse(readFileSync(path.join(ROOT, "generated", api, "openapi.json"), "utf8")) as Doc;
}

/** RFC 6901 escaping of one pointer segment (scripts/lib/json-pointer.ts). */
export const escapePointer = pointerSegment;

/** The node at a JSON pointer ("/components/schemas/X"). */
export function at(doc: Doc, pointer: string): any {
  return resolvePointer(doc, `#${pointer}`);
}

/** Follows `$ref`s; returns the node and the pointer it lives at. */
export function deref(doc: Doc, node: any, pointer: string): { node: any; pointer: string } {
  for (let hops = 0; node && typeof node === "object" && typeof node.$ref === "string"; hops++) {
    if (hops > 32 || !node.$ref.startsWith("#")) throw new Error(`${pointer}: cannot follow $ref ${String(node.$ref)}`);
    pointer = node.$ref.slice(1);
    node = at(doc, pointer);
    if (node === undefined) throw new Error(`$ref #${pointer} points at nothing`);
  }
  return { node, pointer };
}

/** Every operation of the document, in path order then method order. */
export function operationsOf(doc: Doc): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [template, rawItem] of Object.entries<any>(doc.paths ?? {})) {
    const itemPointer = `/paths/${escapePointer(template)}`;
    const item = deref(doc, rawItem, itemPointer);
    for (const method of METHODS) {
      const op = item.node[method];
      if (!op || typeof op !== "object") continue;
      const opPointer = `${item.pointer}/${method}`;
      if (typeof op.operationId !== "string") throw new Error(`${method.toUpperCase()} ${template} has no operationId`);
      operations.push({
        operationId: op.operationId,
        method,
        path: template,
        parameters: parametersOf(doc, item.node.parameters, `${item.pointer}/parameters`, op.parameters, `${opPointer}/parameters`),
        body: bodyOf(doc, op.requestBody, `${opPointer}/requestBody`),
        responses: Object.entries<any>(op.responses ?? {}).map(([status, raw]) =>
          responseOf(doc, status, raw, `${opPointer}/responses/${escapePointer(status)}`),
        ),
      });
    }
  }
  return operations;
}

/** Path-item parameters overridden by operation parameters of the same name and location. */
function parametersOf(
  doc: Doc,
  shared: any[] | undefined,
  sharedPointer: string,
  own: any[] | undefined,
  ownPointer: string,
): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  const add = (list: any[] | undefined, base: string) => {
    (list ?? []).forEach((raw, i) => {
      const { node, pointer } = deref(doc, raw, `${base}/${i}`);
      if (node.content) throw new Error(`${pointer}: parameters described by "content" are not supported by the contract suite`);
      byKey.set(`${node.in}:${node.name}`, {
        name: node.name,
        in: node.in,
        required: node.required === true || node.in === "path",
        schemaPointer: `${pointer}/schema`,
      });
    });
  };
  add(shared, sharedPointer);
  add(own, ownPointer);
  return [...byKey.values()];
}

function bodyOf(doc: Doc, raw: any, base: string): SpecOperation["body"] {
  if (raw === undefined) return undefined;
  const { node, pointer } = deref(doc, raw, base);
  const media = Object.keys(node.content ?? {});
  const json = media.find((m) => isJsonMedia(m));
  if (!json || media.length !== 1) {
    throw new Error(`${pointer}: the contract suite generates JSON bodies only; this body is ${media.join(", ") || "empty"}`);
  }
  return { required: node.required === true, mediaType: json, schemaPointer: `${pointer}/content/${escapePointer(json)}/schema` };
}

function responseOf(doc: Doc, status: string, raw: any, base: string): SpecResponse {
  const { node, pointer } = deref(doc, raw, base);
  const mediaType = Object.keys(node.content ?? {}).find((m) => isJsonMedia(m));
  const media = mediaType === undefined ? undefined : node.content[mediaType];
  const examples: unknown[] = [];
  if (media) {
    for (const [name, example] of Object.entries<any>(media.examples ?? {})) {
      examples.push(deref(doc, example, `${pointer}/content/${escapePointer(mediaType!)}/examples/${escapePointer(name)}`).node.value);
    }
    if ("example" in media) examples.push(media.example);
  }
  const requiredHeaders = Object.entries<any>(node.headers ?? {})
    .filter(([, header]) => deref(doc, header, "").node.required === true)
    .map(([name]) => name);
  return {
    status,
    mediaType,
    schemaPointer: media?.schema === undefined ? undefined : `${pointer}/content/${escapePointer(mediaType!)}/schema`,
    examples,
    requiredHeaders,
  };
}

/** The documented success responses (2xx and "2XX"). */
export function successResponses(op: SpecOperation): SpecResponse[] {
  return op.responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
}

/** The documented error statuses with an exact code (4xx/5xx), as numbers. */
export function errorStatuses(op: SpecOperation): number[] {
  return op.responses
    .map((r) => r.status)
    .filter((s) => /^[45]\d\d$/.test(s))
    .map(Number);
}

/** The documented response for a status: exact, then range, then default. */
export function responseFor(op: SpecOperation, status: number): SpecResponse | undefined {
  const find = (key: string) => op.responses.find((r) => r.status.toUpperCase() === key);
  return find(String(status)) ?? find(`${String(status)[0]}XX`) ?? find("DEFAULT");
}
