/** Auth: static tokens, providers, and the OAuth2 helpers against a loopback token endpoint. */
import type http from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  clientCredentialsAuth,
  ClientConfigError,
  refreshTokenAuth,
  TokenRequestError,
  type TokenProvider,
} from "../../src/core/index.js";
import { CRO_TOKEN_URL, croRefreshTokenAuth } from "../../src/cro-dispatch/index.js";
import { createJtlErpV2Client, jtlClientCredentials, JTL_TOKEN_URL } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

const CLIENT_ID = "app-client-id";
const CLIENT_SECRET = "client-secret-s3cr3t";
const REFRESH_TOKEN = "refresh-token-r3fr3sh";
const contact = { path: { customerId: "c", customerContactId: "k" } };
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 4 } } as const;

interface AuthServer extends TestServer {
  readonly tokenRequests: () => SeenRequest[];
  readonly apiRequests: () => SeenRequest[];
}

let server: AuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * One server for both: POST /oauth2/token issues token-1, token-2, … (or answers with `token`),
 * everything else is the API and answers with `api` (default: 200 unless the token is refused).
 */
async function serveAuth(options: {
  token?: (request: SeenRequest, response: http.ServerResponse, n: number) => void;
  api?: (request: SeenRequest, response: http.ServerResponse) => void;
  refused?: readonly string[];
  expiresIn?: number;
}): Promise<AuthServer> {
  let issued = 0;
  const started = await startServer((request, response) => {
    if (request.url === "/oauth2/token") {
      issued++;
      if (options.token) return options.token(request, response, issued);
      return json(response, 200, { access_token: `token-${issued}`, token_type: "Bearer", expires_in: options.expiresIn ?? 86_400 });
    }
    if (options.api) return options.api(request, response);
    const token = request.headers.authorization?.replace(/^Bearer /, "") ?? "";
    if (options.refused?.includes(token)) return json(response, 401, { message: "expired" });
    return json(response, 200, { token });
  });
  server = {
    ...started,
    tokenRequests: () => started.requests.filter((request) => request.url === "/oauth2/token"),
    apiRequests: () => started.requests.filter((request) => request.url !== "/oauth2/token"),
  };
  return server;
}

const credentials = (url: string, extra: Partial<Parameters<typeof clientCredentialsAuth>[0]> = {}) =>
  clientCredentialsAuth({ tokenUrl: `${url}/oauth2/token`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...extra });

describe("client-credentials grant", () => {
  it("sends id and secret as HTTP Basic with grant_type=client_credentials, then the bearer token", async () => {
    const { url, tokenRequests, apiRequests } = await serveAuth({});
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url, { scope: ["Application.RunAs"] }) });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "token-1" });
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest!.method).toBe("POST");
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding (a compliant server decodes them).
    const basic = /^Basic (.+)$/.exec(tokenRequest!.headers.authorization ?? "")?.[1] ?? "";
    const [id, secret] = Buffer.from(basic, "base64").toString("utf8").split(":");
    expect([decodeURIComponent(id!), decodeURIComponent(secret!)]).toEqual([CLIENT_ID, CLIENT_SECRET]);
    expect(tokenRequest!.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(tokenRequest!.body);
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("scope")).toBe("Application.RunAs");
    expect(form.get("client_secret")).toBeNull();
    expect(apiRequests()[0]!.headers.authorization).toBe("Bearer token-1");
  });

  it("caches the token across calls and keeps one request in flight for concurrent callers", async () => {
    const { url, tokenRequests, apiRequests } = await serveAuth({});
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url) });
    await Promise.all(Array.from({ length: 10 }, () => erp.customers.contacts.get(contact)));
    await erp.customers.contacts.get(contact);
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(11);
  });

  it("gets a new token shortly before the old one expires", async () => {
    const { url, tokenRequests } = await serveAuth({ expiresIn: 1 });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url) });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "token-1" });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "token-1" });
    // Lifetime 1 s, leeway capped at half of it: refreshed after 0.5 s.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "token-2" });
    expect(tokenRequests()).toHaveLength(2);
  });

  it("on a 401 gets a fresh token once and retries, for POST too", async () => {
    const { url, tokenRequests, apiRequests } = await serveAuth({ refused: ["token-1"] });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url) });
    await expect(erp.customers.contacts.create({ path: { customerId: "c" }, body: {} })).resolves.toEqual({ token: "token-2" });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((request) => request.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("many requests refused with the same token cause one refresh", async () => {
    const { url, tokenRequests } = await serveAuth({ refused: ["token-1"] });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url) });
    const results = await Promise.all(Array.from({ length: 5 }, () => erp.customers.contacts.get(contact)));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ token: "token-2" })));
    expect(tokenRequests()).toHaveLength(2);
  });

  it("a second 401 is an AuthenticationError (no refresh loop)", async () => {
    const { url, tokenRequests, apiRequests } = await serveAuth({ api: (_, response) => json(response, 401, { message: "no" }) });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url) });
    const error = (await erp.customers.contacts.get(contact).catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.attempts).toBe(2);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(2);
  });

  it("an OAuth error from the token endpoint is a TokenRequestError without the secret; no API request is sent", async () => {
    const { url, apiRequests } = await serveAuth({
      token: (_, response) => json(response, 401, { error: "invalid_client", error_description: "Client authentication failed" }),
    });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url), ...fast });
    const error = (await erp.customers.contacts.get(contact).catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.oauthError).toBe("invalid_client");
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Client authentication failed");
    for (const output of [error.message, JSON.stringify(error), inspect(error, { showHidden: true, depth: 10 })]) {
      expect(output).not.toContain(CLIENT_SECRET);
      expect(output).not.toContain("Basic ");
    }
    expect(apiRequests()).toHaveLength(0);
  });

  it("a token endpoint answering 503 is retried like a connection error", async () => {
    const { url, tokenRequests } = await serveAuth({
      token: (_, response, n) =>
        n === 1 ? json(response, 503, {}) : json(response, 200, { access_token: "token-ok", token_type: "Bearer", expires_in: 60 }),
    });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: credentials(url), ...fast });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "token-ok" });
    expect(tokenRequests()).toHaveLength(2);
  });

  it("a success answer without a usable token is refused without quoting it", async () => {
    const { url } = await serveAuth({ token: (_, response) => json(response, 200, { access_token: "leaky-token-value", token_type: 42 }) });
    const error = (await Promise.resolve(credentials(url).getToken()).catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.retryable).toBe(false);
    expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain("leaky-token-value");
  });

  it("an unreachable token endpoint is a retryable TokenRequestError", async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const error = (await Promise.resolve(credentials(closed.url).getToken()).catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("could not connect");
  });

  it("refuses an http token URL that is not loopback, and empty credentials", () => {
    expect(() => clientCredentialsAuth({ tokenUrl: "http://auth.example.com/token", clientId: "a", clientSecret: "b" })).toThrow(
      ClientConfigError,
    );
    expect(() => clientCredentialsAuth({ tokenUrl: "https://auth.example.com/token", clientId: "a", clientSecret: "" })).toThrow(
      "clientSecret must be a non-empty string",
    );
  });

  it("the JTL preset uses JTL's token URL; printing a provider shows no secret", () => {
    const provider = jtlClientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    expect(provider.tokenUrl).toBe(JTL_TOKEN_URL);
    for (const output of [String(provider), JSON.stringify(provider), inspect(provider, { showHidden: true, depth: 10 })]) {
      expect(output).not.toContain(CLIENT_SECRET);
    }
  });
});

describe("refresh-token grant", () => {
  it("exchanges the refresh token, follows rotation and reports the new refresh token", async () => {
    const rotated: string[] = [];
    const { url, tokenRequests } = await serveAuth({
      token: (_request, response, n) =>
        json(response, 200, { access_token: `access-${n}`, token_type: "bearer", expires_in: 3600, refresh_token: `refresh-${n}` }),
      refused: ["access-1"],
    });
    const auth = refreshTokenAuth({
      tokenUrl: `${url}/oauth2/token`,
      clientId: CLIENT_ID,
      refreshToken: REFRESH_TOKEN,
      onRefreshToken: (token) => {
        rotated.push(token);
      },
    });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "access-2" });
    const forms = tokenRequests().map((request) => new URLSearchParams(request.body));
    expect(forms.map((form) => form.get("grant_type"))).toEqual(["refresh_token", "refresh_token"]);
    expect(forms.map((form) => form.get("refresh_token"))).toEqual([REFRESH_TOKEN, "refresh-1"]);
    // A public (PKCE) client authenticates with its id only.
    expect(forms[0]!.get("client_id")).toBe(CLIENT_ID);
    expect(tokenRequests()[0]!.headers.authorization).toBeUndefined();
    expect(forms[0]!.get("scope")).toBeNull();
    expect(rotated).toEqual(["refresh-1", "refresh-2"]);
  });

  it("uses an access token it was given until it expires", async () => {
    const { url, tokenRequests } = await serveAuth({});
    const auth = refreshTokenAuth({
      tokenUrl: `${url}/oauth2/token`,
      clientId: CLIENT_ID,
      refreshToken: REFRESH_TOKEN,
      accessToken: "given-access",
      accessTokenExpiresAt: Date.now() + 3_600_000,
    });
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "given-access" });
    expect(tokenRequests()).toHaveLength(0);
  });

  it("a failed refresh names neither the refresh token nor the secret", async () => {
    const { url } = await serveAuth({
      token: (_, response) => json(response, 400, { error: "invalid_grant", error_description: `bad ${REFRESH_TOKEN}` }),
    });
    const auth = refreshTokenAuth({
      tokenUrl: `${url}/oauth2/token`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
    });
    const error = (await Promise.resolve(auth.getToken()).catch((e: unknown) => e)) as TokenRequestError;
    expect(error.oauthError).toBe("invalid_grant");
    for (const output of [error.message, inspect(error, { showHidden: true, depth: 10 }), String(auth), inspect(auth)]) {
      expect(output).not.toContain(REFRESH_TOKEN);
      expect(output).not.toContain(CLIENT_SECRET);
    }
  });

  it("the CRO preset uses CRO's token URL", () => {
    expect(croRefreshTokenAuth({ clientId: CLIENT_ID, refreshToken: REFRESH_TOKEN }).tokenUrl).toBe(CRO_TOKEN_URL);
  });
});

describe("other token sources", () => {
  it("a function is asked before every request; a 401 is not retried (it cannot be told to refresh)", async () => {
    const { url, apiRequests } = await serveAuth({ refused: ["fn-1"] });
    let calls = 0;
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: async () => `fn-${++calls}` });
    await expect(erp.customers.contacts.get(contact)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "fn-2" });
    expect(apiRequests()).toHaveLength(2);
  });

  it("a TokenProvider with invalidate() gets the single 401 retry", async () => {
    const { url } = await serveAuth({ refused: ["p-1"] });
    let current = 1;
    const invalidated: string[] = [];
    const provider: TokenProvider = {
      getToken: () => `p-${current}`,
      invalidate: (token) => {
        invalidated.push(token);
        current++;
      },
    };
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: provider });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ token: "p-2" });
    expect(invalidated).toEqual(["p-1"]);
  });

  it("a provider that throws fails the call with a TokenRequestError carrying the cause", async () => {
    const { url, apiRequests } = await serveAuth({});
    const cause = new Error("vault unavailable");
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: () => Promise.reject(cause) });
    const error = (await erp.customers.contacts.get(contact).catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.cause).toBe(cause);
    expect(apiRequests()).toHaveLength(0);
  });
});
