/**
 * What every kind of client does with its options before it can send anything: check the base
 * URL, headers and fetch, collect the values to keep out of error messages, and build the
 * openapi-fetch instance with a path serializer that encodes each parameter as one segment.
 */
import createFetchClient, { type Client as FetchClient, type Middleware } from "openapi-fetch";
import type { FetchLike } from "../core/client.js";
import { ClientConfigError } from "../core/errors.js";
import { followSameOriginRedirects } from "./follow-redirects.js";
import { serializeQuery } from "./query-serializer.js";
import { checkHeaders, createPathSerializer, type HeaderRecord } from "./request-checks.js";
import { secretHeaderValues } from "./secret-redactor.js";
import { wrapFetch } from "./transport.js";

/** The options every client shares. */
export interface BaseClientOptions {
  /** Base URL each operation path is appended to (absolute http(s) URL; a trailing slash is dropped). */
  baseUrl: string;
  /**
   * The fetch to send requests with (default `globalThis.fetch`). Called as `fetch(request, init)`:
   * honour `init.signal`, or an aborted (or timed-out) request keeps running.
   */
  fetch?: FetchLike;
  /** Headers sent with every request; operations' params and a call's `headers` option override them. Values are never printed. */
  headers?: HeaderRecord;
  /** openapi-fetch middleware (`onRequest`, `onResponse`, `onError`), run on every attempt in order. */
  middleware?: readonly Middleware[];
  /** Name shown by toString and inspect (default "Client"). */
  name?: string;
  /**
   * The largest response body read, in bytes (default 33 554 432, 32 MiB); 0 turns the limit off.
   * A larger body is not read on: the call fails with a ResponseTooLargeError.
   */
  maxResponseBytes?: number;
}

/** The default `maxResponseBytes`: far above any page this API serves, far below what exhausts memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A checked client set-up, before the kind of client adds its own behaviour. */
export interface ClientSetup {
  readonly baseUrl: string;
  /** The caller's fetch wrapped by `wrapFetch` (body limit, error bodies) and `followSameOriginRedirects`. */
  readonly fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  readonly fetchClient: FetchClient<any>;
  readonly pathSerializer: (pathname: string, pathParams: Record<string, unknown>) => string;
  readonly defaultHeaderNames: ReadonlySet<string>;
  readonly secrets: readonly string[];
}

function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string" || baseUrl === "") throw new ClientConfigError("baseUrl must be a non-empty string");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ClientConfigError("baseUrl must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ClientConfigError(`baseUrl must use http or https, got ${url.protocol}`);
  // Never echo it: a URL with userinfo carries a password.
  if (url.username || url.password) throw new ClientConfigError("baseUrl must not contain credentials; use the auth option");
  if (url.search || url.hash) throw new ClientConfigError("baseUrl must not have a query or fragment");
  return baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl;
}

/**
 * Checks the shared options and builds the openapi-fetch instance. `staticAuth` is a static bearer
 * token's header and token, sent as a default header and redacted from excerpts.
 */
export function setUpClient(options: BaseClientOptions, staticAuth?: { header: string; token: string }): ClientSetup {
  const baseUrl = checkBaseUrl(options.baseUrl);
  try {
    checkHeaders(undefined, "default", options.headers);
  } catch (error) {
    throw new ClientConfigError((error as Error).message);
  }
  const headers: Record<string, unknown> = {};
  for (const name in options.headers) {
    const value = options.headers[name];
    if (value === undefined || value === null) continue;
    headers[name] = value;
  }
  const secrets = secretHeaderValues(options.headers);
  if (staticAuth !== undefined) {
    headers["authorization"] = staticAuth.header;
    secrets.push(staticAuth.token);
  }
  const baseFetch = options.fetch ?? globalThis.fetch;
  if (typeof baseFetch !== "function") throw new ClientConfigError("fetch must be a function (no global fetch found)");
  const pathSerializer = createPathSerializer();
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxResponseBytes !== "number" || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 0) {
    throw new ClientConfigError("maxResponseBytes must be a non-negative integer (0 turns the limit off)");
  }
  const fetch = wrapFetch(followSameOriginRedirects(baseFetch), maxResponseBytes);
  // redirect "manual": fetch would follow a redirect to another origin with the client's headers.
  const fetchClient = createFetchClient<any>({
    baseUrl,
    fetch,
    headers: headers as Record<string, string>,
    pathSerializer,
    querySerializer: serializeQuery,
    redirect: "manual",
  });
  if (options.middleware !== undefined) {
    if (!Array.isArray(options.middleware)) throw new ClientConfigError("middleware must be an array");
    fetchClient.use(...options.middleware);
  }
  return {
    baseUrl,
    fetch,
    fetchClient,
    pathSerializer,
    defaultHeaderNames: new Set(Object.keys(headers).map((name) => name.toLowerCase())),
    secrets,
  };
}
