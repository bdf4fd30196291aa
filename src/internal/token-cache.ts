/**
 * Caches an access token until shortly before it expires and keeps at most one token request in
 * flight, however many calls wait for it.
 */

/** A freshly issued token and how long it lives (undefined: until the API refuses it). */
export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInMs: number | undefined;
}

/** Options of a {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Requests a new token. */
  readonly fetchToken: () => Promise<IssuedToken>;
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  readonly leewayMs: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

/** A single-flight, expiry-aware token cache. Holds the token in a private field (never inspected). */
export class TokenCache {
  readonly #fetchToken: () => Promise<IssuedToken>;
  readonly #leewayMs: number;
  readonly #now: () => number;
  #token: string | undefined;
  #refreshAt = 0;
  #inflight: Promise<string> | undefined;

  constructor(options: TokenCacheOptions) {
    this.#fetchToken = options.fetchToken;
    this.#leewayMs = options.leewayMs;
    this.#now = options.now ?? Date.now;
  }

  /** The cached token while it is fresh, else the (shared) result of one new token request. */
  get(): string | Promise<string> {
    if (this.#token !== undefined && this.#now() < this.#refreshAt) return this.#token;
    return (this.#inflight ??= this.#refresh());
  }

  /** Forgets the token if it is still the cached one (a 401 answered a request that carried it). */
  invalidate(token: string): void {
    if (this.#token === token) {
      this.#token = undefined;
      this.#refreshAt = 0;
    }
  }

  /** Seeds the cache with a token obtained elsewhere (e.g. from the authorization code flow). */
  seed(token: string, expiresInMs: number | undefined): void {
    this.#store({ accessToken: token, expiresInMs });
  }

  async #refresh(): Promise<string> {
    try {
      const issued = await this.#fetchToken();
      this.#store(issued);
      return issued.accessToken;
    } finally {
      this.#inflight = undefined;
    }
  }

  #store(issued: IssuedToken): void {
    this.#token = issued.accessToken;
    const lifetime = issued.expiresInMs;
    this.#refreshAt = lifetime === undefined ? Number.POSITIVE_INFINITY : this.#now() + lifetime - Math.min(this.#leewayMs, lifetime / 2);
  }
}
