/**
 * In-memory resources, derived from the spec's paths rather than written per API: a POST on a
 * collection whose answer has an `id` creates a record; `collection/{param}` reads, updates,
 * replaces or deletes it; a GET on the collection lists it (as an array or a page object).
 * Children belong to their parent: every earlier `{param}` of a path that names a record of a
 * collection the mock keeps ("/customers/{customerId}/contacts" → customer customerId) must name
 * one it holds, else the answer is the documented 404. An operation that documents no 404 cannot
 * refuse, so a child it accepts under an unknown parent makes that parent known; deleting a
 * record forgets everything under it.
 */
import type { IncomingHttpHeaders } from "node:http";
import { isJsonMedia } from "../internal/decode-body.js";
import { itemsPropertyOf, pageObject } from "./paging.js";
import { uuidFrom, type Random } from "./random.js";
import { findResponse, mediaOf, successOf, type Outcome, type Responder } from "./respond.js";
import type { Sampler } from "./sample.js";
import { isObject, resolveRef, type JsonObject, type OperationInfo, type SpecIndex } from "./spec.js";
import type { ValidatedRequest } from "./validate.js";

/** What an operation does to the store. */
type Role =
  | { kind: "create"; collection: string }
  | { kind: "list"; collection: string }
  | { kind: "read" | "update" | "replace" | "delete"; collection: string; idParam: string };

/** A `{param}` of an operation's path that names a record of a kept collection. */
interface ParentRef {
  readonly collection: string;
  readonly param: string;
}

interface Collection {
  /** The id property of the created body ("id", "Id") and its schema. */
  idProperty: string;
  idSchema: JsonObject;
  /** The schema records are completed to (the create operation's success body). */
  recordSchema: unknown;
}

/** The per-server store. */
export interface StateStore {
  /** The answer from state, or undefined when the operation has no state role (answer from examples). */
  handle(op: OperationInfo, request: ValidatedRequest, requestHeaders: IncomingHttpHeaders): Outcome | undefined;
  /** Forgets every record and restarts id counters. */
  reset(): void;
  /** Operation id → role, for logs and tests. */
  readonly roles: ReadonlyMap<string, string>;
}

/** The default number of records the store keeps. */
export const DEFAULT_MAX_RECORDS = 10_000;

const ITEM_PATH = /^(.*)\/\{([^}/]+)\}$/;
const ITEM_ROLES: Partial<Record<string, "read" | "update" | "replace" | "delete">> = {
  get: "read",
  patch: "update",
  put: "replace",
  delete: "delete",
};

/** Plans each operation's role from the spec and returns an empty store. */
export function createStateStore(index: SpecIndex, responder: Responder, sampler: Sampler, random: Random, maxRecords: number): StateStore {
  const collections = new Map<string, Collection>();
  for (const op of index.operations) {
    if (op.method !== "post") continue;
    const found = idOf(index.doc, op);
    if (found) collections.set(op.path, found);
  }
  const parents = new Map<OperationInfo, ParentRef[]>();
  for (const op of index.operations) {
    const refs: ParentRef[] = [];
    for (const m of op.path.matchAll(/\/\{([^}/]+)\}/g)) {
      const collection = op.path.slice(0, m.index);
      const own = m.index + m[0].length === op.path.length && ITEM_ROLES[op.method] !== undefined; // the record itself: its role answers for it
      if (collections.has(collection) && !own) refs.push({ collection, param: m[1]! });
    }
    if (refs.length) parents.set(op, refs);
  }
  const roles = new Map<OperationInfo, Role>();
  for (const op of index.operations) {
    const item = ITEM_PATH.exec(op.path);
    if (op.method === "post" && collections.has(op.path)) roles.set(op, { kind: "create", collection: op.path });
    else if (op.method === "get" && collections.has(op.path)) roles.set(op, { kind: "list", collection: op.path });
    else if (item && collections.has(item[1]!)) {
      const kind = ITEM_ROLES[op.method];
      if (kind) roles.set(op, { kind, collection: item[1]!, idParam: item[2]! });
    }
  }

  let records = new Map<string, Map<string, JsonObject>>();
  let counters = new Map<string, number>();
  /** "collection/id" of parents known only because a child was accepted under them. */
  let implied = new Set<string>();
  /** Every stored record in creation order (deleted ones skipped when met), so the oldest can go past maxRecords. */
  let created: { key: string; id: string }[] = [];
  let stored = 0;

  /** The concrete collection ("/customers/7/contacts"): a template filled with the coerced path values. */
  const concrete = (template: string, request: ValidatedRequest) =>
    template.replace(/\{([^}]+)\}/g, (_, name: string) => String(request.params.path[name]));

  /** The first parent `{param}` naming no record the mock holds (or knows of), if any. */
  const missingParent = (op: OperationInfo, request: ValidatedRequest): { key: string; ref: ParentRef; id: string } | undefined => {
    for (const ref of parents.get(op) ?? []) {
      const key = concrete(ref.collection, request);
      const id = String(request.params.path[ref.param]);
      if (!records.get(key)?.has(id) && !implied.has(`${key}/${id}`)) return { key, ref, id };
    }
    return undefined;
  };

  /** Forgets a record and everything stored under it (its children's collections, parents implied there). */
  const forget = (key: string, id: string) => {
    if (records.get(key)?.delete(id)) stored--;
    const prefix = `${key}/${id}`;
    implied.delete(prefix);
    for (const [k, bucket] of records) {
      if (!k.startsWith(`${prefix}/`)) continue;
      stored -= bucket.size;
      records.delete(k);
    }
    for (const k of implied) if (k.startsWith(`${prefix}/`)) implied.delete(k);
  };

  const newId = (collection: string, c: Collection): unknown => {
    if (c.idSchema.type === "string" || (Array.isArray(c.idSchema.type) && c.idSchema.type.includes("string"))) {
      if (c.idSchema.format === "uuid" || c.idSchema.format === undefined) return uuidFrom(random);
    }
    const next = (counters.get(collection) ?? 0) + 1;
    counters.set(collection, next);
    return c.idSchema.type === "string" ? String(next) : next;
  };

  const handle: StateStore["handle"] = (op, request, requestHeaders) => {
    const role = roles.get(op);
    const missing = missingParent(op, request);
    if (missing && findResponse(op, 404)) {
      return responder.error(op, 404, `no record with ${missing.ref.param} ${missing.id} in ${missing.key}`, requestHeaders);
    }
    if (!role) return undefined;
    const collection = collections.get(role.collection)!;
    const key = concrete(role.collection, request);
    // Only a write stores a bucket: reads of unknown collections leave nothing behind.
    const bucket = records.get(key) ?? new Map<string, JsonObject>();
    const success = successOf(op);
    const answer = (record: unknown): Outcome | undefined => {
      if (!success.response) return { status: success.status, headers: {} };
      const schema = mediaOf(success.response)?.schema;
      const body = schema && record !== undefined ? sampler.fill(record, schema.schema) : undefined;
      return responder.documented(success.status, success.response, { body, requestHeaders });
    };

    if (role.kind === "create") {
      if (!isObject(request.body)) return undefined;
      const id = newId(role.collection, collection);
      const record = sampler.fill({ ...request.body, [collection.idProperty]: id }, collection.recordSchema) as JsonObject;
      bucket.set(String(id), record);
      records.set(key, bucket);
      stored++;
      created.push({ key, id: String(id) });
      // A server clients write to for days stays bounded: the oldest record goes, as if deleted.
      while (stored > maxRecords && created.length) {
        const oldest = created.shift()!;
        forget(oldest.key, oldest.id);
      }
      // Entries of deleted records would pile up under create/delete cycles: drop them now and then.
      if (created.length > 2 * maxRecords) created = created.filter((e) => records.get(e.key)?.has(e.id));
      // Accepted under parents the mock never saw (no 404 to refuse with): from now on they exist.
      for (let m = missingParent(op, request); m; m = missingParent(op, request)) implied.add(`${m.key}/${m.id}`);
      return answer(record);
    }
    if (role.kind === "list") return listAnswer(op, [...bucket.values()], request, requestHeaders);

    const id = String(request.params.path[role.idParam]);
    const record = bucket.get(id);
    if (!record) {
      // Unknown id: the documented 404 if there is one; otherwise the operation answers from its examples.
      if (!findResponse(op, 404)) return undefined;
      return responder.error(op, 404, `no record with ${role.idParam} ${id} in ${key}`, requestHeaders);
    }
    switch (role.kind) {
      case "read":
        return answer(record);
      case "delete":
        forget(key, id);
        return answer(record);
      case "update":
      case "replace": {
        if (!isObject(request.body)) return undefined;
        const base = role.kind === "update" ? record : {};
        const next = sampler.fill(
          { ...base, ...request.body, [collection.idProperty]: record[collection.idProperty] },
          collection.recordSchema,
        ) as JsonObject;
        bucket.set(id, next);
        return answer(next);
      }
    }
  };

  const listAnswer = (
    op: OperationInfo,
    items: JsonObject[],
    request: ValidatedRequest,
    requestHeaders: IncomingHttpHeaders,
  ): Outcome | undefined => {
    const success = successOf(op);
    const schemaAt = mediaOf(success.response)?.schema;
    if (!success.response || !schemaAt) return undefined;
    const schema = resolveRef(index.doc, schemaAt.schema, "").node;
    if (!isObject(schema)) return undefined;
    let body: unknown;
    if (schema.type === "array") body = items.map((r) => sampler.fill(r, schema.items));
    else {
      const property = itemsPropertyOf(index.doc, schema);
      if (!property) return undefined;
      const page = pageObject(schema, property, items, request.params.query);
      body = sampler.fill(page, schema);
    }
    return responder.documented(success.status, success.response, { body, requestHeaders });
  };

  return {
    handle,
    reset() {
      records = new Map();
      counters = new Map();
      implied = new Set();
      created = [];
      stored = 0;
    },
    roles: new Map([...roles].map(([op, role]) => [op.operationId, role.kind])),
  };
}

/** The id property of a POST's JSON success body, when the body is an object with a property named id. */
function idOf(doc: JsonObject, op: OperationInfo): Collection | undefined {
  const request = op.requestBody?.content.find((m) => isJsonMedia(m.mediaType));
  const success = successOf(op);
  const schemaAt = mediaOf(success.response)?.schema;
  if (!request || !schemaAt) return undefined;
  const schema = resolveRef(doc, schemaAt.schema, "").node;
  if (!isObject(schema)) return undefined;
  const properties = collectProperties(doc, schema);
  const idProperty = Object.keys(properties).find((k) => k.toLowerCase() === "id");
  if (!idProperty) return undefined;
  const idSchema = resolveRef(doc, properties[idProperty], "").node;
  if (!isObject(idSchema)) return undefined;
  return { idProperty, idSchema, recordSchema: schemaAt.schema };
}

function collectProperties(doc: JsonObject, schema: JsonObject): JsonObject {
  const own = isObject(schema.properties) ? schema.properties : {};
  const parts = Array.isArray(schema.allOf) ? schema.allOf.map((p) => resolveRef(doc, p, "").node).filter(isObject) : [];
  return Object.assign({}, ...parts.map((p) => collectProperties(doc, p)), own) as JsonObject;
}
