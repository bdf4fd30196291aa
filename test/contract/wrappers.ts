/**
 * Finds the generated wrapper of each operation from the outside. The operation records in
 * generated/<api>/operations.ts are module-private, so each exported function is probed: called
 * with params that are not an object, a wrapper refuses before sending anything, with an
 * InvalidRequestError that names its operationId (the runtime's own record of which operation the
 * function is). (Not `null`: the runtime reads null params as "none", and an operation that needs
 * nothing would then be sent.) The probe client's fetch throws, so a probe that did send would
 * show up as a different error, not as a wrapper.
 */
import { InvalidRequestError } from "../../src/core/index.js";

/** A generated operation function, called dynamically: `(client, params, options)`. */
export type Wrapper = (
  client: unknown,
  params: unknown,
  options?: unknown,
) => PromiseLike<unknown> & {
  result(): Promise<{ data: unknown; error: any; response: Response }>;
  withResponse(): Promise<{ data: unknown; response: Response }>;
};

/** A bound method of a client's resource tree: `(params, options)`. */
export type BoundMethod = (params: unknown, options?: unknown) => PromiseLike<unknown>;

/** What probing a module found. */
export interface WrapperIndex {
  /** operationId → the exported wrapper and its export name. */
  readonly byOperationId: ReadonlyMap<string, { readonly name: string; readonly fn: Wrapper }>;
  /** Export names that answered for an operationId another export already answered for. */
  readonly duplicates: readonly string[];
}

/** Params no operation accepts (a string is not an object) and no runtime reads as "none". */
const NOT_PARAMS = "contract-probe";

/** The operationId an operation function names when refusing {@link NOT_PARAMS}; undefined when it is not one. */
async function probe(call: () => unknown): Promise<string | undefined> {
  let outcome: unknown;
  try {
    outcome = call();
    if (outcome && typeof (outcome as PromiseLike<unknown>).then === "function") await outcome;
    return undefined;
  } catch (error) {
    return error instanceof InvalidRequestError ? error.operationId : undefined;
  }
}

/** Probes every exported function of an API module (src/<api>/index.ts) with `client`. */
export async function wrappersOf(module: Record<string, unknown>, client: unknown): Promise<WrapperIndex> {
  const byOperationId = new Map<string, { name: string; fn: Wrapper }>();
  const duplicates: string[] = [];
  for (const [name, value] of Object.entries(module).sort(([a], [b]) => a.localeCompare(b))) {
    // Every exported function is probed: a factory or helper given these arguments does not answer
    // with an operationId (it returns or throws something else), so only wrappers are kept.
    if (typeof value !== "function") continue;
    const operationId = await probe(() => (value as Wrapper)(client, NOT_PARAMS));
    if (operationId === undefined) continue;
    if (byOperationId.has(operationId)) duplicates.push(name);
    else byOperationId.set(operationId, { name, fn: value as Wrapper });
  }
  return { byOperationId, duplicates };
}

/** Every function in a client's bound resource tree, by operationId, with its dotted path ("customers.contacts.get"). */
export async function boundMethodsOf(client: object): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const walk = async (node: object, trail: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "function") {
        const operationId = await probe(() => (value as BoundMethod)(NOT_PARAMS));
        if (operationId !== undefined) found.set(operationId, [...(found.get(operationId) ?? []), [...trail, key].join(".")]);
      } else if (value && typeof value === "object") {
        await walk(value, [...trail, key]);
      }
    }
  };
  await walk(client, []);
  return found;
}

/** A fetch for probe clients: probing must never send; if it did, the probe would not count as a wrapper. */
export const refusingFetch = (): Promise<Response> => Promise.reject(new Error("the wrapper probe must not send a request"));
