/**
 * The request log tests read (e.g. "the POST was sent once"): method, path, operation, headers
 * with secrets redacted, body, retry attempt, and what the server did with it.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./body.js";
import type { FaultKind } from "./faults.js";
import type { SpecIndex } from "./spec.js";

/** One request as the server saw it. */
export interface RecordedRequest {
  /** 1-based arrival order. */
  readonly seq: number;
  /** Arrival time, ms since the epoch. */
  readonly timestamp: number;
  readonly method: string;
  /** The URL path as sent, without the query. */
  readonly path: string;
  /** Query parameters (secrets redacted). */
  readonly query: Readonly<Record<string, string | string[]>>;
  /** Header names lower-cased; credentials redacted ("Bearer [redacted]"). */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body parsed, text when it is not JSON (or nests too deep to be handled safely), undefined when empty. */
  readonly body: unknown;
  /** The retry attempt the client announced in one of the attempt headers, if any. */
  readonly attempt: number | undefined;
  /** The matched operation; undefined when no route matched. */
  operationId: string | undefined;
  /** The fault injected into the answer, if any. */
  fault: FaultKind | undefined;
  /** The status sent; undefined when the connection was reset before any answer. */
  status: number | undefined;
}

/** Headers that carry credentials whatever the spec says. */
const ALWAYS_SECRET = ["authorization", "proxy-authorization", "cookie", "x-api-key"];
const REDACTED = "[redacted]";

/** Names (header, query, cookie) whose values are credentials in this spec. */
export function secretNamesOf(index: SpecIndex): Set<string> {
  const names = new Set(ALWAYS_SECRET);
  for (const scheme of index.securitySchemes.values()) {
    if (scheme.type === "apiKey" && typeof scheme.name === "string") names.add(scheme.name.toLowerCase());
  }
  return names;
}

/** Builds the record of an arriving request. */
export function recordOf(input: {
  seq: number;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  secretNames: ReadonlySet<string>;
  attemptHeaders: readonly string[];
}): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    headers[name] = input.secretNames.has(name) ? redact(text) : text;
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(input.url.searchParams.keys())) {
    const values = input.url.searchParams.getAll(key).map((v) => (input.secretNames.has(key.toLowerCase()) ? REDACTED : v));
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const attemptText = input.attemptHeaders.map((h) => headers[h.toLowerCase()]).find((v) => v !== undefined && /^\d+$/.test(v));
  return {
    seq: input.seq,
    timestamp: Date.now(),
    method: input.method,
    path: input.url.pathname,
    query,
    headers,
    body: parseBody(input.body),
    attempt: attemptText === undefined ? undefined : Number(attemptText),
    operationId: undefined,
    fault: undefined,
    status: undefined,
  };
}

/** Keeps the auth scheme word ("Bearer") so a log still shows which scheme was used. */
function redact(value: string): string {
  const scheme = /^([A-Za-z][\w-]*) +\S/.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString("utf8");
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
