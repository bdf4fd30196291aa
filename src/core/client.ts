/**
 * `Client` and `createClient`: an openapi-fetch client plus what every call needs (auth, default
 * headers, retry policy, timeout, optional response validation). The per-API factories build on it.
 */
import type { Auth } from "./auth.js";
import { ClientConfigError } from "./errors.js";
import { MAX_TIMER_MS } from "../internal/attempt-abort.js";
import { createAuthHandler } from "../internal/auth-handler.js";
import { DEFAULT_MAX_RESPONSE_BYTES, setUpClient, type BaseClientOptions } from "../internal/client-setup.js";
import { ClientObject, type ResponseCheck } from "../internal/client-state.js";
import { DEFAULT_BACKOFF } from "../internal/retry-policy.js";
import { RedactorCache } from "../internal/secret-redactor.js";
import { sendWithRetries } from "../internal/send-with-retries.js";

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
  /** Check every JSON response body against the spec (ajv, compiled once per schema) and reject mismatches with a ResponseValidationError. */
  validateResponses?: boolean;
  /** Loads the bundled spec for `validateResponses` (the API factories supply it). */
  loadSpec?: () => Promise<unknown>;
}

/** Defaults of the retry and timeout options. */
export const CLIENT_DEFAULTS = {
  maxRetries: 2,
  timeoutMs: 60_000,
  initialDelayMs: DEFAULT_BACKOFF.initialDelayMs,
  maxDelayMs: DEFAULT_BACKOFF.maxDelayMs,
  maxRetryAfterMs: DEFAULT_BACKOFF.maxRetryAfterMs,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
} as const;

/** A non-negative number of ms (or count) no larger than a timer can wait; a larger one would fire at once. */
function nonNegative(value: number | undefined, option: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new ClientConfigError(`${option} must be a non-negative ${integer ? "integer" : "number"}`);
  }
  if (!integer && value > MAX_TIMER_MS) {
    throw new ClientConfigError(`${option} must be at most ${MAX_TIMER_MS} ms (about 24.8 days), the longest a timer can wait`);
  }
  return value;
}

/**
 * Creates a client. `D` states which headers `options.headers` sets (the API factories compute it
 * from their options); the operations then treat those headers as optional.
 */
export function createClient<Paths extends {}, D extends string = never>(options: ClientOptions): Client<Paths, D> {
  if (typeof options !== "object" || options === null) throw new ClientConfigError("createClient needs an options object");
  const auth = createAuthHandler(options.auth);
  const setup = setUpClient(
    options,
    auth?.staticHeader !== undefined && auth.staticToken !== undefined ? { header: auth.staticHeader, token: auth.staticToken } : undefined,
  );
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
    baseUrl: setup.baseUrl,
    fetchClient: setup.fetchClient,
    authKind: auth?.kind ?? "none",
    defaultHeaderNames: setup.defaultHeaderNames,
    redaction: new RedactorCache(setup.secrets, auth?.heldSecrets),
    pathSerializer: setup.pathSerializer,
    responseCheck,
    send: sendWithRetries({
      fetch: setup.fetch,
      auth,
      maxRetries: nonNegative(options.maxRetries, "maxRetries", CLIENT_DEFAULTS.maxRetries, true),
      retryNonIdempotent: options.retryNonIdempotent ?? false,
      backoff: {
        initialDelayMs: nonNegative(options.backoff?.initialDelayMs, "backoff.initialDelayMs", CLIENT_DEFAULTS.initialDelayMs),
        maxDelayMs: nonNegative(options.backoff?.maxDelayMs, "backoff.maxDelayMs", CLIENT_DEFAULTS.maxDelayMs),
        maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, "maxRetryAfterMs", CLIENT_DEFAULTS.maxRetryAfterMs),
      },
      timeoutMs: nonNegative(options.timeoutMs, "timeoutMs", CLIENT_DEFAULTS.timeoutMs),
    }),
  });
  return client as unknown as Client<Paths, D>;
}
