/**
 * createMockServer: wires the pieces into a loopback HTTP server. Per request: record → route →
 * validate → (fault?) → forced answer, state, or example → check the answer against the spec → send.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createCorsPolicy, type CorsOption } from "./cors.js";
import { deliver, resetConnection, type BrokenDelivery } from "./deliver.js";
import { MockConfigError } from "./errors.js";
import { conformanceProblems } from "./conform.js";
import { createFaultPicker, faultAnswer, type FaultKind, type FaultOptions } from "./faults.js";
import { createNextQueue, forcedAnswer, parsePrefer, type NextResponse, type Preference } from "./forced.js";
import { DEFAULT_MAX_BODY_BYTES, readBody } from "./body.js";
import { DEFAULT_MAX_LOG_ENTRIES, pushBounded } from "./bounded-log.js";
import { assertServable } from "./preflight.js";
import { mulberry32, randomSeed, uuidFrom, type Random } from "./random.js";
import { recordOf, secretNamesOf, type RecordedRequest } from "./record.js";
import { createResponder, successOf, type Outcome } from "./respond.js";
import { createRouter } from "./router.js";
import { createSampler } from "./sample.js";
import { createSchemaValidator } from "./schemas.js";
import { assertSchemesDefined } from "./security.js";
import { indexSpec, loadSpec, type OperationInfo } from "./spec.js";
import { createStateStore, DEFAULT_MAX_RECORDS } from "./state.js";
import { validateRequest, type RequestProblem, type ValidatedRequest, type Violation } from "./validate.js";

/** Options of {@link createMockServer}. Pass exactly one of `api` and `spec`. */
export interface MockServerOptions {
  /** A folder name under generated/ ("jtl-erp-v2"): serves generated/<api>/openapi.json. */
  readonly api?: string;
  /** A bundled OpenAPI 3.x document (internal `$ref`s only). It is copied, never changed. */
  readonly spec?: object;
  /** TCP port; 0 (default) lets the OS pick a free one. */
  readonly port?: number;
  /** A loopback address (default 127.0.0.1); anything that is not loopback is refused. */
  readonly host?: string;
  /** Seed of generated ids and (unless `faults.seed` is set) of fault draws. */
  readonly seed?: number;
  /** Fault injection; off when absent. */
  readonly faults?: FaultOptions;
  /** Largest request body accepted, in bytes (default 1 MiB); a larger one is answered 413 and not read further. */
  readonly maxBodyBytes?: number;
  /** Request headers that carry the client's retry attempt number, first match wins. */
  readonly attemptHeaders?: readonly string[];
  /**
   * How many entries `requests` and `violations` each keep (default 10,000): past it the oldest
   * goes, so a long-running server holds a fixed amount. `seq` keeps counting across drops.
   */
  readonly maxLogEntries?: number;
  /**
   * CORS for browser apps on another origin: `true` allows any origin, a list exactly those
   * ("http://localhost:5173"). Off by default. When on, preflights are answered and every answer
   * exposes its headers.
   */
  readonly cors?: CorsOption;
  /** Most records the store keeps (default 10,000): past it the oldest is forgotten, as if deleted. */
  readonly maxRecords?: number;
  /** Receives one line per request and per violation (the CLI prints them). */
  readonly log?: (line: string) => void;
}

/** A running mock server. */
export interface MockServer {
  /** Origin of the server, e.g. http://127.0.0.1:43210 (every path is served with and without the base path). */
  readonly url: string;
  /** `url` plus the spec's server base path (e.g. /erp), for clients that want production-shaped URLs. */
  readonly baseUrl: string;
  readonly port: number;
  /** The spec violations seen since start (or the last reset), in order; the last `maxLogEntries` of them. */
  readonly violations: readonly Violation[];
  /** The requests received since start (or the last reset), in order; the last `maxLogEntries` of them. */
  readonly requests: readonly RecordedRequest[];
  /** The operations served. */
  readonly operations: readonly { operationId: string; method: string; path: string }[];
  /** Queues an answer for the next request (to `operationId`, if given); a request rejected for violations consumes it too. */
  respondNext(next: NextResponse): void;
  /** Clears violations, requests, stored records, queued answers, and restarts seeded draws. */
  reset(): void;
  /** Stops listening, closes every connection and pending delay; resolves when nothing is left open. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost)$/;
/**
 * Pending-connection queue of the listening socket. Node's default (511) makes the kernel drop
 * the SYNs of a burst beyond it, and those clients connect only after TCP's 1 s retransmit: a delay
 * no fault drew and no log shows. Load tests open 1,000 connections at once; the kernel caps this
 * at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4096;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const DEFAULT_ATTEMPT_HEADERS = ["x-retry-attempt", "x-retry-count", "x-stainless-retry-count"];

/** Starts a mock server for one API; rejects with MockSpecError / MockConfigError when it cannot. */
export async function createMockServer(options: MockServerOptions): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.test(host)) throw new MockConfigError(`host must be a loopback address (127.0.0.1, ::1, localhost), got "${host}"`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new MockConfigError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1)
    throw new MockConfigError(`maxBodyBytes must be a whole number from 1, got ${String(maxBodyBytes)}`);
  const maxLogEntries = options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES;
  if (!Number.isSafeInteger(maxLogEntries) || maxLogEntries < 1) {
    throw new MockConfigError(`maxLogEntries must be a whole number from 1, got ${String(maxLogEntries)}`);
  }
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 1)
    throw new MockConfigError(`maxRecords must be a whole number from 1, got ${String(maxRecords)}`);
  const seed = options.seed ?? randomSeed();
  if (!Number.isInteger(seed)) throw new MockConfigError(`seed must be an integer, got ${String(seed)}`);

  const cors = createCorsPolicy(options.cors);
  const index = indexSpec(loadSpec(options));
  assertSchemesDefined(index);
  const schemas = createSchemaValidator(index.doc);
  assertServable(index, schemas);

  let random: Random = mulberry32(seed);
  const sampler = createSampler(index.doc, () => uuidFrom(random));
  const responder = createResponder(index.doc, schemas, sampler);
  const store = createStateStore(index, responder, sampler, () => random(), maxRecords);
  const router = createRouter(index);
  const faults = createFaultPicker(options.faults, seed);
  const queue = createNextQueue();
  const secretNames = secretNamesOf(index);
  const attemptHeaders = options.attemptHeaders ?? DEFAULT_ATTEMPT_HEADERS;
  // Log lines end up on a terminal: request text in them (a JSON error's quote, a header value) is shown escaped,
  // so a client can neither colour nor clear the screen nor forge a line with a newline.
  const log =
    options.log && ((line: string) => options.log!(line.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)));

  const violations: Violation[] = [];
  const requests: RecordedRequest[] = [];
  let received = 0; // requests since start or reset, dropped ones included: the next seq
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closed = false;

  const report = (op: OperationInfo | undefined, method: string, path: string, problems: readonly RequestProblem[]) => {
    for (const p of problems) {
      pushBounded(violations, { operationId: op?.operationId, method, path, ...p }, maxLogEntries);
      log?.(`  ! ${p.in} ${p.where}: ${p.message}`);
    }
  };

  /** Resolves true after `ms`, or false at once if the server closes first. */
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!closed);
      }, ms);
      timers.set(timer, () => resolve(false));
    });

  /** The answer to a valid request: a forced one (respondNext, Prefer), else from state, else from the spec's examples. */
  const decide = (
    op: OperationInfo,
    validated: ValidatedRequest,
    req: IncomingMessage,
    next: NextResponse | undefined,
    prefer: Preference,
    path: string,
  ): Outcome => {
    const forced = forcedAnswer(op, responder, next, prefer, req.headers);
    if (forced?.problem) report(op, req.method ?? "GET", path, [forced.problem]);
    if (forced) return forced.outcome;
    const fromState = store.handle(op, validated, req.headers);
    if (fromState) return fromState;
    const success = successOf(op);
    if (!success.response) return { status: success.status, headers: {} };
    return responder.documented(success.status, success.response, { requestHeaders: req.headers });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const { bytes, tooLarge } = await readBody(req, maxBodyBytes);
    const record = recordOf({ seq: ++received, method, url, headers: req.headers, body: bytes, secretNames, attemptHeaders });
    pushBounded(requests, record, maxLogEntries);

    if (cors.isPreflight(method, req.headers)) {
      // The browser's question, not an API call: no operation, no queued answer, no fault draw.
      const requested = String(req.headers["access-control-request-method"]).toUpperCase();
      const route = router.match(requested, url.pathname);
      const outcome = cors.preflight(req.headers, route.kind === "method-not-allowed" ? route.allowed : [requested]);
      record.status = outcome.status;
      log?.(`${method} ${url.pathname} → ${outcome.status} (CORS preflight for ${requested})`);
      if (!res.destroyed && !closed) await deliver(res, outcome);
      return;
    }

    const match = router.match(method, url.pathname);
    const op = match.kind === "operation" ? match.operation : undefined;
    record.operationId = op?.operationId;
    const next = queue.take(op?.operationId);
    const drawn = faults.next(); // drawn for every request, so a seed gives the same sequence whatever is queued
    const fault: FaultKind | undefined = next?.fault === "none" ? undefined : (next?.fault ?? drawn);
    record.fault = fault;

    let answer: () => Outcome;
    if (match.kind === "no-route") {
      report(undefined, method, url.pathname, [
        { in: "route", where: url.pathname, message: `no operation matches ${method} ${url.pathname}` },
      ]);
      answer = () => responder.error(undefined, 404, `no operation matches ${method} ${url.pathname}`, req.headers);
    } else if (match.kind === "method-not-allowed") {
      report(undefined, method, url.pathname, [
        { in: "method", where: method, message: `${url.pathname} has no ${method} operation (allowed: ${match.allowed.join(", ")})` },
      ]);
      answer = () => {
        const outcome = responder.error(undefined, 405, `${url.pathname} has no ${method} operation`, req.headers);
        return { ...outcome, headers: { ...outcome.headers, allow: match.allowed.join(", ") } };
      };
    } else if (tooLarge) {
      // What arrived is only a part: it is not validated, and the answer is 413 (documented body if any).
      const problems = [{ in: "body" as const, where: "", message: `the body is larger than ${maxBodyBytes} bytes` }];
      report(match.operation, method, url.pathname, problems);
      answer = () => responder.rejection(match.operation, 413, problems, req.headers);
    } else {
      const validated = validateRequest(index, schemas, match.operation, {
        pathParams: match.pathParams,
        query: url.searchParams,
        headers: req.headers,
        body: bytes,
      });
      const prefer = parsePrefer(req.headers.prefer);
      const problems = prefer.problem ? [...validated.problems, prefer.problem] : validated.problems;
      report(match.operation, method, url.pathname, problems);
      answer = problems.length
        ? () => responder.rejection(match.operation, problems.some((p) => p.in === "security") ? 401 : 400, problems, req.headers)
        : () => decide(match.operation, validated, req, next, prefer, url.pathname);
    }

    if (fault === "reset") {
      log?.(`${method} ${url.pathname} → reset (fault)`);
      return resetConnection(res);
    }
    let outcome: Outcome;
    if (fault === "retry429" || fault === "retry503" || fault === "html502")
      outcome = faultAnswer(fault, op, responder, faults.retryAfterSeconds, req.headers);
    else {
      if (fault === "delay" && !(await wait(faults.delayMs))) return;
      outcome = answer();
      report(op, method, url.pathname, conformanceProblems(schemas, outcome));
    }
    if (next?.headers) outcome = { ...outcome, headers: { ...outcome.headers, ...next.headers } };
    outcome = cors.decorate(outcome, req.headers);
    // The rest of an oversized body is never read: the connection ends with this answer.
    if (tooLarge) outcome = { ...outcome, headers: { ...outcome.headers, connection: "close" } };
    const hasBody = outcome.body !== undefined;
    const broken: BrokenDelivery | undefined = (fault === "resetMidBody" || fault === "truncate") && hasBody ? fault : undefined;
    record.fault = fault === "resetMidBody" || fault === "truncate" ? broken : fault;
    record.status = outcome.status;
    log?.(
      `${method} ${url.pathname} → ${outcome.status}${op ? ` ${op.operationId}` : ""}${record.fault ? ` (fault: ${record.fault})` : ""}`,
    );
    if (res.destroyed || closed) return;
    await deliver(res, outcome, broken);
    if (tooLarge) req.socket.destroySoon();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log?.(`  ! mock error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/problem+json" });
        res.end(
          JSON.stringify({
            type: "about:blank",
            title: "Internal Server Error",
            status: 500,
            detail: "the mock server failed; see its log",
          }),
        );
      }
    });
  });

  // Tracked so close() can wait until every server-side socket is really gone.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new MockConfigError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)),
    );
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url: origin,
    baseUrl: origin + (index.basePaths[0] ?? ""),
    port: address.port,
    violations,
    requests,
    operations: index.operations.map(({ operationId, method, path }) => ({ operationId, method, path })),
    respondNext: (next) => queue.push(next),
    reset() {
      violations.length = 0;
      requests.length = 0;
      received = 0;
      store.reset();
      queue.clear();
      faults.reset();
      random = mulberry32(seed);
    },
    close() {
      closing ??= (async () => {
        closed = true;
        for (const [timer, cancel] of timers) {
          clearTimeout(timer);
          cancel();
        }
        timers.clear();
        const socketsClosed = [...sockets].map((socket) => new Promise((resolve) => socket.once("close", resolve)));
        const serverClosed = new Promise((resolve) => server.close(resolve));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy(); // also those still mid-request-headers
        await Promise.all([serverClosed, ...socketsClosed]);
        // libuv releases the listening handle one loop turn after the close callback.
        await new Promise((resolve) => setImmediate(resolve));
      })();
      return closing;
    },
  };
}
