/**
 * The error hierarchy: one base class, `ApiError` for HTTP error statuses (with a subclass per
 * status class, as in openai-node), and one class for each way a call can fail without a usable
 * HTTP answer. No error carries a secret: URLs are redacted, header values are never quoted, and
 * body excerpts have the client's secrets cut out before they get here.
 */
import type { ClientErrorStatus, HttpErrorStatus, RedirectStatus, ServerErrorStatus } from "./http-status.js";
import { requestIdOf } from "../internal/request-id.js";
import { serverRequestedDelayMs } from "../internal/retry-policy.js";

/** Names the class on its prototype, so `name` is right in stack traces and is not an own property. */
function nameClass(target: { prototype: object }, name: string): void {
  Object.defineProperty(target.prototype, "name", { value: name, writable: true, configurable: true });
}

/** Facts about the call an error happened in; the URL has credentials and sensitive query values redacted. */
export interface RequestFacts {
  /** The operationId of the call, when it came from a generated wrapper. */
  readonly operationId: string | undefined;
  /** HTTP method, upper-case. */
  readonly method: string;
  /** Request URL without userinfo; query values with sensitive names are replaced by `REDACTED`. */
  readonly url: string;
  /** How many HTTP requests were sent for this call (1 when it was not retried). */
  readonly attempts: number;
}

/** Base class of every error this SDK throws. */
export class SdkError extends Error {
  static {
    nameClass(this, "SdkError");
  }
}

/** Base of every error about one call: the facts of that call (operation, method, redacted URL, attempts). */
export class RequestError extends SdkError implements RequestFacts {
  static {
    nameClass(this, "RequestError");
  }
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  constructor(message: string, facts: RequestFacts, options?: { cause?: unknown }) {
    super(message, options);
    this.operationId = facts.operationId;
    this.method = facts.method;
    this.url = facts.url;
    this.attempts = facts.attempts;
  }
}

/** Base of the errors about an HTTP answer that arrived: its status, headers and `x-request-id`. */
export class ResponseError extends RequestError {
  static {
    nameClass(this, "ResponseError");
  }
  /** HTTP status of the response. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The server's id for the request (`x-request-id`, `request-id`, `x-correlation-id`, `x-amzn-requestid`), when it sent one. */
  readonly requestId: string | undefined;
  constructor(message: string, init: RequestFacts & { readonly status: number; readonly headers: Headers }, options?: { cause?: unknown }) {
    super(message, init, options);
    this.status = init.status;
    this.headers = init.headers;
    this.requestId = requestIdOf(init.headers);
  }
}

/** Everything an `ApiError` is built from. */
export interface ApiErrorInit<S extends number, B> extends RequestFacts {
  readonly status: S;
  readonly body: B;
  readonly headers: Headers;
  readonly statusText?: string;
  /** Why the client gave up where it did (not retried, or no credential sent), appended to the message. */
  readonly note?: string | undefined;
}

/** Picks a short server message out of a JSON error body (JTL `ErrorMessage`, CRO `title`/`detail`, OAuth-style). */
function summarizeBody(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["ErrorMessage", "message", "detail", "title", "error_description", "error"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim() !== "") {
      const text = value.replace(/\s+/g, " ").trim();
      return text.length > 200 ? `${text.slice(0, 200)}…` : text;
    }
  }
  return undefined;
}

/**
 * The server answered with a non-2xx status. `status` is the discriminant: on an operation's
 * `.result()`, `error.status === 404` narrows `body` to the documented 404 body.
 */
export class ApiError<S extends number = number, B = unknown> extends ResponseError {
  static {
    nameClass(this, "ApiError");
  }
  /** HTTP status of the response. */
  declare readonly status: S;
  /** The decoded response body, typed by the operation's documented error responses. */
  readonly body: B;

  /**
   * `error instanceof ApiError` (or a subclass) narrows to the class at its defaults, so a caught
   * error reads `status: number` and `body: unknown`; without this TypeScript would say `any`.
   */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(init: ApiErrorInit<S, B>) {
    const summary = summarizeBody(init.body);
    const statusLine = init.statusText ? `${init.status} ${init.statusText}` : String(init.status);
    super(
      `${statusLine} from ${init.method} ${init.url}` +
        (init.operationId ? ` (${init.operationId})` : "") +
        (summary ? `: ${summary}` : "") +
        (init.attempts > 1 ? ` after ${init.attempts} attempts` : "") +
        (init.note ? `; ${init.note}` : ""),
      init,
    );
    this.body = init.body;
  }

  /** Builds the subclass that matches the status (`NotFoundError` for 404, …), `ApiError` for the rest. */
  static fromResponse<S extends number, B>(init: ApiErrorInit<S, B>): ApiError<S, B> {
    const status: number = init.status;
    const Class =
      status === 400
        ? BadRequestError
        : status === 401
          ? AuthenticationError
          : status === 403
            ? PermissionDeniedError
            : status === 404
              ? NotFoundError
              : status === 409
                ? ConflictError
                : status === 422
                  ? UnprocessableEntityError
                  : status === 429
                    ? RateLimitError
                    : status >= 500
                      ? InternalServerError
                      : ApiError;
    return new (Class as unknown as new (init: ApiErrorInit<S, B>) => ApiError<S, B>)(init);
  }

  /** A plain summary for logs; never includes request headers or credentials. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
      operationId: this.operationId,
      method: this.method,
      url: this.url,
      attempts: this.attempts,
      body: this.body,
    };
  }
}

/** 400 Bad Request. */
export class BadRequestError extends ApiError<400, unknown> {
  static {
    nameClass(this, "BadRequestError");
  }
}
/** 401 Unauthorized (sent after one token refresh and retry when the auth can refresh). */
export class AuthenticationError extends ApiError<401, unknown> {
  static {
    nameClass(this, "AuthenticationError");
  }
}
/** 403 Forbidden. */
export class PermissionDeniedError extends ApiError<403, unknown> {
  static {
    nameClass(this, "PermissionDeniedError");
  }
}
/** 404 Not Found. */
export class NotFoundError extends ApiError<404, unknown> {
  static {
    nameClass(this, "NotFoundError");
  }
}
/** 409 Conflict. */
export class ConflictError extends ApiError<409, unknown> {
  static {
    nameClass(this, "ConflictError");
  }
}
/** 422 Unprocessable Entity. */
export class UnprocessableEntityError extends ApiError<422, unknown> {
  static {
    nameClass(this, "UnprocessableEntityError");
  }
}
/** 429 Too Many Requests (after the retries the policy allowed). */
export class RateLimitError extends ApiError<429, unknown> {
  static {
    nameClass(this, "RateLimitError");
  }
  /** How long the server asked us to wait, in ms (Retry-After, retry-after-ms or a rate-limit window); undefined when it did not say. */
  readonly retryAfterMs: number | undefined;
  constructor(init: ApiErrorInit<429, unknown>) {
    super(init);
    this.retryAfterMs = serverRequestedDelayMs(init.headers);
  }
}
/** Any 5xx status (after the retries the policy allowed). */
export class InternalServerError extends ApiError<ServerErrorStatus, unknown> {
  static {
    nameClass(this, "InternalServerError");
  }
}

/** The request could not be sent or its response could not be read (DNS, refused, reset, …). */
export class ConnectionError extends RequestError {
  static {
    nameClass(this, "ConnectionError");
  }
  constructor(facts: RequestFacts, options?: { cause?: unknown }) {
    super(
      `Connection failed: ${facts.method} ${facts.url}` + (facts.attempts > 1 ? ` after ${facts.attempts} attempts` : ""),
      facts,
      options,
    );
  }
}

/** The request did not complete within its timeout; it was aborted (its connection closed). */
export class TimeoutError extends RequestError {
  static {
    nameClass(this, "TimeoutError");
  }
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  constructor(facts: RequestFacts & { readonly timeoutMs: number }) {
    super(
      `Timed out after ${facts.timeoutMs} ms: ${facts.method} ${facts.url}` + (facts.attempts > 1 ? ` (attempt ${facts.attempts})` : ""),
      facts,
    );
    this.timeoutMs = facts.timeoutMs;
  }
}

/** The caller's AbortSignal aborted the call; `cause` is the signal's reason. */
export class RequestAbortedError extends RequestError {
  static {
    nameClass(this, "RequestAbortedError");
  }
  constructor(facts: RequestFacts, options?: { cause?: unknown }) {
    super(`Aborted by the caller: ${facts.method} ${facts.url}`, facts, options);
  }
}

/** Everything a `ResponseDecodeError` is built from. */
export interface ResponseDecodeErrorInit extends RequestFacts {
  readonly status: number;
  readonly headers: Headers;
  /** The media type the spec promised for this status. */
  readonly expected: string;
  /** What went wrong, e.g. "the body is not valid JSON". */
  readonly problem: string;
  /** The start of the body as received (secrets cut out), "" when it was empty. */
  readonly excerpt: string;
}

/**
 * The response body does not decode as the media type the spec documents for its status: JSON
 * that does not parse, an HTML error page, or an empty body where JSON was promised.
 */
export class ResponseDecodeError extends ResponseError {
  static {
    nameClass(this, "ResponseDecodeError");
  }
  /** The media type the spec promised. */
  readonly expected: string;
  /** The start of the body as received, "" when it was empty. */
  readonly excerpt: string;
  constructor(init: ResponseDecodeErrorInit, options?: { cause?: unknown }) {
    super(
      `Could not decode the ${init.status} response of ${init.method} ${init.url}` +
        (init.operationId ? ` (${init.operationId})` : "") +
        `: ${init.problem} (expected ${init.expected}, got content-type ${init.headers.get("content-type") ?? "none"})` +
        (init.excerpt ? `; body starts with ${JSON.stringify(init.excerpt)}` : ""),
      init,
      options,
    );
    this.expected = init.expected;
    this.excerpt = init.excerpt;
  }
}

/** The response body was larger than the client's `maxResponseBytes`; it was not read on (its connection closed). */
export class ResponseTooLargeError extends ResponseError {
  static {
    nameClass(this, "ResponseTooLargeError");
  }
  /** The limit that was passed, in bytes. */
  readonly limit: number;
  constructor(init: RequestFacts & { readonly status: number; readonly headers: Headers; readonly limit: number }) {
    super(
      `The ${init.status} response of ${init.method} ${init.url}` +
        (init.operationId ? ` (${init.operationId})` : "") +
        ` has a body larger than ${init.limit} bytes (maxResponseBytes); it was not read`,
      init,
    );
    this.limit = init.limit;
  }
}

/** Everything a `ResponseValidationError` is built from. */
export interface ResponseValidationErrorInit extends RequestFacts {
  readonly status: number;
  readonly headers: Headers;
  /** JSON pointer of the first mismatch in the body ("" for the body itself). */
  readonly pointer: string;
  /** What the schema requires there, e.g. "must be string". */
  readonly problem: string;
  /** JSON pointer of the failing keyword in the bundled spec's schema. */
  readonly schemaPath: string;
}

/** With `validateResponses: true`: the decoded body does not match the spec's schema for its status. */
export class ResponseValidationError extends ResponseError {
  static {
    nameClass(this, "ResponseValidationError");
  }
  /** JSON pointer of the first mismatch in the body ("" for the body itself). */
  readonly pointer: string;
  /** JSON pointer of the failing keyword in the spec's schema. */
  readonly schemaPath: string;
  constructor(init: ResponseValidationErrorInit) {
    super(
      `The ${init.status} response of ${init.method} ${init.url}` +
        (init.operationId ? ` (${init.operationId})` : "") +
        ` does not match the spec at ${init.pointer === "" ? "the body root" : init.pointer}: ${init.problem}`,
      init,
    );
    this.pointer = init.pointer;
    this.schemaPath = init.schemaPath;
  }
}

/**
 * The call was refused before anything was sent: a missing path parameter or required header, a
 * path parameter that cannot stay inside its segment, or a header value with CR/LF. The message
 * names the parameter or header, never a header value.
 */
export class InvalidRequestError extends SdkError {
  static {
    nameClass(this, "InvalidRequestError");
  }
  /** The operationId of the refused call, when known. */
  readonly operationId: string | undefined;
  constructor(operationId: string | undefined, problem: string) {
    super(operationId ? `${operationId}: ${problem}` : problem);
    this.operationId = operationId;
  }
}

/** A client or auth helper was created with options it cannot work with. The message names the option. */
export class ClientConfigError extends SdkError {
  static {
    nameClass(this, "ClientConfigError");
  }
}

/**
 * Getting an access token failed. `oauthError` is the token endpoint's `error` code when it sent
 * one; `retryable` is true for network failures and 429/5xx answers. Never carries the credentials.
 */
export class TokenRequestError extends SdkError {
  static {
    nameClass(this, "TokenRequestError");
  }
  /** The token endpoint (or "token provider" for a caller-supplied function). */
  readonly tokenUrl: string;
  /** HTTP status of the token endpoint's answer, when there was one. */
  readonly status: number | undefined;
  /** The OAuth `error` code of the answer, when it had one. */
  readonly oauthError: string | undefined;
  /** True when trying again later may succeed (network failure, 429, 5xx). */
  readonly retryable: boolean;
  constructor(
    message: string,
    facts: { tokenUrl: string; status?: number; oauthError?: string; retryable: boolean },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.tokenUrl = facts.tokenUrl;
    this.status = facts.status;
    this.oauthError = facts.oauthError;
    this.retryable = facts.retryable;
  }
}

/**
 * A sign-in did not complete: the redirect back to the app carries a `state` other than the one
 * this sign-in sent (a forged or stale callback), an OAuth `error`, or no `code`; or no callback
 * arrived in time. Holds no code, verifier or token.
 */
export class SignInError extends SdkError {
  static {
    nameClass(this, "SignInError");
  }
  /**
   * Why: the callback's OAuth `error` code (e.g. "access_denied"), or "state_mismatch",
   * "missing_code", "invalid_callback", "timeout", "aborted".
   */
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/** The statuses an OpenAPI range key stands for. */
interface RangeStatuses {
  "3XX": RedirectStatus;
  "4XX": ClientErrorStatus;
  "5XX": ServerErrorStatus;
}
type DocumentedStatuses<E> = Extract<keyof E, number>;

/** The runtime class of each status that has its own subclass (5xx share InternalServerError). */
interface ErrorClassByStatus {
  400: BadRequestError;
  401: AuthenticationError;
  403: PermissionDeniedError;
  404: NotFoundError;
  409: ConflictError;
  422: UnprocessableEntityError;
  429: RateLimitError;
}
type SubclassStatus = keyof ErrorClassByStatus;

/**
 * The error for status S with body B, typed as the class the runtime builds for it
 * (`NotFoundError & { body: B }`), so both `status ===` and `instanceof` narrow to the body.
 * S is one documented status, or the remaining statuses of a range as one member: splitting a
 * range into its hundred statuses would cost the type checker thousands of types per operation.
 */
type ApiErrorFor<S extends number, B> = ([S] extends [SubclassStatus]
  ? ErrorClassByStatus[S]
  : [S] extends [ServerErrorStatus]
    ? InternalServerError
    : ApiError<S, B>) & { readonly status: S; readonly body: B };
type RangeMember<E, R extends keyof RangeStatuses> = R extends keyof E
  ? ApiErrorFor<Exclude<RangeStatuses[R], DocumentedStatuses<E>>, E[R]>
  : never;
type CoveredByRanges<E> = { [R in keyof RangeStatuses]: R extends keyof E ? RangeStatuses[R] : never }[keyof RangeStatuses];

/**
 * The error union of an operation, from its `ErrorBodies`: one member per documented status, per
 * documented range (`4XX`), and one for every other status (typed by the `default` response, else
 * `unknown`). Comparing `status` with a documented code, or `instanceof NotFoundError`, narrows
 * `body`.
 */
export type ApiErrorOf<E> =
  | { [S in DocumentedStatuses<E>]: ApiErrorFor<S, E[S]> }[DocumentedStatuses<E>]
  | RangeMember<E, "3XX">
  | RangeMember<E, "4XX">
  | RangeMember<E, "5XX">
  | (ApiError<UndocumentedStatus<E>, DefaultBody<E>> & { readonly status: UndocumentedStatus<E>; readonly body: DefaultBody<E> });

/** Every status the operation documents neither exactly nor by range. */
type UndocumentedStatus<E> = Exclude<HttpErrorStatus, DocumentedStatuses<E> | CoveredByRanges<E>>;
type DefaultBody<E> = "default" extends keyof E ? E["default"] : unknown;
