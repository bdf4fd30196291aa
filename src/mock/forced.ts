/**
 * Answers a test asks for instead of the normal one: Prism's `Prefer: code=404, example=notFound`
 * request header, and `server.respondNext({...})` queued programmatically.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MockConfigError } from "./errors.js";
import { FAULT_KINDS, type FaultKind } from "./faults.js";
import { findResponse, mediaOf, successOf, type Outcome, type Responder } from "./respond.js";
import type { OperationInfo } from "./spec.js";
import type { RequestProblem } from "./validate.js";

/** An answer queued by `server.respondNext`. */
export interface NextResponse {
  /** Only a request to this operation consumes it (default: the next request, whatever its operation). */
  readonly operationId?: string;
  /** The status to answer; its documented body and headers are used when the spec has them. */
  readonly status?: number;
  /** The name of a documented example to send. */
  readonly example?: string;
  /** A body to send instead of an example (checked against the documented schema; a mismatch is a violation). */
  readonly body?: unknown;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fault to inject into this one answer, or "none" to answer it cleanly whatever the fault rates. */
  readonly fault?: FaultKind | "none";
}

/** What `Prefer` asks for; `problem` when its `code` is not a status the mock can answer with. */
export interface Preference {
  readonly code?: number;
  readonly example?: string;
  readonly problem?: RequestProblem;
}

/** Statuses an answer can have: final ones (1xx are interim and would leave the exchange open). */
export const MIN_FORCED_STATUS = 200;
export const MAX_FORCED_STATUS = 599;

/** Parses `Prefer: code=404, example=notFound` (also `;`-separated, as Prism accepts); other preferences are left alone. */
export function parsePrefer(header: string | string[] | undefined): Preference {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const out: { code?: number; example?: string; problem?: RequestProblem } = {};
  for (const part of text.split(/[,;]/)) {
    const [key = "", value = ""] = part.split("=").map((s) => s.trim().replace(/^"|"$/g, ""));
    if (key.toLowerCase() === "code") {
      const code = /^\d{3}$/.test(value) ? Number(value) : NaN;
      if (code >= MIN_FORCED_STATUS && code <= MAX_FORCED_STATUS) out.code = code;
      else {
        const message = `Prefer: code=${value} is not a final status (a whole number from ${MIN_FORCED_STATUS} to ${MAX_FORCED_STATUS})`;
        out.problem = { in: "prefer", where: "code", message: message.slice(0, 200) };
      }
    }
    if (key.toLowerCase() === "example" && value) out.example = value;
  }
  return out;
}

/** The queue behind `respondNext`. */
export interface NextQueue {
  push(next: NextResponse): void;
  /** Removes and returns the first entry for this operation (or for any operation). */
  take(operationId: string | undefined): NextResponse | undefined;
  clear(): void;
}

/** Creates an empty queue; `push` rejects malformed entries at once, in the test that queued them. */
export function createNextQueue(): NextQueue {
  let queue: NextResponse[] = [];
  return {
    push(next) {
      if (
        next.status !== undefined &&
        !(Number.isInteger(next.status) && next.status >= MIN_FORCED_STATUS && next.status <= MAX_FORCED_STATUS)
      ) {
        throw new MockConfigError(
          `respondNext: status must be an integer from ${MIN_FORCED_STATUS} to ${MAX_FORCED_STATUS}, got ${String(next.status)}`,
        );
      }
      if (next.fault !== undefined && next.fault !== "none" && !(FAULT_KINDS as readonly string[]).includes(next.fault)) {
        throw new MockConfigError(`respondNext: fault "${String(next.fault)}" is not one of ${FAULT_KINDS.join(", ")}`);
      }
      queue.push(next);
    },
    take(operationId) {
      const i = queue.findIndex((n) => n.operationId === undefined || n.operationId === operationId);
      if (i < 0) return undefined;
      const [next] = queue.splice(i, 1);
      return next;
    },
    clear() {
      queue = [];
    },
  };
}

/**
 * The answer a test forced (queued entry first, then Prefer), or undefined when none was asked for.
 * An undocumented status is answered as asked (problem+json, or the queued body); an unknown example
 * name is a violation (`in: "prefer"`) answered 500.
 */
export function forcedAnswer(
  op: OperationInfo,
  responder: Responder,
  next: NextResponse | undefined,
  prefer: Preference,
  requestHeaders: IncomingHttpHeaders,
): { outcome: Outcome; problem?: RequestProblem } | undefined {
  const status = next?.status ?? prefer.code;
  const example = next?.example ?? prefer.example;
  const body = next?.body;
  if (status === undefined && example === undefined && body === undefined) return undefined;
  const code = status ?? successOf(op).status;
  const response = findResponse(op, code);
  if (!response) {
    if (body !== undefined) return { outcome: { status: code, headers: {}, body, mediaType: "application/json" } };
    return {
      outcome: responder.error(undefined, code, `${op.operationId} documents no ${code} response; answering as asked`, requestHeaders),
    };
  }
  const media = mediaOf(response);
  if (example !== undefined && body === undefined && !media?.examples.has(example)) {
    const known = [...(media?.examples.keys() ?? [])].join(", ") || "none";
    const message = `no example "${example}" in ${op.operationId} response ${response.status} (examples: ${known})`;
    return { outcome: responder.error(op, 500, `mock: ${message}`, requestHeaders), problem: { in: "prefer", where: "example", message } };
  }
  return { outcome: responder.documented(code, response, { example, body, requestHeaders }) };
}
