/**
 * What-if stubs for the size benchmark: each replaces the built modules of one runtime feature by
 * the least code that keeps the app bundling (same export names, no behaviour). Applied one after
 * another to the factory app, they show how far it could shrink if the runtime dropped those
 * features, and so whether a size target is reachable without dropping them. Only features the
 * factory target does not name are stubbed (it keeps retries, Retry-After, timeouts, typed errors,
 * request ids and token refresh). The stubs are never shipped.
 */

export interface FeatureStub {
  /** The feature the stub removes. */
  readonly feature: string;
  /** Built module path suffix → replacement source. */
  readonly modules: Readonly<Record<string, string>>;
}

export const FEATURE_STUBS: readonly FeatureStub[] = [
  {
    feature: "logging (logger, logLevel)",
    modules: {
      "internal/log-attempt.js": "export function logAttempt() {}",
      "internal/call-log.js": "export const logSink = () => undefined;",
    },
  },
  {
    feature: "unknown option names and their nearest known name",
    modules: {
      "internal/option-names.js":
        "export const BASE_OPTIONS = [], CLIENT_OPTIONS = [], CALL_OPTIONS = []; export const unknownOption = () => undefined, nearestName = () => undefined;",
    },
  },
  {
    feature: "argument checks (params, path and query values, headers, required headers and body)",
    modules: {
      "internal/check-call.js": "export function checkCall() {}",
      "internal/request-checks.js":
        "export function checkHeaders() {} export function checkHeader() {} export function checkPathParam() {} export function checkQuery() {} export function hasHeader() { return false; } export function headerValueProblem() { return undefined; } export function isWellFormed() { return true; } export function createPathSerializer() { return undefined; }",
    },
  },
  {
    feature: "redaction of secrets by value (raw, encoded, base64) and of URLs",
    modules: {
      "internal/secret-redactor.js": `class Redactor { static none = new Redactor(); static of() { return Redactor.none; } redact(t) { return t; } isClean() { return true; } redactBody(b) { return b; } redactHeaders(h) { return h; } }
class RedactorCache { for() { return Redactor.none; } }
export const secretHeaderValues = () => [], MIN_SECRET_LENGTH = 6, REDACTED = "", SECRET_HEADER_NAME = /$^/, secretForms = () => [];
export { Redactor, RedactorCache };`,
      "internal/redact.js":
        "export const redactUrl = (url) => url, excerptOf = (text) => text, redactSecrets = (text) => text, EXCERPT_LENGTH = 200;",
    },
  },
  {
    feature: "response body limit, exact error-body text, same-origin redirects",
    modules: {
      "internal/transport.js":
        "export class BodyTooLarge extends Error {} export const limitBody = (r) => r, wrapFetch = (f) => f, isConnectionFailure = (e) => e instanceof TypeError, errorBodyText = () => undefined, discardErrorBody = () => {};",
      "internal/follow-redirects.js": "export const MAX_REDIRECTS = 5; export const followSameOriginRedirects = (f) => f;",
    },
  },
  {
    feature: "client option checks (base URL, headers, fetch, middleware, numbers)",
    modules: {
      "internal/client-setup.js": `import createFetchClient from "openapi-fetch";
export const DEFAULT_MAX_RESPONSE_BYTES = 0;
export function setUpClient(options) {
  const fetchClient = createFetchClient({ baseUrl: options.baseUrl, headers: options.headers });
  return { baseUrl: options.baseUrl, fetch: globalThis.fetch, fetchClient, defaultHeaderNames: new Set(Object.keys(options.headers ?? {})), secrets: [], log: undefined };
}`,
    },
  },
  {
    feature: "openapi-fetch itself (as if the runtime built requests with no code at all)",
    modules: {
      "openapi-fetch/dist/index.mjs":
        "export default function createClient() { return { request() {}, use() {} }; } export const createFinalURL = (path) => path;",
    },
  },
];
