/**
 * A fetch to inject into clients that watches every HTTP attempt: how many are still in flight,
 * whether an attempt whose signal fired was really abandoned (its fetch rejected) or kept waiting
 * for the server, and, per call (the `x-request-seq` header), which attempts the client abandoned.
 * Node's own fetch does the work; nothing global is replaced.
 */
import type { FetchLike } from "../../src/core/index.js";

/** What the observer has seen so far. */
export interface FetchStats {
  started: number;
  /** Fetches that resolved with a response (headers arrived). */
  resolved: number;
  /** Fetches that rejected (network failure or abort). */
  rejected: number;
  /** Fetches whose signal fired before they settled. */
  abortedInFlight: number;
  /** …of which resolved anyway: a response that arrived after the abort (must stay 0). */
  resolvedAfterAbort: number;
  /** Longest time from the abort to the fetch's rejection, in ms (printed, never asserted). */
  maxAbortToRejectMs: number;
  /** Longest time from start to response headers of a fetch nobody aborted, in ms (printed, never asserted). */
  maxResponseMs: number;
}

/**
 * The header the observer numbers each attempt of a call in (0, 1, 2…), so that the server's log
 * pairs with the client's attempts even when an abandoned request arrives after its retry. The mock
 * records it as `RecordedRequest.attempt`.
 */
export const ATTEMPT_HEADER = "x-retry-attempt";

/** One HTTP attempt as the client saw it. */
export interface ClientAttempt {
  /** The attempt's signal fired (its timeout, here: no call passes a signal of its own), headers or body still pending. */
  aborted: boolean;
}

/** A fetch plus what it saw. */
export interface FetchObserver {
  readonly fetch: FetchLike;
  readonly stats: Readonly<FetchStats>;
  /** Fetches started and not yet settled. */
  inFlight(): number;
  /** The attempts of every call seen so far, by the value of `callHeader`, in the order they started; forgets them. */
  takeAttempts(): Map<string, ClientAttempt[]>;
}

/** Wraps `inner` (default: Node's global fetch, read at call time); `callHeader` ties attempts to calls. */
export function observeFetch(callHeader: string, inner?: FetchLike): FetchObserver {
  const stats: FetchStats = {
    started: 0,
    resolved: 0,
    rejected: 0,
    abortedInFlight: 0,
    resolvedAfterAbort: 0,
    maxAbortToRejectMs: 0,
    maxResponseMs: 0,
  };
  let attempts = new Map<string, ClientAttempt[]>();
  const fetch: FetchLike = (request, init) => {
    stats.started++;
    const attempt: ClientAttempt = { aborted: false };
    const id = request.headers.get(callHeader);
    if (id !== null) {
      const list = attempts.get(id) ?? [];
      request.headers.set(ATTEMPT_HEADER, String(list.length));
      list.push(attempt);
      attempts.set(id, list);
    }
    const startedAt = performance.now();
    let abortedAt: number | undefined;
    const signal = init?.signal ?? undefined;
    // Kept after the headers arrive: a timeout while the body is read abandons the attempt too.
    const onAbort = () => {
      abortedAt = performance.now();
      attempt.aborted = true;
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const pending = (inner ?? globalThis.fetch)(request, init);
    // A side chain that never rejects; the caller gets `pending` itself.
    pending.then(
      () => {
        stats.resolved++;
        if (abortedAt !== undefined) stats.resolvedAfterAbort++;
        else stats.maxResponseMs = Math.max(stats.maxResponseMs, performance.now() - startedAt);
      },
      () => {
        signal?.removeEventListener("abort", onAbort);
        stats.rejected++;
        if (abortedAt !== undefined) {
          stats.abortedInFlight++;
          stats.maxAbortToRejectMs = Math.max(stats.maxAbortToRejectMs, performance.now() - abortedAt);
        }
      },
    );
    return pending;
  };
  return {
    fetch,
    stats,
    inFlight: () => stats.started - stats.resolved - stats.rejected,
    takeAttempts() {
      const taken = attempts;
      attempts = new Map();
      return taken;
    },
  };
}
