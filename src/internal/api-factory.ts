/**
 * What the three API factories share: turning named header options into default headers, typing
 * which headers a factory's options set, and building the client with its resource tree bound.
 */
import { bindResources, type BoundResources } from "../core/bind-resources.js";
import { createClient, type Client, type ClientOptions } from "../core/client.js";
import { ClientConfigError } from "../core/errors.js";
import type { HeaderRecord } from "./request-checks.js";

/** Options every API factory accepts: the core options, with `baseUrl` defaulting to the spec's server. */
export interface FactoryOptions extends Omit<ClientOptions, "baseUrl" | "loadSpec" | "name"> {
  /** Base URL (default: the spec's first server). */
  baseUrl?: string;
}

/** The header names set by the `headers` option of O. */
export type HeadersOption<O> = O extends { headers: infer H } ? Extract<keyof H, string> : never;

/** Rejects option names a factory does not know (a typo would otherwise only show up as a missing header). */
export type NoExtraKeys<O, Known> = O & { [K in Exclude<keyof O, keyof Known>]: never };

/** A client with its resource tree attached. */
export type ApiClient<Paths extends {}, D extends string, R> = Client<Paths, D> & BoundResources<R, D>;

/**
 * Builds a factory's client: named header options become default headers (the generic `headers`
 * option wins over nothing: naming the same header twice is refused), then the tree is bound.
 */
export function createApiClient<Paths extends {}, D extends string, R extends object>(setup: {
  readonly name: string;
  readonly defaultBaseUrl: string;
  readonly namedHeaders: HeaderRecord;
  readonly options: FactoryOptions;
  readonly resources: R;
}): ApiClient<Paths, D, R> {
  const { options } = setup;
  if (typeof options !== "object" || options === null) throw new ClientConfigError(`${setup.name}: options must be an object`);
  const headers: Record<string, HeaderRecord[string]> = {};
  for (const [name, value] of Object.entries(setup.namedHeaders)) {
    if (value !== undefined && value !== null) headers[name] = value;
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (Object.keys(headers).some((existing) => existing.toLowerCase() === name.toLowerCase())) {
      throw new ClientConfigError(`${setup.name}: header "${name}" is set both by a named option and in headers; set it once`);
    }
    headers[name] = value;
  }
  // Copies made by withOptions get the resource tree too.
  const bind = (client: Client<Paths, D>) => Object.assign(client, bindResources(client, setup.resources));
  return bind(createClient<Paths, D>({ ...options, baseUrl: options.baseUrl ?? setup.defaultBaseUrl, headers, name: setup.name }, bind));
}
