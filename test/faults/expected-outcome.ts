/**
 * What a call must have done, judged from the server's side: which recorded answers the client may
 * retry, and which outcome (data, or which typed error) the last answer must turn into. The rules
 * restate RUNTIME.md's contract; the fault test holds every call of a run against them.
 */
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseDecodeError,
  TimeoutError,
  UnprocessableEntityError,
} from "../../src/core/index.js";
import type { FaultKind, RecordedRequest } from "../../src/mock/index.js";
import { documentedMediaOf, type MixedOperation } from "./operation-mix.js";

/** Statuses the client's policy retries (RUNTIME.md: 408, 429, 500, 502, 503, 504). */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Faults that leave the client a retryable failure: a connection error, a timeout, or a retryable status. */
const RETRYABLE_FAULTS: ReadonlySet<FaultKind> = new Set(["reset", "resetMidBody", "delay", "retry429", "retry503", "html502"]);

/** True when the answer a request got is one the client retries (when the call may retry at all). */
export function isRetryableAnswer(request: RecordedRequest): boolean {
  if (request.fault !== undefined) return RETRYABLE_FAULTS.has(request.fault);
  return request.status !== undefined && RETRYABLE_STATUSES.has(request.status);
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** The outcome a call must settle with. */
export type ExpectedOutcome =
  | { readonly settles: "fulfilled" }
  | { readonly settles: "rejected"; readonly errorClass: ErrorClass; readonly status?: number };

/**
 * The outcome the last recorded answer of a call must become:
 * - reset, resetMidBody → ConnectionError (the connection died before a whole answer arrived);
 * - truncate → ResponseDecodeError with the answer's status (a whole message, half a JSON body);
 * - delay → TimeoutError (the answer is held far longer than the client's timeout);
 * - retry429 / retry503 → the ApiError subclass of 429 / 503;
 * - html502 → ResponseDecodeError when the operation documents JSON for 502, else InternalServerError 502;
 * - no fault → data for a 2xx, else the ApiError subclass of the status.
 */
export function expectedOutcome(operation: MixedOperation, last: RecordedRequest): ExpectedOutcome {
  switch (last.fault) {
    case "reset":
    case "resetMidBody":
      return { settles: "rejected", errorClass: ConnectionError };
    case "truncate":
      return { settles: "rejected", errorClass: ResponseDecodeError, status: last.status! };
    case "delay":
      return { settles: "rejected", errorClass: TimeoutError };
    case "html502": {
      const media = documentedMediaOf(operation, 502);
      return media != null && /json/.test(media)
        ? { settles: "rejected", errorClass: ResponseDecodeError, status: 502 }
        : { settles: "rejected", errorClass: InternalServerError, status: 502 };
    }
    case "retry429":
    case "retry503":
    case undefined: {
      const status = last.status!;
      if (status >= 200 && status < 300) return { settles: "fulfilled" };
      return { settles: "rejected", errorClass: errorClassOf(status), status };
    }
  }
}

/** The ApiError subclass of each status, written out from RUNTIME.md rather than asked of the runtime. */
const ERROR_CLASS_BY_STATUS: ReadonlyMap<number, ErrorClass> = new Map<number, ErrorClass>([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
]);

function errorClassOf(status: number): ErrorClass {
  return ERROR_CLASS_BY_STATUS.get(status) ?? (status >= 500 ? InternalServerError : ApiError);
}
