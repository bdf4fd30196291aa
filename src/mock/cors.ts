/**
 * CORS, for browser apps that call the mock from another origin (a dev server on another port).
 * Off unless asked for. When on, a preflight (OPTIONS with Access-Control-Request-Method) is
 * answered 204 with what the browser asked to send, and every answer names the allowed origin and
 * exposes its own headers (x-request-id, Retry-After, rate limits…) to the page's script.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MockConfigError } from "./errors.js";
import type { Outcome } from "./respond.js";

/** `true`: any origin; a list: exactly these origins ("http://localhost:5173"); `false`/absent: no CORS headers at all. */
export type CorsOption = boolean | readonly string[];

/** How the server treats cross-origin requests. */
export interface CorsPolicy {
  /** True for a CORS preflight the policy answers (never when CORS is off). */
  isPreflight(method: string, headers: IncomingHttpHeaders): boolean;
  /** The answer to a preflight: 204, and the CORS headers when the origin is allowed. */
  preflight(headers: IncomingHttpHeaders, allowedMethods: readonly string[]): Outcome;
  /** `outcome` with the CORS headers added for the request's origin (unchanged when CORS is off). */
  decorate(outcome: Outcome, headers: IncomingHttpHeaders): Outcome;
}

const PREFLIGHT_MAX_AGE_SECONDS = "600";
const ORIGIN = /^https?:\/\/[^/\s]+$/i;

/** Checks the option and builds the policy. */
export function createCorsPolicy(option: CorsOption | undefined): CorsPolicy {
  if (option !== undefined && typeof option !== "boolean" && !Array.isArray(option)) {
    throw new MockConfigError("cors must be true, false, or a list of origins");
  }
  const origins = Array.isArray(option) ? option : [];
  for (const origin of origins) {
    if (typeof origin !== "string" || !ORIGIN.test(origin)) {
      throw new MockConfigError(`cors: "${String(origin)}" is not an origin (scheme://host[:port], no path), e.g. http://localhost:5173`);
    }
  }
  const enabled = option === true || origins.length > 0;
  const allowed = new Set(origins.map((o) => o.toLowerCase()));
  const originOf = (headers: IncomingHttpHeaders) => (typeof headers.origin === "string" ? headers.origin : undefined);
  const allows = (origin: string | undefined): origin is string =>
    origin !== undefined && (option === true || allowed.has(origin.toLowerCase()));

  return {
    isPreflight: (method, headers) => enabled && method === "OPTIONS" && headers["access-control-request-method"] !== undefined,
    preflight(headers, allowedMethods) {
      const origin = originOf(headers);
      const out: Record<string, string> = { vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" };
      if (allows(origin)) {
        out["access-control-allow-origin"] = origin;
        out["access-control-allow-methods"] = allowedMethods.join(", ");
        const requested = headers["access-control-request-headers"];
        // Authorization is never covered by "*": the headers the browser asked for are allowed by name.
        if (typeof requested === "string" && requested.trim()) out["access-control-allow-headers"] = requested;
        out["access-control-max-age"] = PREFLIGHT_MAX_AGE_SECONDS;
      }
      return { status: 204, headers: out };
    },
    decorate(outcome, headers) {
      if (!enabled) return outcome;
      const origin = originOf(headers);
      const extra: Record<string, string> = { vary: "Origin" };
      if (allows(origin)) {
        extra["access-control-allow-origin"] = origin;
        const exposed = Object.keys(outcome.headers).filter((h) => !/^(connection|content-length|content-type|vary)$/i.test(h));
        if (exposed.length) extra["access-control-expose-headers"] = exposed.join(", ");
      }
      return { ...outcome, headers: { ...outcome.headers, ...extra } };
    },
  };
}
