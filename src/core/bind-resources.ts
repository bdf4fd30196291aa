/**
 * `bindResources(client, resources)`: turns the generated resource tree of standalone operation
 * functions into the same tree with the client bound as first argument. The generator also
 * writes the bound tree's exact type (`Resources<D>` in resources.ts, with the client's defaulted
 * headers `D` in every params type); the API factories use that.
 */
import type { ApiPromise } from "./api-promise.js";
import type { CallOptions } from "./call-operation.js";
import type { Client } from "./client.js";
import { ClientConfigError } from "./errors.js";

/**
 * The bound form of one operation function: the client argument dropped. A generic wrapper is
 * read at its constraint here (TypeScript cannot re-instantiate a generic function type inside a
 * mapped type), so prefer the generated `Resources<D>` type where the headers matter.
 */
type BoundOperation<F> = F extends (client: never, ...args: infer Rest) => infer R ? (...args: Rest) => R : never;

/** A resource tree with every operation's client argument bound. */
export type BoundResources<T> = {
  readonly [K in keyof T]: T[K] extends (...args: never[]) => ApiPromise<unknown, unknown> | Promise<unknown>
    ? BoundOperation<T[K]>
    : T[K] extends object
      ? BoundResources<T[K]>
      : T[K];
};

type AnyOperation = (client: never, params?: never, options?: CallOptions) => unknown;

const unbound = new WeakMap<Function, Function>();

/** The operation function a bound method calls (itself for an unbound one): lets `isErrorOf` take either. */
export function operationOf(method: Function): Function {
  return unbound.get(method) ?? method;
}

function bindTree(client: object, tree: object, path: string): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "function") {
      const operation = value as AnyOperation;
      // Two fixed arguments, no rest spread: nothing allocated per call.
      const method = (params?: never, options?: CallOptions) => operation(client as never, params, options);
      unbound.set(method, operation);
      bound[key] = method;
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
): BoundResources<T> {
  if (typeof resources !== "object" || resources === null) throw new ClientConfigError("bindResources: resources must be an object");
  return bindTree(client, resources, "resources") as BoundResources<T>;
}
