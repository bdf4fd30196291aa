/**
 * `Client` and `createClient`: an openapi-fetch client plus what every call needs (auth, default
 * headers, retry policy, timeout, optional response validation). The per-API factories build on it.
 */
import { ClientConfigError } from "./errors.js";
import type { ClientOptions } from "./options.js";
import { MAX_TIMER_MS } from "../internal/attempt-abort.js";
import { createAuthHandler, type AuthHandler } from "../internal/auth-handler.js";
import { DEFAULT_MAX_RESPONSE_BYTES, setUpClient } from "../internal/client-setup.js";
import { ClientObject } from "../internal/client-state.js";
import { CLIENT_OPTIONS } from "../internal/option-names.js";
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
  /**
   * A copy with some options replaced (retries, timeouts, headers, logging…). It keeps this
   * client's auth, token provider and token cache included, unless `auth` is given; `headers` are
   * merged over this client's. Unknown option names are refused.
   */
  withOptions(options: Partial<ClientOptions>): this;
}

export type { FetchLike, HeaderRecord, HeaderValue, ClientOptions } from "./options.js";

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

/** How to refuse `validateResponses: true`, which would put ajv into every bundle. */
const VALIDATOR_NEEDED =
  'validateResponses takes a validator: import { responseValidator } from "vendor-api-clients/validation" and pass validateResponses: responseValidator()';

/**
 * Creates a client. `D` states which headers `options.headers` sets (the API factories compute it
 * from their options); the operations then treat those headers as optional. `decorate` is applied
 * to every copy `withOptions` makes (the API factories attach their resource tree with it).
 */
export function createClient<Paths extends {}, D extends string = never>(
  options: ClientOptions,
  decorate?: (client: Client<Paths, D>) => Client<Paths, D>,
): Client<Paths, D> {
  if (typeof options !== "object" || options === null) throw new ClientConfigError("createClient needs an options object");
  return buildClient(options, createAuthHandler(options.auth), decorate) as unknown as Client<Paths, D>;
}

function buildClient(
  options: ClientOptions,
  auth: AuthHandler | undefined,
  decorate: ((client: never) => object) | undefined,
): ClientObject {
  const setup = setUpClient(
    options,
    CLIENT_OPTIONS,
    auth?.staticHeader !== undefined && auth.staticToken !== undefined ? { header: auth.staticHeader, token: auth.staticToken } : undefined,
  );
  const validator = options.validateResponses;
  if (validator !== undefined && typeof validator?.checkerFor !== "function") throw new ClientConfigError(VALIDATOR_NEEDED);
  const name = options.name ?? "Client";
  return new ClientObject({
    name,
    baseUrl: setup.baseUrl,
    fetchClient: setup.fetchClient,
    authKind: auth?.kind ?? "none",
    defaultHeaderNames: setup.defaultHeaderNames,
    redaction: new RedactorCache(setup.secrets, auth?.heldSecrets),
    pathSerializer: setup.pathSerializer,
    responseCheck: validator?.checkerFor(name),
    log: setup.log,
    sendsCredential: auth !== undefined || setup.secrets.length > 0,
    copy: (more) => {
      if (typeof more !== "object" || more === null) throw new ClientConfigError("withOptions needs an options object");
      const merged = { ...options, ...more, headers: { ...options.headers, ...(more as ClientOptions).headers } } as ClientOptions;
      const copy = buildClient(merged, "auth" in more ? createAuthHandler(merged.auth) : auth, decorate);
      return decorate ? decorate(copy as never) : copy;
    },
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
}
