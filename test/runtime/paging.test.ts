/**
 * Paged list operations against a loopback server: items across pages, `.pages()`, the page size
 * and start page the caller asks for, laziness, retries, signal, and a failure on a later page.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  InternalServerError,
  RequestAbortedError,
  ResponseDecodeError,
  callPagedOperation,
  createClient,
  type OperationMeta,
  type PagedApiPromise,
  type PagingRule,
} from "../../src/core/index.js";
import { json, startServer, type Handler, type TestServer } from "./helpers/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const RECORDS = Array.from({ length: 7 }, (_, i) => ({ Id: i + 1 }));

/** A server paging RECORDS like JTL v1's PagedListOfCustomer; `fail` answers a page with a status instead. */
function pagedServer(fail: (page: number, attempt: number) => number | undefined = () => undefined): Handler {
  const attempts = new Map<number, number>();
  return (request, response) => {
    const query = new URL(request.url, "http://x").searchParams;
    const page = Number(query.get("pageNumber") ?? 1);
    const size = Number(query.get("pageSize") ?? 3);
    const attempt = (attempts.get(page) ?? 0) + 1;
    attempts.set(page, attempt);
    const status = fail(page, attempt);
    if (status) return json(response, status, { ErrorMessage: "broken" });
    const totalPages = Math.ceil(RECORDS.length / size);
    json(response, 200, {
      Items: RECORDS.slice((page - 1) * size, page * size),
      PageNumber: page,
      HasNextPage: page < totalPages,
      NextPageNumber: page < totalPages ? page + 1 : undefined,
      TotalPages: totalPages,
    });
  };
}

const JTL_RULE: PagingRule = {
  pageParam: "pageNumber",
  sizeParam: "pageSize",
  firstPage: 1,
  items: "Items",
  hasNextPage: "HasNextPage",
  nextPage: "NextPageNumber",
};
const meta = (paging: PagingRule | undefined = JTL_RULE): OperationMeta => ({
  operationId: "queryThings",
  method: "get",
  path: "/things",
  request: null,
  responses: { "200": "application/json", "500": "application/json" },
  ...(paging && { paging }),
});

type Page = { Items: { Id: number }[]; HasNextPage?: boolean };
async function list(
  handler: Handler,
  params: object = {},
  options = {},
  rule?: PagingRule,
): Promise<{ paged: PagedApiPromise<Page, unknown, { Id: number }>; server: TestServer }> {
  server = await startServer(handler);
  const client = createClient<any>({ baseUrl: server.url, backoff: { initialDelayMs: 1, maxDelayMs: 1 } });
  return { paged: callPagedOperation<Page, unknown, { Id: number }>(client, meta(rule), params, options), server };
}

const pageNumbers = (s: TestServer) => s.requests.map((r) => new URL(r.url, "http://x").searchParams.get("pageNumber"));
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("paged operations", () => {
  it("iterates every item of every page, asking for each next page once", async () => {
    const { paged, server } = await list(pagedServer());
    expect((await collect(paged)).map((r) => r.Id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The first call carries no page number (the caller gave none); later pages name theirs.
    expect(pageNumbers(server)).toEqual([null, "2", "3"]);
  });

  it("awaited, it is the first page; .pages() yields the page bodies", async () => {
    const { paged } = await list(pagedServer());
    expect((await paged).Items.map((r) => r.Id)).toEqual([1, 2, 3]);
    const pages = await collect(paged.pages());
    expect(pages.map((p) => p.Items.length)).toEqual([3, 3, 1]);
  });

  it("keeps the caller's page size and other query params on every page, and starts where asked", async () => {
    const { paged, server } = await list(pagedServer(), { query: { pageSize: 2, pageNumber: 2, searchKeyWord: "a b" } });
    expect((await collect(paged)).map((r) => r.Id)).toEqual([3, 4, 5, 6, 7]);
    const queries = server.requests.map((r) => Object.fromEntries(new URL(r.url, "http://x").searchParams));
    expect(queries).toEqual([
      { pageSize: "2", pageNumber: "2", searchKeyWord: "a b" },
      { pageSize: "2", pageNumber: "3", searchKeyWord: "a b" },
      { pageSize: "2", pageNumber: "4", searchKeyWord: "a b" },
    ]);
  });

  it("is lazy: a later page is requested only when the loop gets there", async () => {
    const { paged, server } = await list(pagedServer());
    for await (const item of paged) {
      if (item.Id === 2) break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it("ends at an empty list after one request", async () => {
    const { paged, server } = await list((_, response) => json(response, 200, { Items: [], HasNextPage: false }));
    expect(await collect(paged)).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("yields the pages before a failing page 3, then throws its typed error (after retries)", async () => {
    const { paged, server } = await list(
      pagedServer((page) => (page === 3 ? 500 : undefined)),
      { query: { pageSize: 2 } },
    );
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const item of paged) seen.push(item.Id);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(failure).toBeInstanceOf(InternalServerError);
    expect((failure as InternalServerError).attempts).toBe(3);
    expect(pageNumbers(server)).toEqual([null, "2", "3", "3", "3"]);
  });

  it("retries a later page with the client's retry policy", async () => {
    const { paged } = await list(pagedServer((page, attempt) => (page === 2 && attempt === 1 ? 503 : undefined)));
    expect((await collect(paged)).map((r) => r.Id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("honours the caller's signal on later pages", async () => {
    const controller = new AbortController();
    const { paged, server } = await list(pagedServer(), {}, { signal: controller.signal });
    const failure = await (async () => {
      for await (const item of paged) if (item.Id === 3) controller.abort();
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it("follows total_pages when the API has no next-page flag (CRO's shape)", async () => {
    const rule: PagingRule = { pageParam: "pageNumber", firstPage: 1, items: "results", totalPages: "total_pages" };
    const handler: Handler = (request, response) => {
      const page = Number(new URL(request.url, "http://x").searchParams.get("pageNumber") ?? 1);
      json(response, 200, { results: page <= 2 ? [{ Id: page }] : [], total_pages: 2 });
    };
    const { paged, server } = await list(handler, {}, {}, rule);
    expect((await collect(paged)).map((r) => r.Id)).toEqual([1, 2]);
    expect(server.requests).toHaveLength(2);
  });

  it("stops when a next page number does not move forward, instead of looping", async () => {
    const rule: PagingRule = { pageParam: "pageNumber", firstPage: 1, items: "Items", nextPage: "NextPageNumber" };
    const { paged, server } = await list((_, response) => json(response, 200, { Items: [{ Id: 1 }], NextPageNumber: 1 }), {}, {}, rule);
    expect(await collect(paged)).toEqual([{ Id: 1 }]);
    expect(server.requests).toHaveLength(1);
  });

  it("a page without its items array is a ResponseDecodeError naming the property", async () => {
    const { paged } = await list((_, response) => json(response, 200, { items: [] }));
    const failure = await collect(paged).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResponseDecodeError);
    expect(String(failure)).toMatch(/the page has no "Items" array/);
  });

  it("an operation record without a rule is refused with its name", async () => {
    server = await startServer(pagedServer());
    const client = createClient<any>({ baseUrl: server.url });
    expect(() => callPagedOperation(client, meta(null as never), {})).toThrow(/queryThings has no paging rule/);
  });
});
