/**
 * `callOperation`: what every generated wrapper calls. Checks the params, sends the request
 * through the client's openapi-fetch instance with auth and a per-attempt timeout, retries by the
 * client's policy, refreshes the token once on a 401, and decodes the answer by the operation's
 * documented media types into data or a typed error.
 */
import { createFinalURL, createQuerySerializer } from "openapi-fetch";
import { ApiPromise, type CallOutcome } from "./api-promise.js";
import {
  ApiError,
  ConnectionError,
  InvalidRequestError,
  RequestAbortedError,
  ResponseDecodeError,
  ResponseValidationError,
  TimeoutError,
  TokenRequestError,
  type RequestFacts,
} from "./errors.js";
import type { Client } from "./client.js";
import type { OperationMeta } from "./operation-types.js";
import { AttemptAbort, sleep } from "../internal/attempt-abort.js";
import { AUTH_TOKEN, type AuthHeaders } from "../internal/auth-handler.js";
import { ClientObject, type ClientState } from "../internal/client-state.js";
import { DecodeFailure, decodeBody, isJsonMedia } from "../internal/decode-body.js";
import { documentedMedia, planOf, type OperationPlan } from "../internal/operation-plan.js";
import { excerptOf, redactUrl } from "../internal/redact.js";
import { checkHeaders, checkPathParam, hasHeader, type HeaderRecord } from "../internal/request-checks.js";
import { isRetryableStatus, retryDelayMs } from "../internal/retry-policy.js";
import { discardErrorBody, errorBodyText, isFetchFailure } from "../internal/transport.js";

/** Per-call options, the last argument of every operation. */
export interface CallOptions {
  /** Aborts the call (and any retry wait); the promise rejects with a RequestAbortedError. */
  signal?: AbortSignal;
  /** Timeout of each attempt in ms for this call; 0 disables it. Overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retries after the first attempt for this call; 0 turns retries off. Overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Retry this call even if it is a POST or PATCH. Overrides the client's `retryNonIdempotent`. */
  retryNonIdempotent?: boolean;
  /** Extra headers for this call; they override the client's defaults (null removes one). Typed params win over these. */
  headers?: HeaderRecord;
}

/** The params object of an operation, as the runtime reads it. */
interface RequestParams {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly header?: HeaderRecord;
  readonly body?: unknown;
}

const defaultQuerySerializer = createQuerySerializer();

/**
 * Sends one operation. Generated wrappers call it with their operation record; the type
 * parameters come from the wrapper's return type.
 */
export function callOperation<Data, Errors>(
  client: Client<any>,
  meta: OperationMeta,
  params?: object,
  options?: CallOptions,
): ApiPromise<Data, Errors> {
  return new ApiPromise<Data, Errors>(execute(client, meta, params as RequestParams | undefined, options));
}

/** Refuses a call that cannot be sent correctly, before anything goes out. */
function checkCall(state: ClientState, plan: OperationPlan, params: RequestParams, options: CallOptions | undefined): void {
  const operationId = plan.meta.operationId;
  if (typeof params !== "object" || params === null) {
    throw new InvalidRequestError(operationId, `params must be an object, got ${params === null ? "null" : typeof params}`);
  }
  for (const name of plan.pathParams) checkPathParam(operationId, name, params.path?.[name]);
  if (params.header !== undefined) checkHeaders(operationId, "params", params.header);
  if (options !== undefined) checkOptions(operationId, options);
  for (const [lower, name] of plan.requiredHeaders) {
    if (!state.defaultHeaderNames.has(lower) && !hasHeader(params.header, lower) && !hasHeader(options?.headers, lower)) {
      throw new InvalidRequestError(
        operationId,
        `required header "${name}" is not set: set it on the client or pass it in params.header`,
      );
    }
  }
  if (plan.meta.request?.required && params.body === undefined) {
    throw new InvalidRequestError(operationId, "the request body is required (params.body)");
  }
}

function checkOptions(operationId: string, options: CallOptions): void {
  if (typeof options !== "object" || options === null) throw new InvalidRequestError(operationId, "options must be an object");
  const { maxRetries, timeoutMs, headers } = options;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new InvalidRequestError(operationId, "options.maxRetries must be a non-negative integer");
  }
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs >= 0)) {
    throw new InvalidRequestError(operationId, "options.timeoutMs must be a non-negative number");
  }
  if (headers !== undefined) checkHeaders(operationId, "options", headers);
}

/** Auth, content type and per-call headers for one attempt; reuses an existing object when it can. */
function attemptHeaders(auth: AuthHeaders | undefined, contentType: string | undefined, call: HeaderRecord | undefined) {
  if (contentType === undefined) {
    if (auth === undefined) return call;
    if (call === undefined) return auth;
  }
  return { ...(contentType === undefined ? undefined : { "content-type": contentType }), ...auth, ...call };
}

/** The call's facts for error messages; the URL is built (and redacted) only when an error needs it. */
function factsOf(state: ClientState, plan: OperationPlan, params: RequestParams, attempts: number): RequestFacts {
  let url: string;
  try {
    url = createFinalURL(plan.meta.path, {
      baseUrl: state.baseUrl,
      params: params as { path?: Record<string, unknown>; query?: Record<string, unknown> },
      querySerializer: defaultQuerySerializer,
      pathSerializer: state.pathSerializer,
    });
  } catch {
    url = state.baseUrl + plan.meta.path;
  }
  return { operationId: plan.meta.operationId, method: plan.method, url: redactUrl(url), attempts };
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
  // undici reports a connection lost while reading the body as TypeError("terminated").
  if (isFetchFailure(error) || (error instanceof TypeError && error.message === "terminated")) {
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

async function execute(client: unknown, meta: OperationMeta, maybeParams: RequestParams | undefined, options: CallOptions | undefined): Promise<CallOutcome> {
  const state = ClientObject.stateOf(client);
  const plan = planOf(meta);
  const params: RequestParams = maybeParams ?? {};
  checkCall(state, plan, params, options);

  const userSignal = options?.signal;
  const timeoutMs = options?.timeoutMs ?? state.timeoutMs;
  const maxRetries = options?.maxRetries ?? state.maxRetries;
  const mayRetry = plan.idempotent || (options?.retryNonIdempotent ?? state.retryNonIdempotent);
  const callHeaders = options?.headers;
  const init: {
    params: RequestParams;
    body: unknown;
    headers: HeaderRecord | AuthHeaders | undefined;
    fetch: ((request: Request) => Promise<Response>) | undefined;
    parseAs: "text" | "blob";
  } = { params, body: params.body, headers: undefined, fetch: undefined, parseAs: plan.successParseAs };

  let attempts = 0;
  let retries = 0;
  let reauthorized = false;
  for (;;) {
    if (userSignal?.aborted) throw new RequestAbortedError(factsOf(state, plan, params, attempts), { cause: userSignal.reason });

    let auth: AuthHeaders | undefined;
    const pendingAuth = state.auth?.headers();
    if (pendingAuth !== undefined) {
      try {
        auth = pendingAuth instanceof Promise ? await pendingAuth : pendingAuth;
      } catch (error) {
        // No API request went out, so retrying is safe for every method.
        if (error instanceof TokenRequestError && error.retryable && retries < maxRetries) {
          retries++;
          await waitBeforeRetry(retryDelayMs(undefined, retries, state.backoff) ?? 0, userSignal, () => factsOf(state, plan, params, attempts));
          continue;
        }
        throw error;
      }
    }
    init.headers = attemptHeaders(auth, plan.requestContentType, callHeaders);

    attempts++;
    const guard = timeoutMs > 0 || userSignal !== undefined ? new AttemptAbort(timeoutMs, userSignal) : undefined;
    // The attempt's signal travels as fetch's init (see AttemptAbort); openapi-fetch takes a per-call fetch.
    init.fetch = guard === undefined ? undefined : (request: Request) => state.fetch(request, guard.init);
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      const pending = state.fetchClient.request(meta.method, meta.path, init as never);
      result = guard === undefined ? await pending : await Promise.race([pending, guard.aborted]);
    } catch (error) {
      guard?.release();
      const failure = failureOf(error, guard, userSignal, factsOf(state, plan, params, attempts), timeoutMs);
      if (failure.retryable && mayRetry && retries < maxRetries) {
        retries++;
        await waitBeforeRetry(retryDelayMs(undefined, retries, state.backoff) ?? 0, userSignal, () => factsOf(state, plan, params, attempts));
        continue;
      }
      throw failure.error;
    }
    guard?.release();

    const response = result.response;
    const status = response.status;
    if (status === 401 && auth !== undefined && !reauthorized && state.auth?.invalidate(auth[AUTH_TOKEN])) {
      reauthorized = true;
      discardErrorBody(response);
      continue;
    }
    if (!response.ok && mayRetry && retries < maxRetries && isRetryableStatus(status)) {
      const delay = retryDelayMs(response.headers, retries + 1, state.backoff);
      if (delay !== undefined) {
        retries++;
        discardErrorBody(response);
        await waitBeforeRetry(delay, userSignal, () => factsOf(state, plan, params, attempts));
        continue;
      }
    }
    return settle(state, plan, params, result, attempts, auth);
  }
}

/** Decodes (and optionally validates) the final answer into the call's outcome. */
async function settle(
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  result: { data?: unknown; error?: unknown; response: Response },
  attempts: number,
  auth: AuthHeaders | undefined,
): Promise<CallOutcome> {
  const { response } = result;
  const status = response.status;
  const media = documentedMedia(plan.meta, status);
  let raw: unknown;
  if (response.ok) {
    raw = result.data;
    if (raw instanceof Blob && media != null && (isJsonMedia(media) || media.startsWith("text/"))) raw = await raw.text();
  } else {
    // The exact text the wrapper kept; openapi-fetch's parsed copy only when a middleware swapped the response.
    raw = await errorBodyText(response);
    if (raw === undefined && result.error !== undefined) raw = typeof result.error === "string" ? result.error : JSON.stringify(result.error);
  }
  const body = decodeBody(raw as string | Blob | undefined, media, status, response.headers);
  if (body instanceof DecodeFailure) {
    throw new ResponseDecodeError({
      ...factsOf(state, plan, params, attempts),
      status,
      headers: response.headers,
      expected: media ?? "a body",
      problem: body.problem,
      excerpt: excerptOf(body.raw, auth === undefined ? state.secrets : [...state.secrets, auth[AUTH_TOKEN]]),
    });
  }
  if (state.responseCheck !== undefined && media != null && isJsonMedia(media)) {
    const check = await state.responseCheck();
    const statusKey = statusKeyOf(plan.meta, status);
    const mismatch = statusKey === undefined ? undefined : check(plan.meta, statusKey, media, body);
    if (mismatch !== undefined) {
      throw new ResponseValidationError({ ...factsOf(state, plan, params, attempts), status, headers: response.headers, ...mismatch });
    }
  }
  if (response.ok) return { data: body, error: undefined, response };
  const error = ApiError.fromResponse({
    ...factsOf(state, plan, params, attempts),
    status,
    statusText: response.statusText,
    body,
    headers: response.headers,
  });
  return { data: undefined, error, response };
}

/** The key of `meta.responses` that documents a status: exact, range or default. */
function statusKeyOf(meta: OperationMeta, status: number): string | undefined {
  const exact = String(status);
  if (meta.responses[exact] !== undefined) return exact;
  const range = `${Math.floor(status / 100)}XX`;
  if (meta.responses[range] !== undefined) return range;
  return meta.responses["default"] !== undefined ? "default" : undefined;
}
