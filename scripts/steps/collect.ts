/**
 * Collect step: reads the bundled document once and turns it into plain
 * records (one per operation, one per component schema) with every name the
 * emitters will write already decided. No TypeScript is produced here.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { isJsonMedia } from "../../src/internal/decode-body.js";
import { PipelineError } from "../lib/errors.js";
import { decodePointerSegment, deref, pointer } from "../lib/json-pointer.js";
import { compare, NameRegistry, safeCamel, safePascal } from "../lib/naming.js";
import type { Collected, HttpMethod, ModelInfo, OAuth2Flows, OperationInfo, PagingRule } from "../lib/records.js";
import { HTTP_METHODS } from "../lib/records.js";
import { buildResourceTree } from "../lib/resource-tree.js";
import type { OpenApiDocument } from "./load.js";

/** Names the generated modules import or declare themselves; no operation or model may take them. */
export const RESERVED_NAMES = [
  "callOperation",
  "ApiPromise",
  "OperationArgs",
  "Client",
  "ErrorBodies",
  "OperationMeta",
  "OperationParams",
  "SuccessBody",
  "paths",
  "components",
  "operations",
  "webhooks",
  "$defs",
  // resources.ts imports every operation function beside these constants of its own.
  "resources",
  "Resources",
  "operationIds",
  "servers",
  "oauth2Flows",
  "callPagedOperation",
  "PagedApiPromise",
  "PageItem",
];

interface RawOperation {
  base: string;
  operationId: string | undefined;
  method: HttpMethod;
  path: string;
  node: Record<string, any>;
  pathItem: Record<string, any>;
}

/** Everything the emitters need from `doc`: operations and models (names allocated, sorted by name), the resource tree, servers and OAuth2 flows. */
export function collect(doc: OpenApiDocument, file: string, fallbackTitle: string): Collected {
  const { operations, models } = collectNamed(doc, file);
  return {
    title: doc.info?.title ?? fallbackTitle,
    operations,
    models,
    resources: buildResourceTree(operations),
    servers: serverUrls(doc),
    oauth2Flows: oauth2Flows(doc),
  };
}

/** The operations and models of `doc`, names allocated, sorted by name. */
function collectNamed(doc: OpenApiDocument, file: string): { operations: OperationInfo[]; models: ModelInfo[] } {
  const raw = rawOperations(doc, file);
  const registry = new NameRegistry(RESERVED_NAMES);

  // Function names first (what users call), then the names derived from them, then models:
  // a clash renames the later, less visible name. Explicit operationIds that are already
  // identifiers win over ones that needed rewriting, which win over names derived from paths.
  raw.sort(
    (a, b) =>
      compare(a.base, b.base) ||
      rank(a) - rank(b) ||
      compare(a.operationId ?? "", b.operationId ?? "") ||
      compare(a.path, b.path) ||
      compare(a.method, b.method),
  );
  const names = raw.map((op) => registry.claim(op.base));
  const typeNames = names.map((name) =>
    registry.claim(typeStem(name), (stem) => ["Operation", "Params", "Response", "Errors"].map((suffix) => stem + suffix)),
  );
  const operations = raw.map((op, i) => describeOperation(doc, op, names[i]!, typeNames[i]!, registry.claim(`${names[i]}Meta`), file));

  const schemas = Object.keys(doc.components?.schemas ?? {}).sort(compare);
  const models = schemas.map((schemaName) => {
    const schema = deref<Record<string, unknown>>(doc, doc.components!.schemas![schemaName]);
    return {
      name: registry.claim(safePascal(schemaName) || "Schema"),
      schemaName,
      description: text(schema?.description) ?? text(schema?.title),
    };
  });

  // Signatures name a body by its model when the body is exactly one component schema.
  const modelOf = new Map(models.map((model) => [model.schemaName, model.name]));
  for (const op of operations) {
    op.models = { request: modelOf.get(op.models.request ?? ""), success: modelOf.get(op.models.success ?? "") };
  }
  operations.sort((a, b) => compare(a.name, b.name));
  return { operations, models };
}

function rawOperations(doc: OpenApiDocument, file: string): RawOperation[] {
  const seen = new Map<string, string>();
  const found: RawOperation[] = [];
  for (const path of Object.keys(doc.paths ?? {}).sort(compare)) {
    const pathItem = deref<Record<string, any>>(doc, doc.paths![path]);
    if (!pathItem || typeof pathItem !== "object") {
      throw new PipelineError("collect", `path item "${path}" is not an object`, file, pointer(["paths", path]));
    }
    for (const method of HTTP_METHODS) {
      const node = pathItem[method];
      if (node === undefined) continue;
      const at = pointer(["paths", path, method]);
      if (!node || typeof node !== "object" || Array.isArray(node)) {
        throw new PipelineError("collect", `operation ${method.toUpperCase()} ${path} is not an object`, file, at);
      }
      const operationId = typeof node.operationId === "string" && node.operationId.trim() !== "" ? node.operationId : undefined;
      if (operationId !== undefined) {
        const first = seen.get(operationId);
        if (first) throw new PipelineError("collect", `duplicate operationId "${operationId}" (first used at ${first})`, file, at);
        seen.set(operationId, at);
      }
      const base = (operationId && safeCamel(operationId)) || derivedName(method, path);
      found.push({ base, operationId, method, path, node, pathItem });
    }
  }
  return found;
}

/** A stable name for an operation without an operationId: `GET /users/{id}/repos` → `getUsersByIdRepos`. */
export function derivedName(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.includes("{") ? `by ${segment}` : segment));
  return safeCamel([method, ...(parts.length ? parts : ["root"])].join(" "));
}

function rank(op: RawOperation): number {
  if (op.operationId === undefined) return 2;
  return op.operationId === op.base ? 0 : 1;
}

function typeStem(functionName: string): string {
  const stem = functionName.replace(/_$/, "");
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

function describeOperation(
  doc: OpenApiDocument,
  op: RawOperation,
  name: string,
  typeName: string,
  metaName: string,
  file: string,
): OperationInfo {
  const parameters = mergedParameters(doc, op);
  const body = deref<Record<string, any> | undefined>(doc, op.node.requestBody);
  const bodyMedia = body && typeof body.content === "object" ? preferredMediaType(Object.keys(body.content)) : undefined;
  const request = bodyMedia ? { mediaType: bodyMedia, required: body?.required === true } : null;
  const responses = Object.entries<unknown>(op.node.responses ?? {})
    .map(([status, value]): [string, string | null] => {
      const response = deref<Record<string, any> | undefined>(doc, value);
      const content = response && typeof response.content === "object" ? Object.keys(response.content) : [];
      return [status, preferredMediaType(content) ?? null];
    })
    .sort(([a], [b]) => statusOrder(a) - statusOrder(b) || compare(a, b));
  const requiredIn = (where: string) => parameters.some((p) => p.in === where && (p.required === true || where === "path"));
  return {
    name,
    typeName,
    metaName,
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    pointer: pointer(["paths", op.path, op.method]),
    summary: text(op.node.summary),
    description: text(op.node.description),
    deprecated: op.node.deprecated === true,
    request,
    responses,
    requiredHeaders: parameters
      .filter((p) => p.in === "header" && p.required === true)
      .map((p) => p.name)
      .sort(compare),
    required: { path: requiredIn("path"), query: requiredIn("query"), header: requiredIn("header"), body: request?.required ?? false },
    clientMethod: typeof op.node["x-client-method"] === "string" ? op.node["x-client-method"] : undefined,
    paging: pagingOf(doc, op, parameters, file),
    // Schema names here; collect() turns them into model names once the models are named.
    models: { request: schemaRefOf(body?.content), success: successSchemaOf(doc, op.node.responses) },
  };
}

/** The component schema every media type of a `content` map refers to directly, if they all name the same one. */
function schemaRefOf(content: unknown): string | undefined {
  if (!content || typeof content !== "object") return undefined;
  const refs = new Set(Object.values<any>(content).map((media) => media?.schema?.$ref));
  const [ref] = refs;
  if (refs.size !== 1 || typeof ref !== "string" || !ref.startsWith("#/components/schemas/")) return undefined;
  const name = ref.slice("#/components/schemas/".length);
  return name.includes("/") ? undefined : decodePointerSegment(name);
}

/** The component schema that is the body of every 2xx response, if there is one and each has that body. */
function successSchemaOf(doc: OpenApiDocument, responses: Record<string, unknown> | undefined): string | undefined {
  const success = Object.entries(responses ?? {}).filter(([status]) => /^2/.test(status));
  const names = new Set(success.map(([, value]) => schemaRefOf(deref<Record<string, any> | undefined>(doc, value)?.content)));
  const [name] = names;
  return success.length > 0 && names.size === 1 ? name : undefined;
}

const PAGING_KEYS = ["pageParam", "sizeParam", "firstPage", "items", "hasNextPage", "nextPage", "totalPages"];

/**
 * Reads and checks `x-pagination`: the page (and size) parameters must be query parameters of the
 * operation, and `items` an array property of its JSON success body, so a typo fails here, with
 * its place, rather than as a page loop that never ends.
 */
function pagingOf(
  doc: OpenApiDocument,
  op: RawOperation,
  parameters: { name: string; in: string }[],
  file: string,
): PagingRule | undefined {
  const raw = op.node["x-pagination"];
  if (raw === undefined) return undefined;
  const at = pointer(["paths", op.path, op.method, "x-pagination"]);
  const fail = (message: string): never => {
    throw new PipelineError("collect", `x-pagination of ${op.method.toUpperCase()} ${op.path}: ${message}`, file, at);
  };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("must be an object");
  const unknown = Object.keys(raw).filter((key) => !PAGING_KEYS.includes(key));
  if (unknown.length) fail(`unknown key ${unknown.map((k) => JSON.stringify(k)).join(", ")} (known: ${PAGING_KEYS.join(", ")})`);
  const name = (key: string, required: boolean): string | undefined => {
    const value = raw[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string" || value === "") fail(`"${key}" must be a non-empty string`);
    return value as string;
  };
  const query = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
  const pageParam = name("pageParam", true)!;
  const sizeParam = name("sizeParam", false);
  for (const param of [pageParam, sizeParam]) {
    if (param !== undefined && !query.has(param)) fail(`"${param}" is not a query parameter of the operation`);
  }
  const firstPage = raw.firstPage ?? 1;
  if (!Number.isInteger(firstPage)) fail(`"firstPage" must be an integer`);
  const rule: PagingRule = { pageParam, ...(sizeParam && { sizeParam }), firstPage, items: name("items", true)! };
  const properties = successBodyProperties(doc, op);
  for (const key of ["hasNextPage", "nextPage", "totalPages"] as const) {
    const property = name(key, false);
    if (property !== undefined) rule[key] = property;
  }
  for (const key of ["items", "hasNextPage", "nextPage", "totalPages"] as const) {
    const property = rule[key];
    if (property !== undefined && !(property in properties)) fail(`"${property}" (${key}) is not a property of the success body`);
  }
  const items = deref<Record<string, unknown> | undefined>(doc, properties[rule.items]);
  if (items?.type !== "array" && !(Array.isArray(items?.type) && items.type.includes("array")))
    fail(`"${rule.items}" is not an array property`);
  return rule;
}

/** The properties of the first 2xx JSON response body's schema (`$ref`s followed). */
function successBodyProperties(doc: OpenApiDocument, op: RawOperation): Record<string, unknown> {
  for (const [status, value] of Object.entries<unknown>(op.node.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const content = deref<Record<string, any> | undefined>(doc, value)?.content;
    const media = content && preferredMediaType(Object.keys(content));
    const schema = media ? deref<Record<string, any> | undefined>(doc, content[media]?.schema) : undefined;
    if (schema && typeof schema.properties === "object") return schema.properties;
  }
  return {};
}

/** Path-level parameters overridden by operation-level ones with the same name and location. */
function mergedParameters(doc: OpenApiDocument, op: RawOperation): { name: string; in: string; required?: boolean }[] {
  const byKey = new Map<string, { name: string; in: string; required?: boolean }>();
  for (const list of [op.pathItem.parameters, op.node.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = deref<{ name?: unknown; in?: unknown; required?: boolean }>(doc, entry);
      if (typeof parameter?.name === "string" && typeof parameter.in === "string") {
        byKey.set(`${parameter.in}:${parameter.name}`, parameter as { name: string; in: string; required?: boolean });
      }
    }
  }
  return [...byKey.values()];
}

/** JSON first (application/json, then any other JSON media type by the runtime's own rule), otherwise the first listed. */
export function preferredMediaType(types: string[]): string | undefined {
  return types.find((t) => t.split(";")[0]!.trim().toLowerCase() === "application/json") ?? types.find((t) => isJsonMedia(t)) ?? types[0];
}

function statusOrder(status: string): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^\dXX$/i.test(status)) return Number(status[0]) * 100 + 99.5;
  return 1000; // default
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The document's server URLs (`servers[].url`), skipping entries without a string URL. */
function serverUrls(doc: { servers?: unknown }): string[] {
  if (!Array.isArray(doc.servers)) return [];
  return doc.servers.flatMap((server) => (typeof server?.url === "string" ? [server.url as string] : []));
}

/** The URLs of every OAuth2 flow by security scheme and flow name; only string URL fields are kept. */
function oauth2Flows(doc: OpenApiDocument): OAuth2Flows {
  const flows: OAuth2Flows = {};
  for (const [name, value] of Object.entries(doc.components?.securitySchemes ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const scheme = deref<{ type?: unknown; flows?: Record<string, Record<string, unknown>> }>(doc, value);
    if (scheme?.type !== "oauth2" || typeof scheme.flows !== "object" || scheme.flows === null) continue;
    flows[name] = {};
    for (const [flow, fields] of Object.entries(scheme.flows)) {
      const urls = Object.entries(fields ?? {}).filter(([key, url]) => /Url$/.test(key) && typeof url === "string");
      flows[name][flow] = Object.fromEntries(urls) as Record<string, string>;
    }
  }
  return flows;
}
