/**
 * A fetch to inject into clients that watches every HTTP attempt: how many are still in flight,
 * and whether an attempt whose signal fired was really abandoned (its fetch rejected) or kept
 * waiting for the server. Node's own fetch does the work; nothing global is replaced.
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
  /** Longest time from the abort to the fetch's rejection, in ms. */
  maxAbortToRejectMs: number;
  /** Longest time from start to response headers of a fetch nobody aborted, in ms. */
  maxResponseMs: number;
}

/** A fetch plus what it saw. */
export interface FetchObserver {
  readonly fetch: FetchLike;
  readonly stats: Readonly<FetchStats>;
  /** Fetches started and not yet settled. */
  inFlight(): number;
}

/** Wraps `inner` (default: Node's global fetch, read at call time). */
export function observeFetch(inner?: FetchLike): FetchObserver {
  const stats: FetchStats = {
    started: 0,
    resolved: 0,
    rejected: 0,
    abortedInFlight: 0,
    resolvedAfterAbort: 0,
    maxAbortToRejectMs: 0,
    maxResponseMs: 0,
  };
  const fetch: FetchLike = (request, init) => {
    stats.started++;
    const startedAt = performance.now();
    let abortedAt: number | undefined;
    const signal = init?.signal ?? undefined;
    const onAbort = () => {
      abortedAt = performance.now();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const pending = (inner ?? globalThis.fetch)(request, init);
    // A side chain that never rejects; the caller gets `pending` itself.
    pending.then(
      () => {
        signal?.removeEventListener("abort", onAbort);
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
  return { fetch, stats, inFlight: () => stats.started - stats.resolved - stats.rejected };
}
