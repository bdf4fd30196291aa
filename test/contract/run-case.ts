/**
 * Runs contract cases against a server (the embedded mock or Prism) and checks each exchange:
 * the server reported no violation, the request on the wire is the one the params describe, the
 * answer decoded into a schema-valid value (or, for error cases, into the right typed error with
 * the documented body).
 */
import fc from "fast-check";
import { expect } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type FetchLike,
} from "../../src/core/index.js";
import { CONTRACT_API_KEY, CONTRACT_TOKEN } from "./apis.js";
import { CONTRACT_RUNS, type CallCase, type CaseInput, type ContractTable, type ErrorCase, type Params } from "./cases.js";
import { schemaCheckOf, type SchemaCheck } from "./schema-check.js";
import { responseFor, successResponses, type SpecOperation, type SpecResponse } from "./spec-operations.js";

/** A request as the client handed it to fetch. */
export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** A request as the server recorded it (the mock's RecordedRequest has these fields). */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly operationId: string | undefined;
}

/** The server under test, as the runner sees it. */
export interface Target {
  readonly name: string;
  /** Base URL of the configured client and of the bare one (a server may serve both forms). */
  readonly baseUrl: string;
  readonly bareBaseUrl: string;
  /** A position in the server's records; problems and requests are read from there on. */
  mark(): Mark;
  /** What the server found wrong with the requests since `mark` (violations, validator errors). */
  problemsSince(mark: Mark): Promise<readonly unknown[]>;
  /** The requests the server recorded since `mark`; undefined when the server keeps no record. */
  receivedSince?(mark: Mark): readonly ReceivedRequest[];
}

/** Positions in a server's records: how many requests and how many problems it had recorded. */
export interface Mark {
  readonly requests: number;
  readonly problems: number;
}

/** A fetch that records each request (headers and body text) before sending it with the global fetch. */
export function recordingFetch(log: SentRequest[]): FetchLike {
  return async (request, init) => {
    const copy = request.clone();
    const headers: Record<string, string> = {};
    copy.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = copy.body === null ? undefined : await copy.text();
    log.push({ method: request.method, url: new URL(request.url), headers, body: text === "" ? undefined : text });
    return fetch(request, init);
  };
}

/** An error class, as far as the checks need it: its prototype and name. */
type ErrorClass = abstract new (...args: never[]) => ApiError;

/** The ApiError subclass each status must arrive as: the SDK's documented mapping, written out independently. */
export function expectedErrorClass(status: number): ErrorClass {
  const byStatus: Record<number, ErrorClass> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
  };
  return byStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
}

type Client = object;

/** "Name: message" of a thrown value, for failure messages. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs the cases of one table against one target. */
export class CaseRunner {
  readonly sent: SentRequest[] = [];
  readonly configured: Client;
  readonly bare: Client;
  private readonly check: SchemaCheck;

  constructor(
    readonly table: ContractTable,
    readonly target: Target,
  ) {
    const fetch = recordingFetch(this.sent);
    this.configured = table.config.configured({ baseUrl: target.baseUrl, fetch });
    this.bare = table.config.bare({ baseUrl: target.bareBaseUrl, fetch });
    this.check = schemaCheckOf(table.doc);
  }

  /** fc.assert over a call case: `numRuns` generated inputs, the case's fixed seed. */
  async assertCall(c: CallCase, numRuns = CONTRACT_RUNS): Promise<void> {
    await fc.assert(
      fc.asyncProperty(c.arbitrary, (input) => this.runCall(c, input)),
      { seed: c.seed, numRuns, endOnFailure: true },
    );
  }

  /** fc.assert over an error case (fewer runs: the answer is forced, only the inputs vary). */
  async assertError(c: ErrorCase, numRuns = 2): Promise<void> {
    await fc.assert(
      fc.asyncProperty(c.arbitrary, (input) => this.runError(c, input)),
      { seed: c.seed, numRuns, endOnFailure: true },
    );
  }

  /** One call: setup (create the record), the call itself, then every check. */
  async runCall(c: CallCase, input: CaseInput): Promise<void> {
    const client = c.mode === "bare" ? this.bare : this.configured;
    let params: Params = input.params;
    // Parents first (a contact's customer), each under the ids made before it.
    for (const [i, parent] of c.parents.entries()) {
      const parentParams = input.parents?.[i] ?? {};
      const made = await parent.wrapper(this.configured, { ...parentParams, path: { ...parentParams.path, ...params.path } }).result();
      if (made.error) throw new Error(`setup ${parent.create.operationId} failed: ${String(made.error.message)}`);
      params = { ...params, path: { ...params.path, [parent.idParam]: (made.data as Record<string, unknown>)[parent.idProperty] } };
    }
    if (c.setup && input.setup) {
      // The record is created under the same parent ids the call names (customerId of …/contacts/{id}).
      const parentPath: Record<string, unknown> = {};
      for (const p of c.setup.create.parameters) if (p.in === "path") parentPath[p.name] = params.path?.[p.name];
      const setupParams = { ...input.setup, path: { ...input.setup.path, ...parentPath } };
      const created = await c.setup.wrapper(this.configured, setupParams).result();
      if (created.error) throw new Error(`setup ${c.setup.create.operationId} failed: ${String(created.error.message)}`);
      const id = (created.data as Record<string, unknown> | undefined)?.[c.setup.idProperty];
      expect(id, `setup ${c.setup.create.operationId} answered no ${c.setup.idProperty}`).toBeDefined();
      params = { ...params, path: { ...params.path, [c.setup.idParam]: id } };
    }

    // The untyped route for headers: the per-call option instead of params.header (same wire, same checks).
    let options: { headers: Record<string, string> } | undefined;
    if (input.headersVia === "options" && params.header) {
      options = { headers: Object.fromEntries(Object.entries(params.header).map(([name, value]) => [name, String(value)])) };
    }
    const { header: _moved, ...withoutHeader } = params;
    const callParams: Params = options ? withoutHeader : params;

    const mark = this.target.mark();
    const sentBefore = this.sent.length;
    const outcome = await c.wrapper(client, callParams, options).result();
    expect(await this.target.problemsSince(mark), `${this.target.name} reported violations`).toEqual([]);
    if (outcome.error) throw new Error(`${c.op.operationId} failed: ${String(outcome.error.message)}`);

    const status = outcome.response.status;
    const documented = successResponses(c.op).find((r) => r.status === String(status) || r.status === `${String(status)[0]}XX`);
    expect(documented, `status ${status} is not a documented success of ${c.op.operationId}`).toBeDefined();
    this.expectBody(c.op, documented!, outcome.data);
    this.expectRequiredHeaders(documented!, outcome.response.headers);

    const sent = this.sent.slice(sentBefore);
    expect(sent, "the client sent exactly one request").toHaveLength(1);
    const baseUrl = c.mode === "bare" ? this.target.bareBaseUrl : this.target.baseUrl;
    const expected = this.expectedRequest(c.op, params, c.mode === "bare" ? {} : this.table.config.clientHeaders, baseUrl);
    expectSent(sent[0]!, expected, c.op);
    const received = this.target.receivedSince?.(mark);
    if (received) {
      expect(received, "the server received exactly one request").toHaveLength(1);
      expectReceived(received[0]!, expected, c.op);
    }
  }

  /** One forced error status: the call rejects with the right class, `.result()` carries the same error. */
  async runError(c: ErrorCase, input: CaseInput): Promise<void> {
    const options = { headers: { prefer: `code=${c.status}` }, maxRetries: 0 };
    const mark = this.target.mark();
    let rejection: unknown;
    try {
      await c.wrapper(this.configured, input.params, options);
    } catch (error) {
      rejection = error;
    }
    const outcome = await c
      .wrapper(this.configured, input.params, options)
      .result()
      .catch((error: unknown) => {
        // .result() resolves for every HTTP status; a rejection here is the finding, so name it plainly.
        throw new Error(`.result() rejected for status ${c.status} instead of resolving with the error: ${describe(error)}`);
      });
    expect(await this.target.problemsSince(mark), `${this.target.name} reported violations`).toEqual([]);
    expect(rejection, `the call for status ${c.status} rejected with ${describe(rejection)}`).toBeInstanceOf(ApiError);

    const Expected = expectedErrorClass(c.status);
    for (const [how, error] of [
      ["rejection", rejection],
      [".result().error", outcome.error],
    ] as const) {
      expect(error, `${how}: no error for status ${c.status}`).toBeInstanceOf(ApiError);
      const apiError = error as ApiError;
      expect(Object.getPrototypeOf(apiError), `${how}: ${apiError.name} for ${c.status}, expected ${Expected.name}`).toBe(
        Expected.prototype,
      );
      expect(apiError.status).toBe(c.status);
      expect(apiError.operationId).toBe(c.op.operationId);
      this.expectErrorBody(c.op, c.status, apiError.body, how);
      const documented = responseFor(c.op, c.status)!;
      this.expectRequiredHeaders(documented, apiError.headers);
    }
    expect(outcome.data).toBeUndefined();
    expect(outcome.response.status).toBe(c.status);
    const received = this.target.receivedSince?.(mark);
    // maxRetries 0: one request per call, whatever the status (429 and 5xx included).
    if (received) expect(received.map((r) => r.operationId)).toEqual([c.op.operationId, c.op.operationId]);
  }

  private expectBody(op: SpecOperation, response: SpecResponse, data: unknown): void {
    if (response.schemaPointer === undefined) {
      expect(data, `${op.operationId} ${response.status} documents no body`).toBeUndefined();
      return;
    }
    expect(this.check(response.schemaPointer, data), `${op.operationId} ${response.status}: decoded body breaks its schema`).toEqual([]);
  }

  private expectErrorBody(op: SpecOperation, status: number, body: unknown, how: string): void {
    const response = responseFor(op, status)!;
    if (response.schemaPointer === undefined) {
      expect(body, `${how}: ${op.operationId} ${status} documents no body`).toBeUndefined();
    } else if (response.examples.length > 0) {
      expect(response.examples, `${how}: the body of ${op.operationId} ${status} is not a documented example`).toContainEqual(body);
    } else {
      expect(this.check(response.schemaPointer, body), `${how}: ${op.operationId} ${status}: body breaks its schema`).toEqual([]);
    }
  }

  private expectRequiredHeaders(response: SpecResponse, headers: Headers): void {
    for (const name of response.requiredHeaders) expect(headers.get(name), `required response header ${name}`).not.toBeNull();
  }

  /** The request the params describe: method, path with encoded values, query, headers, JSON body. */
  private expectedRequest(
    op: SpecOperation,
    params: Params,
    clientHeaders: Readonly<Record<string, string>>,
    baseUrl: string,
  ): ExpectedRequest {
    const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
    const path = basePath + op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(params.query ?? {})) {
      if (value !== undefined) query[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(clientHeaders)) headers[name.toLowerCase()] = value;
    for (const [name, value] of Object.entries(params.header ?? {})) {
      if (value !== undefined) headers[name.toLowerCase()] = String(value);
    }
    const absentHeaders = op.parameters
      .filter((p) => p.in === "header" && !(p.name.toLowerCase() in headers))
      .map((p) => p.name.toLowerCase());
    return {
      method: op.method.toUpperCase(),
      path,
      query,
      headers,
      absentHeaders,
      body: params.body === undefined ? undefined : JSON.parse(JSON.stringify(params.body)),
      sendsApiKey: this.table.config.api === "jtl-erp-v1",
    };
  }
}

interface ExpectedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** Header parameters nobody set: they must not be sent. */
  absentHeaders: string[];
  body: unknown;
  sendsApiKey: boolean;
}

function expectSent(sent: SentRequest, expected: ExpectedRequest, op: SpecOperation): void {
  const where = `${op.operationId} as sent`;
  expect(sent.method, where).toBe(expected.method);
  expect(sent.url.pathname, where).toBe(expected.path);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(sent.url.searchParams.keys())) {
    const all = sent.url.searchParams.getAll(key);
    query[key] = all.length === 1 ? all[0]! : all;
  }
  expect(query, `${where}: query`).toEqual(expected.query);
  for (const [name, value] of Object.entries(expected.headers)) expect(sent.headers[name], `${where}: header ${name}`).toBe(value);
  for (const name of expected.absentHeaders) expect(sent.headers[name], `${where}: header ${name} nobody set`).toBeUndefined();
  expect(sent.headers.authorization, `${where}: Authorization`).toBe(`Bearer ${CONTRACT_TOKEN}`);
  if (expected.sendsApiKey) expect(sent.headers["x-api-key"], `${where}: x-api-key`).toBe(CONTRACT_API_KEY);
  if (expected.body === undefined) expect(sent.body, `${where}: body`).toBeUndefined();
  else {
    expect(sent.headers["content-type"], `${where}: content-type`).toMatch(/^application\/json\b/);
    expect(JSON.parse(sent.body ?? "null"), `${where}: body`).toEqual(expected.body);
  }
}

function expectReceived(received: ReceivedRequest, expected: ExpectedRequest, op: SpecOperation): void {
  const where = `${op.operationId} as received`;
  expect(received.operationId, where).toBe(op.operationId);
  expect(received.method, where).toBe(expected.method);
  expect(received.path, where).toBe(expected.path);
  expect(received.query, `${where}: query`).toEqual(expected.query);
  for (const [name, value] of Object.entries(expected.headers)) expect(received.headers[name], `${where}: header ${name}`).toBe(value);
  for (const name of expected.absentHeaders) expect(received.headers[name], `${where}: header ${name} nobody set`).toBeUndefined();
  expect(received.body, `${where}: body`).toEqual(expected.body);
}
