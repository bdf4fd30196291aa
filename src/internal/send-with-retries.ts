/**
 * How `createClient` sends a call: auth headers per attempt, a per-attempt timeout, retries by
 * the client's policy (network failures, timeouts, retryable statuses, token errors), and one
 * retry with a fresh token after a 401.
 */
import type { CallOutcome } from "../core/api-promise.js";
import type { CallOptions } from "../core/call-operation.js";
import { ConnectionError, RequestAbortedError, TimeoutError, TokenRequestError, type RequestFacts } from "../core/errors.js";
import { AttemptAbort, sleep } from "./attempt-abort.js";
import { AUTH_TOKEN, type AuthHandler, type AuthHeaders } from "./auth-handler.js";
import type { ClientState, RequestParams, Send } from "./client-state.js";
import type { OperationPlan } from "./operation-plan.js";
import type { HeaderRecord } from "./request-checks.js";
import { isRetryableStatus, retryDelayMs, type BackoffPolicy } from "./retry-policy.js";
import { factsOf, settle, tooLargeError, type FetchResult } from "./settle.js";
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

  let attempts = 0;
  let retries = 0;
  let reauthorized = false;
  for (;;) {
    if (userSignal?.aborted) throw new RequestAbortedError(facts(), { cause: userSignal.reason });

    // One abort wiring per attempt, armed before the token is asked for: the caller's signal and
    // timeoutMs cover getting a token as well as the request.
    const guard = timeoutMs > 0 || userSignal !== undefined ? new AttemptAbort(timeoutMs, userSignal) : undefined;
    let auth: AuthHeaders | undefined;
    const pendingAuth = config.auth?.headers();
    if (pendingAuth !== undefined) {
      try {
        auth =
          !(pendingAuth instanceof Promise) ? pendingAuth
          : guard === undefined ? await pendingAuth
          : await Promise.race([pendingAuth, guard.aborted]);
      } catch (error) {
        guard?.release();
        if (userSignal?.aborted) throw new RequestAbortedError(facts(), { cause: userSignal.reason });
        // No API request went out, so retrying is safe for every method.
        const timedOut = guard?.timedOut === true;
        if ((timedOut || (error instanceof TokenRequestError && error.retryable)) && retries < maxRetries) {
          retries++;
          await waitBeforeRetry(retryDelayMs(undefined, retries, config.backoff) ?? 0, userSignal, facts);
          continue;
        }
        throw timedOut ? new TimeoutError({ ...facts(), timeoutMs }) : error;
      }
    }
    init.headers = attemptHeaders(auth, plan.requestContentType, callHeaders);

    attempts++;
    // The attempt's signal travels as fetch's init (see AttemptAbort); openapi-fetch takes a per-call fetch.
    init.fetch = guard === undefined ? undefined : (request: Request) => config.fetch(request, guard.init);
    let result: FetchResult;
    try {
      const pending = state.fetchClient.request(plan.meta.method, plan.meta.path, init as never);
      result = guard === undefined ? await pending : await Promise.race([pending, guard.aborted]);
    } catch (error) {
      guard?.release();
      if (error instanceof BodyTooLarge) throw tooLargeError(state, plan, params, attempts, error, auth?.[AUTH_TOKEN], callHeaders);
      const failure = failureOf(error, guard, userSignal, facts(), timeoutMs);
      if (failure.retryable && mayRetry && retries < maxRetries) {
        retries++;
        await waitBeforeRetry(retryDelayMs(undefined, retries, config.backoff) ?? 0, userSignal, facts);
        continue;
      }
      throw failure.error;
    }
    guard?.release();

    const response = result.response;
    const status = response.status;
    if (status === 401 && auth !== undefined && !reauthorized && config.auth?.invalidate(auth[AUTH_TOKEN])) {
      reauthorized = true;
      discardErrorBody(response);
      continue;
    }
    if (!response.ok && mayRetry && retries < maxRetries && isRetryableStatus(status)) {
      const delay = retryDelayMs(response.headers, retries + 1, config.backoff);
      if (delay !== undefined) {
        retries++;
        discardErrorBody(response);
        await waitBeforeRetry(delay, userSignal, facts);
        continue;
      }
    }
    return settle(state, plan, params, result, attempts, auth?.[AUTH_TOKEN], callHeaders);
  }
}
