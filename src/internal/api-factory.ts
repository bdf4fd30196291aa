/**
 * What the three API factories share: the option → header table each factory declares once (its
 * options type, the headers every client of it sends, and the runtime header defaults all derive
 * from that table), and building the client with its resource tree bound.
 */
import { bindResources, operationOf } from "../core/bind-resources.js";
import { createClient, type Client, type ClientOptions } from "../core/client.js";
import { ApiError, ClientConfigError } from "../core/errors.js";
import type { HeaderRecord } from "./request-checks.js";

/** One option that a factory sends as a header on every request. */
export interface HeaderOption {
  /** The header it is sent as, named as in the spec. */
  readonly header: string;
  /** Every client must set it (the spec requires the header on the operations that take it). */
  readonly required?: true;
  /** What the client sends when the option is left out; `null` then sends no header at all. */
  readonly default?: string;
  /** How the value becomes the header value; its parameter type is the option's type. */
  readonly send: (value: never) => string;
}

/** A factory's option → header table, keyed by option name. */
export type HeaderOptionTable = { readonly [option: string]: HeaderOption };

type ValueOf<E> = E extends { readonly send: (value: infer V) => string } ? V : never;
type IsRequired<E> = E extends { readonly required: true } ? true : false;

/**
 * The header options of table T: the required ones required, the rest optional (also when
 * `undefined`, for `exactOptionalPropertyTypes`), and `null` for the ones with a default.
 * Mapped over `keyof T` so each option keeps the table entry's doc comment.
 */
export type HeaderOptions<T extends HeaderOptionTable> = {
  -readonly [K in keyof T as IsRequired<T[K]> extends true ? K : never]: ValueOf<T[K]>;
} & {
  -readonly [K in keyof T as IsRequired<T[K]> extends true ? never : K]?:
    | ValueOf<T[K]>
    | (T[K] extends { readonly default: string } ? null : never)
    | undefined;
};

/**
 * The headers every client of table T sends: its required options'. The operations stop asking
 * for these. (Defaulted and optional options may be left out or nulled, so they do not count.)
 */
export type RequiredHeaders<T extends HeaderOptionTable> = {
  [K in keyof T]: T[K] extends { readonly required: true; readonly header: infer H extends string } ? H : never;
}[keyof T];

/** Every optional property of T also accepts `undefined` (for `exactOptionalPropertyTypes`), doc comments kept. */
export type OrUndefined<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | undefined : T[K] };

/** Options every API factory accepts: the core options, with `baseUrl` defaulting to the spec's server. */
export interface FactoryOptions extends OrUndefined<Omit<ClientOptions, "baseUrl" | "loadSpec" | "name">> {
  /** Base URL (default: the spec's first server). */
  baseUrl?: string | undefined;
}

/**
 * The default headers the named options of `options` give, by table: a left-out option sends its
 * default (if any), `null` sends none. A required option left out (possible from JavaScript) is
 * not refused here: each call then stops before sending, naming the missing header.
 */
export function headersFromTable(table: HeaderOptionTable, options: Readonly<Record<string, unknown>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [option, entry] of Object.entries(table)) {
    const value = options[option] === undefined ? entry.default : options[option];
    if (value === undefined || value === null) continue;
    headers[entry.header] = (entry.send as (value: unknown) => string)(value);
  }
  return headers;
}

/** `options` without the table's named options: what goes on to `createClient`. */
function otherOptions(table: HeaderOptionTable, options: FactoryOptions): FactoryOptions {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (!Object.hasOwn(table, key)) rest[key] = value;
  return rest as FactoryOptions;
}

/**
 * Builds a factory's client: the table's options become default headers (naming the same header
 * again in the generic `headers` option is refused), then the resource tree is bound.
 */
export function createApiClient<C extends Client<{}, never>>(setup: {
  readonly name: string;
  readonly defaultBaseUrl: string;
  readonly headerOptions: HeaderOptionTable;
  readonly options: FactoryOptions;
  readonly resources: object;
}): C {
  const { options } = setup;
  if (typeof options !== "object" || options === null) throw new ClientConfigError(`${setup.name}: options must be an object`);
  const headers: HeaderRecord = headersFromTable(setup.headerOptions, options as Record<string, unknown>);
  const merged: Record<string, HeaderRecord[string]> = { ...headers };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (Object.keys(headers).some((existing) => existing.toLowerCase() === name.toLowerCase())) {
      throw new ClientConfigError(`${setup.name}: header "${name}" is set both by a named option and in headers; set it once`);
    }
    merged[name] = value;
  }
  const rest = otherOptions(setup.headerOptions, options);
  // Copies made by withOptions get the resource tree too.
  const bind = (client: Client<any, any>) => Object.assign(client, bindResources(client, setup.resources));
  return bind(
    createClient({ ...(rest as ClientOptions), baseUrl: rest.baseUrl ?? setup.defaultBaseUrl, headers: merged, name: setup.name }, bind),
  ) as unknown as C;
}

/**
 * Whether `error` is the HTTP error of a call of `operation` (a standalone function or a bound
 * method), matched by the operationId the error carries; throws for a function of another API.
 */
export function isErrorOfOperation(operationIds: ReadonlyMap<Function, string>, operation: Function, error: unknown): boolean {
  const operationId = operationIds.get(operationOf(operation));
  if (operationId === undefined) {
    throw new ClientConfigError(
      `isErrorOf: ${operation.name || "the function"} is not an operation of this API; pass one of its operation functions or client methods`,
    );
  }
  return error instanceof ApiError && error.operationId === operationId;
}
