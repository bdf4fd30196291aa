/**
 * One fault-load run, as the load test (test/faults/load.test.ts) checks it and the fault bench
 * (bench/load/faults.ts) times it: a warm-up on servers of its own, then the measured run on fresh
 * servers, judged call by call. Returns plain findings and counters; durations
 * are only printed.
 */
import type { FaultKind, RecordedRequest, Violation } from "../../src/mock/index.js";
import {
  CALL_ID_HEADER,
  fireCalls,
  planCalls,
  probeOperations,
  startFaultyApis,
  storeFixtures,
  VARIANT_COUNT,
  type FaultyApis,
} from "./fault-run.js";
import { judgeRun, type RunFindings } from "./judge-run.js";
import { observeFetch, type FetchStats } from "./observed-fetch.js";
import { APIS, type Api, type MixedOperation } from "./operation-mix.js";
import { heapAfterGc, openHandles, settleHandles, type HandleCounts } from "./process-probes.js";

/** Per-request fault probabilities: 40 % of answers are broken, every kind at 4–6 %. */
const RATES: Readonly<Record<FaultKind, number>> = {
  reset: 0.06,
  resetMidBody: 0.06,
  truncate: 0.06,
  retry429: 0.06,
  retry503: 0.06,
  delay: 0.04,
  html502: 0.06,
};
/** One server asks for a 1 s wait, the others for none (so retries come at once). */
const RETRY_AFTER_SECONDS: Readonly<Record<Api, number>> = { "jtl-erp-v1": 1, "jtl-erp-v2": 0, "cro-dispatch": 0 };
const FAULT_SEEDS: Readonly<Record<Api, number>> = { "jtl-erp-v1": 7001, "jtl-erp-v2": 7002, "cro-dispatch": 7003 };
/**
 * The client's per-attempt timeout: far above a healthy answer even when 1,000 calls queue on a busy
 * machine, so nearly every call that meets no fault is answered. A healthy attempt that outlasts it
 * anyway is judged as the timeout the client saw. The delay fault holds its answer ten minutes, far
 * past it; close() cancels it.
 */
const TIMEOUT_MS = 10_000;
const DELAY_MS = 600_000;
/** Retries without a Retry-After come after 1–5 ms, so the run is bounded by timeouts and Retry-After alone. */
const BACKOFF = { initialDelayMs: 1, maxDelayMs: 5 };
const MAX_RETRIES = 2;
/** Records stored per collection before the calls. */
const SHARED_RECORDS = 8;
/** At least this many calls, and every operation in every variant at least `ROUNDS` times. */
const MIN_CALLS = 1000;
const ROUNDS = 3;

/** What a run showed. */
export interface FaultLoadReport {
  readonly planned: number;
  readonly maxRetries: number;
  readonly findings: RunFindings;
  readonly violations: Violation[];
  readonly fetch: FetchStats;
  /** Fetches still in flight once every call had settled, before the servers closed. */
  readonly inFlightAtEnd: number;
  readonly baseline: HandleCounts;
  readonly handlesAfterClose: HandleCounts;
  readonly heapBefore: number;
  /** Collections whose records could not be stored (their parameters keep the examples). */
  readonly unstored: readonly string[];
  readonly runMs: number;
  /** The run, for people (durations included). */
  lines(): string[];
}

/** How many calls a run makes for `operations`. */
export function callCountFor(operations: readonly MixedOperation[]): number {
  return Math.max(MIN_CALLS, operations.length * VARIANT_COUNT * ROUNDS);
}

/** Runs the warm-up and the measured run; `keepAlive` receives the clients, which outlive the run. */
export async function runFaultLoad(input: { operations: readonly MixedOperation[]; keepAlive: unknown[] }): Promise<FaultLoadReport> {
  const calls = callCountFor(input.operations);
  const baseline = openHandles();
  await warmUp(calls, baseline, input.keepAlive);
  const heapBefore = await heapAfterGc();

  const observer = observeFetch(CALL_ID_HEADER);
  const apis = await startFaultyApis({
    faults: (api) => ({ seed: FAULT_SEEDS[api], rates: RATES, retryAfterSeconds: RETRY_AFTER_SECONDS[api], delayMs: DELAY_MS }),
    seed: 1,
    client: { fetch: observer.fetch, backoff: BACKOFF, timeoutMs: TIMEOUT_MS, maxRetries: MAX_RETRIES },
  });
  input.keepAlive.push(apis.clients); // the clients stay for the heap measurement; servers, logs and results go
  try {
    const plans = planCalls(apis, calls, "call-");
    const fixtures = await storeFixtures(apis, plans, SHARED_RECORDS);
    const probes = await probeOperations(apis, fixtures);
    const fetchBefore = { ...observer.stats };
    const started = performance.now();
    const settled = await fireCalls(apis, fixtures, plans);
    const runMs = performance.now() - started;
    // Delayed answers are held for a minute: a fetch that was not aborted would still be in flight here.
    const end = Date.now() + 10_000;
    while (observer.inFlight() > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
    const inFlightAtEnd = observer.inFlight();
    const fetch = difference(observer.stats, fetchBefore);
    const findings = judgeRun(settled, {
      logs: logsOf(apis),
      clientAttempts: observer.takeAttempts(),
      retryAfterMs: Object.fromEntries(APIS.map((api) => [api, RETRY_AFTER_SECONDS[api] * 1000])) as Record<Api, number>,
      probes,
      idPrefix: "call-",
    });
    const violations = APIS.flatMap((api) => [...apis.servers[api].violations]);
    await apis.close();
    const handlesAfterClose = await settleHandles(baseline, 10_000);
    const report = {
      planned: calls,
      maxRetries: MAX_RETRIES,
      findings,
      violations,
      fetch,
      inFlightAtEnd,
      baseline,
      handlesAfterClose,
      heapBefore,
      unstored: fixtures.unstored,
      runMs,
    };
    return { ...report, lines: () => linesOf(report) };
  } finally {
    await apis.close();
  }
}

/** The same calls on servers of their own (shorter timeout, one retry); only the clients outlive it. */
async function warmUp(calls: number, baseline: HandleCounts, keepAlive: unknown[]): Promise<void> {
  const observer = observeFetch(CALL_ID_HEADER);
  const warm = await startFaultyApis({
    faults: (api) => ({ seed: FAULT_SEEDS[api] + 100, rates: RATES, retryAfterSeconds: RETRY_AFTER_SECONDS[api], delayMs: DELAY_MS }),
    seed: 2,
    client: { fetch: observer.fetch, backoff: BACKOFF, timeoutMs: 1000, maxRetries: 1 },
  });
  try {
    const plans = planCalls(warm, calls, "warm-");
    const fixtures = await storeFixtures(warm, plans, SHARED_RECORDS);
    await probeOperations(warm, fixtures);
    await fireCalls(warm, fixtures, plans);
  } finally {
    await warm.close();
  }
  observer.takeAttempts();
  keepAlive.push(warm.clients);
  await settleHandles(baseline, 10_000);
}

function logsOf(apis: FaultyApis): Record<Api, readonly RecordedRequest[]> {
  return Object.fromEntries(APIS.map((api) => [api, apis.servers[api].requests])) as Record<Api, readonly RecordedRequest[]>;
}

/** Counters of the measured run alone (the maxima are over both runs). */
function difference(after: FetchStats, before: FetchStats): FetchStats {
  return {
    started: after.started - before.started,
    resolved: after.resolved - before.resolved,
    rejected: after.rejected - before.rejected,
    abortedInFlight: after.abortedInFlight - before.abortedInFlight,
    resolvedAfterAbort: after.resolvedAfterAbort - before.resolvedAfterAbort,
    maxAbortToRejectMs: after.maxAbortToRejectMs,
    maxResponseMs: after.maxResponseMs,
  };
}

function linesOf(r: Omit<FaultLoadReport, "lines">): string[] {
  const f = r.findings;
  const columns = [...new Set(Object.values(f.table).flatMap((row) => Object.keys(row)))].sort();
  return [
    `run: ${r.planned} calls, ${f.requests} requests in ${r.runMs.toFixed(0)} ms; attempts per call ${JSON.stringify(f.attemptsHistogram)}`,
    `injected: ${JSON.stringify(f.injected)}`,
    `last answer → outcome:`,
    `| last answer | ${columns.join(" | ")} |`,
    `|---|${columns.map(() => "---:").join("|")}|`,
    ...Object.keys(f.table)
      .sort()
      .map((row) => `| ${row} | ${columns.map((c) => f.table[row]![c] ?? "").join(" | ")} |`),
    `calls that met no fault and got data: ${f.faultFreeData}; operations no call of which met no fault: ${f.operationsNeverFaultFree.join(", ") || "none"}`,
    `attempts abandoned on the timeout although the server answered without a delay: ${f.healthyTimeouts}, of which never arrived: ${f.unarrived}`,
    `POST/PATCH without opt-in ending on a retryable failure (sent once): ${f.nonIdempotentNotRetried}, of which reset after processing: ${f.nonIdempotentResetAfterProcessing}; POST/PATCH retried (opted in): ${f.nonIdempotentRetried}`,
    `Retry-After 1 s waits checked: ${f.retryAfterWaits.checked}, shortest ${f.retryAfterWaits.shortestMs} ms`,
    `fetch: ${JSON.stringify(r.fetch)}, in flight at end ${r.inFlightAtEnd}`,
    `handles: baseline ${JSON.stringify(r.baseline)}, after close ${JSON.stringify(r.handlesAfterClose)}`,
    ...(r.unstored.length ? [`collections without stored records: ${r.unstored.join("; ")}`] : []),
  ];
}
