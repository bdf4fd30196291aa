/**
 * Builds answers from the spec: picks the documented response for a status, its example (or a
 * sample from its schema), its documented headers, and a problem+json body for what the spec
 * does not document.
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES, type IncomingHttpHeaders } from "node:http";
import { isJsonMedia } from "../internal/decode-body.js";
import { errorBody } from "./error-body.js";
import { coerceText } from "./params.js";
import type { Sampler } from "./sample.js";
import type { SchemaValidator } from "./schemas.js";
import { isObject, type JsonObject, type MediaInfo, type OperationInfo, type ResponseInfo } from "./spec.js";
import type { RequestProblem } from "./validate.js";

/** An answer, before it is written (or broken by a fault). */
export interface Outcome {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** A JSON value for JSON media types, text otherwise; undefined for no body. */
  readonly body?: unknown;
  readonly mediaType?: string;
  /** The documented response this answer claims to be (checked before sending); undefined when undocumented. */
  readonly documented?: { readonly response: ResponseInfo; readonly media: MediaInfo | undefined };
}

/** What to put in a documented response. */
export interface ResponseChoice {
  /** Name of the example to send (Prefer: example=...). */
  readonly example?: string | undefined;
  /** A body to send instead of an example. */
  readonly body?: unknown;
  /** What went wrong, for an error the mock decides: the body is built in the documented error shape around it. */
  readonly message?: string | undefined;
  /** The request problems behind `message`, for the shape's field-error map or list. */
  readonly problems?: readonly RequestProblem[] | undefined;
  readonly requestHeaders: IncomingHttpHeaders;
}

const MESSAGE_FIELD = /^(detail|message|error_?message|error_?description)$/i;

/** The documented response for a status: exact ("404"), then range ("4XX"), then "default". */
export function findResponse(op: OperationInfo, status: number): ResponseInfo | undefined {
  return (
    op.responses.find((r) => r.status === String(status)) ??
    op.responses.find((r) => r.status === `${String(status)[0]}XX`) ??
    op.responses.find((r) => r.status === "DEFAULT")
  );
}

/** The success answer of an operation: its lowest documented 2xx (or 2XX / default as 200). */
export function successOf(op: OperationInfo): { status: number; response: ResponseInfo | undefined } {
  const exact = op.responses.filter((r) => /^2\d\d$/.test(r.status)).sort((a, b) => Number(a.status) - Number(b.status))[0];
  if (exact) return { status: Number(exact.status), response: exact };
  return { status: 200, response: findResponse(op, 200) };
}

/** The JSON media type of a response if it has one, else its first. */
export function mediaOf(response: ResponseInfo | undefined): MediaInfo | undefined {
  return response?.content.find((m) => isJsonMedia(m.mediaType)) ?? response?.content[0];
}

/** Makes outcomes for one document. */
export interface Responder {
  /** A documented response for `status`, from the choice's body, a named or the first example, or a schema sample. */
  documented(status: number, response: ResponseInfo, choice: ResponseChoice): Outcome;
  /** The answer to a failed validation (documented 400/401 body when there is one, else problem+json). */
  rejection(op: OperationInfo, status: number, problems: readonly RequestProblem[], requestHeaders: IncomingHttpHeaders): Outcome;
  /** The documented status if the operation has one, else problem+json. */
  error(op: OperationInfo | undefined, status: number, message: string, requestHeaders: IncomingHttpHeaders): Outcome;
}

/** Builds the responder of one document. */
export function createResponder(doc: JsonObject, schemas: SchemaValidator, sampler: Sampler): Responder {
  const headersFor = (response: ResponseInfo, requestHeaders: IncomingHttpHeaders): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const h of response.headers) {
      const value = headerValue(h, requestHeaders);
      if (value !== undefined) headers[h.name] = value;
    }
    return headers;
  };

  const headerValue = (h: ResponseInfo["headers"][number], requestHeaders: IncomingHttpHeaders): string | undefined => {
    const schema = h.schema?.schema;
    // A uuid header (CRO's x-request-id) is an id of this very response: always fresh.
    if (isObject(schema) && schema.format === "uuid") return randomUUID();
    // A header the client sent and the response documents (x-api-version) is echoed when it is valid.
    const sent = requestHeaders[h.name.toLowerCase()];
    if (typeof sent === "string" && h.schema && schemas.check(h.schema, coerceText(h.schema.schema, sent)).length === 0) return sent;
    const value = h.example ? h.example.value : h.schema ? sampler.sample(h.schema.schema) : undefined;
    return value === undefined || value === null ? undefined : String(value);
  };

  const documented: Responder["documented"] = (status, response, choice) => {
    const media = mediaOf(response);
    const headers = headersFor(response, choice.requestHeaders);
    if (!media || status === 204 || status === 304) return { status, headers, documented: { response, media: undefined } };
    let body: unknown;
    if (choice.body !== undefined) body = choice.body;
    else if (choice.example !== undefined && media.examples.has(choice.example)) body = structuredClone(media.examples.get(choice.example));
    else if (media.examples.size > 0) body = structuredClone(media.examples.values().next().value);
    else body = media.schema ? sampler.sample(media.schema.schema, true) : undefined;
    if (choice.message !== undefined && choice.body === undefined && media.schema) {
      const isValid = (b: unknown) => schemas.check(media.schema!, b).length === 0;
      const example = media.examples.size > 0 ? media.examples.values().next().value : undefined;
      const built = errorBody(doc, sampler, { schema: media.schema.schema, example }, status, choice.message, choice.problems ?? []);
      body = built !== undefined && isValid(built) ? built : withMessage(body, choice.message, isValid);
    }
    return { status, headers, body, mediaType: media.mediaType, documented: { response, media } };
  };

  const problem = (status: number, detail: string, problems?: readonly RequestProblem[]): Outcome => ({
    status,
    headers: {},
    mediaType: "application/problem+json",
    body: { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail, ...(problems ? { violations: problems } : {}) },
  });

  const error: Responder["error"] = (op, status, message, requestHeaders) => {
    const response = op ? findResponse(op, status) : undefined;
    if (op && response) return documented(status, response, { message, requestHeaders });
    return problem(status, message);
  };

  return {
    documented,
    error,
    rejection(op, status, problems, requestHeaders) {
      const message = problems.map((p) => p.message).join("; ");
      const response = findResponse(op, status);
      if (response) return documented(status, response, { message, problems, requestHeaders });
      return problem(status, message, problems);
    },
  };
}

/** Puts `message` into the body's detail/message field, if it has one and the result still validates. */
function withMessage(body: unknown, message: string, isValid: (body: unknown) => boolean): unknown {
  if (!isObject(body)) return body;
  const key = Object.keys(body).find((k) => MESSAGE_FIELD.test(k) && typeof body[k] === "string");
  if (!key) return body;
  const changed = { ...body, [key]: message };
  return isValid(changed) ? changed : body;
}
