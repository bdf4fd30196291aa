/**
 * How a basic client sends a call: one request, the caller's signal passed through, a network
 * failure reported as a ConnectionError and an abort as a RequestAbortedError. No retries, no
 * timeout of its own, no token refresh: that is `createClient`'s job.
 */
import { ConnectionError, InvalidRequestError, RequestAbortedError } from "../core/errors.js";
import { checkToken } from "./auth-handler.js";
import type { Send } from "./client-state.js";
import { factsOf, settle, type FetchResult } from "./settle.js";
import { isConnectionFailure } from "./transport.js";

/** The `send` of a basic client; `getToken` is its token function, when it has one. */
export function sendOnce(getToken: (() => string | Promise<string>) | undefined): Send {
  return async (state, plan, params, options) => {
    if (options !== undefined && (options.timeoutMs !== undefined || options.maxRetries !== undefined || options.retryNonIdempotent !== undefined)) {
      throw new InvalidRequestError(
        plan.meta.operationId,
        "options.timeoutMs, maxRetries and retryNonIdempotent need a client from createClient() or an API factory; a basic client sends each call once (cancel it with options.signal)",
      );
    }
    let token: string | undefined;
    if (getToken !== undefined) {
      token = await getToken();
      checkToken(token, "the token function");
    }
    const signal = options?.signal;
    const headers =
      plan.requestContentType === undefined && token === undefined
        ? options?.headers
        : { "content-type": plan.requestContentType, authorization: token === undefined ? undefined : `Bearer ${token}`, ...options?.headers };
    let result: FetchResult;
    try {
      result = await state.fetchClient.request(plan.meta.method, plan.meta.path, {
        params,
        body: params.body,
        headers,
        parseAs: plan.successParseAs,
        signal,
      } as never);
    } catch (error) {
      if (signal?.aborted) throw new RequestAbortedError(factsOf(state, plan, params, 1), { cause: signal.reason });
      if (isConnectionFailure(error)) {
        throw new ConnectionError(factsOf(state, plan, params, 1), { cause: error });
      }
      throw error;
    }
    return settle(state, plan, params, result, 1, token, options?.headers);
  };
}
