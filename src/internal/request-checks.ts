/**
 * Refusing a request before it is sent: header names and values that would split or corrupt the
 * request, missing or dot-segment path parameters, missing required headers and bodies. Messages
 * name the header or parameter and never quote a header value (it may be a secret).
 */
import { InvalidRequestError } from "../core/errors.js";

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Bytes that end or split a header line. */
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/** A header value as openapi-fetch accepts it; null removes a default, undefined is skipped. */
export type HeaderValue = string | number | boolean | readonly (string | number | boolean)[] | null | undefined;
/** A plain object of headers. */
export type HeaderRecord = { readonly [name: string]: HeaderValue };

/** Throws when a header name is not a token or its value holds CR, LF or NUL. `where` says whose header it is. */
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
    if (FORBIDDEN_IN_VALUE.test(value)) {
      throw new InvalidRequestError(
        operationId,
        `${where} header "${name}" contains a line break or NUL character; refusing to send it (the value is not shown)`,
      );
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
