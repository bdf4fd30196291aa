/**
 * How a client authenticates: a static bearer token, a function that returns one, or a
 * `TokenProvider` (what the OAuth2 helpers return) that can also drop a token the API refused.
 */

/**
 * Hands out access tokens. The OAuth2 helpers implement it; implement it yourself to plug in
 * another token source. `getToken` is called before every request, so it should cache.
 */
export interface TokenProvider {
  /** A valid access token (without the `Bearer ` prefix). */
  getToken(): string | Promise<string>;
  /**
   * Called when the API answered 401 to a request sent with `token`: forget it, so the next
   * `getToken()` gets a fresh one. When present, the client retries a 401 once with a fresh token.
   */
  invalidate?(token: string): void;
}

/**
 * The `auth` option of every client: sent as `Authorization: Bearer <token>`.
 * - a string: a static access token;
 * - a function: called before every request (cache inside it), may be async;
 * - a {@link TokenProvider}, e.g. from `clientCredentialsAuth()` or `refreshTokenAuth()`.
 */
export type Auth = string | (() => string | Promise<string>) | TokenProvider;
