/**
 * The types the generated wrappers are written in: the operation record (`OperationMeta`) and the
 * parameter, success and error types computed from an openapi-typescript operation type.
 * See ARCHITECTURE.md, "The contract between generated code and the runtime".
 */
import type { ApiPromise } from "./api-promise.js";
import type { ApiErrorOf } from "./errors.js";
import type { CallOptions } from "./options.js";

/** HTTP methods an OpenAPI path item can hold, lower-case as in the spec. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/**
 * Operation record: the plain description of one operation that a generated wrapper hands to
 * `callOperation`. Everything the runtime needs to send and decode the call, nothing that behaves.
 */
export interface OperationMeta {
  /** The spec's operationId (used in error messages). */
  readonly operationId: string;
  /** HTTP method, lower-case. */
  readonly method: HttpMethod;
  /** Path template as in the spec, e.g. `/v2/customers/{customerId}/contacts`. */
  readonly path: string;
  /** The request body's media type and whether the body is required; null when the operation takes none. */
  readonly request: { readonly mediaType: string; readonly required: boolean } | null;
  /**
   * Media type of each documented response body by status key (`"200"`, `"4XX"`, `"default"`),
   * null when that response has no body. The runtime decodes each response by this table.
   */
  readonly responses: { readonly [status: string]: string | null };
  /**
   * Header parameters the spec marks required, named as in the spec. Optional: when present, a call
   * that would go out without one of them fails before any request is sent.
   */
  readonly requiredHeaders?: readonly string[];
  /** How the operation pages, from the spec's `x-pagination`; present only on paged list operations. */
  readonly paging?: PagingRule;
}

/**
 * The paging rule of a list operation (the spec's `x-pagination`): which query parameters choose
 * the page and its size, where the items are in the answer, and which fields say whether another
 * page follows. The first field present of `hasNextPage`, `nextPage` and `totalPages` decides;
 * without any of them, and always on an empty page, the walk ends at a page with no items.
 */
export interface PagingRule {
  /** Query parameter holding the page number. */
  readonly pageParam: string;
  /** Query parameter holding the page size, if the operation has one. */
  readonly sizeParam?: string;
  /** Number of the first page (the spec's, else 1). */
  readonly firstPage: number;
  /** Property of the success body holding the page's items (an array). */
  readonly items: string;
  /** Boolean property of the success body: true while another page follows. */
  readonly hasNextPage?: string;
  /** Property of the success body holding the next page's number. */
  readonly nextPage?: string;
  /** Property of the success body holding the number of pages. */
  readonly totalPages?: string;
}

/** The item type of a page body's `Key` array property (`Customer` for `{ Items: Customer[] }`). */
export type PageItem<Data, Key extends string> = Data extends { readonly [P in Key]?: infer Items }
  ? NonNullable<Items> extends readonly (infer Item)[]
    ? Item
    : never
  : never;

/** Flattens an intersection for readable hovers (no `& {}`: that would drop the caller's alias name). */
type Simplify<T> = { [K in keyof T]: T[K] };

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};
/** One parameter group (`path`, `query`, `header`), never when the operation has none (`?: never`). */
type GroupOf<P, K extends string> = K extends keyof P ? Exclude<P[K], undefined> : never;

/** True when header name K is one the client sets (`D`); header names compare case-insensitively. */
type IsDefaulted<K, D extends string> = K extends string ? (Lowercase<K> extends Lowercase<D> ? true : false) : false;

/** The header group with every header the client already sets made optional (Group flattens it). */
type DefaultedHeaders<H, D extends string> = [H] extends [never]
  ? never
  : [D] extends [never]
    ? H
    : { [K in keyof H as IsDefaulted<K, D> extends true ? never : K]: H[K] } & {
        [K in keyof H as IsDefaulted<K, D> extends true ? K : never]?: H[K];
      };

/**
 * `{ name: T }` when T has a required member, `{ name?: T }` when all are optional, `{}` when
 * absent; T flattened, its optional members also taking `undefined` (`exactOptionalPropertyTypes`).
 */
type Group<Name extends string, T> = [T] extends [never]
  ? {}
  : {} extends T
    ? { [K in Name]?: { [P in keyof T]: undefined extends T[P] ? T[P] | undefined : T[P] } | undefined }
    : { [K in Name]: { [P in keyof T]: undefined extends T[P] ? T[P] | undefined : T[P] } };

type JsonMediaKeys<M> = Extract<keyof M, "application/json" | `${string}/${string}+json` | `${string}/json;${string}`>;
/** The body type of a request or response `content` map: its JSON media type when it has one, else every media type. */
type ContentBody<M> = [JsonMediaKeys<M>] extends [never] ? M[keyof M] : M[JsonMediaKeys<M>];

type RequestBodyOf<Op> = "requestBody" extends keyof Op ? (Op extends { requestBody?: infer RB } ? Exclude<RB, undefined> : never) : never;

/** The request body of an operation (its JSON media type's schema), never when it takes none. */
export type RequestBody<Op> = RequestBodyOf<Op> extends { content: infer M } ? ContentBody<M> : never;

type BodyGroup<Op, Body> = [RequestBodyOf<Op>] extends [never]
  ? {}
  : Op extends { requestBody: unknown }
    ? { body: Body }
    : { body?: Body | undefined };

/**
 * Parameters of an operation, grouped as in the spec: `{ path?, query?, header?, body? }`.
 * A group is required when any of its members is, absent when the operation has none; optional
 * members also take `undefined`. `D` is the union of header names the client already sets: those
 * become optional, so a caller never repeats them, while a required header nobody set stays a
 * compile error. `Body` is the request body's type (the generator passes the model's name).
 */
export type OperationParams<Op, D extends string = never, Body = RequestBody<Op>> = Simplify<
  Group<"path", GroupOf<ParametersOf<Op>, "path">> &
    Group<"query", GroupOf<ParametersOf<Op>, "query">> &
    Group<"header", DefaultedHeaders<GroupOf<ParametersOf<Op>, "header">, D>> &
    BodyGroup<Op, Body>
>;

/** Per-call options as an operation takes them: each may also be `undefined` (for `exactOptionalPropertyTypes`). */
export type OperationCallOptions = { [K in keyof CallOptions]?: CallOptions[K] | undefined };

/**
 * The arguments of a generated operation function after the client: `params` (optional when
 * nothing in it is required, for example once the client sets every required header) and the
 * per-call options.
 */
export type OperationArgs<P> = {} extends P
  ? [params?: P | undefined, options?: OperationCallOptions | undefined]
  : [params: P, options?: OperationCallOptions | undefined];

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : {};
type IsSuccessKey<K> = `${K & (string | number)}` extends `2${string}` ? true : false;
type SuccessKeys<R> = { [K in keyof R]-?: IsSuccessKey<K> extends true ? K : never }[keyof R];
/** The body of one response object: undefined when it has no `content`. Distributes over unions. */
type ResponseBody<R> = R extends { content: infer M } ? ContentBody<M> : undefined;
type VoidIfUndefined<T> = [T] extends [undefined] ? void : T;

/**
 * Union of the bodies of an operation's documented 2xx responses (`void` when none has a body).
 * An operation that documents no 2xx response but a `default` one takes the default body.
 */
export type SuccessBody<Op> = VoidIfUndefined<
  [SuccessKeys<ResponsesOf<Op>>] extends [never]
    ? "default" extends keyof ResponsesOf<Op>
      ? ResponseBody<ResponsesOf<Op>["default"]>
      : undefined
    : ResponseBody<ResponsesOf<Op>[SuccessKeys<ResponsesOf<Op>>]>
>;

/**
 * Documented error bodies of an operation by status key: every non-2xx status the spec lists
 * (`400`, `404`, …) and the `"4XX"`/`"5XX"`/`"default"` keys where documented. A response without
 * a body maps to `undefined`.
 */
export type ErrorBodies<Op> = {
  [K in keyof ResponsesOf<Op> as IsSuccessKey<K> extends true ? never : K]: ResponseBody<ResponsesOf<Op>[K]>;
};

/**
 * The HTTP error of a call of operation function F (standalone or bound): one member per
 * documented status with its body, as `.result()` gives it. What `isErrorOf(F, error)` narrows to.
 */
export type ErrorOf<F> = F extends (...args: never[]) => ApiPromise<unknown, infer E> ? ApiErrorOf<E> : never;
