/**
 * How `createClient` sends a call: auth headers per attempt, a per-attempt timeout, retries by
 * the client's policy (network failures, timeouts, retryable statuses, token errors), and one
 * retry with a fresh token after a 401.
 */
import type { CallOutcome } from "../core/api-promise.js";
import type { CallOptions } from "../core/options.js";
import { ConnectionError, RequestAbortedError, TimeoutError, TokenRequestError, type RequestFacts } from "../core/errors.js";
import { AttemptAbort, sleep } from "./attempt-abort.js";
import { AUTH_TOKEN, type AuthHandler, type AuthHeaders } from "./auth-handler.js";
import { sendRequest, type ClientState, type FetchResult, type RequestParams, type Send } from "./client-state.js";
import type { OperationPlan } from "./operation-plan.js";
import type { HeaderRecord } from "../core/options.js";
import { logAttempt } from "./log-attempt.js";
import { isRetryableStatus, retryDelayMs, serverRequestedDelayMs, type BackoffPolicy } from "./retry-policy.js";
import { factsOf, settle, tooLargeError } from "./settle.js";
import { BodyTooLarge, discardErrorBody, isConnectionFailure } from "./transport.js";

/** The policy of one client, checked by createClient. */
export interface RetryConfig {
  /** The client's fetch, wrapped by `wrapFetch`; called with `(request, { signal })`. */
  readonly fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  readonly auth: AuthHandler | undefined;
  readonly maxRetries: number;
  readonly retryNonIdempotent: boolean;
  readonly backoff: BackoffPolicy;
  readonly timeoutMs: number;
}

/** Auth, content type and per-call headers for one attempt; reuses an existing object when it can. */
function attemptHeaders(auth: AuthHeaders | undefined, contentType: string | undefined, call: HeaderRecord | undefined) {
  if (contentType === undefined) {
    if (auth === undefined) return call;
    if (call === undefined) return auth;
  }
  return { ...(contentType === undefined ? undefined : { "content-type": contentType }), ...auth, ...call };
}

/** What a failed attempt becomes, and whether it may be retried. */
function failureOf(
  error: unknown,
  guard: AttemptAbort | undefined,
  userSignal: AbortSignal | undefined,
  facts: RequestFacts,
  timeoutMs: number,
): { error: unknown; retryable: boolean } {
  if (userSignal?.aborted) return { error: new RequestAbortedError(facts, { cause: userSignal.reason }), retryable: false };
  if (guard?.timedOut) return { error: new TimeoutError({ ...facts, timeoutMs }), retryable: true };
  if (isConnectionFailure(error)) {
    return { error: new ConnectionError(facts, { cause: error }), retryable: true };
  }
  // Thrown by a middleware or a serializer: a bug to report as is, not a reason to retry.
  return { error, retryable: false };
}

async function waitBeforeRetry(ms: number, userSignal: AbortSignal | undefined, facts: () => RequestFacts): Promise<void> {
  try {
    await sleep(ms, userSignal);
  } catch (reason) {
    throw new RequestAbortedError(facts(), { cause: reason });
  }
}

/** The `send` of a client with this policy. */
export function sendWithRetries(config: RetryConfig): Send {
  return (state, plan, params, options) => execute(config, state, plan, params, options);
}

async function execute(
  config: RetryConfig,
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  options: CallOptions | undefined,
): Promise<CallOutcome> {
  const userSignal = options?.signal;
  const timeoutMs = options?.timeoutMs ?? config.timeoutMs;
  const maxRetries = options?.maxRetries ?? config.maxRetries;
  const mayRetry = plan.idempotent || (options?.retryNonIdempotent ?? config.retryNonIdempotent);
  const callHeaders = options?.headers;
  const init: {
    params: RequestParams;
    body: unknown;
    headers: HeaderRecord | AuthHeaders | undefined;
    fetch: ((request: Request) => Promise<Response>) | undefined;
    parseAs: "text" | "blob";
  } = { params, body: params.body, headers: undefined, fetch: undefined, parseAs: plan.successParseAs };
  const facts = () => factsOf(state, plan, params, attempts);
  const log = state.log;

  let attempts = 0;
  let retries = 0;
  let reauthorized = false;
  for (;;) {
    if (userSignal?.aborted) throw new RequestAbortedError(facts(), { cause: userSignal.reason });

    // One abort wiring per attempt, armed before the token is asked for: the caller's signal and
    // timeoutMs cover getting a token as well as the request.
    const guard = timeoutMs > 0 || userSignal !== undefined ? new AttemptAbort(timeoutMs, userSignal) : undefined;
    const startedAt = log ? performance.now() : 0;
    let auth: AuthHeaders | undefined;
    const pendingAuth = config.auth?.headers();
    if (pendingAuth !== undefined) {
      try {
        auth = !(pendingAuth instanceof Promise)
          ? pendingAuth
          : guard === undefined
            ? await pendingAuth
            : await Promise.race([pendingAuth, guard.aborted]);
      } catch (error) {
        guard?.release();
        if (userSignal?.aborted) throw new RequestAbortedError(facts(), { cause: userSignal.reason });
        // No API request went out, so retrying is safe for every method.
        const timedOut = guard?.timedOut === true;
        if ((timedOut || (error instanceof TokenRequestError && error.retryable)) && retries < maxRetries) {
          retries++;
          const wait = retryDelayMs(undefined, retries, config.backoff) ?? 0;
          if (log)
            logAttempt(state, plan, params, undefined, callHeaders, {
              level: "warn",
              attempt: attempts + 1,
              startedAt,
              error,
              retryInMs: wait,
              reason: "getting an access token failed",
            });
          await waitBeforeRetry(wait, userSignal, facts);
          continue;
        }
        throw timedOut ? new TimeoutError({ ...facts(), timeoutMs }) : error;
      }
    }
    init.headers = attemptHeaders(auth, plan.requestContentType, callHeaders);

    attempts++;
    if (log) logAttempt(state, plan, params, auth?.[AUTH_TOKEN], callHeaders, { level: "debug", attempt: attempts, startedAt });
    // The attempt's signal travels as fetch's init (see AttemptAbort); openapi-fetch takes a per-call fetch.
    init.fetch = guard === undefined ? undefined : (request: Request) => config.fetch(request, guard.init);
    let result: FetchResult;
    try {
      const pending = sendRequest(state, plan, init);
      result = guard === undefined ? await pending : await Promise.race([pending, guard.aborted]);
    } catch (error) {
      guard?.release();
      if (error instanceof BodyTooLarge) {
        const tooLarge = tooLargeError(state, plan, params, attempts, error, auth?.[AUTH_TOKEN], callHeaders);
        if (log)
          logAttempt(state, plan, params, auth?.[AUTH_TOKEN], callHeaders, {
            level: "error",
            attempt: attempts,
            startedAt,
            error: tooLarge,
          });
        throw tooLarge;
      }
      const failure = failureOf(error, guard, userSignal, facts(), timeoutMs);
      if (failure.retryable && mayRetry && retries < maxRetries) {
        retries++;
        const wait = retryDelayMs(undefined, retries, config.backoff) ?? 0;
        if (log)
          logAttempt(state, plan, params, auth?.[AUTH_TOKEN], callHeaders, {
            level: "warn",
            attempt: attempts,
            startedAt,
            error: failure.error,
            retryInMs: wait,
          });
        await waitBeforeRetry(wait, userSignal, facts);
        continue;
      }
      if (log)
        logAttempt(state, plan, params, auth?.[AUTH_TOKEN], callHeaders, {
          level: "error",
          attempt: attempts,
          startedAt,
          error: failure.error,
        });
      throw failure.error;
    }
    guard?.release();

    const response = result.response;
    const status = response.status;
    const token = auth?.[AUTH_TOKEN];
    if (status === 401 && auth !== undefined && !reauthorized && config.auth?.invalidate(auth[AUTH_TOKEN])) {
      reauthorized = true;
      discardErrorBody(response);
      if (log)
        logAttempt(state, plan, params, token, callHeaders, {
          level: "warn",
          attempt: attempts,
          startedAt,
          response,
          retryInMs: 0,
          reason: "the token was refused; retrying once with a fresh one",
        });
      continue;
    }
    let note: string | undefined;
    if (!response.ok && retries < maxRetries && isRetryableStatus(status)) {
      const delay = mayRetry ? retryDelayMs(response.headers, retries + 1, config.backoff) : undefined;
      if (delay !== undefined) {
        retries++;
        discardErrorBody(response);
        if (log)
          logAttempt(state, plan, params, token, callHeaders, {
            level: "warn",
            attempt: attempts,
            startedAt,
            response,
            retryInMs: delay,
            reason: `status ${status} is retryable`,
          });
        await waitBeforeRetry(delay, userSignal, facts);
        continue;
      }
      note = mayRetry
        ? `not retried: the server asked to wait ${serverRequestedDelayMs(response.headers)} ms, more than maxRetryAfterMs (${config.backoff.maxRetryAfterMs} ms)`
        : `not retried: ${plan.method} is not safe to repeat by default; set retryNonIdempotent: true (on the client or the call) to retry it`;
    }
    if (!log) return settle(state, plan, params, result, attempts, token, callHeaders, note);
    try {
      const outcome = await settle(state, plan, params, result, attempts, token, callHeaders, note);
      logAttempt(state, plan, params, token, callHeaders, {
        level: response.ok ? "info" : "error",
        attempt: attempts,
        startedAt,
        response,
        reason: note,
      });
      return outcome;
    } catch (error) {
      logAttempt(state, plan, params, token, callHeaders, { level: "error", attempt: attempts, startedAt, response, error });
      throw error;
    }
  }
}
