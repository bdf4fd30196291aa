/**
 * What the runtime derives once from an operation record and reuses on every call: upper-case
 * method, path parameter names, retry default, how to read and decode each status.
 */
import type { HttpMethod, OperationMeta } from "../core/operation-types.js";
import { isIdempotentMethod } from "./retry-policy.js";
import { isJsonMedia, isTextMedia } from "./decode-body.js";

/** The per-operation facts a call needs, computed once per operation record. */
export interface OperationPlan {
  readonly meta: OperationMeta;
  /** Upper-case method: for messages, and the name of openapi-fetch's entry for it (`GET`, `POST`, …). */
  readonly method: Uppercase<HttpMethod>;
  /** Names of the `{placeholders}` in the path template. */
  readonly pathParams: readonly string[];
  /** Lower-cased `meta.requiredHeaders`, paired with the spec's spelling for messages. */
  readonly requiredHeaders: readonly (readonly [lower: string, name: string])[];
  /** Retried without the caller opting in. */
  readonly idempotent: boolean;
  /** How openapi-fetch should read a 2xx body: as text (JSON and text media) or as a Blob (binary media). */
  readonly successParseAs: "text" | "blob";
  /** Content-Type to send with the body, undefined for JSON (openapi-fetch's default) and multipart (fetch sets the boundary). */
  readonly requestContentType: string | undefined;
}

const plans = new WeakMap<OperationMeta, OperationPlan>();
const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The plan of an operation record, built on first use and cached for the record's lifetime. */
export function planOf(meta: OperationMeta): OperationPlan {
  let plan = plans.get(meta);
  if (plan === undefined) {
    plan = buildPlan(meta);
    plans.set(meta, plan);
  }
  return plan;
}

function buildPlan(meta: OperationMeta): OperationPlan {
  const successMedia = Object.entries(meta.responses)
    .filter(([status]) => status.startsWith("2"))
    .map(([, media]) => media);
  const binary = successMedia.some((media) => media !== null && !isJsonMedia(media) && !isTextMedia(media));
  const requestMedia = meta.request?.mediaType;
  return {
    meta,
    method: meta.method.toUpperCase() as Uppercase<HttpMethod>,
    pathParams: Array.from(meta.path.matchAll(PLACEHOLDER), (match) => match[1] as string),
    requiredHeaders: (meta.requiredHeaders ?? []).map((name) => [name.toLowerCase(), name] as const),
    idempotent: isIdempotentMethod(meta.method),
    successParseAs: binary ? "blob" : "text",
    // openapi-fetch sends application/json by default (and sets multipart's boundary itself);
    // any other documented media type, text/json or a +json type included, is sent as documented.
    requestContentType:
      requestMedia === undefined || isPlainJson(requestMedia) || requestMedia.startsWith("multipart/form-data") ? undefined : requestMedia,
  };
}

/**
 * The documented media type for a status: the exact status, then its range (`"4XX"`), then
 * `"default"`. `null` means documented without a body; `undefined` means not documented.
 */
export function documentedMedia(meta: OperationMeta, status: number): string | null | undefined {
  const responses = meta.responses;
  const exact = responses[status];
  if (exact !== undefined) return exact;
  const range = responses[`${Math.floor(status / 100)}XX`];
  if (range !== undefined) return range;
  return responses["default"];
}

/** `application/json`, with or without parameters: what openapi-fetch already sends. */
function isPlainJson(media: string): boolean {
  return /^application\/json\s*(?:;|$)/i.test(media);
}
