/**
 * Probes of the test process itself: open handles by kind, heap after a full garbage collection,
 * and listeners that catch unhandled rejections and uncaught exceptions during a run.
 */
import v8 from "node:v8";
import vm from "node:vm";

/** Handle kinds a leaking HTTP client or server leaves behind. */
export type HandleKind = "TCPServerWrap" | "TCPSocketWrap" | "Timeout";
export type HandleCounts = Record<HandleKind, number>;

/** Open listening servers, sockets and timers of this process, by kind. */
export function openHandles(): HandleCounts {
  const counts: HandleCounts = { TCPServerWrap: 0, TCPSocketWrap: 0, Timeout: 0 };
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind as HandleKind]++;
  return counts;
}

/**
 * Polls until no kind has more open handles than `baseline` (sockets close a loop turn or two
 * after their peer does), up to `ms`. Returns the last counts seen. vitest's own timers come and
 * go, so "no more than the baseline" is the test, not equality.
 */
export async function settleHandles(baseline: HandleCounts, ms = 3000): Promise<HandleCounts> {
  const end = Date.now() + ms;
  for (;;) {
    const now = openHandles();
    const within = (Object.keys(now) as HandleKind[]).every((kind) => now[kind] <= baseline[kind]);
    if (within || Date.now() > end) return now;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let collect: (() => void) | undefined;

/**
 * V8's gc() without starting the process with --expose-gc: the flag is switched on just long
 * enough to fetch the function from a fresh context, then off again. The test runs in its own
 * vitest worker process, so nothing else sees the flag.
 */
function gcFunction(): () => void {
  if (collect) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return (collect = exposed);
  v8.setFlagsFromString("--expose-gc");
  try {
    collect = vm.runInNewContext("gc") as () => void;
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
  return collect;
}

/** heapUsed after full collections, with timer turns between them so weak callbacks and finalizers run. */
export async function heapAfterGc(): Promise<number> {
  const gc = gcFunction();
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  gc();
  return process.memoryUsage().heapUsed;
}

/** Records unhandled rejections and uncaught exceptions until `stop()`; never patches anything. */
export function catchStrayErrors(): { readonly errors: readonly unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onRejection = (reason: unknown) => errors.push(reason);
  const onException = (error: unknown) => errors.push(error);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return {
    errors,
    stop() {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onException);
    },
  };
}
