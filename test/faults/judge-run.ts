/**
 * Holds every call of a fault run against the servers' request logs: did it settle as the last
 * answer demands, did it retry only what may be retried, no more often than allowed, and after
 * waiting out Retry-After? Returns plain findings (problem lists and counts) so the raw run can be
 * dropped before the heap is measured.
 */
import { SdkError } from "../../src/core/index.js";
import { FAULT_KINDS, type FaultKind, type RecordedRequest } from "../../src/mock/index.js";
import { expectedOutcome, isRetryableAnswer } from "./expected-outcome.js";
import { CALL_ID_HEADER, type SettledCall } from "./fault-run.js";
import type { Api } from "./operation-mix.js";

/** Slack for comparing the server's millisecond timestamps with a Retry-After wait. */
const CLOCK_SLACK_MS = 5;

/** What a run showed. Each `…Problems` list must come out empty. */
export interface RunFindings {
  readonly calls: number;
  readonly requests: number;
  /** A call whose outcome is not what its last answer demands (or not a typed error at all). */
  readonly outcomeProblems: string[];
  /** A call that may not be retried (POST/PATCH without opt-in) but was sent more than once. */
  readonly duplicateProblems: string[];
  /** A call sent more often than its cap allows, retried after a final answer, or given up before the cap. */
  readonly retryProblems: string[];
  /** A retry sent sooner after a 429/503 than its Retry-After allowed. */
  readonly retryAfterProblems: string[];
  /** Retries that followed a Retry-After of at least 1 s, and the shortest such gap seen. */
  readonly retryAfterWaits: { readonly checked: number; readonly shortestMs: number };
  /** POST/PATCH calls without opt-in whose only answer was a retryable failure: each sent exactly once. */
  nonIdempotentNotRetried: number;
  /** …of which the server had processed the request before the connection broke mid-body (resetMidBody). */
  nonIdempotentResetAfterProcessing: number;
  /** POST/PATCH calls that were retried (all opted in). */
  nonIdempotentRetried: number;
  /** Requests in the logs that no call of this run claims. */
  readonly strayRequests: number;
  /** Outcome table: the last answer's fault (or "none <status>") → the error class (or "data") → calls. */
  readonly table: Record<string, Record<string, number>>;
  /** Requests per injected fault kind, over all attempts. */
  readonly injected: Record<FaultKind, number>;
  /** Attempts per call → calls. */
  readonly attemptsHistogram: Record<number, number>;
}

/** Judges `calls` against each API's request log; `retryAfterMs` is what each API's server asked for. */
export function judgeRun(
  calls: readonly SettledCall[],
  logs: Readonly<Record<Api, readonly RecordedRequest[]>>,
  retryAfterMs: Readonly<Record<Api, number>>,
  idPrefix: string,
): RunFindings {
  const byCall = new Map<string, RecordedRequest[]>();
  let requests = 0;
  let strayRequests = 0;
  const injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const log of Object.values(logs)) {
    for (const request of log) {
      const id = request.headers[CALL_ID_HEADER];
      if (id === undefined || !id.startsWith(idPrefix)) {
        // Records stored before the run carry a "store-" id; anything else is a stray request.
        if (!id?.startsWith("store-")) strayRequests++;
        continue;
      }
      requests++;
      if (request.fault !== undefined) injected[request.fault]++;
      const list = byCall.get(id) ?? [];
      list.push(request);
      byCall.set(id, list);
    }
  }

  const findings: RunFindings = {
    calls: calls.length,
    requests,
    outcomeProblems: [],
    duplicateProblems: [],
    retryProblems: [],
    retryAfterProblems: [],
    retryAfterWaits: { checked: 0, shortestMs: Number.POSITIVE_INFINITY },
    nonIdempotentNotRetried: 0,
    nonIdempotentResetAfterProcessing: 0,
    nonIdempotentRetried: 0,
    strayRequests,
    table: {},
    injected,
    attemptsHistogram: {},
  };
  let shortestWait = Number.POSITIVE_INFINITY;
  let waitsChecked = 0;

  for (const { plan, result } of calls) {
    const { operation } = plan;
    const where = `${plan.id} ${operation.api} ${operation.method} ${operation.operationId} (${plan.variant})`;
    // Log order is arrival order; a call's attempts are sequential, so this is attempt order.
    const attempts = (byCall.get(plan.id) ?? []).sort((a, b) => a.seq - b.seq);
    findings.attemptsHistogram[attempts.length] = (findings.attemptsHistogram[attempts.length] ?? 0) + 1;
    const last = attempts.at(-1);
    if (last === undefined) {
      findings.outcomeProblems.push(`${where}: no request reached the server; settled ${describe(result)}`);
      continue;
    }

    // Retries: only when allowed, only after a retryable answer, never past the cap, and not given up early.
    if (attempts.length > 1 + plan.maxRetries) findings.retryProblems.push(`${where}: ${attempts.length} requests, cap ${1 + plan.maxRetries}`);
    if (attempts.length > 1 && !plan.mayRetry) findings.duplicateProblems.push(`${where}: sent ${attempts.length} times without opting in`);
    attempts.slice(0, -1).forEach((request, k) => {
      if (!isRetryableAnswer(request)) findings.retryProblems.push(`${where}: attempt ${k + 1} (${answerOf(request)}) is final, yet retried`);
    });
    if (plan.mayRetry && isRetryableAnswer(last) && attempts.length < 1 + plan.maxRetries) {
      findings.retryProblems.push(`${where}: gave up after ${attempts.length} of ${1 + plan.maxRetries} attempts on ${answerOf(last)}`);
    }
    if (operation.method === "POST" || operation.method === "PATCH") {
      if (attempts.length > 1) findings.nonIdempotentRetried++;
      if (!plan.mayRetry && isRetryableAnswer(last)) {
        findings.nonIdempotentNotRetried++;
        if (last.fault === "resetMidBody") findings.nonIdempotentResetAfterProcessing++;
      }
    }

    // Retry-After: the next attempt arrives no sooner than the server asked.
    const wait = retryAfterMs[operation.api];
    for (let k = 0; k + 1 < attempts.length; k++) {
      const fault = attempts[k]!.fault;
      if (fault !== "retry429" && fault !== "retry503") continue;
      const gap = attempts[k + 1]!.timestamp - attempts[k]!.timestamp;
      if (gap + CLOCK_SLACK_MS < wait) findings.retryAfterProblems.push(`${where}: retried ${gap} ms after a ${fault} asking for ${wait} ms`);
      if (wait >= 1000) {
        waitsChecked++;
        shortestWait = Math.min(shortestWait, gap);
      }
    }

    // Outcome: what the last answer demands, with the attempt count the server saw.
    const expected = expectedOutcome(operation, last);
    const row = last.fault ?? `none ${last.status}`;
    const column = result.status === "fulfilled" ? "data" : errorName(result.reason);
    findings.table[row] ??= {};
    findings.table[row]![column] = (findings.table[row]![column] ?? 0) + 1;
    if (expected.settles === "fulfilled") {
      if (result.status !== "fulfilled") findings.outcomeProblems.push(`${where}: last answer ${answerOf(last)}, expected data, got ${describe(result)}`);
      continue;
    }
    if (result.status === "fulfilled") {
      findings.outcomeProblems.push(`${where}: last answer ${answerOf(last)}, expected ${expected.errorClass.name}, got data`);
      continue;
    }
    const error = result.reason as SdkError & { status?: number; attempts?: number };
    if (!(error instanceof SdkError) || error.constructor !== expected.errorClass) {
      findings.outcomeProblems.push(`${where}: last answer ${answerOf(last)}, expected ${expected.errorClass.name}, got ${describe(result)}`);
    } else if (expected.status !== undefined && error.status !== expected.status) {
      findings.outcomeProblems.push(`${where}: expected status ${expected.status}, got ${String(error.status)}`);
    } else if (error.attempts !== attempts.length) {
      findings.outcomeProblems.push(`${where}: error says ${String(error.attempts)} attempts, the server saw ${attempts.length}; ${describe(result)}`);
    }
  }
  return { ...findings, retryAfterWaits: { checked: waitsChecked, shortestMs: shortestWait } };
}

function answerOf(request: RecordedRequest): string {
  return request.fault ?? `status ${String(request.status)}`;
}

function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}${"status" in error ? ` ${String(error.status)}` : ""}`;
  return typeof error;
}

function describe(result: PromiseSettledResult<unknown>): string {
  if (result.status === "fulfilled") return "data";
  const error = result.reason;
  if (!(error instanceof Error)) return `a non-error ${typeof error}`;
  const causes: string[] = [];
  for (let cause = error.cause; cause instanceof Error && causes.length < 3; cause = cause.cause) {
    causes.push(`${cause.name}${"code" in cause ? ` ${String(cause.code)}` : ""}: ${cause.message}`);
  }
  return `${errorName(error)}: ${error.message}${causes.length ? ` (cause: ${causes.join(" ← ")})` : ""}`;
}
