/**
 * Refusing a call whose arguments cannot be sent correctly, before anything goes out: params that
 * are not an object, missing path parameters, headers, or body, and malformed per-call options.
 */
import type { CallOptions } from "../core/options.js";
import { InvalidRequestError } from "../core/errors.js";
import type { ClientState, RequestParams } from "./client-state.js";
import type { OperationPlan } from "./operation-plan.js";
import { MAX_TIMER_MS } from "./attempt-abort.js";
import { CALL_OPTIONS, unknownOption } from "./option-names.js";
import { checkHeaders, checkPathParam, checkQuery, hasHeader } from "./request-checks.js";

/** Throws an InvalidRequestError naming the operation and the argument at fault. */
export function checkCall(state: ClientState, plan: OperationPlan, params: RequestParams, options: CallOptions | undefined): void {
  const operationId = plan.meta.operationId;
  if (typeof params !== "object" || params === null) {
    throw new InvalidRequestError(operationId, `params must be an object, got ${params === null ? "null" : typeof params}`);
  }
  for (const name of plan.pathParams) checkPathParam(operationId, name, params.path?.[name]);
  if (params.query !== undefined) checkQuery(operationId, params.query);
  if (params.header !== undefined) checkHeaders(operationId, "params", params.header);
  if (options !== undefined) checkOptions(operationId, options);
  for (const [lower, name] of plan.requiredHeaders) {
    if (!state.defaultHeaderNames.has(lower) && !hasHeader(params.header, lower) && !hasHeader(options?.headers, lower)) {
      throw new InvalidRequestError(operationId, `required header "${name}" is not set: set it on the client or pass it in params.header`);
    }
  }
  if (plan.meta.request?.required && params.body === undefined) {
    throw new InvalidRequestError(operationId, "the request body is required (params.body)");
  }
}

function checkOptions(operationId: string, options: CallOptions): void {
  if (typeof options !== "object" || options === null) throw new InvalidRequestError(operationId, "options must be an object");
  const unknown = unknownOption(options, CALL_OPTIONS, "call option");
  if (unknown !== undefined) throw new InvalidRequestError(operationId, unknown);
  const { maxRetries, timeoutMs, headers } = options;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new InvalidRequestError(operationId, "options.maxRetries must be a non-negative integer");
  }
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs >= 0)) {
    throw new InvalidRequestError(operationId, "options.timeoutMs must be a non-negative number");
  }
  if (timeoutMs !== undefined && timeoutMs > MAX_TIMER_MS) {
    throw new InvalidRequestError(
      operationId,
      `options.timeoutMs must be at most ${MAX_TIMER_MS} ms (about 24.8 days), the longest a timer can wait`,
    );
  }
  if (headers !== undefined) checkHeaders(operationId, "options", headers);
}
