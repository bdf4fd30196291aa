/**
 * Checks a request against the operation's security requirements (OpenAPI: alternatives are
 * "OR", the schemes inside one requirement are "AND"). Messages name headers, never their values.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MockSpecError } from "./errors.js";
import { cookiesOf } from "./params.js";
import { compileSafePattern, type SafePattern } from "./safe-pattern.js";
import { isObject, type JsonObject, type OperationInfo, type SpecIndex } from "./spec.js";

/** Why a request does not satisfy security. */
export interface SecurityProblem {
  /** The header, query or cookie parameter the scheme reads. */
  readonly where: string;
  readonly message: string;
}

/** Refuses a spec whose operations name an undefined security scheme, or whose x-token-constraints pattern does not compile. */
export function assertSchemesDefined(index: SpecIndex): void {
  for (const [name, scheme] of index.securitySchemes) {
    const c = scheme["x-token-constraints"];
    if (!isObject(c) || typeof c.pattern !== "string") continue;
    try {
      tokenPattern(c.pattern);
    } catch (error) {
      throw new MockSpecError(`security scheme "${name}": x-token-constraints.pattern cannot be applied (${(error as Error).message})`);
    }
  }
  for (const op of index.operations) {
    for (const requirement of op.security) {
      for (const name of Object.keys(requirement)) {
        if (!index.securitySchemes.has(name)) {
          throw new MockSpecError(
            `${op.operationId}: security requirement names "${name}", which components.securitySchemes does not define`,
          );
        }
      }
    }
  }
}

/** The problems of the best-matching requirement; empty when one requirement is fully met. */
export function checkSecurity(
  index: SpecIndex,
  op: OperationInfo,
  request: { headers: IncomingHttpHeaders; query: URLSearchParams },
): SecurityProblem[] {
  if (op.security.length === 0) return [];
  let best: SecurityProblem[] | undefined;
  for (const requirement of op.security) {
    const problems = Object.keys(requirement).flatMap((name) => checkScheme(name, index.securitySchemes.get(name) ?? {}, request));
    if (problems.length === 0) return [];
    if (!best || problems.length < best.length) best = problems;
  }
  return best ?? [];
}

function checkScheme(
  name: string,
  scheme: JsonObject,
  request: { headers: IncomingHttpHeaders; query: URLSearchParams },
): SecurityProblem[] {
  const type = String(scheme.type ?? "");
  if (type === "apiKey") {
    const key = String(scheme.name ?? "");
    const where = String(scheme.in ?? "header");
    const value =
      where === "query"
        ? (request.query.get(key) ?? undefined)
        : where === "cookie"
          ? cookiesOf(request.headers).get(key)
          : headerValue(request.headers, key);
    if (!value) return [{ where: key, message: `missing ${where} ${key} (security scheme "${name}")` }];
    return checkTokenConstraints(name, scheme, key, value);
  }
  if (type === "http" || type === "oauth2" || type === "openIdConnect") {
    const authScheme = type === "http" ? String(scheme.scheme ?? "bearer") : "bearer";
    const value = headerValue(request.headers, "authorization");
    if (!value)
      return [{ where: "Authorization", message: `missing Authorization header (security scheme "${name}" wants ${authScheme})` }];
    // RFC 9110 §11.1: the auth-scheme token is case-insensitive ("Bearer", "bearer").
    if (!new RegExp(`^${authScheme.replace(/[^a-z0-9-]/gi, "")} +\\S`, "i").test(value)) {
      return [{ where: "Authorization", message: `Authorization header is not "${authScheme} <credentials>" (security scheme "${name}")` }];
    }
    return checkTokenConstraints(name, scheme, "Authorization", value);
  }
  return []; // mutualTLS cannot be seen over plain HTTP
}

/**
 * `x-token-constraints` { pattern, minLength, maxLength } on the whole credential value.
 * The CRO page prints the pattern in lowercase (`^bearer [a-z0-9-_=]+...`) while its own samples send
 * `Bearer …` and real tokens (JWTs) contain uppercase letters; the auth scheme is case-insensitive
 * by RFC 9110, so the pattern is matched case-insensitively (JSON Schema has no flags, hence not ajv).
 */
function checkTokenConstraints(name: string, scheme: JsonObject, where: string, value: string): SecurityProblem[] {
  const c = scheme["x-token-constraints"];
  if (!isObject(c)) return [];
  const problems: SecurityProblem[] = [];
  const length = [...value].length;
  const label = `${where} value (x-token-constraints of security scheme "${name}")`;
  if (typeof c.minLength === "number" && length < c.minLength)
    problems.push({ where, message: `${label} is shorter than ${c.minLength} characters` });
  if (typeof c.maxLength === "number" && length > c.maxLength)
    problems.push({ where, message: `${label} is longer than ${c.maxLength} characters` });
  if (typeof c.pattern === "string" && !tokenPattern(c.pattern).test(value))
    problems.push({ where, message: `${label} does not match ${c.pattern}` });
  return problems;
}

const tokenPatterns = new Map<string, SafePattern>();
/** The compiled (linear-time, case-insensitive) token pattern; a credential is as hostile as any other input. */
function tokenPattern(source: string): SafePattern {
  let pattern = tokenPatterns.get(source);
  if (!pattern) {
    try {
      pattern = compileSafePattern(source, "iu");
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      pattern = compileSafePattern(source, "i"); // valid only without u (an escape such as \_)
    }
    tokenPatterns.set(source, pattern);
  }
  return pattern;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}
