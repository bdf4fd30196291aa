/**
 * OAuth 2.0 token helpers built on oauth4webapi: the client-credentials grant (JTL cloud apps) and
 * the refresh-token grant (CRO, after the authorization code flow with PKCE). Each returns a
 * `TokenProvider` that caches the token until shortly before it expires, keeps one token request
 * in flight, and drops a token the API refused so the client's single 401 retry gets a fresh one.
 * Credentials live in private fields: no error message, toString, toJSON or inspect output shows them.
 */
import * as oauth from "oauth4webapi";
import type { TokenProvider } from "./options.js";
import { ClientConfigError, TokenRequestError } from "./errors.js";
import { MAX_TIMER_MS } from "../internal/attempt-abort.js";
import { INSPECT } from "../internal/inspect.js";
import { HELD_SECRETS } from "../internal/held-secrets.js";
import { Redactor } from "../internal/secret-redactor.js";
import { BodyTooLarge, limitBody } from "../internal/transport.js";
import { TokenCache, type IssuedToken } from "../internal/token-cache.js";

/** A fetch function as oauth4webapi calls it. */
export type TokenFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Options shared by both grants. */
export interface TokenHelperOptions {
  /** The token endpoint. https is required, except on a loopback host (127.0.0.1, ::1, localhost) for tests. */
  tokenUrl: string;
  /** The OAuth client id. */
  clientId: string;
  /** Scopes to request, space-separated or as a list. */
  scope?: string | readonly string[];
  /** Fetch used for token requests (default: globalThis.fetch). */
  fetch?: TokenFetch;
  /** Get a new token this long before the current one expires (default 60 000 ms, at most half its lifetime). */
  expiryLeewayMs?: number;
  /** Timeout of one token request in ms (default 30 000). */
  timeoutMs?: number;
}

/** Options of {@link clientCredentialsAuth}. */
export interface ClientCredentialsAuthOptions extends TokenHelperOptions {
  /** The OAuth client secret, sent with the client id as HTTP Basic credentials. */
  clientSecret: string;
}

/** Options of {@link refreshTokenAuth}. */
export interface RefreshTokenAuthOptions extends TokenHelperOptions {
  /** The refresh token from the authorization code flow. */
  refreshToken: string;
  /** The client secret of a confidential client (HTTP Basic); omit for a public PKCE client. */
  clientSecret?: string;
  /** An access token you already hold, used until it expires (then the refresh token takes over). */
  accessToken?: string;
  /** When `accessToken` expires: a Date or epoch milliseconds. Without it the token is used until the API refuses it. */
  accessTokenExpiresAt?: Date | number;
  /** Called with the new refresh token when the server rotates it; persist it there. */
  onRefreshToken?: (refreshToken: string) => void | Promise<void>;
}

/** A TokenProvider from one of the OAuth2 helpers. */
export interface OAuth2TokenProvider extends TokenProvider {
  getToken(): string | Promise<string>;
  invalidate(token: string): void;
  /** The grant this provider uses. */
  readonly grant: "client_credentials" | "refresh_token";
  /** The token endpoint. */
  readonly tokenUrl: string;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** Validates the token URL; http is allowed only for loopback hosts. Returns whether it is insecure. */
export function checkTokenUrl(tokenUrl: unknown): { url: URL; insecure: boolean } {
  if (typeof tokenUrl !== "string") throw new ClientConfigError("tokenUrl must be a string");
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw new ClientConfigError(`tokenUrl ${JSON.stringify(tokenUrl)} is not an absolute URL`);
  }
  if (url.username || url.password) throw new ClientConfigError("tokenUrl must not contain credentials");
  if (url.protocol === "https:") return { url, insecure: false };
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return { url, insecure: true };
  throw new ClientConfigError(`tokenUrl must use https (http is accepted only for loopback hosts), got ${url.protocol}//${url.host}`);
}

/** The largest token endpoint answer read, in bytes. */
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

export function checkNonEmpty(value: unknown, option: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") throw new ClientConfigError(`${option} must be a non-empty string`);
}

/** Everything a token request needs; built once per provider. */
export interface Endpoint {
  readonly as: oauth.AuthorizationServer;
  readonly client: oauth.Client;
  readonly clientAuth: oauth.ClientAuth;
  readonly tokenUrl: string;
  readonly requestOptions: () => oauth.TokenEndpointRequestOptions;
  readonly secrets: () => readonly (string | undefined)[];
}

export function createEndpoint(
  options: TokenHelperOptions,
  clientSecret: string | undefined,
  secrets: () => readonly (string | undefined)[],
): Endpoint {
  const { url, insecure } = checkTokenUrl(options.tokenUrl);
  checkNonEmpty(options.clientId, "clientId");
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new ClientConfigError(`timeoutMs must be a positive number of ms, at most ${MAX_TIMER_MS} (the longest a timer can wait)`);
  }
  const fetchImpl = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
  // A token answer is a few hundred bytes; a hostile endpoint must not make us hold megabytes.
  const limitedFetch: TokenFetch = async (url, init) => limitBody(await fetchImpl(url, init), MAX_TOKEN_RESPONSE_BYTES);
  const as: oauth.AuthorizationServer = { issuer: url.origin, token_endpoint: url.href };
  return {
    as,
    client: { client_id: options.clientId },
    clientAuth: clientSecret === undefined ? oauth.None() : oauth.ClientSecretBasic(clientSecret),
    tokenUrl: url.href,
    requestOptions: () => ({
      signal: AbortSignal.timeout(timeoutMs),
      [oauth.customFetch]: limitedFetch,
      ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    }),
    secrets,
  };
}

export function scopeString(scope: string | readonly string[] | undefined): string | undefined {
  if (scope === undefined) return undefined;
  return typeof scope === "string" ? scope : scope.join(" ");
}

function issued(response: oauth.TokenEndpointResponse): IssuedToken {
  return {
    accessToken: response.access_token,
    expiresInMs: typeof response.expires_in === "number" && response.expires_in > 0 ? response.expires_in * 1000 : undefined,
  };
}

/**
 * Maps whatever a token request threw to a TokenRequestError that holds no secret: oauth4webapi
 * errors can carry the token response (with the access token) as `cause`, so no cause is kept.
 */
export function tokenError(endpoint: Endpoint, grant: string, error: unknown): TokenRequestError {
  // Built per failure from the secrets held now (a refresh token rotates); failures are rare.
  const redactor = Redactor.of(endpoint.secrets());
  const clean = (text: string) => redactor.redact(text);
  const where = `${grant} token request to ${endpoint.tokenUrl}`;
  if (error instanceof BodyTooLarge || (error as { cause?: unknown } | undefined)?.cause instanceof BodyTooLarge) {
    return new TokenRequestError(`The ${where} answered with a body larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes`, {
      tokenUrl: endpoint.tokenUrl,
      retryable: false,
    });
  }
  if (error instanceof oauth.ResponseBodyError) {
    const description = error.error_description ? `: ${clean(error.error_description)}` : "";
    return new TokenRequestError(`The ${where} was refused with ${error.status} ${clean(error.error)}${description}`, {
      tokenUrl: endpoint.tokenUrl,
      status: error.status,
      oauthError: clean(error.error),
      retryable: error.status === 429 || error.status >= 500,
    });
  }
  const response =
    error instanceof oauth.WWWAuthenticateChallengeError
      ? error.response
      : error instanceof oauth.OperationProcessingError && error.cause instanceof Response
        ? error.cause
        : undefined;
  if (response) {
    return new TokenRequestError(`The ${where} failed with HTTP ${response.status}`, {
      tokenUrl: endpoint.tokenUrl,
      status: response.status,
      retryable: response.status === 429 || response.status >= 500,
    });
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.UnsupportedOperationError) {
    return new TokenRequestError(`The ${where} returned an unusable answer: ${clean(error.message)}`, {
      tokenUrl: endpoint.tokenUrl,
      retryable: false,
    });
  }
  const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return new TokenRequestError(
    `The ${where} ${timedOut ? "timed out" : "could not connect"}${typeof code === "string" ? ` (${code})` : ""}`,
    { tokenUrl: endpoint.tokenUrl, retryable: true },
  );
}

/** The shared provider shape: caching, invalidation, and safe printing. */
class CachedTokenProvider implements OAuth2TokenProvider {
  readonly #cache: TokenCache;
  readonly grant: "client_credentials" | "refresh_token";
  readonly tokenUrl: string;
  readonly #secrets: () => readonly (string | undefined)[];

  constructor(grant: "client_credentials" | "refresh_token", endpoint: Endpoint, cache: TokenCache) {
    this.grant = grant;
    this.tokenUrl = endpoint.tokenUrl;
    this.#cache = cache;
    this.#secrets = endpoint.secrets;
  }

  /** For the client this provider authenticates: what it must also cut out of its errors. */
  [HELD_SECRETS](): readonly (string | undefined)[] {
    return this.#secrets();
  }

  getToken(): string | Promise<string> {
    return this.#cache.get();
  }

  invalidate(token: string): void {
    this.#cache.invalidate(token);
  }

  toString(): string {
    return `OAuth2TokenProvider(${this.grant}, ${this.tokenUrl})`;
  }

  toJSON(): Record<string, string> {
    return { grant: this.grant, tokenUrl: this.tokenUrl };
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/**
 * OAuth2 client-credentials grant: POSTs `grant_type=client_credentials` to the token endpoint with
 * the client id and secret as HTTP Basic credentials, and caches the token until shortly before
 * `expires_in` runs out.
 */
export function clientCredentialsAuth(options: ClientCredentialsAuthOptions): OAuth2TokenProvider {
  checkNonEmpty(options.clientSecret, "clientSecret");
  const clientSecret = options.clientSecret;
  const endpoint = createEndpoint(options, clientSecret, () => [clientSecret]);
  const scope = scopeString(options.scope);
  const parameters: Record<string, string> = scope === undefined ? {} : { scope };
  const cache = new TokenCache({
    leewayMs: options.expiryLeewayMs ?? 60_000,
    fetchToken: async () => {
      try {
        const response = await oauth.clientCredentialsGrantRequest(
          endpoint.as,
          endpoint.client,
          endpoint.clientAuth,
          parameters,
          endpoint.requestOptions(),
        );
        return issued(await oauth.processClientCredentialsResponse(endpoint.as, endpoint.client, response));
      } catch (error) {
        throw tokenError(endpoint, "client_credentials", error);
      }
    },
  });
  return new CachedTokenProvider("client_credentials", endpoint, cache);
}

/**
 * OAuth2 refresh-token grant: exchanges the refresh token for an access token when needed, keeps
 * the newest refresh token when the server rotates it (and reports it via `onRefreshToken`), and
 * never runs two refreshes at once (a rotated refresh token is single-use).
 * `scope` is sent only when given: narrowing the scope on refresh can cost the refresh token.
 */
export function refreshTokenAuth(options: RefreshTokenAuthOptions): OAuth2TokenProvider {
  checkNonEmpty(options.refreshToken, "refreshToken");
  if (options.clientSecret !== undefined) checkNonEmpty(options.clientSecret, "clientSecret");
  let refreshToken = options.refreshToken;
  const clientSecret = options.clientSecret;
  const endpoint = createEndpoint(options, clientSecret, () => [clientSecret, refreshToken]);
  const scope = scopeString(options.scope);
  const onRefreshToken = options.onRefreshToken;
  const cache = new TokenCache({
    leewayMs: options.expiryLeewayMs ?? 60_000,
    fetchToken: async () => {
      let result: oauth.TokenEndpointResponse;
      try {
        const requestOptions = endpoint.requestOptions();
        const response = await oauth.refreshTokenGrantRequest(endpoint.as, endpoint.client, endpoint.clientAuth, refreshToken, {
          ...requestOptions,
          ...(scope === undefined ? {} : { additionalParameters: { scope } }),
        });
        result = await oauth.processRefreshTokenResponse(endpoint.as, endpoint.client, response);
      } catch (error) {
        throw tokenError(endpoint, "refresh_token", error);
      }
      if (typeof result.refresh_token === "string" && result.refresh_token !== refreshToken) {
        refreshToken = result.refresh_token;
        await onRefreshToken?.(refreshToken);
      }
      return issued(result);
    },
  });
  if (options.accessToken !== undefined) {
    checkNonEmpty(options.accessToken, "accessToken");
    const expiresAt = options.accessTokenExpiresAt;
    const expiresInMs =
      expiresAt === undefined ? undefined : Math.max(0, (expiresAt instanceof Date ? expiresAt.getTime() : expiresAt) - Date.now());
    cache.seed(options.accessToken, expiresInMs);
  }
  return new CachedTokenProvider("refresh_token", endpoint, cache);
}
