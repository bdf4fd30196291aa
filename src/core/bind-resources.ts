/**
 * `bindResources(client, resources)`: turns the generated resource tree of standalone operation
 * functions into the same tree with the client bound as first argument, keeping every signature
 * typed and the client's defaulted headers (`D`) flowing into the params.
 */
import type { ApiPromise } from "./api-promise.js";
import type { CallOptions } from "./call-operation.js";
import type { Client } from "./client.js";
import { ClientConfigError } from "./errors.js";
import type { OperationOfParams, OperationParams } from "./operation-types.js";

/**
 * The bound form of one operation function: the client argument dropped, the params re-computed
 * for the client's `D` (read back from the params type, since TypeScript cannot re-instantiate a
 * generic function type), and optional when nothing in them is required any more.
 */
type BoundOperation<F, D extends string> = F extends (...args: infer A) => infer R
  ? A extends [unknown, (infer P)?, ...unknown[]]
    ? [OperationOfParams<P>] extends [never]
      ? (...args: A extends [unknown, ...infer Rest] ? Rest : never) => R
      : {} extends OperationParams<OperationOfParams<P>, D>
        ? (params?: OperationParams<OperationOfParams<P>, D>, options?: CallOptions) => R
        : (params: OperationParams<OperationOfParams<P>, D>, options?: CallOptions) => R
    : (...args: A extends [unknown, ...infer Rest] ? Rest : never) => R
  : never;

/** A resource tree with every operation bound to a client that sets headers `D`. */
export type BoundResources<T, D extends string = never> = {
  readonly [K in keyof T]: T[K] extends (...args: never[]) => ApiPromise<unknown, unknown> | Promise<unknown>
    ? BoundOperation<T[K], D>
    : T[K] extends object
      ? BoundResources<T[K], D>
      : T[K];
};

type AnyOperation = (client: never, params?: never, options?: CallOptions) => unknown;

function bindTree(client: object, tree: object, path: string): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "function") {
      const operation = value as AnyOperation;
      // Two fixed arguments, no rest spread: nothing allocated per call.
      bound[key] = (params?: never, options?: CallOptions) => operation(client as never, params, options);
    } else if (typeof value === "object" && value !== null) {
      bound[key] = bindTree(client, value, `${path}.${key}`);
    } else {
      throw new ClientConfigError(`bindResources: ${path}.${key} is neither an operation function nor a group`);
    }
  }
  return bound;
}

/** Binds every function of a resource tree to the client (done once, when a factory builds its client). */
export function bindResources<Paths extends {}, D extends string, T extends object>(
  client: Client<Paths, D>,
  resources: T,
): BoundResources<T, D> {
  if (typeof resources !== "object" || resources === null) throw new ClientConfigError("bindResources: resources must be an object");
  return bindTree(client, resources, "resources") as BoundResources<T, D>;
}
