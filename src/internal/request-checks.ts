/**
 * Refusing a request before it is sent: header names and values that would split or corrupt the
 * request, missing or dot-segment path parameters, missing required headers and bodies. Messages
 * name the header or parameter and never quote a header value (it may be a secret).
 */
import { InvalidRequestError } from "../core/errors.js";
import type { HeaderRecord, HeaderValue } from "../core/options.js";

export type { HeaderRecord, HeaderValue };

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Bytes that end or split a header line. */
const LINE_BREAK_OR_NUL = /[\r\n\0]/;
/**
 * What fetch refuses in a header value: control characters other than tab (undici fails the request,
 * which would look like a network failure) and anything above U+00FF (the Headers class throws).
 */
const NOT_SENDABLE_IN_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** Why a header value cannot be sent, in words that never quote it; undefined when it can. */
export function headerValueProblem(value: string): string | undefined {
  if (!NOT_SENDABLE_IN_VALUE.test(value)) return undefined;
  return LINE_BREAK_OR_NUL.test(value)
    ? "contains a line break or NUL character"
    : "contains a control character or a character outside Latin-1 (encode it first)";
}

/** Throws when a header name is not a token or fetch would refuse its value (CR, LF, NUL, other controls, non-Latin-1). `where` says whose header it is. */
export function checkHeader(operationId: string | undefined, where: string, name: string, value: HeaderValue): void {
  if (!HEADER_NAME.test(name)) {
    throw new InvalidRequestError(operationId, `${where} header name ${JSON.stringify(name)} is not a valid HTTP header name`);
  }
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) checkHeaderValue(operationId, where, name, item);
  } else {
    checkHeaderValue(operationId, where, name, value as string | number | boolean);
  }
}

function checkHeaderValue(operationId: string | undefined, where: string, name: string, value: string | number | boolean): void {
  if (typeof value === "string") {
    const problem = headerValueProblem(value);
    if (problem !== undefined) {
      throw new InvalidRequestError(operationId, `${where} header "${name}" ${problem}; refusing to send it (the value is not shown)`);
    }
  } else if (typeof value !== "number" && typeof value !== "boolean") {
    throw new InvalidRequestError(operationId, `${where} header "${name}" must be a string, number or boolean, got ${typeof value}`);
  }
}

/** Checks every header of a plain object (see {@link checkHeader}). */
export function checkHeaders(operationId: string | undefined, where: string, headers: HeaderRecord | undefined): void {
  if (headers === undefined || headers === null) return;
  if (typeof headers !== "object") {
    throw new InvalidRequestError(operationId, `${where} headers must be an object`);
  }
  for (const name in headers) checkHeader(operationId, where, name, headers[name]);
}

/** True when the object has a non-null, non-undefined value for the header (names compare case-insensitively). */
export function hasHeader(headers: HeaderRecord | undefined, lowerName: string): boolean {
  if (!headers) return false;
  for (const name in headers) {
    if (name.toLowerCase() === lowerName) {
      const value = headers[name];
      return value !== undefined && value !== null;
    }
  }
  return false;
}

/** A UTF-16 surrogate without its other half: no URL encoding exists for it (encodeURIComponent throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string can be percent-encoded. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function checkQueryValue(operationId: string | undefined, name: string, value: unknown, nested: boolean): void {
  if (value === undefined || value === null) return;
  if (typeof value === "string") {
    if (!isWellFormed(value))
      throw new InvalidRequestError(
        operationId,
        `query parameter ${JSON.stringify(name)} holds a lone UTF-16 surrogate, which a URL cannot encode`,
      );
    return;
  }
  if (typeof value === "object") {
    if (nested)
      throw new InvalidRequestError(
        operationId,
        `query parameter ${JSON.stringify(name)} nests objects or arrays, which a query string cannot hold`,
      );
    if (Array.isArray(value)) for (const item of value) checkQueryValue(operationId, name, item, true);
    else {
      for (const key in value) {
        checkQueryName(operationId, key);
        checkQueryValue(operationId, `${name}[${key}]`, (value as Record<string, unknown>)[key], true);
      }
    }
    return;
  }
  if (typeof value === "function" || typeof value === "symbol") {
    throw new InvalidRequestError(
      operationId,
      `query parameter ${JSON.stringify(name)} must be a string, number, boolean, array or object, got ${typeof value}`,
    );
  }
}

function checkQueryName(operationId: string | undefined, name: string): void {
  if (!isWellFormed(name))
    throw new InvalidRequestError(operationId, "a query parameter name holds a lone UTF-16 surrogate, which a URL cannot encode");
}

/** Throws unless every query parameter name and value can be put into a URL. */
export function checkQuery(operationId: string | undefined, query: unknown): void {
  if (query === undefined || query === null) return;
  if (typeof query !== "object" || Array.isArray(query)) throw new InvalidRequestError(operationId, "params.query must be an object");
  for (const name in query) {
    checkQueryName(operationId, name);
    checkQueryValue(operationId, name, (query as Record<string, unknown>)[name], false);
  }
}

/**
 * Throws unless a path parameter value is a non-empty string, a finite number, a bigint or a
 * boolean. "." and ".." are refused: a URL parser resolves them as dot segments even when
 * percent-encoded, which would move the request to another path.
 */
export function checkPathParam(operationId: string | undefined, name: string, value: unknown): void {
  if (value === undefined || value === null) {
    throw new InvalidRequestError(operationId, `path parameter "${name}" is missing`);
  }
  if (typeof value === "string") {
    if (value === "") throw new InvalidRequestError(operationId, `path parameter "${name}" is an empty string`);
    if (value === "." || value === "..") {
      throw new InvalidRequestError(operationId, `path parameter "${name}" is "${value}", which a URL cannot hold as a path segment`);
    }
    if (!isWellFormed(value))
      throw new InvalidRequestError(operationId, `path parameter "${name}" holds a lone UTF-16 surrogate, which a URL cannot encode`);
    return;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidRequestError(operationId, `path parameter "${name}" is ${value}`);
    return;
  }
  if (typeof value === "bigint" || typeof value === "boolean") return;
  throw new InvalidRequestError(operationId, `path parameter "${name}" must be a string, number, bigint or boolean, got ${typeof value}`);
}

/** A path template split into literal parts and parameter names: parts.length === names.length + 1. */
interface CompiledPath {
  readonly parts: readonly string[];
  readonly names: readonly string[];
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

function compilePath(template: string): CompiledPath {
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, match.index));
    names.push(match[1] as string);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(template.slice(last));
  return { parts, names };
}

/**
 * An openapi-fetch `pathSerializer` that percent-encodes every path parameter as one segment
 * (`../admin?x=1` → `..%2Fadmin%3Fx%3D1`), compiling each template once.
 */
export function createPathSerializer(): (pathname: string, pathParams: Record<string, unknown>) => string {
  const compiled = new Map<string, CompiledPath>();
  return function serializePath(pathname, pathParams) {
    let path = compiled.get(pathname);
    if (path === undefined) {
      path = compilePath(pathname);
      compiled.set(pathname, path);
    }
    const { parts, names } = path;
    if (names.length === 0) return pathname;
    let url = parts[0] as string;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const value = pathParams?.[name];
      checkPathParam(undefined, name, value);
      url += encodeURIComponent(String(value)) + (parts[i + 1] as string);
    }
    return url;
  };
}
