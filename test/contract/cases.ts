/**
 * The contract case table of one API, built from its bundled spec alone: for every operation a
 * "required" case (only required inputs, headers left to the configured client), an "all" case
 * (every parameter and property, headers passed per call over the client's defaults) and a "bare"
 * case (required inputs with a client that sets no headers, passed in params.header or in the
 * per-call `headers` option), plus one error case per documented
 * error status. The contract and Prism suites run this table; the coverage check audits it.
 */
import fc from "fast-check";
import { arbitraryOf, UnsupportedSchemaError, type Mode } from "./arbitraries.js";
import { configOf, type ApiConfig } from "./apis.js";
import {
  at,
  deref,
  errorStatuses,
  loadBundledSpec,
  operationsOf,
  successResponses,
  type Doc,
  type SpecOperation,
} from "./spec-operations.js";
import { boundMethodsOf, refusingFetch, wrappersOf, type Wrapper, type WrapperIndex } from "./wrappers.js";

/** The params object of a wrapper call, grouped as the generated code takes it. */
export interface Params {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/** Which inputs a call case sends and through which client. */
export type CallMode = "required" | "all" | "bare";
export const CALL_MODES: readonly CallMode[] = ["required", "all", "bare"];

/** A create call that makes the record an item operation works on (the server knows no id otherwise). */
export interface Setup {
  readonly create: SpecOperation;
  readonly wrapper: Wrapper;
  /** The item path parameter the created id fills. */
  readonly idParam: string;
  /** The property of the created body that holds the id. */
  readonly idProperty: string;
}

/** Generated inputs of one run: the call's params, and the create call's when the case has a setup. */
export interface CaseInput {
  readonly params: Params;
  readonly setup?: Params;
  /** The parents' create calls, outermost first (see CallCase.parents). */
  readonly parents?: readonly Params[];
  /** "bare" case: the header parameters go in params.header or, untyped, in the per-call `headers` option. */
  readonly headersVia?: "params" | "options";
}

/** One property-based call case. */
export interface CallCase {
  readonly name: string;
  readonly api: string;
  readonly mode: CallMode;
  readonly op: SpecOperation;
  readonly wrapper: Wrapper;
  readonly setup: Setup | undefined;
  /** Creates of the records the path's earlier {param}s name (a contact's customer), outermost first. */
  readonly parents: readonly Setup[];
  readonly arbitrary: fc.Arbitrary<CaseInput>;
  readonly seed: number;
}

/** One documented error status of one operation. */
export interface ErrorCase {
  readonly name: string;
  readonly api: string;
  readonly op: SpecOperation;
  readonly status: number;
  readonly wrapper: Wrapper;
  readonly arbitrary: fc.Arbitrary<CaseInput>;
  readonly seed: number;
}

/** Everything the suite knows about one API. */
export interface ContractTable {
  readonly api: string;
  readonly config: ApiConfig;
  readonly doc: Doc;
  readonly operations: readonly SpecOperation[];
  readonly wrappers: WrapperIndex;
  /** operationId → dotted paths in the factory's resource tree. */
  readonly bound: ReadonlyMap<string, readonly string[]>;
  readonly calls: readonly CallCase[];
  readonly errors: readonly ErrorCase[];
  /** Cases that could not be built, with the reason (an unsupported schema feature, …). */
  readonly unbuildable: readonly string[];
}

/** Base seed of every case (each case derives its own from its name). CONTRACT_SEED overrides it to explore. */
export const CONTRACT_SEED = Number(process.env.CONTRACT_SEED ?? 20_240_501);
/** Generated runs per call case. CONTRACT_RUNS overrides it. */
export const CONTRACT_RUNS = Number(process.env.CONTRACT_RUNS ?? 6);

/** FNV-1a: a stable per-case seed, so adding an operation leaves every other case's inputs unchanged. */
export function seedOf(name: string, base = CONTRACT_SEED): number {
  let hash = 0x811c9dc5 ^ base;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** Builds the table of one API: probes its module for wrappers and derives every case from the spec. */
export async function contractTable(api: string): Promise<ContractTable> {
  const config = configOf(api);
  const doc = loadBundledSpec(api);
  const operations = operationsOf(doc);
  const probeClient = config.configured({ baseUrl: "http://127.0.0.1:9", fetch: refusingFetch });
  const wrappers = await wrappersOf(config.module, probeClient);
  const bound = await boundMethodsOf(probeClient);
  const clientHeaderNames = new Set(Object.keys(config.clientHeaders).map((h) => h.toLowerCase()));

  const calls: CallCase[] = [];
  const errors: ErrorCase[] = [];
  const unbuildable: string[] = [];
  const attempt = (name: string, build: () => void) => {
    try {
      build();
    } catch (error) {
      if (!(error instanceof UnsupportedSchemaError)) throw error;
      unbuildable.push(`${name}: ${error.message}`);
    }
  };

  for (const op of operations) {
    const wrapper = wrappers.byOperationId.get(op.operationId)?.fn;
    if (!wrapper) continue; // the coverage check reports it
    const setup = setupOf(doc, operations, op, wrappers);
    const parents = parentSetupsOf(doc, operations, op, wrappers);
    for (const mode of CALL_MODES) {
      const name = `${api} ${op.operationId} [${mode}]`;
      attempt(name, () => {
        const schemaMode: Mode = mode === "all" ? "all" : "required";
        // Headers the configured client sends are left to it in "required"; "all" and "bare" pass every header they send.
        const leftToClient = mode === "required" ? clientHeaderNames : new Set<string>();
        const params = paramsArbitrary(doc, op, schemaMode, leftToClient);
        const setupParams = setup ? paramsArbitrary(doc, setup.create, "required", clientHeaderNames) : undefined;
        const parts: Record<string, fc.Arbitrary<unknown>> = { params };
        if (setupParams) parts.setup = setupParams;
        if (parents.length) parts.parents = fc.tuple(...parents.map((p) => paramsArbitrary(doc, p.create, "required", clientHeaderNames)));
        if (mode === "bare") parts.headersVia = fc.constantFrom("params", "options");
        const arbitrary = fc.record(parts, { noNullPrototype: true }) as fc.Arbitrary<CaseInput>;
        calls.push({ name, api, mode, op, wrapper, setup, parents, arbitrary, seed: seedOf(name) });
      });
    }
    for (const range of op.responses.filter((r) => /^([45]XX|default)$/i.test(r.status))) {
      // Prefer asks for an exact status; which code stands for a range or "default" is a choice the suite does not make.
      unbuildable.push(`${api} ${op.operationId} → ${range.status}: range and default responses are not exercised yet`);
    }
    for (const status of errorStatuses(op)) {
      const name = `${api} ${op.operationId} → ${status}`;
      attempt(name, () => {
        const arbitrary = paramsArbitrary(doc, op, "required", clientHeaderNames).map((p): CaseInput => ({ params: p }));
        errors.push({ name, api, op, status, wrapper, arbitrary, seed: seedOf(name) });
      });
    }
  }
  return { api, config, doc, operations, wrappers, bound, calls, errors, unbuildable };
}

/**
 * The params arbitrary of an operation. Path parameters are always sent; query and header
 * parameters and body properties as the mode says; headers named in `leftToClient` never.
 */
export function paramsArbitrary(doc: Doc, op: SpecOperation, mode: Mode, leftToClient: ReadonlySet<string>): fc.Arbitrary<Params> {
  const groups: Record<string, fc.Arbitrary<unknown>> = {};
  for (const location of ["path", "query", "header"] as const) {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of op.parameters.filter((q) => q.in === location)) {
      if (location === "header" && leftToClient.has(p.name.toLowerCase())) continue;
      if (!p.required && mode === "required") continue;
      checkSerializable(doc, p.schemaPointer, location);
      model[p.name] = arbitraryOf(doc, p.schemaPointer, { mode, channel: location });
    }
    if (Object.keys(model).length > 0) groups[location] = fc.record(model, { noNullPrototype: true });
  }
  const cookies = op.parameters.filter((p) => p.in === "cookie");
  if (cookies.length) throw new UnsupportedSchemaError(cookies[0]!.schemaPointer, "cookie parameters are not generated");
  if (op.body && (op.body.required || mode === "all"))
    groups.body = arbitraryOf(withinRecordLimits(doc, op), op.body.schemaPointer, { mode });
  return fc.record(groups, { noNullPrototype: true }) as fc.Arbitrary<Params>;
}

/**
 * A stateful API answers with the record it stored, so a body value its own answer schema forbids
 * (CRO: a customer `name` of "" where the answer's `name` has 1–64 characters) has no documented
 * success. For a write whose success answer is an object, the body's top-level string limits are
 * tightened to the answer's for the same property, on a copy of the document.
 */
function withinRecordLimits(doc: Doc, op: SpecOperation): Doc {
  if (!op.body || !["post", "put", "patch"].includes(op.method)) return doc;
  const success = successResponses(op).find((r) => r.schemaPointer !== undefined);
  if (!success?.schemaPointer) return doc;
  const copy = structuredClone(doc);
  const record = deref(copy, at(copy, success.schemaPointer), success.schemaPointer).node;
  const body = deref(copy, at(copy, op.body.schemaPointer), op.body.schemaPointer).node;
  if (!record?.properties || !body?.properties) return doc;
  for (const [name, raw] of Object.entries<any>(body.properties)) {
    if (record.properties[name] === undefined) continue;
    const target = deref(copy, raw, "").node;
    const limit = deref(copy, record.properties[name], "").node;
    if (typeof limit?.minLength === "number") target.minLength = Math.max(target.minLength ?? 0, limit.minLength);
    if (typeof limit?.maxLength === "number") target.maxLength = Math.min(target.maxLength ?? Infinity, limit.maxLength);
  }
  return copy;
}

/** Only scalars (and, in a query, arrays of scalars) have one obvious wire form; other styles are not generated. */
function checkSerializable(doc: Doc, pointer: string, location: string): void {
  const schema = deref(doc, at(doc, pointer), pointer).node ?? {};
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("object") || (types.includes("array") && location !== "query")) {
    throw new UnsupportedSchemaError(pointer, `${location} parameters of type ${types.join("|")} are not generated (serialization styles)`);
  }
}

const ITEM_PATH = /^(.*)\/\{([^}/]+)\}$/;

/**
 * For an operation on `collection/{id}`: the POST on `collection` whose JSON answer has an id
 * property (named "id" in any case). Read from the spec, the same convention a stateful server uses.
 */
export function setupOf(doc: Doc, operations: readonly SpecOperation[], op: SpecOperation, wrappers: WrapperIndex): Setup | undefined {
  const item = ITEM_PATH.exec(op.path);
  if (!item || !["get", "put", "patch", "delete"].includes(op.method)) return undefined;
  const create = operations.find((o) => o.method === "post" && o.path === item[1] && o.body !== undefined);
  const wrapper = create && wrappers.byOperationId.get(create.operationId)?.fn;
  if (!create || !wrapper) return undefined;
  const success = successResponses(create).find((r) => r.schemaPointer !== undefined);
  if (!success) return undefined;
  const schema = deref(doc, at(doc, success.schemaPointer!), success.schemaPointer!).node;
  const idProperty = Object.keys(schema?.properties ?? {}).find((k) => k.toLowerCase() === "id");
  return idProperty ? { create, wrapper, idParam: item[2]!, idProperty } : undefined;
}

/**
 * For each earlier {param} of the operation's path whose collection has a create (a POST whose
 * answer has an id), that create: a stateful server answers 404 for a child of a parent it never made.
 */
export function parentSetupsOf(doc: Doc, operations: readonly SpecOperation[], op: SpecOperation, wrappers: WrapperIndex): Setup[] {
  const own = setupOf(doc, operations, op, wrappers)?.idParam;
  const setups: Setup[] = [];
  for (const m of op.path.matchAll(/\/\{([^}/]+)\}/g)) {
    if (m[1] === own) continue;
    const item = { ...op, path: op.path.slice(0, m.index + m[0].length), method: "get" } as SpecOperation;
    const setup = setupOf(doc, operations, item, wrappers);
    if (setup) setups.push(setup);
  }
  return setups;
}

/**
 * Why the table does not cover the spec, one line per gap: an operation without a wrapper or
 * without a place in the factory's resource tree, a wrapper no spec operation names, a missing
 * call or error case. Empty when everything is covered.
 */
export function coverageProblems(
  table: Pick<ContractTable, "operations" | "wrappers" | "bound" | "calls" | "errors" | "unbuildable">,
): string[] {
  const problems: string[] = [...table.unbuildable];
  const specIds = new Set(table.operations.map((op) => op.operationId));
  for (const op of table.operations) {
    const where = `${op.method.toUpperCase()} ${op.path} (${op.operationId})`;
    if (!table.wrappers.byOperationId.has(op.operationId)) problems.push(`${where}: no exported wrapper`);
    if (!table.bound.has(op.operationId)) problems.push(`${where}: not in the client's resource tree`);
    for (const mode of CALL_MODES) {
      if (!table.calls.some((c) => c.op.operationId === op.operationId && c.mode === mode))
        problems.push(`${where}: no "${mode}" contract case`);
    }
    for (const status of errorStatuses(op)) {
      if (!table.errors.some((c) => c.op.operationId === op.operationId && c.status === status))
        problems.push(`${where}: no case for documented status ${status}`);
    }
  }
  for (const [operationId, { name }] of table.wrappers.byOperationId) {
    if (!specIds.has(operationId)) problems.push(`wrapper ${name} calls operation ${operationId}, which the spec does not have`);
  }
  for (const name of table.wrappers.duplicates) problems.push(`wrapper ${name} duplicates another export's operation`);
  return problems;
}
