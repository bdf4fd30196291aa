/**
 * Decoding a response body by the media type the spec documents for its status, so a body that
 * does not match (bad JSON, an HTML error page, nothing where JSON was promised) is reported as
 * such instead of escaping as a SyntaxError.
 */

const JSON_MEDIA = /^[\w.+-]+\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * True for a JSON media type: `application/json`, `text/json`, any `+json` suffix type
 * (`application/problem+json`), with or without parameters. The one rule: the generator picks an
 * operation's body media type by it, and the runtime decodes bodies by it, so the generated type
 * and the decoded value always agree.
 */
export function isJsonMedia(media: string): boolean {
  return JSON_MEDIA.test(media);
}

/** True for `text/*`. */
export function isTextMedia(media: string): boolean {
  return /^text\//i.test(media);
}

/** Statuses that never carry a body (RFC 9110). */
function isBodylessStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

/** A body that does not decode as documented: what is wrong, and the raw text for an excerpt. */
export class DecodeFailure {
  constructor(
    readonly problem: string,
    readonly raw: string,
  ) {}
}

/**
 * The decoded body, or a `DecodeFailure`.
 * - documented without a body (`null`), or a 204/205/304: `undefined`, whatever arrived;
 * - documented JSON: the parsed value; an empty or unparsable body is a failure;
 * - documented text: the text;
 * - not documented: parsed JSON when it parses and says it is JSON, else the text, else `undefined`.
 * Binary media arrive here as a Blob and pass through.
 */
export function decodeBody(raw: string | Blob | undefined, media: string | null | undefined, status: number, headers: Headers): unknown {
  if (media === null || isBodylessStatus(status)) return undefined;
  if (typeof raw !== "string" && raw !== undefined) return raw;
  if (media === undefined) {
    if (raw === undefined || raw === "") return undefined;
    const contentType = headers.get("content-type");
    if (contentType !== null && isJsonMedia(contentType)) {
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    }
    return raw;
  }
  if (isJsonMedia(media)) {
    if (raw === undefined) return new DecodeFailure("the body is empty", "");
    try {
      return JSON.parse(raw);
    } catch {
      // Checked only on failure: trimming every body first would copy it on the hot path.
      return /^\s*$/.test(raw) ? new DecodeFailure("the body is empty", "") : new DecodeFailure("the body is not valid JSON", raw);
    }
  }
  if (isTextMedia(media)) return raw ?? "";
  return raw;
}
