/**
 * Paged list operations: the first page is an ordinary `ApiPromise`; iterating it walks the items
 * of every page (`for await (const customer of erp.customers.list())`), `.pages()` walks the page
 * bodies. Later pages are requested lazily, one at a time, with the caller's params (page size
 * included), options, signal and the client's retries. The rule comes from the operation record
 * (the spec's `x-pagination`), so nothing here knows an API.
 */
import { ApiPromise, type CallOutcome, type WithRequestId } from "./api-promise.js";
import { startCall, type CallOptions } from "./call-operation.js";
import type { Client } from "./client.js";
import { ClientConfigError, ResponseDecodeError } from "./errors.js";
import type { OperationMeta, PagingRule } from "./operation-types.js";

/** What a paged operation returns: the first page, and iteration over every item or page. */
export class PagedApiPromise<Data, Errors, Item> extends ApiPromise<Data, Errors> implements AsyncIterable<Item> {
  readonly #fetchPage: (page: number) => ApiPromise<Data, Errors>;
  readonly #rule: PagingRule;
  readonly #meta: OperationMeta;
  readonly #startPage: number;

  /** Built by `callPagedOperation`; `fetchPage(n)` requests page `n` with the first call's params. */
  constructor(
    outcome: Promise<CallOutcome>,
    meta: OperationMeta & { readonly paging: PagingRule },
    startPage: number,
    fetchPage: (page: number) => ApiPromise<Data, Errors>,
  ) {
    super(outcome);
    this.#meta = meta;
    this.#rule = meta.paging;
    this.#startPage = startPage;
    this.#fetchPage = fetchPage;
  }

  override get [Symbol.toStringTag](): string {
    return "PagedApiPromise";
  }

  /**
   * Every page body in order, starting with this one. The next page is requested only when the
   * loop asks for it; an error on any page is thrown from the loop, after the pages before it.
   */
  async *pages(): AsyncGenerator<WithRequestId<Data>, void, undefined> {
    let current: ApiPromise<Data, Errors> = this;
    let number = this.#startPage;
    for (;;) {
      const { data, response } = await current.withResponse();
      const items = itemsOf(this.#meta, data, response);
      yield data;
      const next = nextPageNumber(this.#rule, items, data, number);
      if (next === undefined) return;
      number = next;
      current = this.#fetchPage(number);
    }
  }

  /** Every item of every page, in order. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    // pages() has checked that every page it yields holds its items array.
    for await (const page of this.pages()) yield* (page as Record<string, Item[]>)[this.#rule.items]!;
  }
}

/**
 * Sends a paged operation: like `callOperation`, and the promise it returns also iterates. Generated
 * wrappers of operations with `x-pagination` call it.
 */
export function callPagedOperation<Data, Errors, Item>(
  client: Client<any>,
  meta: OperationMeta,
  params?: object,
  options?: CallOptions,
): PagedApiPromise<Data, Errors, Item> {
  const rule = meta.paging;
  if (!rule) throw new ClientConfigError(`${meta.operationId} has no paging rule (x-pagination) in its operation record`);
  const query = (params as { query?: Record<string, unknown> } | undefined)?.query;
  const requested = query?.[rule.pageParam];
  const startPage = typeof requested === "number" && Number.isInteger(requested) ? requested : rule.firstPage;
  const withPage = (page: number): object => ({ ...params, query: { ...query, [rule.pageParam]: page } });
  const paged = { ...meta, paging: rule };
  return new PagedApiPromise<Data, Errors, Item>(
    startCall(client, meta, params, options),
    paged,
    startPage,
    (page) => new ApiPromise<Data, Errors>(startCall(client, meta, withPage(page), options)),
  );
}

/** The page's items; a page body without its items array is a decode error, never an endless loop. */
function itemsOf(meta: OperationMeta, data: unknown, response: Response): unknown[] {
  const items = isRecord(data) ? data[meta.paging!.items] : undefined;
  if (Array.isArray(items)) return items;
  throw new ResponseDecodeError({
    operationId: meta.operationId,
    method: meta.method.toUpperCase(),
    url: urlWithoutQuery(response.url),
    attempts: 1,
    status: response.status,
    headers: response.headers,
    expected: `a page object with an array in "${meta.paging!.items}"`,
    excerpt: "",
    problem: `the page has no "${meta.paging!.items}" array`,
  });
}

/** The number of the page after `current`, or undefined when `current` is the last. */
function nextPageNumber(rule: PagingRule, items: unknown[], data: unknown, current: number): number | undefined {
  if (items.length === 0 || !isRecord(data)) return undefined;
  if (rule.hasNextPage !== undefined && typeof data[rule.hasNextPage] === "boolean") {
    if (data[rule.hasNextPage] === false) return undefined;
    const next = rule.nextPage === undefined ? undefined : data[rule.nextPage];
    return typeof next === "number" && next > current ? next : current + 1;
  }
  if (rule.nextPage !== undefined && rule.nextPage in data) {
    const next = data[rule.nextPage];
    // A next page that does not move forward would loop forever: treat it as the end.
    return typeof next === "number" && next > current ? next : undefined;
  }
  if (rule.totalPages !== undefined && typeof data[rule.totalPages] === "number") {
    return current < (data[rule.totalPages] as number) ? current + 1 : undefined;
  }
  return current + 1;
}

function urlWithoutQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at < 0 ? url : url.slice(0, at);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
