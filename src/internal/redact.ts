/** Making URLs and body excerpts safe to put in an error message. */
import { Redactor } from "./secret-redactor.js";

/** Query parameter names whose values are treated as secrets in URLs shown to people. */
const SENSITIVE_QUERY_NAME = /token|secret|password|passwd|api[-_]?key|auth|signature|sig$|^code$|session/i;

/** The URL without userinfo and with the values of sensitive-looking query parameters replaced. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not absolute (a relative baseUrl): show only the path part, never a query.
    const at = url.search(/[?#]/);
    return at === -1 ? url : `${url.slice(0, at)}?REDACTED`;
  }
  parsed.username = "";
  parsed.password = "";
  parsed.hash = "";
  let changed = false;
  for (const name of new Set(parsed.searchParams.keys())) {
    if (SENSITIVE_QUERY_NAME.test(name)) {
      parsed.searchParams.set(name, "REDACTED");
      changed = true;
    }
  }
  return changed ? parsed.toString() : parsed.href;
}

/** The text with every form of each secret (raw, percent-encoded, base64 …) replaced by `[REDACTED]`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] | Redactor): string {
  return (secrets instanceof Redactor ? secrets : Redactor.of(secrets)).redact(text);
}

/** How much of a body an error message quotes. */
export const EXCERPT_LENGTH = 200;

/** The start of a body, whitespace collapsed and secrets cut out, for an error message. */
export function excerptOf(text: string, secrets: readonly (string | undefined)[] | Redactor): string {
  // Redact before cutting, so a secret straddling the cut cannot survive half-visible.
  const safe = redactSecrets(text, secrets).replace(/\s+/g, " ").trim();
  return safe.length > EXCERPT_LENGTH ? `${safe.slice(0, EXCERPT_LENGTH)}…` : safe;
}
