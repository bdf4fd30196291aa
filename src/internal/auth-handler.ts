/**
 * Turns the `auth` option into what a call needs: the Authorization header value for this attempt
 * and whether a 401 is worth one retry with a fresh token.
 */
import type { Auth } from "../core/options.js";
import { ClientConfigError, TokenRequestError } from "../core/errors.js";
import { heldSecretsOf } from "./held-secrets.js";
import { headerValueProblem } from "./request-checks.js";

/** Throws unless the token is a non-empty string that can go into a header. Never quotes the token. */
export function checkToken(token: unknown, source: string): asserts token is string {
  if (typeof token !== "string" || token.trim() === "") {
    throw new TokenRequestError(
      `${source} returned no access token (got ${typeof token === "string" ? "an empty string" : typeof token})`,
      {
        tokenUrl: source,
        retryable: false,
      },
    );
  }
  const problem = headerValueProblem(token);
  if (problem !== undefined) {
    throw new TokenRequestError(`${source} returned an access token that ${problem} (not shown)`, {
      tokenUrl: source,
      retryable: false,
    });
  }
}

/** Where an AuthHeaders object keeps its token; a symbol key, so openapi-fetch never sends it as a header. */
export const AUTH_TOKEN: unique symbol = Symbol("auth token");

/** A header object `{ authorization }`, reused while the token stays the same (no allocation per call). */
export interface AuthHeaders {
  readonly authorization: string;
  readonly [AUTH_TOKEN]: string;
}

/** The auth behaviour of one client. */
export interface AuthHandler {
  /** Set for a static token: the header goes into the client's default headers once. */
  readonly staticHeader: string | undefined;
  /** The static token, for redacting it from excerpts. */
  readonly staticToken: string | undefined;
  /** The headers for the next attempt; undefined for a static token (already a default header). */
  headers(): AuthHeaders | Promise<AuthHeaders> | undefined;
  /** True when a 401 to a request with this token should be retried once with a fresh token. */
  invalidate(token: string): boolean;
  /** What kind of auth this is, for inspect output (no secrets). */
  readonly kind: string;
  /** The secrets a token provider holds besides the token (client secret, refresh token), when it tells. */
  readonly heldSecrets: (() => readonly (string | undefined)[]) | undefined;
}

/** Builds the handler of an `auth` option; undefined when there is none. */
export function createAuthHandler(auth: Auth | undefined): AuthHandler | undefined {
  if (auth === undefined || auth === null) return undefined;
  if (typeof auth === "string") {
    try {
      checkToken(auth, "the auth option");
    } catch (error) {
      throw new ClientConfigError((error as Error).message);
    }
    return {
      staticHeader: `Bearer ${auth}`,
      staticToken: auth,
      headers: () => undefined,
      invalidate: () => false,
      kind: "static bearer token",
      heldSecrets: undefined,
    };
  }
  if (typeof auth === "function") return dynamicHandler(() => auth(), undefined, "token function", undefined);
  if (typeof auth === "object" && typeof auth.getToken === "function") {
    const invalidate = typeof auth.invalidate === "function" ? auth.invalidate.bind(auth) : undefined;
    return dynamicHandler(() => auth.getToken(), invalidate, "token provider", heldSecretsOf(auth));
  }
  throw new ClientConfigError("auth must be a token string, a function returning a token, or an object with getToken()");
}

function dynamicHandler(
  getToken: () => string | Promise<string>,
  invalidate: ((token: string) => void) | undefined,
  kind: string,
  heldSecrets: (() => readonly (string | undefined)[]) | undefined,
): AuthHandler {
  // One-entry memo: the same token gives the same header object, so a call allocates nothing.
  let last: AuthHeaders | undefined;
  const toHeaders = (token: string): AuthHeaders => {
    if (last === undefined || last[AUTH_TOKEN] !== token) {
      checkToken(token, `the ${kind}`);
      last = { authorization: `Bearer ${token}`, [AUTH_TOKEN]: token };
    }
    return last;
  };
  const onError = (error: unknown): never => {
    throw wrapProviderError(error, kind);
  };
  return {
    staticHeader: undefined,
    staticToken: undefined,
    headers() {
      let token: string | Promise<string>;
      try {
        token = getToken();
      } catch (error) {
        return Promise.reject(wrapProviderError(error, kind));
      }
      if (typeof token === "string") return toHeaders(token);
      return Promise.resolve(token).then(toHeaders, onError);
    },
    invalidate(token) {
      if (!invalidate) return false;
      invalidate(token);
      return true;
    },
    kind,
    heldSecrets,
  };
}

/** A provider's own errors pass through when they are ours (TokenRequestError); others are wrapped. */
function wrapProviderError(error: unknown, kind: string): Error {
  if (error instanceof TokenRequestError) return error;
  return new TokenRequestError(`The ${kind} failed to return an access token`, { tokenUrl: kind, retryable: false }, { cause: error });
}
