/**
 * Validates one routed request against its operation: parameters (coerced, then checked by ajv
 * against their schemas), security, content type, and the body against its media type's schema.
 */
import type { IncomingHttpHeaders } from "node:http";
import { isJsonMedia } from "../internal/decode-body.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./body.js";
import { coerceParameter, rawParameter } from "./params.js";
import type { SchemaValidator } from "./schemas.js";
import { checkSecurity } from "./security.js";
import type { MediaInfo, OperationInfo, SpecIndex } from "./spec.js";

/** Where in the exchange a violation was found. */
export type ViolationIn =
  | "route"
  | "method"
  | "path"
  | "query"
  | "header"
  | "cookie"
  | "security"
  | "content-type"
  | "body"
  | "prefer"
  | "response";

/** One way a request (or, for `in: "response"`, the mock's own answer) breaks the spec. */
export interface Violation {
  /** The matched operation; undefined when no route matched. */
  readonly operationId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly in: ViolationIn;
  /** A parameter or header name, or a JSON pointer into the body ("" = the whole body). */
  readonly where: string;
  readonly message: string;
}

/** A problem found in a request, before it is tied to the request's method and path. */
export type RequestProblem = Pick<Violation, "in" | "where" | "message">;

/** The request as the validator reads it. */
export interface IncomingRequest {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The outcome: problems found, and the parsed values the rest of the server uses. */
export interface ValidatedRequest {
  readonly problems: RequestProblem[];
  /** Coerced parameter values by location and name (path values keep their spec names). */
  readonly params: { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown> };
  /** The parsed JSON (or text) body; undefined when there is none or it did not parse. */
  readonly body: unknown;
}

/** Checks everything the spec says about `request` for operation `op`. */
export function validateRequest(index: SpecIndex, schemas: SchemaValidator, op: OperationInfo, request: IncomingRequest): ValidatedRequest {
  const problems: RequestProblem[] = [];
  const params: ValidatedRequest["params"] = { path: {}, query: {}, header: {} };

  for (const p of op.parameters) {
    const raw = rawParameter(p, request);
    if (raw === undefined) {
      if (p.required) problems.push({ in: p.in, where: p.name, message: `missing required ${p.in} parameter ${p.name}` });
      continue;
    }
    const value = coerceParameter(index.doc, p, raw);
    if (p.in !== "cookie") params[p.in][p.name] = value;
    if (!p.schema) continue;
    for (const problem of schemas.check(p.schema, value)) {
      const at = problem.pointer ? ` (at ${problem.pointer})` : "";
      problems.push({ in: p.in, where: p.name, message: `${p.in} parameter ${p.name}${at} ${problem.message}` });
    }
  }

  for (const problem of checkSecurity(index, op, request)) problems.push({ in: "security", ...problem });

  const body = validateBody(schemas, op, request, problems);
  return { problems, params, body };
}

function validateBody(schemas: SchemaValidator, op: OperationInfo, request: IncomingRequest, problems: RequestProblem[]): unknown {
  const spec = op.requestBody;
  const hasBody = request.body.length > 0;
  if (!spec || spec.content.length === 0) {
    if (hasBody && !spec) problems.push({ in: "body", where: "", message: `${op.operationId} takes no request body, but one was sent` });
    return undefined;
  }
  if (!hasBody) {
    if (spec.required) problems.push({ in: "body", where: "", message: "the request body is required" });
    return undefined;
  }
  const header = request.headers["content-type"];
  const sent = (header ?? "").split(";")[0]!.trim().toLowerCase();
  const accepted = spec.content.map((m) => m.mediaType).join(", ");
  if (!sent) {
    problems.push({
      in: "content-type",
      where: "Content-Type",
      message: `a body was sent without a Content-Type header (accepted: ${accepted})`,
    });
    return undefined;
  }
  const media = findMedia(spec.content, sent);
  if (!media) {
    problems.push({ in: "content-type", where: "Content-Type", message: `Content-Type ${sent} is not accepted (accepted: ${accepted})` });
    return undefined;
  }
  const text = request.body.toString("utf8");
  let body: unknown = text;
  if (isJsonMedia(sent)) {
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      problems.push({ in: "body", where: "", message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` });
      return undefined;
    }
    try {
      body = JSON.parse(text);
    } catch (error) {
      problems.push({ in: "body", where: "", message: `the body is not valid JSON (${(error as Error).message})` });
      return undefined;
    }
  } else if (!isTextSchema(media)) {
    return body; // forms and binary bodies are accepted as sent: only JSON and text bodies are schema-checked
  }
  if (media.schema) {
    for (const problem of schemas.check(media.schema, body))
      problems.push({ in: "body", where: problem.pointer, message: `body${problem.pointer} ${problem.message}` });
  }
  return body;
}

/** The media entry for a sent type: exact, then "type/*", then "*\/*". */
export function findMedia(content: readonly MediaInfo[], mediaType: string): MediaInfo | undefined {
  const [type] = mediaType.split("/");
  const bare = (m: MediaInfo) => m.mediaType.split(";")[0]!.trim(); // a spec key may carry "; charset=utf-8"
  return (
    content.find((m) => bare(m) === mediaType) ?? content.find((m) => bare(m) === `${type}/*`) ?? content.find((m) => bare(m) === "*/*")
  );
}

function isTextSchema(media: MediaInfo): boolean {
  const schema = media.schema?.schema;
  return typeof schema === "object" && schema !== null && (schema as { type?: unknown }).type === "string";
}
