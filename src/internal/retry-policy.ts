/**
 * When to retry and how long to wait: retryable statuses, idempotent methods, the server's
 * Retry-After / retry-after-ms / JTL X-RateLimit-* headers, else exponential backoff with jitter.
 */

/** Statuses worth retrying: timeouts, rate limits and transient server failures. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Methods that may be retried without the caller opting in (RFC 9110 §9.2.2 idempotent methods). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["get", "head", "put", "delete", "options", "trace"]);

/** True for a status the policy retries. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** True for a method that is retried by default (lower-case method name). */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** The timing half of a retry policy. */
export interface BackoffPolicy {
  /** Delay before the first retry when the server says nothing, in ms. */
  readonly initialDelayMs: number;
  /** Upper bound of the backoff delay, in ms. */
  readonly maxDelayMs: number;
  /** The longest wait a server may ask for; a longer Retry-After ends the retries instead. */
  readonly maxRetryAfterMs: number;
}

/** Stainless-like defaults: 0.5 s doubling to at most 8 s; a server may make us wait up to 60 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * How long the server asks us to wait, in ms, from `retry-after-ms`, `Retry-After` (delta-seconds
 * or HTTP-date) or, when `X-RateLimit-Remaining` is 0, `X-RateLimit-Interval-Length-Seconds` (JTL:
 * the window length is the longest we could need to wait). Undefined when the server says nothing
 * usable.
 */
export function serverRequestedDelayMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null) {
    const value = Number(ms);
    if (ms.trim() !== "" && Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const trimmed = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
    // An HTTP-date always names a day or month; this keeps "-3" from parsing as a year.
    const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (headers.get("x-ratelimit-remaining")?.trim() === "0") {
    const interval = headers.get("x-ratelimit-interval-length-seconds");
    if (interval !== null && /^\d+(\.\d+)?$/.test(interval.trim())) return Number(interval.trim()) * 1000;
  }
  return undefined;
}

/** Exponential backoff for the n-th retry (1-based), capped, minus up to 25 % jitter. */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.initialDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return base * (1 - random() * 0.25);
}

/**
 * The wait before the n-th retry (1-based) of a response with these headers: the server's delay
 * when it gave one, else backoff. Undefined when the server asks for more than `maxRetryAfterMs`:
 * the caller then gives up instead of hanging.
 */
export function retryDelayMs(
  headers: Headers | undefined,
  retry: number,
  policy: BackoffPolicy,
  now: number = Date.now(),
): number | undefined {
  const requested = headers ? serverRequestedDelayMs(headers, now) : undefined;
  if (requested === undefined) return backoffDelayMs(retry, policy);
  return requested > policy.maxRetryAfterMs ? undefined : requested;
}
