/**
 * Sign-in with the OAuth 2.0 authorization code grant and PKCE (RFC 7636), on oauth4webapi:
 * `start()` makes the authorization URL with a fresh `state` and S256 code challenge; the user
 * signs in there and is redirected back; `finish(callbackUrl, request)` checks the callback's
 * `state`, exchanges the code (with the `code_verifier`) for tokens, and hands back a token
 * provider that refreshes (with rotation) from then on.
 */
import * as oauth from "oauth4webapi";
import { ClientConfigError, SignInError } from "./errors.js";
import {
  checkNonEmpty,
  checkTokenUrl,
  createEndpoint,
  refreshTokenAuth,
  scopeString,
  tokenError,
  type OAuth2TokenProvider,
  type RefreshTokenAuthOptions,
  type TokenHelperOptions,
} from "./oauth2.js";
import { INSPECT } from "../internal/inspect.js";
import { redactSecrets } from "../internal/redact.js";

/** Options of {@link authorizationCodeFlow}. */
export interface AuthorizationCodeFlowOptions extends TokenHelperOptions {
  /** The authorization endpoint the user signs in at. https, except on a loopback host. */
  authorizationUrl: string;
  /** Where the authorization server sends the user back; must be registered for the client. */
  redirectUri: string;
  /** The client secret of a confidential client (HTTP Basic); omit for a public PKCE client. */
  clientSecret?: string;
}

/** One sign-in in progress: send the user to `url`, keep the rest for {@link AuthorizationCodeFlow.finish}. */
export interface AuthorizationRequest {
  /** The authorization URL to open in the user's browser. */
  readonly url: string;
  /** The random `state` sent with it; the callback must carry the same. */
  readonly state: string;
  /** The PKCE code verifier (secret: keep it server-side or in memory until `finish`). */
  readonly codeVerifier: string;
}

/** The outcome of a completed sign-in. */
export interface SignInTokens {
  /** The access token for API calls. */
  readonly accessToken: string;
  /** The refresh token, when the server issued one. Store it securely. */
  readonly refreshToken: string | undefined;
  /** When the access token expires (epoch ms), when the server said. */
  readonly expiresAt: number | undefined;
  /** The granted scope, when the server said. */
  readonly scope: string | undefined;
  /**
   * A token provider for the client's `auth` option: uses the access token until it expires, then
   * the refresh token (rotated tokens are passed to `onRefreshToken`). Throws ClientConfigError
   * when the server issued no refresh token.
   */
  tokenProvider(options?: Pick<RefreshTokenAuthOptions, "onRefreshToken" | "expiryLeewayMs">): OAuth2TokenProvider;
}

/** A configured authorization code flow. */
export interface AuthorizationCodeFlow {
  /** Starts a sign-in: a fresh state and code verifier, and the URL to send the user to. */
  start(options?: { scope?: string | readonly string[]; extraParams?: Record<string, string> }): Promise<AuthorizationRequest>;
  /**
   * Completes a sign-in from the URL the user was redirected to: checks `state`, then exchanges the
   * code. Rejects with a SignInError for a wrong state, an `error` callback or a missing code, and
   * with a TokenRequestError when the token endpoint refuses the code (expired, reused).
   */
  finish(callbackUrl: string | URL, request: AuthorizationRequest): Promise<SignInTokens>;
}

/** Options of a vendor's flow (`croAuthorizationCode`, `jtlAuthorizationCode`): the endpoints default to the spec's. */
export type SpecAuthorizationCodeOptions = Omit<AuthorizationCodeFlowOptions, "authorizationUrl" | "tokenUrl"> & {
  authorizationUrl?: string;
  tokenUrl?: string;
};

/** An authorization code flow whose endpoints default to a spec's `authorizationCode` flow. */
export function specAuthorizationCodeFlow(
  defaults: { readonly authorizationUrl: string; readonly tokenUrl: string },
  options: SpecAuthorizationCodeOptions,
): AuthorizationCodeFlow {
  return authorizationCodeFlow({
    ...options,
    authorizationUrl: options.authorizationUrl ?? defaults.authorizationUrl,
    tokenUrl: options.tokenUrl ?? defaults.tokenUrl,
  });
}

/** Creates an authorization code flow with PKCE for one client. */
export function authorizationCodeFlow(options: AuthorizationCodeFlowOptions): AuthorizationCodeFlow {
  if (typeof options !== "object" || options === null) throw new ClientConfigError("authorizationCodeFlow needs an options object");
  const authorizationUrl = checkTokenUrl(options.authorizationUrl).url;
  checkNonEmpty(options.redirectUri, "redirectUri");
  const redirectUri = options.redirectUri;
  try {
    new URL(redirectUri);
  } catch {
    throw new ClientConfigError(`redirectUri ${JSON.stringify(redirectUri)} is not an absolute URL`);
  }
  if (options.clientSecret !== undefined) checkNonEmpty(options.clientSecret, "clientSecret");
  const clientSecret = options.clientSecret;
  const endpoint = createEndpoint(options, clientSecret, () => [clientSecret]);
  const defaultScope = scopeString(options.scope);

  return {
    async start(startOptions = {}) {
      const state = oauth.generateRandomState();
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const url = new URL(authorizationUrl);
      const scope = scopeString(startOptions.scope) ?? defaultScope;
      const params: Record<string, string> = {
        ...startOptions.extraParams,
        response_type: "code",
        client_id: options.clientId,
        redirect_uri: redirectUri,
        state,
        code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        ...(scope === undefined ? {} : { scope }),
      };
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return { url: url.href, state, codeVerifier };
    },

    async finish(callbackUrl, request) {
      const callback = parseCallback(callbackUrl);
      const secrets = [request?.codeVerifier, callback.searchParams.get("code") ?? undefined, clientSecret];
      const returned = callback.searchParams.get("state");
      if (typeof request?.state !== "string" || returned !== request.state) {
        throw new SignInError(
          returned === null
            ? "The sign-in callback carries no state; it does not answer this sign-in"
            : "The sign-in callback's state does not match this sign-in's: the callback is forged or belongs to another sign-in",
          "state_mismatch",
        );
      }
      const error = callback.searchParams.get("error");
      if (error !== null) {
        const description = callback.searchParams.get("error_description");
        throw new SignInError(
          `The authorization server refused the sign-in: ${redactSecrets(error, secrets)}${description ? `: ${redactSecrets(description, secrets)}` : ""}`,
          error,
        );
      }
      if (!callback.searchParams.get("code")) throw new SignInError("The sign-in callback carries no code", "missing_code");
      let result: oauth.TokenEndpointResponse;
      try {
        const params = oauth.validateAuthResponse(endpoint.as, endpoint.client, callback.searchParams, request.state);
        const response = await oauth.authorizationCodeGrantRequest(
          endpoint.as,
          endpoint.client,
          endpoint.clientAuth,
          params,
          redirectUri,
          request.codeVerifier,
          endpoint.requestOptions(),
        );
        result = await oauth.processAuthorizationCodeResponse(endpoint.as, endpoint.client, response);
      } catch (caught) {
        throw tokenError({ ...endpoint, secrets: () => secrets }, "authorization_code", caught);
      }
      return signInTokens(result, options);
    },
  };
}

function parseCallback(callbackUrl: string | URL): URL {
  try {
    return new URL(String(callbackUrl));
  } catch {
    throw new SignInError("The sign-in callback is not an absolute URL", "invalid_callback");
  }
}

function signInTokens(result: oauth.TokenEndpointResponse, options: AuthorizationCodeFlowOptions): SignInTokens {
  const expiresAt = typeof result.expires_in === "number" && result.expires_in > 0 ? Date.now() + result.expires_in * 1000 : undefined;
  const refreshToken = typeof result.refresh_token === "string" && result.refresh_token !== "" ? result.refresh_token : undefined;
  const accessToken = result.access_token;
  const tokens: SignInTokens = {
    accessToken,
    refreshToken,
    expiresAt,
    scope: typeof result.scope === "string" ? result.scope : undefined,
    tokenProvider(providerOptions = {}) {
      if (refreshToken === undefined) {
        throw new ClientConfigError("The token server issued no refresh token: use accessToken until it expires, then sign in again");
      }
      return refreshTokenAuth({
        tokenUrl: options.tokenUrl,
        clientId: options.clientId,
        ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...providerOptions,
        refreshToken,
        accessToken,
        ...(expiresAt === undefined ? {} : { accessTokenExpiresAt: expiresAt }),
      });
    },
  };
  // The tokens are secrets: keep them out of JSON, String() and inspect output.
  const printable = () => ({ expiresAt, scope: tokens.scope, refreshToken: refreshToken === undefined ? undefined : "[REDACTED]" });
  Object.defineProperties(tokens, {
    toJSON: { value: printable },
    toString: { value: () => `SignInTokens(${JSON.stringify(printable())})` },
    [INSPECT]: { value: () => `SignInTokens ${JSON.stringify(printable())}` },
  });
  return tokens;
}
