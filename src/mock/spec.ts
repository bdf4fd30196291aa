/**
 * Loads a bundled OpenAPI 3.x document and indexes its operations into plain records
 * (parameters, bodies, responses and security resolved, each schema with its JSON pointer,
 * so the validator can compile it by reference into the same document).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { MockConfigError, MockSpecError } from "./errors.js";

/** A JSON object of the spec. */
export type JsonObject = Record<string, unknown>;

/** A schema node of the document, with the JSON pointer where it sits (after following `$ref`s). */
export interface SchemaAt {
  readonly pointer: string;
  readonly schema: JsonObject | boolean;
}

/** One parameter of an operation (path-level and operation-level merged). */
export interface ParameterInfo {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly explode: boolean;
  readonly schema: SchemaAt | undefined;
}

/** One media type of a request or response body, with its named examples. */
export interface MediaInfo {
  readonly mediaType: string;
  readonly schema: SchemaAt | undefined;
  /** Example name → value; a lone `example` is named "example". */
  readonly examples: ReadonlyMap<string, unknown>;
}

/** One documented response header. */
export interface HeaderInfo {
  readonly name: string;
  readonly required: boolean;
  readonly schema: SchemaAt | undefined;
  readonly example: { value: unknown } | undefined;
}

/** One documented response ("200", "4XX", "default"). */
export interface ResponseInfo {
  readonly status: string;
  readonly content: readonly MediaInfo[];
  readonly headers: readonly HeaderInfo[];
}

/** A security requirement: every named scheme must be satisfied (OpenAPI "AND"). */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/** Everything the server needs to know about one operation. */
export interface OperationInfo {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly ParameterInfo[];
  readonly requestBody: { readonly required: boolean; readonly content: readonly MediaInfo[] } | undefined;
  readonly responses: readonly ResponseInfo[];
  /** Alternatives (OpenAPI "OR"); empty means no security. */
  readonly security: readonly SecurityRequirement[];
}

/** The indexed document. */
export interface SpecIndex {
  readonly doc: JsonObject;
  readonly operations: readonly OperationInfo[];
  /** Path parts of the `servers` URLs ("/erp"), in server order; the server accepts requests with or without them. */
  readonly basePaths: readonly string[];
  readonly securitySchemes: ReadonlyMap<string, JsonObject>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const API_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The folder the compiled package (or tsx) finds bundled specs in: generated/<api>/openapi.json. */
function generatedDir(): URL {
  return new URL("../../generated/", import.meta.url);
}

/** Names of the APIs whose bundled spec exists under generated/. */
export function listBundledApis(): string[] {
  const dir = generatedDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/openapi.json`, dir)))
    .map((entry) => entry.name)
    .sort();
}

/** Reads generated/<api>/openapi.json; an unknown name gets an error listing the known ones. */
export function loadBundledSpec(api: string): JsonObject {
  const known = listBundledApis();
  if (!API_NAME.test(api) || !known.includes(api)) {
    const list = known.length ? known.join(", ") : "none (run `npm run generate` first)";
    throw new MockConfigError(`unknown API "${api}": bundled specs found under generated/: ${list}`);
  }
  const file = new URL(`${api}/openapi.json`, generatedDir());
  try {
    return JSON.parse(readFileSync(file, "utf8")) as JsonObject;
  } catch (error) {
    throw new MockSpecError(`generated/${api}/openapi.json is not readable JSON: ${(error as Error).message}`);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Decodes one JSON pointer segment (RFC 6901): `~1` → `/`, `~0` → `~`. */
export function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Decodes one segment of a `$ref` (a URI fragment: percent-encoded first). */
function unescapePointer(segment: string): string {
  return decodePointerSegment(decodeURIComponent(segment));
}

/** Follows local `$ref`s (`#/...`) from `node`, returning the target and its pointer. */
export function resolveRef(doc: JsonObject, node: unknown, pointer: string): { node: unknown; pointer: string } {
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === "string") {
    const ref = node.$ref;
    if (!ref.startsWith("#")) throw new MockSpecError(`${pointer}: only internal $refs are supported, found "${ref}"`);
    if (seen.has(ref)) throw new MockSpecError(`${pointer}: $ref cycle through "${ref}"`);
    seen.add(ref);
    pointer = ref.slice(1);
    node = pointer
      .split("/")
      .slice(1)
      .reduce<unknown>((at, part) => (isObject(at) || Array.isArray(at) ? (at as JsonObject)[unescapePointer(part)] : undefined), doc);
    if (node === undefined) throw new MockSpecError(`$ref "${ref}" points to nothing`);
    pointer = pointer
      .split("/")
      .map((p, i) => (i === 0 ? p : escapePointer(unescapePointer(p))))
      .join("/");
  }
  return { node, pointer };
}

/** Accepts a spec object or an API name, and checks it is an OpenAPI 3.x document. */
export function loadSpec(source: { api?: string | undefined; spec?: unknown }): JsonObject {
  if (source.spec !== undefined && source.api !== undefined) throw new MockConfigError("pass either `api` or `spec`, not both");
  const doc = source.spec !== undefined ? source.spec : source.api !== undefined ? loadBundledSpec(source.api) : undefined;
  if (doc === undefined) throw new MockConfigError("pass `api` (a folder name under generated/) or `spec` (an OpenAPI document)");
  if (!isObject(doc) || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw new MockSpecError("the spec is not an OpenAPI 3.x document (no `openapi: 3.x` field)");
  }
  const copy = structuredClone(doc);
  if (String(copy.openapi).startsWith("3.0")) upgradeSchemas30(copy);
  return copy;
}

/**
 * OpenAPI 3.0 schema dialect → JSON Schema 2020-12, where they differ in ways ajv would reject:
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become the bound itself, and a `nullable`
 * without a `type` (meaningless in 3.0) is dropped; `nullable` beside a type ajv understands.
 */
function upgradeSchemas30(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) upgradeSchemas30(item);
    return;
  }
  if (!isObject(node)) return;
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof node[flag] === "boolean") {
      if (node[flag] && typeof node[bound] === "number") {
        node[flag] = node[bound];
        delete node[bound];
      } else delete node[flag];
    }
  }
  if (typeof node.nullable === "boolean" && node.type === undefined) delete node.nullable;
  for (const [key, value] of Object.entries(node)) {
    if (key !== "example" && key !== "examples" && !key.startsWith("x-")) upgradeSchemas30(value);
  }
}

/** Indexes every operation of the document. */
export function indexSpec(doc: JsonObject): SpecIndex {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const operations: OperationInfo[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemAt = resolveRef(doc, rawItem, `/paths/${escapePointer(path)}`);
    if (!isObject(itemAt.node)) continue;
    const item = itemAt.node;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opPointer = `${itemAt.pointer}/${method}`;
      operations.push({
        operationId: typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`,
        method,
        path,
        parameters: parametersOf(doc, item, op, itemAt.pointer, opPointer),
        requestBody: requestBodyOf(doc, op.requestBody, `${opPointer}/requestBody`),
        responses: responsesOf(doc, op.responses, `${opPointer}/responses`),
        security: securityOf(op.security ?? doc.security),
      });
    }
  }
  return { doc, operations, basePaths: basePathsOf(doc), securitySchemes: schemesOf(doc) };
}

function schemaAt(doc: JsonObject, node: unknown, pointer: string): SchemaAt | undefined {
  if (node === undefined) return undefined;
  const at = resolveRef(doc, node, pointer);
  if (!isObject(at.node) && typeof at.node !== "boolean") throw new MockSpecError(`${pointer}: a schema must be an object`);
  return { pointer: at.pointer, schema: at.node };
}

function parametersOf(doc: JsonObject, item: JsonObject, op: JsonObject, itemPointer: string, opPointer: string): ParameterInfo[] {
  const byKey = new Map<string, ParameterInfo>();
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const at = resolveRef(doc, raw, `${base}/parameters/${i}`);
      const p = at.node;
      if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") {
        throw new MockSpecError(`${at.pointer}: a parameter needs a name and an "in"`);
      }
      const where = p.in as ParameterInfo["in"];
      // OpenAPI: header parameters named Accept, Content-Type or Authorization are ignored.
      if (where === "header" && /^(accept|content-type|authorization)$/i.test(p.name)) return;
      const style = typeof p.style === "string" ? p.style : where === "query" || where === "cookie" ? "form" : "simple";
      byKey.set(`${where}:${where === "header" ? p.name.toLowerCase() : p.name}`, {
        name: p.name,
        in: where,
        required: p.required === true || where === "path",
        explode: typeof p.explode === "boolean" ? p.explode : style === "form",
        schema: schemaAt(doc, p.schema, `${at.pointer}/schema`),
      });
    });
  };
  add(item.parameters, itemPointer);
  add(op.parameters, opPointer); // operation-level parameters override path-level ones
  return [...byKey.values()];
}

function mediaOf(doc: JsonObject, content: unknown, pointer: string): MediaInfo[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, raw]) => {
    const media = isObject(raw) ? raw : {};
    const mediaPointer = `${pointer}/content/${escapePointer(mediaType)}`;
    const examples = new Map<string, unknown>();
    if (isObject(media.examples)) {
      for (const [name, ex] of Object.entries(media.examples)) {
        const at = resolveRef(doc, ex, `${mediaPointer}/examples/${escapePointer(name)}`);
        if (isObject(at.node) && "value" in at.node) examples.set(name, at.node.value);
      }
    }
    if ("example" in media) examples.set("example", media.example);
    return { mediaType: mediaType.toLowerCase(), schema: schemaAt(doc, media.schema, `${mediaPointer}/schema`), examples };
  });
}

function requestBodyOf(doc: JsonObject, raw: unknown, pointer: string): OperationInfo["requestBody"] {
  if (raw === undefined) return undefined;
  const at = resolveRef(doc, raw, pointer);
  const body = isObject(at.node) ? at.node : {};
  return { required: body.required === true, content: mediaOf(doc, body.content, at.pointer) };
}

function responsesOf(doc: JsonObject, raw: unknown, pointer: string): ResponseInfo[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([status, value]) => {
    const at = resolveRef(doc, value, `${pointer}/${escapePointer(status)}`);
    const response = isObject(at.node) ? at.node : {};
    const headers: HeaderInfo[] = [];
    if (isObject(response.headers)) {
      for (const [name, h] of Object.entries(response.headers)) {
        // OpenAPI: a response header named Content-Type is ignored.
        if (/^content-type$/i.test(name)) continue;
        const hAt = resolveRef(doc, h, `${at.pointer}/headers/${escapePointer(name)}`);
        const header = isObject(hAt.node) ? hAt.node : {};
        const schema = schemaAt(doc, header.schema, `${hAt.pointer}/schema`);
        let example: HeaderInfo["example"];
        if ("example" in header) example = { value: header.example };
        else if (isObject(header.examples)) {
          const first = Object.values(header.examples)[0];
          const ex = resolveRef(doc, first, `${hAt.pointer}/examples`).node;
          if (isObject(ex) && "value" in ex) example = { value: ex.value };
        }
        headers.push({ name, required: header.required === true, schema, example });
      }
    }
    return { status: status.toUpperCase(), content: mediaOf(doc, response.content, at.pointer), headers };
  });
}

function securityOf(raw: unknown): SecurityRequirement[] {
  return Array.isArray(raw) ? raw.filter(isObject).map((r) => r as SecurityRequirement) : [];
}

function schemesOf(doc: JsonObject): Map<string, JsonObject> {
  const schemes = new Map<string, JsonObject>();
  const raw = isObject(doc.components) ? doc.components.securitySchemes : undefined;
  if (!isObject(raw)) return schemes;
  for (const [name, value] of Object.entries(raw)) {
    const at = resolveRef(doc, value, `/components/securitySchemes/${escapePointer(name)}`);
    if (isObject(at.node)) schemes.set(name, at.node);
  }
  return schemes;
}

function basePathsOf(doc: JsonObject): string[] {
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObject) : [];
  const paths = new Set<string>();
  for (const server of servers) {
    if (typeof server.url !== "string") continue;
    // Server variables take their defaults: "{scheme}://host/{base}" → "https://host/v1".
    const vars = isObject(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = vars[name];
      return isObject(v) && typeof v.default === "string" ? v.default : "";
    });
    try {
      const path = new URL(url, "http://base.invalid").pathname.replace(/\/+$/, "");
      if (path) paths.add(decodeURI(path));
    } catch {
      // A server URL that does not parse contributes no base path.
    }
  }
  return [...paths];
}
