/**
 * The query string of a request, as openapi-fetch's default (arrays `form`-exploded, objects as
 * `deepObject`), except that parameter names are percent-encoded too: openapi-fetch writes names as
 * they are, so a name holding `&`, `=` or `#` would add parameters or cut the URL short.
 */
/** Names that encodeURIComponent leaves as they are: the common case skips the call. */
const PLAIN_NAME = /^[A-Za-z0-9_.~-]*$/;

function encodeName(name: string): string {
  return PLAIN_NAME.test(name) ? name : encodeURIComponent(name);
}

function pair(name: string, value: unknown): string {
  return `${name}=${encodeURIComponent(value as string | number | boolean)}`;
}

/** Serializes `params.query` (checked before by `checkQuery`: no lone surrogates, no deeper nesting). */
export function serializeQuery(query: Record<string, unknown> | undefined): string {
  if (query === undefined || query === null || typeof query !== "object") return "";
  const parts: string[] = [];
  for (const rawName in query) {
    const value = query[rawName];
    if (value === undefined || value === null) continue;
    const name = encodeName(rawName);
    if (Array.isArray(value)) {
      for (const item of value) if (item !== undefined && item !== null) parts.push(pair(name, item));
    } else if (typeof value === "object") {
      for (const key in value) {
        const member = (value as Record<string, unknown>)[key];
        if (member !== undefined && member !== null) parts.push(pair(`${name}[${encodeName(key)}]`, member));
      }
    } else {
      parts.push(pair(name, value));
    }
  }
  return parts.join("&");
}
