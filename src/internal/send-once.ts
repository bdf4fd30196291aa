/**
 * How a basic client sends a call: one request, the caller's signal passed through, a network
 * failure reported as a ConnectionError and an abort as a RequestAbortedError. No retries, no
 * timeout of its own, no token refresh: that is `createClient`'s job.
 */
import { ConnectionError, InvalidRequestError, RequestAbortedError, type RequestFacts } from "../core/errors.js";
import { AttemptAbort } from "./attempt-abort.js";
import { checkToken } from "./auth-handler.js";
import { sendRequest, type FetchResult, type Send } from "./client-state.js";
import { logAttempt } from "./log-attempt.js";
import { factsOf, settle, tooLargeError } from "./settle.js";
import { BodyTooLarge, isConnectionFailure } from "./transport.js";

/** The token function's answer, or a RequestAbortedError as soon as the caller's signal aborts. */
async function tokenUnlessAborted(
  getToken: () => string | Promise<string>,
  signal: AbortSignal | undefined,
  facts: () => RequestFacts,
): Promise<string> {
  if (signal?.aborted) throw new RequestAbortedError(facts(), { cause: signal.reason });
  const pending = getToken();
  if (signal === undefined || !(pending instanceof Promise)) return pending;
  const guard = new AttemptAbort(0, signal);
  try {
    return await Promise.race([pending, guard.aborted]);
  } catch (error) {
    if (signal.aborted) throw new RequestAbortedError(facts(), { cause: signal.reason });
    throw error;
  } finally {
    guard.release();
  }
}

/** The `send` of a basic client; `getToken` is its token function, when it has one. */
export function sendOnce(getToken: (() => string | Promise<string>) | undefined): Send {
  return async (state, plan, params, options) => {
    if (
      options !== undefined &&
      (options.timeoutMs !== undefined || options.maxRetries !== undefined || options.retryNonIdempotent !== undefined)
    ) {
      throw new InvalidRequestError(
        plan.meta.operationId,
        "options.timeoutMs, maxRetries and retryNonIdempotent need a client from createClient() or an API factory; a basic client sends each call once (cancel it with options.signal)",
      );
    }
    const signal = options?.signal;
    let token: string | undefined;
    if (getToken !== undefined) {
      token = await tokenUnlessAborted(getToken, signal, () => factsOf(state, plan, params, 0));
      checkToken(token, "the token function");
    }
    const headers =
      plan.requestContentType === undefined && token === undefined
        ? options?.headers
        : {
            "content-type": plan.requestContentType,
            authorization: token === undefined ? undefined : `Bearer ${token}`,
            ...options?.headers,
          };
    const startedAt = state.log ? performance.now() : 0;
    let result: FetchResult;
    try {
      result = await sendRequest(state, plan, { params, body: params.body, headers, parseAs: plan.successParseAs, signal });
    } catch (error) {
      const failure =
        error instanceof BodyTooLarge
          ? tooLargeError(state, plan, params, 1, error, token, options?.headers)
          : signal?.aborted
            ? new RequestAbortedError(factsOf(state, plan, params, 1), { cause: signal.reason })
            : isConnectionFailure(error)
              ? new ConnectionError(factsOf(state, plan, params, 1), { cause: error })
              : error;
      if (state.log) logAttempt(state, plan, params, token, options?.headers, { level: "error", attempt: 1, startedAt, error: failure });
      throw failure;
    }
    if (!state.log) return settle(state, plan, params, result, 1, token, options?.headers);
    const response = result.response;
    try {
      const outcome = await settle(state, plan, params, result, 1, token, options?.headers);
      logAttempt(state, plan, params, token, options?.headers, { level: response.ok ? "info" : "error", attempt: 1, startedAt, response });
      return outcome;
    } catch (error) {
      logAttempt(state, plan, params, token, options?.headers, { level: "error", attempt: 1, startedAt, response, error });
      throw error;
    }
  };
}
