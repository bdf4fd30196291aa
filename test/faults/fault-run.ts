/**
 * Runs a batch of concurrent calls against one fault-mode mock server per API: starts the servers,
 * builds two clients per API (one opted in to retrying POST/PATCH), stores a few records so item
 * operations find something, and fires the calls, each tagged with an `x-request-seq` header so
 * the servers' request logs tie every HTTP attempt to the call that sent it.
 */
import type { CallOptions } from "../../src/core/index.js";
import { createMockServer, type FaultOptions, type MockServer } from "../../src/mock/index.js";
import { APIS, createApiClient, operationsOf, type Api, type ClientPolicy, type MixedOperation } from "./operation-mix.js";

/** The header carrying a call's id; the client sends it on every attempt, the mock records it. */
export const CALL_ID_HEADER = "x-request-seq";

/** How a call is made: which client, which per-call options, and what that allows. */
export interface CallPlan {
  /** Unique across a test file: the `x-request-seq` value. */
  readonly id: string;
  readonly operation: MixedOperation;
  readonly variant: string;
  readonly client: "plain" | "optedIn";
  readonly options: CallOptions;
  /** May this call be retried at all (idempotent, or opted in by client or call)? */
  readonly mayRetry: boolean;
  /** Retries allowed after the first attempt. */
  readonly maxRetries: number;
}

/** A call and how it settled. */
export interface SettledCall {
  readonly plan: CallPlan;
  readonly result: PromiseSettledResult<unknown>;
}

/** Per-call variants, cycled per operation, so every operation is called every way. */
const VARIANTS: readonly { name: string; client: "plain" | "optedIn"; options: CallOptions }[] = [
  { name: "defaults", client: "plain", options: {} },
  { name: "opted in per call", client: "plain", options: { retryNonIdempotent: true } },
  { name: "opted in on the client", client: "optedIn", options: {} },
  { name: "opted out per call", client: "optedIn", options: { retryNonIdempotent: false } },
  { name: "maxRetries 0", client: "plain", options: { maxRetries: 0 } },
  { name: "maxRetries 1, opted in", client: "optedIn", options: { maxRetries: 1 } },
];

/** Servers, clients and stored record ids for the three APIs. */
export interface FaultyApis {
  readonly servers: Readonly<Record<Api, MockServer>>;
  readonly clients: Readonly<Record<Api, { readonly plain: unknown; readonly optedIn: unknown }>>;
  /** Every operation of the three APIs. */
  readonly operations: readonly MixedOperation[];
  /** Ids of the stored records, by the create operation's `api:operationId`. */
  readonly ids: ReadonlyMap<string, readonly unknown[]>;
  /** The client-wide maxRetries. */
  readonly maxRetries: number;
  close(): Promise<void>;
}

/** What {@link startFaultyApis} needs. */
export interface FaultyApisConfig {
  /** Fault mode of each API's server. */
  readonly faults: (api: Api) => FaultOptions;
  /** Seed of generated ids. */
  readonly seed: number;
  /** Client options shared by all clients (maxRetries defaults to 2). */
  readonly client: ClientPolicy;
  /** Records stored per collection before the calls (through the API, with faults suppressed). */
  readonly recordsPerCollection: number;
}

/** Starts the servers, builds the clients, stores the records. */
export async function startFaultyApis(config: FaultyApisConfig): Promise<FaultyApis> {
  const servers = {} as Record<Api, MockServer>;
  const clients = {} as Record<Api, { plain: unknown; optedIn: unknown }>;
  try {
    for (const api of APIS) {
      servers[api] = await createMockServer({ api, seed: config.seed, faults: config.faults(api) });
      clients[api] = {
        plain: createApiClient(api, servers[api].url, { ...config.client, retryNonIdempotent: false }),
        optedIn: createApiClient(api, servers[api].url, { ...config.client, retryNonIdempotent: true }),
      };
    }
  } catch (error) {
    await Promise.all(Object.values(servers).map((server) => server.close()));
    throw error;
  }
  const operations = APIS.flatMap((api) => operationsOf(api));
  const ids = new Map<string, unknown[]>();
  for (const operation of operations) {
    if (operation.createdBy === undefined) continue;
    const key = `${operation.api}:${operation.createdBy}`;
    if (ids.has(key)) continue;
    const create = operations.find((o) => o.api === operation.api && o.operationId === operation.createdBy)!;
    ids.set(key, await storeRecords(servers[operation.api], clients[operation.api].plain, create, config.recordsPerCollection));
  }
  return {
    servers,
    clients,
    operations,
    ids,
    maxRetries: config.client.maxRetries ?? 2,
    close: async () => {
      await Promise.all(APIS.map((api) => servers[api].close()));
    },
  };
}

/** Creates `count` records one by one, each answered cleanly whatever the fault rates; returns their ids. */
async function storeRecords(server: MockServer, client: unknown, create: MixedOperation, count: number): Promise<unknown[]> {
  const ids: unknown[] = [];
  for (let i = 0; i < count; i++) {
    server.respondNext({ operationId: create.operationId, fault: "none" });
    const created = (await create.send(client, create.params(i), { headers: { [CALL_ID_HEADER]: `store-${create.api}-${i}` }, maxRetries: 0 })) as Record<string, unknown>;
    const idKey = Object.keys(created).find((key) => key.toLowerCase() === "id");
    if (idKey === undefined) throw new Error(`${create.api} ${create.operationId} answered without an id`);
    ids.push(created[idKey]);
  }
  return ids;
}

/** `count` calls cycling through the operations, each operation through every variant in turn. */
export function planCalls(apis: FaultyApis, count: number, idPrefix: string): CallPlan[] {
  const { operations } = apis;
  return Array.from({ length: count }, (_, i) => {
    const operation = operations[i % operations.length]!;
    const variant = VARIANTS[Math.floor(i / operations.length) % VARIANTS.length]!;
    const optedIn = variant.options.retryNonIdempotent ?? variant.client === "optedIn";
    return {
      id: `${idPrefix}${i}`,
      operation,
      variant: variant.name,
      client: variant.client,
      options: variant.options,
      mayRetry: operation.idempotent || optedIn,
      maxRetries: variant.options.maxRetries ?? apis.maxRetries,
    };
  });
}

/** Starts every planned call at once and waits until all have settled. */
export async function fireCalls(apis: FaultyApis, plans: readonly CallPlan[]): Promise<SettledCall[]> {
  const pending = plans.map((plan, i) => {
    const { operation } = plan;
    const ids = operation.createdBy === undefined ? undefined : apis.ids.get(`${operation.api}:${operation.createdBy}`);
    const client = apis.clients[operation.api][plan.client];
    return operation.send(client, operation.params(i, ids), { ...plan.options, headers: { [CALL_ID_HEADER]: plan.id } });
  });
  const results = await Promise.allSettled(pending);
  return results.map((result, i) => ({ plan: plans[i]!, result }));
}
