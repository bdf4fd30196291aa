/**
 * Holds every call of a fault run against what its own attempts got, seen from both ends: the
 * servers' request logs (which fault, which status) and the client's fetch (which attempts it
 * abandoned on its timeout). Did the call settle as its last answer demands, did a call that met
 * no fault end as the same call did on a fault-free server, did it retry only what may be retried,
 * no more often than allowed, and after waiting out Retry-After? Nothing is compared with a fixed
 * count or a wall clock. Returns plain findings (problem lists and counts) so the raw run can be
 * dropped before the heap is measured.
 */
import { SdkError, TimeoutError } from "../../src/core/index.js";
import { FAULT_KINDS, type FaultKind, type RecordedRequest } from "../../src/mock/index.js";
import { expectedOutcome, isRetryableAnswer, type ExpectedOutcome } from "./expected-outcome.js";
import { CALL_ID_HEADER, operationKey, SETUP_ID_PREFIX, type SettledCall } from "./fault-run.js";
import type { ClientAttempt } from "./observed-fetch.js";
import type { Api } from "./operation-mix.js";

/** Slack for comparing the server's millisecond timestamps with a Retry-After wait. */
const CLOCK_SLACK_MS = 5;

/** What a run showed. Each `…Problems` list must come out empty. */
export interface RunFindings {
  readonly calls: number;
  /** Requests of the run's calls the servers saw. */
  readonly requests: number;
  /** A call whose outcome is not what its last answer demands (or not a typed error at all). */
  readonly outcomeProblems: string[];
  /** A call whose attempts the client and the server count differently. */
  readonly attemptProblems: string[];
  /** Attempts the client abandoned before they reached the server (a busy machine; printed). */
  unarrived: number;
  /** A call that met no fault and did not end as its operation's probe (the same call on a fault-free server). */
  readonly faultFreeProblems: string[];
  /** Operations none of whose calls met no fault (on a busy machine, timeouts can hit all of one), so the run never compared them with their probe (printed). */
  readonly operationsNeverFaultFree: string[];
  /** Calls that met no fault and got data. */
  faultFreeData: number;
  /** A call that may not be retried (POST/PATCH without opt-in) but was sent more than once. */
  readonly duplicateProblems: string[];
  /** A call sent more often than its cap allows, retried after a final answer, or given up before the cap. */
  readonly retryProblems: string[];
  /** A retry sent sooner after a 429/503 than its Retry-After allowed. */
  readonly retryAfterProblems: string[];
  /** Retries that followed a Retry-After of at least 1 s, and the shortest such gap seen (printed). */
  readonly retryAfterWaits: { readonly checked: number; readonly shortestMs: number };
  /** A delayed answer (held far past the client's timeout) the client did not abandon. */
  readonly delayProblems: string[];
  /** Attempts the client abandoned on its timeout although the server answered without a delay (a busy machine; printed). */
  healthyTimeouts: number;
  /** POST/PATCH calls without opt-in whose only answer was a retryable failure: each sent exactly once. */
  nonIdempotentNotRetried: number;
  /** …of which the server had processed the request before the connection broke mid-body (resetMidBody). */
  nonIdempotentResetAfterProcessing: number;
  /** POST/PATCH calls that were retried (all opted in). */
  nonIdempotentRetried: number;
  /** Requests in the logs that no call of this run claims. */
  readonly strayRequests: number;
  /** Outcome table: the last answer's fault (or "none <status>") → the outcome ("data" or the error) → calls. */
  readonly table: Record<string, Record<string, number>>;
  /** Requests per injected fault kind, over all attempts. */
  readonly injected: Record<FaultKind, number>;
  /** Attempts per call → calls. */
  readonly attemptsHistogram: Record<number, number>;
}

/** What the judge needs besides the calls. */
export interface RunRecords {
  /** Each API's request log. */
  readonly logs: Readonly<Record<Api, readonly RecordedRequest[]>>;
  /** The client's attempts per call id. */
  readonly clientAttempts: ReadonlyMap<string, readonly ClientAttempt[]>;
  /** What each API's server asked to wait in Retry-After, in ms. */
  readonly retryAfterMs: Readonly<Record<Api, number>>;
  /** How each operation settled when called once without faults, by operationKey. */
  readonly probes: ReadonlyMap<string, PromiseSettledResult<unknown>>;
  /** The run's call ids start with it. */
  readonly idPrefix: string;
}

/** One attempt seen from both ends. */
interface Attempt {
  /** What the server recorded; undefined when the request never arrived (only possible for an abandoned one). */
  readonly server: RecordedRequest | undefined;
  /** The client abandoned it on its timeout. */
  readonly timedOut: boolean;
}

/** Judges `calls` against what the servers and the client recorded. */
export function judgeRun(calls: readonly SettledCall[], records: RunRecords): RunFindings {
  const { idPrefix } = records;
  const byCall = new Map<string, RecordedRequest[]>();
  let requests = 0;
  let strayRequests = 0;
  const injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const log of Object.values(records.logs)) {
    for (const request of log) {
      const id = request.headers[CALL_ID_HEADER];
      if (id === undefined || !id.startsWith(idPrefix)) {
        if (!id?.startsWith(SETUP_ID_PREFIX)) strayRequests++;
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
    attemptProblems: [],
    unarrived: 0,
    faultFreeProblems: [],
    operationsNeverFaultFree: [],
    faultFreeData: 0,
    duplicateProblems: [],
    retryProblems: [],
    retryAfterProblems: [],
    retryAfterWaits: { checked: 0, shortestMs: Number.POSITIVE_INFINITY },
    delayProblems: [],
    healthyTimeouts: 0,
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
  const faultFreeOperations = new Set<string>();

  for (const { plan, result } of calls) {
    const { operation } = plan;
    const where = `${plan.id} ${operation.api} ${operation.method} ${operation.operationId} (${plan.variant})`;
    // The client numbers its attempts (ATTEMPT_HEADER); the server records the number, so both ends pair up
    // even when an abandoned request reaches the server after its retry.
    const logged = byCall.get(plan.id) ?? [];
    const sent = records.clientAttempts.get(plan.id) ?? [];
    const attempts: Attempt[] = sent.map((client, k) => ({
      server: logged.find((request) => request.attempt === k),
      timedOut: client.aborted,
    }));
    for (const request of logged) {
      if (request.attempt === undefined || request.attempt >= sent.length)
        findings.attemptProblems.push(`${where}: the server saw attempt ${String(request.attempt)}, the client sent ${sent.length}`);
    }
    if (new Set(logged.map((request) => request.attempt)).size !== logged.length)
      findings.attemptProblems.push(`${where}: the server saw an attempt twice`);
    attempts.forEach((attempt, k) => {
      // Only a request the client abandoned may never have arrived (a busy machine can time it out on the way).
      if (attempt.server === undefined && !attempt.timedOut)
        findings.attemptProblems.push(`${where}: attempt ${k + 1} was answered, yet never reached the server`);
      if (attempt.server === undefined) findings.unarrived++;
    });
    findings.attemptsHistogram[attempts.length] = (findings.attemptsHistogram[attempts.length] ?? 0) + 1;
    const last = attempts.at(-1);
    if (last === undefined) {
      findings.outcomeProblems.push(`${where}: the client sent nothing; settled ${describe(result)}`);
      continue;
    }
    for (const attempt of attempts) {
      if (attempt.server?.fault === "delay" && !attempt.timedOut)
        findings.delayProblems.push(`${where}: a delayed answer was not abandoned on the timeout`);
      if (attempt.server?.fault !== "delay" && attempt.timedOut) findings.healthyTimeouts++;
    }

    // Retries: only when allowed, only after a retryable answer, never past the cap, and not given up early.
    if (attempts.length > 1 + plan.maxRetries)
      findings.retryProblems.push(`${where}: ${attempts.length} requests, cap ${1 + plan.maxRetries}`);
    if (attempts.length > 1 && !plan.mayRetry) findings.duplicateProblems.push(`${where}: sent ${attempts.length} times without opting in`);
    attempts.slice(0, -1).forEach((attempt, k) => {
      if (!isRetryable(attempt)) findings.retryProblems.push(`${where}: attempt ${k + 1} (${answerOf(attempt)}) is final, yet retried`);
    });
    if (plan.mayRetry && isRetryable(last) && attempts.length < 1 + plan.maxRetries) {
      findings.retryProblems.push(`${where}: gave up after ${attempts.length} of ${1 + plan.maxRetries} attempts on ${answerOf(last)}`);
    }
    if (operation.method === "POST" || operation.method === "PATCH") {
      if (attempts.length > 1) findings.nonIdempotentRetried++;
      if (!plan.mayRetry && isRetryable(last)) {
        findings.nonIdempotentNotRetried++;
        if (last.server?.fault === "resetMidBody") findings.nonIdempotentResetAfterProcessing++;
      }
    }

    // Retry-After: the next attempt arrives no sooner than the server asked (both times on the server's clock).
    const wait = records.retryAfterMs[operation.api];
    for (let k = 0; k + 1 < attempts.length; k++) {
      const [asked, next] = [attempts[k]!, attempts[k + 1]!];
      // An answer the client abandoned asked it nothing.
      if (asked.timedOut || asked.server === undefined || next.server === undefined) continue;
      const fault = asked.server.fault;
      if (fault !== "retry429" && fault !== "retry503") continue;
      const gap = next.server.timestamp - asked.server.timestamp;
      if (gap + CLOCK_SLACK_MS < wait)
        findings.retryAfterProblems.push(`${where}: retried ${gap} ms after a ${fault} asking for ${wait} ms`);
      if (wait >= 1000) {
        waitsChecked++;
        shortestWait = Math.min(shortestWait, gap);
      }
    }

    // Outcome: what the last answer demands, with the attempt count the server saw.
    const outcome = outcomeName(result);
    const row =
      last.server === undefined || (last.timedOut && last.server.fault !== "delay")
        ? `client timeout (${answerOf(last)})`
        : (last.server.fault ?? `none ${last.server.status}`);
    findings.table[row] ??= {};
    findings.table[row]![outcome] = (findings.table[row]![outcome] ?? 0) + 1;
    const problem = outcomeProblem(expectedOf(operation, last), result, attempts.length);
    if (problem !== undefined) findings.outcomeProblems.push(`${where}: last answer ${answerOf(last)}, ${problem}`);

    // A call that met no fault ends as its probe did: the faults of other calls changed nothing for it.
    if (attempts.every((attempt) => attempt.server !== undefined && attempt.server.fault === undefined && !attempt.timedOut)) {
      const key = operationKey(operation);
      faultFreeOperations.add(key);
      const probe = records.probes.get(key);
      const expected = probe === undefined ? "no probe" : outcomeName(probe);
      if (outcome !== expected)
        findings.faultFreeProblems.push(`${where}: met no fault and ended as ${outcome}; without faults it ended as ${expected}`);
      else if (outcome === "data") findings.faultFreeData++;
    }
  }
  const everyOperation = new Set(calls.map(({ plan }) => operationKey(plan.operation)));
  findings.operationsNeverFaultFree.push(...[...everyOperation].filter((key) => !faultFreeOperations.has(key)).sort());
  return { ...findings, retryAfterWaits: { checked: waitsChecked, shortestMs: shortestWait } };
}

/** Retryable from the client's point of view: an abandoned attempt, or an answer the policy retries. */
function isRetryable(attempt: Attempt): boolean {
  return attempt.timedOut || (attempt.server !== undefined && isRetryableAnswer(attempt.server));
}

/** An attempt the client abandoned is a timeout, whatever the server would have answered. */
function expectedOf(operation: SettledCall["plan"]["operation"], last: Attempt): ExpectedOutcome {
  return last.timedOut || last.server === undefined
    ? { settles: "rejected", errorClass: TimeoutError }
    : expectedOutcome(operation, last.server);
}

function outcomeProblem(expected: ExpectedOutcome, result: PromiseSettledResult<unknown>, attempts: number): string | undefined {
  if (expected.settles === "fulfilled") return result.status === "fulfilled" ? undefined : `expected data, got ${describe(result)}`;
  if (result.status === "fulfilled") return `expected ${expected.errorClass.name}, got data`;
  const error = result.reason as SdkError & { status?: number; attempts?: number };
  if (!(error instanceof SdkError) || error.constructor !== expected.errorClass)
    return `expected ${expected.errorClass.name}, got ${describe(result)}`;
  if (expected.status !== undefined && error.status !== expected.status)
    return `expected status ${expected.status}, got ${String(error.status)}`;
  if (error.attempts !== attempts)
    return `the error says ${String(error.attempts)} attempts, the server saw ${attempts}; ${describe(result)}`;
  return undefined;
}

function answerOf(attempt: Attempt): string {
  if (attempt.server === undefined) return "never arrived";
  return attempt.server.fault ?? `status ${String(attempt.server.status)}`;
}

/** "data", or the error's class and status: the column of the outcome table. */
export function outcomeName(result: PromiseSettledResult<unknown>): string {
  if (result.status === "fulfilled") return "data";
  const error = result.reason;
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
  return `${outcomeName(result)}: ${error.message}${causes.length ? ` (cause: ${causes.join(" ← ")})` : ""}`;
}
