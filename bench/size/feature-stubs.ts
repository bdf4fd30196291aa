/**
 * What-if stubs for the size benchmark: each replaces the built modules of one runtime feature by
 * the least code that keeps the app bundling (same export names, no behaviour). Applied one after
 * another, they show how far the smallest app could shrink if the runtime dropped those features,
 * and so whether a size target is reachable without dropping them. The stubs are never shipped.
 */

export interface FeatureStub {
  /** The feature the stub removes. */
  readonly feature: string;
  /** Built module path suffix → replacement source. */
  readonly modules: Readonly<Record<string, string>>;
}

const ERROR_CLASSES = [
  "SdkError", "RequestError", "ResponseError", "ApiError", "ConnectionError", "TimeoutError", "RequestAbortedError",
  "ResponseDecodeError", "ResponseValidationError", "InvalidRequestError", "ClientConfigError", "TokenRequestError",
  "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError", "ConflictError",
  "UnprocessableEntityError", "RateLimitError", "InternalServerError",
];

export const FEATURE_STUBS: readonly FeatureStub[] = [
  {
    feature: "argument checks (params, path parameters, headers, required headers and body)",
    modules: {
      "internal/check-call.js": "export function checkCall() {}",
      "internal/request-checks.js":
        "export function checkHeaders() {} export function checkPathParam() {} export function hasHeader() { return false; } export function createPathSerializer() { return undefined; }",
    },
  },
  {
    feature: "redaction of URLs and body excerpts",
    modules: { "internal/redact.js": "export const redactUrl = (url) => url, excerptOf = (text) => text, redactSecrets = (text) => text;" },
  },
  {
    feature: "client option checks (base URL, headers, fetch, middleware)",
    modules: {
      "internal/client-setup.js": `import createFetchClient from "openapi-fetch";
export function setUpClient(options) {
  const fetchClient = createFetchClient({ baseUrl: options.baseUrl, headers: options.headers });
  return { baseUrl: options.baseUrl, fetchClient, defaultHeaderNames: new Set(Object.keys(options.headers ?? {})), secrets: [] };
}`,
    },
  },
  {
    feature: "the typed error hierarchy and its messages (one bare class instead of 20)",
    modules: {
      "core/errors.js": `class BareError extends Error {
  constructor(init) { super(""); if (typeof init === "object") Object.assign(this, init); }
  static fromResponse(init) { return new BareError(init); }
}
export { ${ERROR_CLASSES.map((name) => `BareError as ${name}`).join(", ")} };`,
    },
  },
];
