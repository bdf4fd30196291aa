/**
 * The promise every operation returns: resolves with the success body and rejects with an error
 * (`ApiError` for an HTTP error status), plus `.result()` for an `{ data, error, response }` union
 * that does not reject on an HTTP status, and `.withResponse()` for the body with its Response.
 */
import type { ApiErrorOf } from "./errors.js";
import { requestIdOf } from "../internal/request-id.js";

/**
 * A success body as a call resolves it: an object or array body also carries the server's id for
 * the request as `_request_id` (`null` when it sent none). The property is non-enumerable, so
 * `JSON.stringify`, spreads and `Object.keys` do not see it.
 */
export type WithRequestId<Data> = Data extends object ? Data & RequestIdField : Data;

/** The request id a success body carries (see `WithRequestId`). */
export interface RequestIdField {
  /** The server's id for the request (`x-request-id` or a similar header), `null` when it sent none. */
  readonly _request_id?: string | null;
}

/**
 * What `.result()` resolves with: the body on success, or the `ApiError` (narrowable by `status`
 * to the documented body) on an HTTP error status. Never both.
 */
export type ApiResult<Data, Errors> =
  | { data: WithRequestId<Data>; error: undefined; response: Response }
  | { data: undefined; error: ApiErrorOf<Errors>; response: Response };

/** The settled outcome of one call, shared by `then`, `result` and `withResponse`. */
export interface CallOutcome {
  readonly data: unknown;
  readonly error: Error | undefined;
  readonly response: Response;
}

function dataOf(outcome: CallOutcome): unknown {
  if (outcome.error !== undefined) throw outcome.error;
  return outcome.data;
}

function dataWithResponse(outcome: CallOutcome): { data: unknown; response: Response; requestId: string | undefined } {
  if (outcome.error !== undefined) throw outcome.error;
  return { data: outcome.data, response: outcome.response, requestId: requestIdOf(outcome.response.headers) };
}

/**
 * A promise of the success body (`WithRequestId<Data>`) with two more ways to read the answer. The data promise is created only when
 * someone awaits it, so calling `.result()` alone never leaves an unhandled rejection behind.
 */
export class ApiPromise<Data, Errors> implements Promise<WithRequestId<Data>> {
  readonly #outcome: Promise<CallOutcome>;
  #data: Promise<WithRequestId<Data>> | undefined;

  /** Wraps the outcome promise of a call (see `callOperation`). */
  constructor(outcome: Promise<CallOutcome>) {
    this.#outcome = outcome;
  }

  get [Symbol.toStringTag](): string {
    return "ApiPromise";
  }

  #dataPromise(): Promise<WithRequestId<Data>> {
    return (this.#data ??= this.#outcome.then(dataOf) as Promise<WithRequestId<Data>>);
  }

  /** Resolves with the success body; rejects with an ApiError (or a connection, timeout, decode… error). */
  // biome-ignore lint/suspicious/noThenProperty: an ApiPromise is a thenable on purpose (await works on it).
  then<R1 = WithRequestId<Data>, R2 = never>(
    onfulfilled?: ((value: WithRequestId<Data>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#dataPromise().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<WithRequestId<Data> | R> {
    return this.#dataPromise().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<WithRequestId<Data>> {
    return this.#dataPromise().finally(onfinally);
  }

  /**
   * `{ data, error: undefined, response }` on success, `{ data: undefined, error, response }` on an
   * HTTP error status, with `error.status` narrowing `error.body`. Rejects only when there is no
   * HTTP answer to report (connection, timeout, abort, undecodable or invalid body).
   */
  result(): Promise<ApiResult<Data, Errors>> {
    return this.#outcome as Promise<ApiResult<Data, Errors>>;
  }

  /**
   * The success body together with the raw Response (headers, status) and the server's request id
   * (`x-request-id` or a similar header; undefined when it sent none); rejects like the promise itself.
   */
  withResponse(): Promise<{ data: WithRequestId<Data>; response: Response; requestId: string | undefined }> {
    return this.#outcome.then(dataWithResponse) as Promise<{
      data: WithRequestId<Data>;
      response: Response;
      requestId: string | undefined;
    }>;
  }
}
