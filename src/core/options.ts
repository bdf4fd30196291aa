/**
 * The public option types of every client and call, in one leaf file: it imports no other source
 * file, so the runtime's modules can all depend on it without depending on each other.
 */
import type { Middleware } from "openapi-fetch";

/** A fetch function as the client calls it. */
export type FetchLike = (request: Request, init?: RequestInit) => Promise<Response>;

/** A header value: null removes a default header for one call, undefined is skipped. */
export type HeaderValue = string | number | boolean | readonly (string | number | boolean)[] | null | undefined;
/** A plain object of headers. */
export type HeaderRecord = { readonly [name: string]: HeaderValue };

/**
 * Hands out access tokens. The OAuth2 helpers implement it; implement it yourself to plug in
 * another token source. `getToken` is called before every request, so it should cache.
 */
export interface TokenProvider {
  /** A valid access token (without the `Bearer ` prefix). */
  getToken(): string | Promise<string>;
  /**
   * Called when the API answered 401 to a request sent with `token`: forget it, so the next
   * `getToken()` gets a fresh one. When present, the client retries a 401 once with a fresh token.
   */
  invalidate?(token: string): void;
}

/**
 * The `auth` option of every client: sent as `Authorization: Bearer <token>`.
 * - a string: a static access token;
 * - a function: called before every request (cache inside it), may be async;
 * - a {@link TokenProvider}, e.g. from `clientCredentialsAuth()` or `refreshTokenAuth()`.
 */
export type Auth = string | (() => string | Promise<string>) | TokenProvider;

/** Where log lines go: `console` fits, as does any object with these four methods (pino, winston…). */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** How much the client logs: "off" (default) nothing, "error" failed calls, "warn" also retries, "info" every call, "debug" every attempt. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** The first place a response body differs from the spec, or undefined when it matches. */
export type ResponseCheck = (
  operation: { readonly path: string; readonly method: string; readonly operationId: string },
  statusKey: string,
  mediaType: string,
  body: unknown,
) => { pointer: string; problem: string; schemaPath: string } | undefined;

/**
 * What `validateResponses` takes: `responseValidator()` from `vendor-api-clients/validation`.
 * Kept behind its own import so that apps that do not validate never bundle ajv or the spec.
 */
export interface ResponseValidator {
  /** The checker for the API of the client named `clientName`, loaded on first use. */
  readonly checkerFor: (clientName: string) => () => Promise<ResponseCheck>;
}

/** Per-call options, the last argument of every operation. */
export interface CallOptions {
  /** Aborts the call (and any retry wait); the promise rejects with a RequestAbortedError. */
  signal?: AbortSignal;
  /** Timeout of each attempt in ms for this call; 0 disables it. Overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retries after the first attempt for this call; 0 turns retries off. Overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Retry this call even if it is a POST or PATCH. Overrides the client's `retryNonIdempotent`. */
  retryNonIdempotent?: boolean;
  /** Extra headers for this call; they override the client's defaults (null removes one). Typed params win over these. */
  headers?: HeaderRecord;
}

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
  /** Where log lines go (default `console` once `logLevel` is set). Secrets are cut out of every line. */
  logger?: Logger;
  /** How much to log (default "off"). */
  logLevel?: LogLevel;
}

/** Options of `createClient`: the shared ones (base URL, fetch, headers, middleware, name) plus auth, retries, timeouts and validation. */
export interface ClientOptions extends BaseClientOptions {
  /** Bearer auth: a static token, a (possibly async) function returning one, or a TokenProvider such as `clientCredentialsAuth()`. */
  auth?: Auth;
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
  /**
   * Check every JSON response body against the spec and reject mismatches with a
   * ResponseValidationError: pass `responseValidator()` from `vendor-api-clients/validation`.
   */
  validateResponses?: ResponseValidator;
}
