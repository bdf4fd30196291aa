/**
 * `Client` and `createClient`: an openapi-fetch client plus what every call needs (auth, default
 * headers, retry policy, timeout, optional response validation). The per-API factories build on it.
 */
import createFetchClient, { type Middleware } from "openapi-fetch";
import type { Auth } from "./auth.js";
import { ClientConfigError } from "./errors.js";
import { createAuthHandler } from "../internal/auth-handler.js";
import { ClientObject, type ResponseCheck } from "../internal/client-state.js";
import { checkHeaders, createPathSerializer, type HeaderRecord } from "../internal/request-checks.js";
import { DEFAULT_BACKOFF } from "../internal/retry-policy.js";
import { rememberErrorBodies } from "../internal/transport.js";

/** Type-only keys that make `Client` carry its paths and defaulted headers. */
declare const pathsType: unique symbol;
declare const defaultedHeaders: unique symbol;

/**
 * A client for one API. `Paths` is the API's openapi-typescript `paths`; `D` is the union of
 * header names the client sets on every request, which the operations' params then make optional.
 * Pass it as the first argument of any generated operation function.
 */
export interface Client<Paths extends {}, D extends string = never> {
  /** Type-only: the API this client talks to. */
  readonly [pathsType]?: Paths;
  /** Type-only: the headers this client sets (contravariant: a client setting more headers fits where fewer are assumed). */
  readonly [defaultedHeaders]?: (header: D) => void;
  /** `[Name baseUrl]`; never shows credentials. */
  toString(): string;
  /** Base URL, default header names (no values) and the kind of auth. */
  toJSON(): { name: string; baseUrl: string; defaultHeaders: string[]; auth: string };
}

/** A fetch function as openapi-fetch calls it. */
export type FetchLike = (request: Request, init?: RequestInit) => Promise<Response>;

/** Header values for `headers` options: null removes a default header for one call. */
export type { HeaderRecord, HeaderValue } from "../internal/request-checks.js";

/** Options every client accepts. */
export interface ClientOptions {
  /** Base URL each operation path is appended to (absolute http(s) URL; a trailing slash is dropped). */
  baseUrl: string;
  /**
   * The fetch to send requests with (default `globalThis.fetch`). Called as `fetch(request, { signal })`:
   * honour `init.signal`, or a timed-out or aborted request keeps running (the call still settles).
   */
  fetch?: FetchLike;
  /** Bearer auth: a static token, a (possibly async) function returning one, or a TokenProvider such as `clientCredentialsAuth()`. */
  auth?: Auth;
  /** Headers sent with every request; operations' params and a call's `headers` option override them. Values are never printed. */
  headers?: HeaderRecord;
  /** Retries after the first attempt (default 2); 0 turns retries off. */
  maxRetries?: number;
  /** Also retry POST and PATCH (default false: only GET, HEAD, PUT, DELETE, OPTIONS are retried). */
  retryNonIdempotent?: boolean;
  /** Backoff when the server gives no delay: `initialDelayMs` (default 500) doubling up to `maxDelayMs` (default 8000), minus up to 25 % jitter. */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  /** The longest Retry-After (or rate-limit window) we wait for, in ms (default 60 000); a longer one fails the call at once. */
  maxRetryAfterMs?: number;
  /** Timeout of each attempt in ms, response body included (default 60 000); 0 disables it. A timed-out request is aborted. */
  timeoutMs?: number;
  /** openapi-fetch middleware (`onRequest`, `onResponse`, `onError`), run on every attempt in order. */
  middleware?: readonly Middleware[];
  /** Check every JSON response body against the spec (ajv, compiled once per schema) and reject mismatches with a ResponseValidationError. */
  validateResponses?: boolean;
  /** Loads the bundled spec for `validateResponses` (the API factories supply it). */
  loadSpec?: () => Promise<unknown>;
  /** Name shown by toString and inspect (default "Client"). */
  name?: string;
}

/** Defaults of the retry and timeout options. */
export const CLIENT_DEFAULTS = {
  maxRetries: 2,
  timeoutMs: 60_000,
  initialDelayMs: DEFAULT_BACKOFF.initialDelayMs,
  maxDelayMs: DEFAULT_BACKOFF.maxDelayMs,
  maxRetryAfterMs: DEFAULT_BACKOFF.maxRetryAfterMs,
} as const;

/** Default header names whose values are redacted from body excerpts. */
const SECRET_HEADER_NAME = /authorization|api[-_]?key|token|secret|cookie|password/i;

function nonNegative(value: number | undefined, option: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new ClientConfigError(`${option} must be a non-negative ${integer ? "integer" : "number"}`);
  }
  return value;
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
 * Creates a client. `D` states which headers `options.headers` sets (the API factories compute it
 * from their options); the operations then treat those headers as optional.
 */
export function createClient<Paths extends {}, D extends string = never>(options: ClientOptions): Client<Paths, D> {
  if (typeof options !== "object" || options === null) throw new ClientConfigError("createClient needs an options object");
  const baseUrl = checkBaseUrl(options.baseUrl);
  const auth = createAuthHandler(options.auth);
  const headers: Record<string, string | number | boolean | readonly (string | number | boolean)[]> = {};
  try {
    checkHeaders(undefined, "default", options.headers);
  } catch (error) {
    throw new ClientConfigError((error as Error).message);
  }
  const secrets: string[] = [];
  for (const name in options.headers) {
    const value = options.headers[name];
    if (value === undefined || value === null) continue;
    headers[name] = value;
    if (SECRET_HEADER_NAME.test(name)) secrets.push(...(Array.isArray(value) ? value : [value]).map(String));
  }
  if (auth?.staticHeader !== undefined) {
    headers["authorization"] = auth.staticHeader;
    if (auth.staticToken !== undefined) secrets.push(auth.staticToken);
  }
  const baseFetch: FetchLike | undefined = options.fetch ?? globalThis.fetch;
  if (typeof baseFetch !== "function") throw new ClientConfigError("fetch must be a function (no global fetch found)");
  const pathSerializer = createPathSerializer();
  const fetch = rememberErrorBodies(baseFetch);
  const fetchClient = createFetchClient<any>({
    baseUrl,
    fetch,
    headers: headers as Record<string, string>,
    pathSerializer,
  });
  if (options.middleware !== undefined) {
    if (!Array.isArray(options.middleware)) throw new ClientConfigError("middleware must be an array");
    fetchClient.use(...options.middleware);
  }
  if (options.validateResponses && typeof options.loadSpec !== "function") {
    throw new ClientConfigError("validateResponses needs loadSpec (the API factories provide it)");
  }
  let checker: Promise<ResponseCheck> | undefined;
  const loadSpec = options.loadSpec;
  const responseCheck =
    options.validateResponses && loadSpec
      ? () =>
          (checker ??= import("./response-validation.js").then((module) => module.createResponseCheck(loadSpec)))
      : undefined;
  const client = new ClientObject({
    name: options.name ?? "Client",
    baseUrl,
    fetchClient,
    fetch,
    auth,
    defaultHeaderNames: new Set(Object.keys(headers).map((name) => name.toLowerCase())),
    secrets,
    maxRetries: nonNegative(options.maxRetries, "maxRetries", CLIENT_DEFAULTS.maxRetries, true),
    retryNonIdempotent: options.retryNonIdempotent ?? false,
    backoff: {
      initialDelayMs: nonNegative(options.backoff?.initialDelayMs, "backoff.initialDelayMs", CLIENT_DEFAULTS.initialDelayMs),
      maxDelayMs: nonNegative(options.backoff?.maxDelayMs, "backoff.maxDelayMs", CLIENT_DEFAULTS.maxDelayMs),
      maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, "maxRetryAfterMs", CLIENT_DEFAULTS.maxRetryAfterMs),
    },
    timeoutMs: nonNegative(options.timeoutMs, "timeoutMs", CLIENT_DEFAULTS.timeoutMs),
    pathSerializer,
    responseCheck,
  });
  return client as unknown as Client<Paths, D>;
}
