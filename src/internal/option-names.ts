/**
 * Refusing option names a client or call does not know (`baseURL`, `timeout`), with the nearest
 * known name: without it a typo is silently ignored, and plain JavaScript has no type checker.
 */

/** Options every client takes. */
export const BASE_OPTIONS = ["baseUrl", "fetch", "headers", "middleware", "name", "maxResponseBytes", "logger", "logLevel"] as const;
/** What `createClient` adds to them. */
export const CLIENT_OPTIONS = [
  ...BASE_OPTIONS,
  "auth",
  "maxRetries",
  "retryNonIdempotent",
  "backoff",
  "maxRetryAfterMs",
  "timeoutMs",
  "validateResponses",
];
/** Options of one call. */
export const CALL_OPTIONS = ["signal", "timeoutMs", "maxRetries", "retryNonIdempotent", "headers"];

/** Edit distance, case ignored (`baseURL` is one step from nothing: it is `baseUrl`). */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The known name closest to `name`, when one is close enough to be a typo of it. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.round(name.length * 0.4)) ? best : undefined;
}

/** The problem with the first unknown name in `options`, undefined when every name is known. */
export function unknownOption(options: object, known: readonly string[], where: string): string | undefined {
  for (const name in options) {
    if (known.includes(name)) continue;
    const nearest = nearestName(name, known);
    return `unknown ${where} ${JSON.stringify(name)}${nearest ? `: did you mean ${nearest}?` : ` (known: ${known.join(", ")})`}`;
  }
  return undefined;
}
