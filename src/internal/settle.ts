/**
 * Turning the final HTTP answer of a call into its outcome: the body decoded by the operation's
 * documented media type (and checked against the spec when the client validates), or a typed
 * error. Shared by every kind of client.
 */
import { createFinalURL } from "openapi-fetch";
import type { CallOutcome } from "../core/api-promise.js";
import { ApiError, ResponseDecodeError, ResponseTooLargeError, ResponseValidationError, type RequestFacts } from "../core/errors.js";
import type { OperationMeta } from "../core/operation-types.js";
import type { ClientState, FetchResult, RequestParams } from "./client-state.js";
import { DecodeFailure, decodeBody, isJsonMedia } from "./decode-body.js";
import { documentedMedia, type OperationPlan } from "./operation-plan.js";
import { serializeQuery } from "./query-serializer.js";
import { excerptOf, redactUrl } from "./redact.js";
import type { HeaderRecord } from "../core/options.js";
import { secretHeaderValues, type Redactor } from "./secret-redactor.js";
import { requestIdOf } from "./request-id.js";
import { errorBodyText, type BodyTooLarge } from "./transport.js";

/**
 * The call's facts for error messages; the URL is built (and redacted) only when an error needs it.
 * With a `redactor`, the client's secrets are cut out of the URL by value too.
 */
export function factsOf(
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  attempts: number,
  redactor?: Redactor,
): RequestFacts {
  let url: string;
  try {
    url = createFinalURL(plan.meta.path, {
      baseUrl: state.baseUrl,
      params: params as { path?: Record<string, unknown>; query?: Record<string, unknown> },
      querySerializer: serializeQuery,
      pathSerializer: state.pathSerializer,
    });
  } catch {
    url = state.baseUrl + plan.meta.path;
  }
  const shown = redactUrl(url);
  return {
    operationId: plan.meta.operationId,
    method: plan.method,
    url: redactor === undefined ? shown : redactor.redact(shown),
    attempts,
  };
}

/**
 * Decodes (and optionally validates) the final answer into the call's outcome. `token` is the
 * access token the request went out with and `callHeaders` the call's own headers: like the
 * client's secrets, they are cut out of everything an error keeps (message, body, headers, URL).
 */
export async function settle(
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  result: FetchResult,
  attempts: number,
  token?: string,
  callHeaders?: HeaderRecord,
  note?: string,
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
    if (raw === undefined && result.error !== undefined)
      raw = typeof result.error === "string" ? result.error : JSON.stringify(result.error);
  }
  const body = decodeBody(raw as string | Blob | undefined, media, status, response.headers);
  if (body instanceof DecodeFailure) {
    const redact = redactorOf(state, params, token, callHeaders);
    throw new ResponseDecodeError({
      ...factsOf(state, plan, params, attempts, redact),
      status,
      headers: redact.redactHeaders(response.headers),
      expected: media ?? "a body",
      problem: body.problem,
      excerpt: excerptOf(body.raw, redact),
    });
  }
  if (state.responseCheck !== undefined && media != null && isJsonMedia(media)) {
    const check = await state.responseCheck();
    const statusKey = statusKeyOf(plan.meta, status);
    const mismatch = statusKey === undefined ? undefined : check(plan.meta, statusKey, media, body);
    if (mismatch !== undefined) {
      const redact = redactorOf(state, params, token, callHeaders);
      throw new ResponseValidationError({
        ...factsOf(state, plan, params, attempts, redact),
        status,
        headers: redact.redactHeaders(response.headers),
        pointer: redact.redact(mismatch.pointer),
        problem: redact.redact(mismatch.problem),
        schemaPath: mismatch.schemaPath,
      });
    }
  }
  if (response.ok) {
    // As openai-node: the id rides along on the data, invisible to JSON.stringify and spreads.
    // A value, not a lazy getter: an accessor on a parsed body cost far more per call (bench/README)
    // than the few header lookups it saved.
    if (typeof body === "object" && body !== null)
      Object.defineProperty(body, "_request_id", { value: requestIdOf(response.headers) ?? null, configurable: true });
    return { data: body, error: undefined, response };
  }
  const redact = redactorOf(state, params, token, callHeaders);
  if (status === 401 && body === undefined && token === undefined && !state.sendsCredential && !sendsOwnCredential(params, callHeaders)) {
    note =
      "no credential was sent (this client has no auth option and no API key header): set auth, or the API key option of the API's factory";
  }
  const error = ApiError.fromResponse({
    ...factsOf(state, plan, params, attempts, redact),
    status,
    statusText: redact.redact(response.statusText),
    body: redact.redactBody(body, typeof raw === "string" ? raw : undefined),
    headers: redact.redactHeaders(response.headers),
    note,
  });
  return { data: undefined, error, response };
}

/** The error of a call whose response body passed the client's `maxResponseBytes`. */
export function tooLargeError(
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  attempts: number,
  failure: BodyTooLarge,
  token: string | undefined,
  callHeaders: HeaderRecord | undefined,
): ResponseTooLargeError {
  const redact = redactorOf(state, params, token, callHeaders);
  return new ResponseTooLargeError({
    ...factsOf(state, plan, params, attempts, redact),
    status: failure.status,
    headers: redact.redactHeaders(failure.headers),
    limit: failure.limit,
  });
}

/** True when the call's own params or headers carry a credential (an Authorization or API key header). */
function sendsOwnCredential(params: RequestParams, callHeaders: HeaderRecord | undefined): boolean {
  return secretHeaderValues(params.header).length > 0 || secretHeaderValues(callHeaders).length > 0;
}

/** The redactor of one call's secrets; asked for only on the way to an error or a log line, so success costs nothing. */
export function redactorOf(
  state: ClientState,
  params: RequestParams,
  token: string | undefined,
  callHeaders: HeaderRecord | undefined,
): Redactor {
  return state.redaction.for(token, [...secretHeaderValues(params.header), ...secretHeaderValues(callHeaders)]);
}

/** The key of `meta.responses` that documents a status: exact, range or default. */
function statusKeyOf(meta: OperationMeta, status: number): string | undefined {
  const exact = String(status);
  if (meta.responses[exact] !== undefined) return exact;
  const range = `${Math.floor(status / 100)}XX`;
  if (meta.responses[range] !== undefined) return range;
  return meta.responses["default"] !== undefined ? "default" : undefined;
}
