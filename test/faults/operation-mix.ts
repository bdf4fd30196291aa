/**
 * Every operation of the three APIs, read from generated/<api>/openapi.json, each with the generated
 * wrapper that sends it and valid params built from the spec's examples. Used by the fault-load
 * test (test/faults) and the load benchmark (bench/load), so both send the same spec-valid mix.
 */
import { readFileSync } from "node:fs";
import type { ApiPromise, CallOptions, FetchLike } from "../../src/core/index.js";
import * as croDispatch from "../../src/cro-dispatch/index.js";
import * as jtlErpV1 from "../../src/jtl-erp-v1/index.js";
import * as jtlErpV2 from "../../src/jtl-erp-v2/index.js";
import { deref } from "../../scripts/lib/json-pointer.js";

/** The APIs under test, as folder names under generated/. */
export const APIS = ["jtl-erp-v1", "jtl-erp-v2", "cro-dispatch"] as const;
export type Api = (typeof APIS)[number];

/** A generated wrapper, seen from a test that picks it by name. */
type Wrapper = (client: never, params: object, options?: CallOptions) => ApiPromise<unknown, unknown>;

/** Media type of each documented response body (null: no body), as in the generated operation records. */
export type DocumentedResponses = Readonly<Record<string, string | null>>;

/** A path parameter that names a record of a collection the API creates by POST (`{customerId}` of `/customers`). */
export interface RecordParam {
  readonly name: string;
  /** The collection's path template (`/customers`, `/customers/{customerId}/contacts`). */
  readonly collection: string;
  /** The operationId of the POST that creates its records. */
  readonly createdBy: string;
}

/** One operation of the mix. */
export interface MixedOperation {
  readonly api: Api;
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly path: string;
  /** Retried without the caller opting in (GET, HEAD, PUT, DELETE, OPTIONS). */
  readonly idempotent: boolean;
  readonly responses: DocumentedResponses;
  /** The path parameters that name a stored record, in path order (`customerId`, then `customerContactId`). */
  readonly recordParams: readonly RecordParam[];
  /** The collection this operation creates records in (a POST on it), if it does. */
  readonly creates: string | undefined;
  /** The params of the `i`-th call: examples, with the path parameters in `ids` replaced. */
  params(i: number, ids?: Readonly<Record<string, unknown>>): object;
  /** Sends the call through the generated wrapper. */
  send(client: unknown, params: object, options?: CallOptions): ApiPromise<unknown, unknown>;
}

// Test credentials only; the CRO one is JWT-shaped because the spec's x-token-constraints ask for it.
export const TENANT_ID = "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21";
const CRO_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJMb2FkIn0.Ld4Q_bW-3cZ9";

const MODULES: Record<Api, Record<string, unknown>> = {
  "jtl-erp-v1": jtlErpV1,
  "jtl-erp-v2": jtlErpV2,
  "cro-dispatch": croDispatch,
};

/** What the client options of every API share in these runs. */
export interface ClientPolicy {
  readonly fetch?: FetchLike;
  readonly maxRetries?: number;
  readonly retryNonIdempotent?: boolean;
  readonly backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  readonly maxRetryAfterMs?: number;
  readonly timeoutMs?: number;
}

/** A client of `api` against `baseUrl`, through its factory, with every header the API requires set. */
export function createApiClient(api: Api, baseUrl: string, policy: ClientPolicy): unknown {
  switch (api) {
    case "jtl-erp-v1":
      return jtlErpV1.createJtlErpV1Client({
        baseUrl,
        tenantId: TENANT_ID,
        appId: "LoadTest/1.0.0",
        appVersion: "1.0.0",
        apiKey: "load-test-api-key",
        auth: "load-test-token-v1",
        ...policy,
      });
    case "jtl-erp-v2":
      return jtlErpV2.createJtlErpV2Client({ baseUrl, tenantId: TENANT_ID, auth: "load-test-token-v2", ...policy });
    case "cro-dispatch":
      return croDispatch.createCroDispatchClient({ baseUrl, tenantId: 1207, auth: CRO_TOKEN, ...policy });
  }
}

/** The headers a bare HTTP client must send to get the same answers (what the factories set). */
export function requiredHeadersOf(api: Api): Record<string, string> {
  switch (api) {
    case "jtl-erp-v1":
      return {
        authorization: "Bearer load-test-token-v1",
        "x-api-key": "load-test-api-key",
        "x-tenant-id": TENANT_ID,
        "x-appid": "LoadTest/1.0.0",
        "x-appversion": "1.0.0",
        "api-version": jtlErpV1.JTL_ERP_V1_API_VERSION,
      };
    case "jtl-erp-v2":
      return { authorization: "Bearer load-test-token-v2", "x-tenant-id": TENANT_ID };
    case "cro-dispatch":
      return { authorization: `Bearer ${CRO_TOKEN}`, "x-tenant-id": "1207", "x-api-version": croDispatch.CRO_DISPATCH_API_VERSION };
  }
}

type Json = Record<string, any>;

/** The bundled spec of an API. */
export function specOf(api: Api): Json {
  return JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.json`, import.meta.url), "utf8")) as Json;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);

function exampleOf(doc: Json, parameter: Json): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values<any>(parameter.examples ?? {})[0];
  return first === undefined ? undefined : deref<Json>(doc, first).value;
}

/** The operations of one API with their wrappers; throws when an operation has no wrapper or no example it needs. */
export function operationsOf(api: Api): MixedOperation[] {
  const doc = specOf(api);
  const module = MODULES[api];
  const posts = new Map<string, string>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) if (item.post?.operationId) posts.set(path, item.post.operationId);

  const operations: MixedOperation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const operationId = op.operationId as string;
      const wrapper = module[operationId] as Wrapper | undefined;
      if (typeof wrapper !== "function") throw new Error(`${api}: no generated wrapper named ${operationId}`);

      const pathParams: Record<string, unknown> = {};
      const query: Record<string, unknown> = {};
      for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const parameter = deref<Json>(doc, raw) as Json;
        if (parameter.in !== "path" && parameter.in !== "query") continue; // headers come from the client
        const example = exampleOf(doc, parameter);
        if (example === undefined) {
          if (parameter.required)
            throw new Error(`${api} ${operationId}: required ${parameter.in} parameter ${parameter.name} has no example`);
          continue;
        }
        (parameter.in === "path" ? pathParams : query)[parameter.name] = example;
      }
      let bodies: unknown[] = [];
      if (op.requestBody) {
        const content = deref<Json>(doc, op.requestBody).content as Json;
        const media = content["application/json"] as Json | undefined;
        bodies = media?.examples
          ? Object.values<any>(media.examples).map((e) => deref<Json>(doc, e).value)
          : media?.example !== undefined
            ? [media.example]
            : [];
        if (bodies.length === 0) throw new Error(`${api} ${operationId}: the request body has no example`);
      }
      const responses: Record<string, string | null> = {};
      for (const [status, raw] of Object.entries<any>(op.responses ?? {})) {
        const content = deref<Json>(doc, raw).content as Json | undefined;
        const types = Object.keys(content ?? {});
        responses[status] = types.find((t) => /json/.test(t)) ?? types[0] ?? null;
      }
      const recordParams = recordParamsOf(path, posts);

      operations.push({
        api,
        operationId,
        method: method.toUpperCase(),
        path,
        idempotent: IDEMPOTENT.has(method.toUpperCase()),
        responses,
        recordParams,
        creates: method === "post" && posts.get(path) === operationId ? path : undefined,
        params(i, ids) {
          const path = { ...pathParams, ...ids };
          return {
            ...(Object.keys(path).length > 0 ? { path } : {}),
            ...(Object.keys(query).length > 0 ? { query } : {}),
            ...(bodies.length > 0 ? { body: structuredClone(bodies[i % bodies.length]) } : {}),
          };
        },
        send: (client, params, options) => wrapper(client as never, params, options),
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** Each `{param}` of `path` whose prefix is a collection with a POST: it names a record of that collection. */
function recordParamsOf(path: string, posts: ReadonlyMap<string, string>): RecordParam[] {
  const segments = path.split("/");
  const found: RecordParam[] = [];
  segments.forEach((segment, at) => {
    const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (name === undefined) return;
    const collection = segments.slice(0, at).join("/");
    const createdBy = posts.get(collection);
    if (createdBy !== undefined) found.push({ name, collection, createdBy });
  });
  return found;
}

/** The documented media type for a status (exact, then range, then default); null: no body; undefined: undocumented. */
export function documentedMediaOf(operation: MixedOperation, status: number): string | null | undefined {
  for (const key of [String(status), `${Math.floor(status / 100)}XX`, "default"]) {
    if (key in operation.responses) return operation.responses[key];
  }
  return undefined;
}
