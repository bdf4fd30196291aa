/**
 * The authorization code flow with PKCE, end to end on loopback: an authorization server that
 * checks the S256 challenge and redirects, the loopback receiver, the code exchange, and the
 * refresh-token provider with rotation afterwards; plus a wrong state, an expired code, an error
 * callback, and the receiver's own limits.
 */
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ClientConfigError, SignInError, TokenRequestError } from "../../src/core/index.js";
import { croAuthorizationCode } from "../../src/cro-dispatch/index.js";
import { jtlAuthorizationCode } from "../../src/jtl-erp-v1/index.js";
import { receiveRedirect } from "../../src/loopback/index.js";

interface IssuedCode {
  challenge: string;
  redirectUri: string;
  expiresAt: number;
}

/** A minimal OAuth 2.0 authorization server: /auth redirects with a code, /token exchanges and refreshes. */
async function startAuthServer(options: { codeLifetimeMs?: number } = {}) {
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Set<string>();
  const tokenRequests: URLSearchParams[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const reply = (status: number, body: object) =>
      response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
    if (url.pathname === "/oauth2/auth") {
      const p = url.searchParams;
      if (p.get("response_type") !== "code" || p.get("code_challenge_method") !== "S256" || !p.get("code_challenge")) {
        return reply(400, { error: "invalid_request" });
      }
      const code = randomUUID();
      codes.set(code, {
        challenge: p.get("code_challenge")!,
        redirectUri: p.get("redirect_uri")!,
        expiresAt: Date.now() + (options.codeLifetimeMs ?? 60_000),
      });
      const target = new URL(p.get("redirect_uri")!);
      target.searchParams.set("code", code);
      target.searchParams.set("state", p.get("state")!);
      return response.writeHead(302, { location: target.href }).end();
    }
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const form = new URLSearchParams(body);
      tokenRequests.push(form);
      if (form.get("grant_type") === "authorization_code") {
        const issued = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        const challenge = createHash("sha256").update(verifier).digest("base64url");
        if (!issued || issued.expiresAt < Date.now() || issued.challenge !== challenge || issued.redirectUri !== form.get("redirect_uri")) {
          return reply(400, { error: "invalid_grant", error_description: "The authorization code is invalid or expired." });
        }
        const refresh = `refresh-${randomUUID()}`;
        refreshTokens.add(refresh);
        return reply(200, {
          access_token: `access-${randomUUID()}`,
          token_type: "Bearer",
          expires_in: 3600,
          refresh_token: refresh,
          scope: "api",
        });
      }
      if (form.get("grant_type") === "refresh_token" && refreshTokens.delete(form.get("refresh_token") ?? "")) {
        const rotated = `refresh-${randomUUID()}`;
        refreshTokens.add(rotated);
        return reply(200, { access_token: `access-${randomUUID()}`, token_type: "Bearer", expires_in: 3600, refresh_token: rotated });
      }
      reply(400, { error: "invalid_grant" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorizationUrl: `${base}/oauth2/auth`,
    tokenUrl: `${base}/oauth2/token`,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Plays the browser: opens the authorization URL and follows its redirect to the app. */
async function signInInBrowser(authorizationUrl: string): Promise<string> {
  const answer = await fetch(authorizationUrl, { redirect: "manual" });
  const location = answer.headers.get("location");
  if (!location) throw new Error(`no redirect: ${answer.status}`);
  await (await fetch(location)).text();
  return location;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.map((close) => close()));
  cleanup = [];
});

async function setUp(serverOptions?: { codeLifetimeMs?: number }) {
  const auth = await startAuthServer(serverOptions);
  const receiver = await receiveRedirect();
  cleanup.push(auth.close, receiver.close);
  const flow = croAuthorizationCode({
    clientId: "app-1",
    redirectUri: receiver.redirectUri,
    authorizationUrl: auth.authorizationUrl,
    tokenUrl: auth.tokenUrl,
    scope: "api",
  });
  return { auth, receiver, flow };
}

describe("authorization code with PKCE", () => {
  it("signs in through the loopback receiver, then refreshes with rotation", async () => {
    const { auth, receiver, flow } = await setUp();
    const request = await flow.start();
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(auth.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "app-1",
      redirect_uri: receiver.redirectUri,
      scope: "api",
      state: request.state,
      code_challenge_method: "S256",
      code_challenge: createHash("sha256").update(request.codeVerifier).digest("base64url"),
    });

    await signInInBrowser(request.url);
    const tokens = await flow.finish(await receiver.callback, request);
    expect(tokens.accessToken).toMatch(/^access-/);
    expect(tokens.refreshToken).toMatch(/^refresh-/);
    expect(tokens.scope).toBe("api");
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    // The exchange sent the verifier and the same redirect URI.
    const exchange = auth.tokenRequests[0]!;
    expect(exchange.get("code_verifier")).toBe(request.codeVerifier);
    expect(exchange.get("redirect_uri")).toBe(receiver.redirectUri);

    const rotated: string[] = [];
    const provider = tokens.tokenProvider({ onRefreshToken: (token) => void rotated.push(token) });
    expect(await provider.getToken()).toBe(tokens.accessToken);
    provider.invalidate(tokens.accessToken);
    const refreshed = await provider.getToken();
    expect(refreshed).not.toBe(tokens.accessToken);
    expect(auth.tokenRequests[1]?.get("refresh_token")).toBe(tokens.refreshToken);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).not.toBe(tokens.refreshToken);

    // The tokens never print.
    for (const text of [JSON.stringify(tokens), String(tokens), inspect(tokens)]) {
      expect(text).not.toContain(tokens.accessToken);
      expect(text).not.toContain(tokens.refreshToken!);
    }
  });

  it("refuses a callback whose state is not this sign-in's, before any token request", async () => {
    const { auth, receiver, flow } = await setUp();
    const request = await flow.start();
    await signInInBrowser(request.url);
    const callback = await receiver.callback;
    const other = await flow.start();
    const failure = await flow.finish(callback, other).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as SignInError).reason).toBe("state_mismatch");
    expect(auth.tokenRequests).toHaveLength(0);
    const noState = new URL(callback);
    noState.searchParams.delete("state");
    expect(await flow.finish(noState, request).catch((error: SignInError) => error.reason)).toBe("state_mismatch");
  });

  it("an expired code is a TokenRequestError with the server's invalid_grant, holding neither code nor verifier", async () => {
    const { receiver, flow } = await setUp({ codeLifetimeMs: 1 });
    const request = await flow.start();
    await signInInBrowser(request.url);
    const callback = await receiver.callback;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const failure = await flow.finish(callback, request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TokenRequestError);
    expect((failure as TokenRequestError).oauthError).toBe("invalid_grant");
    expect((failure as TokenRequestError).status).toBe(400);
    const printed = [String(failure), inspect(failure), JSON.stringify(failure)].join("\n");
    expect(printed).not.toContain(request.codeVerifier);
    expect(printed).not.toContain(callback.searchParams.get("code")!);
  });

  it("a tampered code verifier is refused by the server (PKCE binds the code to this sign-in)", async () => {
    const { receiver, flow } = await setUp();
    const request = await flow.start();
    await signInInBrowser(request.url);
    const failure = await flow
      .finish(await receiver.callback, { ...request, codeVerifier: `${request.codeVerifier}x` })
      .catch((e: unknown) => e);
    expect((failure as TokenRequestError).oauthError).toBe("invalid_grant");
  });

  it("an error callback (the user declined) is a SignInError with the OAuth error code", async () => {
    const { flow } = await setUp();
    const request = await flow.start();
    const callback = `http://127.0.0.1/callback?error=access_denied&error_description=The+user+declined&state=${request.state}`;
    const failure = await flow.finish(callback, request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as SignInError).reason).toBe("access_denied");
    expect(String(failure)).toContain("The user declined");
  });

  it("JTL's flow defaults to JTL's endpoints; bad options are refused with their name", () => {
    return (async () => {
      const flow = jtlAuthorizationCode({ clientId: "app", redirectUri: "http://127.0.0.1:5000/cb" });
      expect((await flow.start()).url).toMatch(/^https:\/\/auth\.jtl-cloud\.com\/oauth2\/auth\?/);
      expect(() => croAuthorizationCode({ clientId: "app", redirectUri: "not a url" })).toThrow(ClientConfigError);
      expect(() =>
        croAuthorizationCode({ clientId: "app", redirectUri: "http://127.0.0.1/cb", authorizationUrl: "http://idp.example/auth" }),
      ).toThrow(/https/);
    })();
  });
});

describe("receiveRedirect", () => {
  it("takes one callback on its path, 404s others, then closes", async () => {
    const receiver = await receiveRedirect({ path: "/done" });
    cleanup.push(receiver.close);
    expect(receiver.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/done$/);
    expect((await fetch(receiver.redirectUri.replace("/done", "/favicon.ico"))).status).toBe(404);
    const page = await fetch(`${receiver.redirectUri}?code=c&state=s`);
    expect(await page.text()).toMatch(/You can close this window/);
    expect((await receiver.callback).searchParams.get("code")).toBe("c");
    await expect(fetch(receiver.redirectUri)).rejects.toThrow();
  });

  it("gives up after its timeout and when stopped", async () => {
    const receiver = await receiveRedirect({ timeoutMs: 20 });
    expect(await receiver.callback.catch((error: SignInError) => error.reason)).toBe("timeout");
    const controller = new AbortController();
    const stopped = await receiveRedirect({ signal: controller.signal });
    controller.abort();
    expect(await stopped.callback.catch((error: SignInError) => error.reason)).toBe("aborted");
    await expect(receiveRedirect({ timeoutMs: 2 ** 31 })).rejects.toThrow(ClientConfigError);
  });
});
