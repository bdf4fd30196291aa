/**
 * Runs a batch of concurrent calls against one fault-mode mock server per API: starts the servers,
 * builds two clients per API (one opted in to retrying POST/PATCH), stores records so that every
 * path parameter naming a record names one that exists, calls each operation once without faults
 * (the probe every fault-free call of the run is held against), and fires the calls, each tagged
 * with an `x-request-seq` header so the servers' logs and the client's fetch tie every HTTP attempt
 * to the call that sent it. Nothing here depends on how many operations the specs have.
 */
import type { CallOptions } from "../../src/core/index.js";
import { createMockServer, type FaultOptions, type MockServer } from "../../src/mock/index.js";
import { APIS, createApiClient, operationsOf, type Api, type ClientPolicy, type MixedOperation } from "./operation-mix.js";

/** The header carrying a call's id; the client sends it on every attempt, the mock records it. */
export const CALL_ID_HEADER = "x-request-seq";
/** Call ids of the requests that prepare a run (stored records, probes); the judge skips them. */
export const SETUP_ID_PREFIX = "setup-";

/** How a call is made: which client, which per-call options, and what that allows. */
export interface CallPlan {
  /** Unique across a test file: the `x-request-seq` value. */
  readonly id: string;
  /** The call's position in the plan (picks its ids and body). */
  readonly index: number;
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
export const VARIANT_COUNT = VARIANTS.length;

/** Servers, clients and stored record ids for the three APIs. */
export interface FaultyApis {
  readonly servers: Readonly<Record<Api, MockServer>>;
  readonly clients: Readonly<Record<Api, { readonly plain: unknown; readonly optedIn: unknown }>>;
  /** Every operation of the three APIs. */
  readonly operations: readonly MixedOperation[];
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
}

/** Starts the servers and builds the clients. */
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
  return {
    servers,
    clients,
    operations: APIS.flatMap((api) => operationsOf(api)),
    maxRetries: config.client.maxRetries ?? 2,
    close: async () => {
      await Promise.all(APIS.map((api) => servers[api].close()));
    },
  };
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
      index: i,
      operation,
      variant: variant.name,
      client: variant.client,
      options: variant.options,
      mayRetry: operation.idempotent || optedIn,
      maxRetries: variant.options.maxRetries ?? apis.maxRetries,
    };
  });
}

/**
 * The records a run's calls name. Every collection gets `shared` records, stored under the first
 * record of each parent collection; calls name those, the last record parameter rotating. A DELETE
 * gets a record of its own per call, so no call finds its record gone because another deleted it.
 */
export interface Fixtures {
  /** The path parameters of a call: the record ids it names (the rest come from the examples). */
  idsOf(operation: MixedOperation, index: number, callId: string): Record<string, unknown>;
  /** Collections whose records could not be stored, with why (their parameters keep their examples). */
  readonly unstored: readonly string[];
}

const collectionKey = (api: Api, collection: string) => `${api} ${collection}`;
const isDelete = (operation: MixedOperation) => operation.method === "DELETE";

/** Stores the records `plans` (and one probe per operation) name, each answered cleanly whatever the fault rates. */
export async function storeFixtures(apis: FaultyApis, plans: readonly CallPlan[], shared: number): Promise<Fixtures> {
  const records = new Map<string, unknown[]>();
  const unstored: string[] = [];
  const creates = apis.operations.filter((operation) => operation.creates !== undefined);
  // Parents before children: a collection's path names records of every collection above it.
  creates.sort((a, b) => a.recordParams.length - b.recordParams.length);

  const anchorIds = (operation: MixedOperation): Record<string, unknown> => {
    const ids: Record<string, unknown> = {};
    for (const param of operation.recordParams) {
      const stored = records.get(collectionKey(operation.api, param.collection));
      if (stored?.length) ids[param.name] = stored[0];
    }
    return ids;
  };
  // Stores one record in `collection` under the anchors; undefined (and a note) when the API does not give one back.
  let stored = 0;
  const store = async (api: Api, collection: string): Promise<unknown> => {
    const create = creates.find((operation) => operation.api === api && operation.creates === collection)!;
    const tag = `${SETUP_ID_PREFIX}store-${stored++}`;
    apis.servers[api].respondNext({ operationId: create.operationId, fault: "none" });
    try {
      const params = create.params(stored, anchorIds(create));
      const created = (await create.send(apis.clients[api].plain, params, { headers: { [CALL_ID_HEADER]: tag }, maxRetries: 0 })) as
        | Record<string, unknown>
        | undefined;
      const idKey = created && typeof created === "object" ? Object.keys(created).find((key) => key.toLowerCase() === "id") : undefined;
      if (idKey !== undefined) return created![idKey];
      unstored.push(`${api} ${collection}: ${create.operationId} answered without an id`);
    } catch (error) {
      unstored.push(`${api} ${collection}: ${create.operationId} failed (${error instanceof Error ? error.message : String(error)})`);
    }
    return undefined;
  };

  for (const create of creates) {
    const key = collectionKey(create.api, create.creates!);
    const ids: unknown[] = [];
    for (let i = 0; i < shared; i++) {
      const id = await store(create.api, create.creates!);
      if (id === undefined) break;
      ids.push(id);
    }
    records.set(key, ids);
  }

  // One record per DELETE call (and per DELETE probe) whose last parameter names a stored collection.
  const own = new Map<string, unknown>();
  const deleting = [
    ...plans.map((plan) => ({ id: plan.id, operation: plan.operation })),
    ...apis.operations.map((operation) => ({ id: probeIdOf(operation), operation })),
  ];
  for (const { id, operation } of deleting) {
    const last = operation.recordParams.at(-1);
    if (!isDelete(operation) || last === undefined || !records.get(collectionKey(operation.api, last.collection))?.length) continue;
    const record = await store(operation.api, last.collection);
    if (record !== undefined) own.set(id, record);
  }

  return {
    unstored: [...new Set(unstored)],
    idsOf(operation, index, callId) {
      const ids: Record<string, unknown> = {};
      operation.recordParams.forEach((param, at) => {
        const stored = records.get(collectionKey(operation.api, param.collection));
        if (!stored?.length) return;
        const last = at === operation.recordParams.length - 1;
        if (last && isDelete(operation)) {
          if (own.has(callId)) ids[param.name] = own.get(callId);
        } else {
          ids[param.name] = last ? stored[index % stored.length] : stored[0];
        }
      });
      return ids;
    },
  };
}

/** The call id of an operation's probe. */
export function probeIdOf(operation: MixedOperation): string {
  return `${SETUP_ID_PREFIX}probe-${operation.api}-${operation.operationId}`;
}

/** The key of an operation in maps across APIs. */
export const operationKey = (operation: MixedOperation) => `${operation.api} ${operation.operationId}`;

/** Calls every operation once, answered without a fault; returns how each settled, by {@link operationKey}. */
export async function probeOperations(apis: FaultyApis, fixtures: Fixtures): Promise<Map<string, PromiseSettledResult<unknown>>> {
  const probes = new Map<string, PromiseSettledResult<unknown>>();
  for (const operation of apis.operations) {
    const id = probeIdOf(operation);
    apis.servers[operation.api].respondNext({ operationId: operation.operationId, fault: "none" });
    const params = operation.params(0, fixtures.idsOf(operation, 0, id));
    const [result] = await Promise.allSettled([
      operation.send(apis.clients[operation.api].plain, params, { headers: { [CALL_ID_HEADER]: id }, maxRetries: 0 }),
    ]);
    probes.set(operationKey(operation), result!);
  }
  return probes;
}

/** Starts every planned call at once and waits until all have settled. */
export async function fireCalls(apis: FaultyApis, fixtures: Fixtures, plans: readonly CallPlan[]): Promise<SettledCall[]> {
  const pending = plans.map((plan) => {
    const { operation } = plan;
    const client = apis.clients[operation.api][plan.client];
    const params = operation.params(plan.index, fixtures.idsOf(operation, plan.index, plan.id));
    return operation.send(client, params, { ...plan.options, headers: { [CALL_ID_HEADER]: plan.id } });
  });
  const results = await Promise.allSettled(pending);
  return results.map((result, i) => ({ plan: plans[i]!, result }));
}
