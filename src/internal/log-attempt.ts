/**
 * One log line per attempt: method, redacted URL, status, duration, attempt number, and when the
 * call goes on, how long it waits and why. Headers are never logged; the URL and any error text
 * have the call's secrets (token, API key, secret-looking headers) cut out first.
 */
import type { HeaderRecord } from "../core/options.js";
import type { LineLevel } from "./call-log.js";
import type { ClientState, RequestParams } from "./client-state.js";
import type { OperationPlan } from "./operation-plan.js";
import { requestIdOf } from "./request-id.js";
import { factsOf, redactorOf } from "./settle.js";

/** What happened in one attempt. */
export interface AttemptReport {
  readonly level: LineLevel;
  readonly attempt: number;
  /** When the attempt started (performance.now()). */
  readonly startedAt: number;
  readonly response?: Response | undefined;
  /** The error the attempt ended with, when it had no response (or the call's final error). */
  readonly error?: unknown;
  /** The wait before the next attempt, when there is one. */
  readonly retryInMs?: number | undefined;
  /** Why the call goes on (or stops). */
  readonly reason?: string | undefined;
}

/** Writes the line of one attempt; only called when the client logs. */
export function logAttempt(
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  token: string | undefined,
  callHeaders: HeaderRecord | undefined,
  report: AttemptReport,
): void {
  const redact = redactorOf(state, params, token, callHeaders);
  const { method, url, operationId } = factsOf(state, plan, params, report.attempt, redact);
  const status = report.response?.status;
  const durationMs = Math.round(performance.now() - report.startedAt);
  const requestId = report.response === undefined ? undefined : requestIdOf(report.response.headers);
  const problem =
    report.error === undefined ? undefined : redact.redact(report.error instanceof Error ? report.error.message : String(report.error));
  const outcome =
    report.response !== undefined
      ? `→ ${status} in ${durationMs} ms`
      : report.error !== undefined
        ? `failed after ${durationMs} ms`
        : "sending";
  const message =
    `${method} ${url} ${outcome} (attempt ${report.attempt})` +
    (report.retryInMs === undefined ? "" : `, retrying in ${Math.round(report.retryInMs)} ms`) +
    (report.reason === undefined ? "" : `: ${report.reason}`) +
    (problem === undefined ? "" : `: ${problem}`);
  state.log?.(report.level, message, {
    operationId,
    method,
    url,
    status,
    durationMs,
    attempt: report.attempt,
    retryInMs: report.retryInMs,
    reason: report.reason,
    requestId,
  });
}
