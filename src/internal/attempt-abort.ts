/**
 * One AbortSignal per HTTP attempt that fires on the attempt's timeout or on the caller's signal,
 * plus an abortable sleep. The signal goes to fetch as `init.signal`, not onto openapi-fetch's
 * Request: undici pays several microseconds for every Request that follows a signal, and fetch
 * builds its own Request from ours, so a signal on both would be paid twice. The AbortController
 * (about 2 µs to create on Node 20) is made when fetch first reads `init.signal`, so a fetch that
 * never reads it costs nothing; `aborted` lets the call settle even then.
 */

/** The longest delay setTimeout honours (2^31 - 1 ms, about 24.8 days); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The abort wiring of one attempt. Call `release()` when the attempt is over, however it ended. */
export class AttemptAbort {
  /** The second argument for fetch: `{ signal }`, its controller created on first read. */
  readonly init: { readonly signal: AbortSignal };
  /** Rejects (with the abort reason) when the attempt is aborted; never resolves. */
  readonly aborted: Promise<never>;
  /** True once this attempt was aborted by its timeout. */
  timedOut = false;
  #controller: AbortController | undefined;
  #abortReason: unknown;
  #isAborted = false;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #userSignal: AbortSignal | undefined;
  readonly #onUserAbort: (() => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;

  constructor(timeoutMs: number, userSignal: AbortSignal | undefined) {
    this.init = new AttemptInit(this);
    this.aborted = new Promise<never>((_, reject) => {
      this.#reject = reject;
    });
    // Nobody may be listening when it rejects (the race already settled): keep Node quiet.
    this.aborted.catch(ignore);
    this.#timer =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? setTimeout(AttemptAbort.#onTimeout, Math.min(timeoutMs, MAX_TIMER_MS), this)
        : undefined;
    this.#userSignal = userSignal;
    if (userSignal) {
      const onUserAbort = () => this.#abort(userSignal.reason);
      this.#onUserAbort = onUserAbort;
      if (userSignal.aborted) onUserAbort();
      else userSignal.addEventListener("abort", onUserAbort, { once: true });
    }
  }

  /** The attempt's signal; creates the controller on first use (already aborted if the attempt was). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#isAborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  // Static, so arming the timer allocates no closure.
  static #onTimeout(attempt: AttemptAbort): void {
    if (attempt.#isAborted) return;
    attempt.timedOut = true;
    attempt.#abort(new DOMException("The request timed out", "TimeoutError"));
  }

  #abort(reason: unknown): void {
    this.#isAborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
    this.#reject?.(reason);
  }

  /** Stops the timer and detaches from the caller's signal. */
  release(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#onUserAbort) this.#userSignal?.removeEventListener("abort", this.#onUserAbort);
    this.#reject = undefined;
  }
}

function ignore(): void {}

/** `{ signal }` for fetch, with the signal made on first read. */
class AttemptInit {
  readonly #attempt: AttemptAbort;
  constructor(attempt: AttemptAbort) {
    this.#attempt = attempt;
  }
  get signal(): AbortSignal {
    return this.#attempt.signal;
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // Clamped: an overlong delay must not turn into a 1 ms timer (and a retry storm).
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
