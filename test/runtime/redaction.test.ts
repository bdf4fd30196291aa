/**
 * Nothing secret in any error: a server or token endpoint that echoes the token, API key, client
 * secret or refresh token back (raw, percent- or form-encoded, JSON-escaped, base64 as in a Basic
 * header) must not get it into message, String(), toJSON(), inspect, cause, body or headers.
 */
import type http from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  clientCredentialsAuth,
  createBasicClient,
  refreshTokenAuth,
  ResponseDecodeError,
  TokenRequestError,
} from "../../src/core/index.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client, getCustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";
import { json, raw, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

// Characters that percent-, form- and JSON-encoding each change, so every form differs from the raw one.
const ACCESS_TOKEN = "acc3ss.T0ken/with+slash=";
const API_KEY = 'api-k3y "quoted" &amp;';
const CLIENT_SECRET = "cl!ent s3cret/äö+";
const REFRESH_TOKEN = "r3fresh=token&more";
const CLIENT_ID = "client-id";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
/** The forms a careless server echoes a secret in. */
function formsOf(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    base64(secret).replace(/=+$/, ""),
  ];
}

/** Every view of an error a log or a person might see, with its cause chain. */
function everyViewOf(error: unknown): string {
  const views: string[] = [];
  for (let at = error, depth = 0; at !== undefined && at !== null && depth < 10; at = (at as { cause?: unknown }).cause, depth++) {
    views.push(String(at), JSON.stringify(at) ?? "", inspect(at, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }));
    if (at instanceof Error) views.push(at.message, at.stack ?? "");
    const record = at as { body?: unknown; headers?: Headers; excerpt?: string; oauthError?: string };
    if (record.body !== undefined) views.push(JSON.stringify(record.body) ?? String(record.body));
    if (record.headers instanceof Headers) views.push(JSON.stringify([...record.headers]));
    if (record.excerpt) views.push(record.excerpt);
    if (record.oauthError) views.push(record.oauthError);
  }
  return views.join("\n");
}

function expectNoSecret(error: unknown, secrets: readonly string[]): void {
  const seen = everyViewOf(error);
  for (const secret of secrets) {
    for (const form of formsOf(secret)) expect(seen, `a form of a secret: ${JSON.stringify(form)}`).not.toContain(form);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything the request carried, echoed back in every way at once. */
function echoEverything(request: SeenRequest, response: http.ServerResponse, status = 400): void {
  const sent = [request.headers.authorization, request.headers["x-api-key"], request.headers["x-extra-token"]].filter(
    (value): value is string => typeof value === "string",
  );
  const all = sent.join(" | ");
  const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
  const body = {
    ErrorMessage: `rejected: ${all}`,
    detail: sent.map(encodeURIComponent).join(" "),
    asForm: new URLSearchParams({ auth: all }).toString(),
    asBase64: sent.map(base64),
    // A JSON escape of every character: the raw text holds none of the secrets' characters.
    escaped: `\u0000${token}`,
    [token]: "as a key",
  };
  const text = JSON.stringify(body)
    .replace("\\u0000", "")
    .replace(JSON.stringify(token).slice(1, -1), [...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""));
  response.writeHead(status, `Bad ${token}`, {
    "content-type": "application/json",
    "x-echo": Buffer.from(all, "utf8").toString("latin1"),
    "x-request-id": `req-${token}`,
    "set-cookie": "session=very-secret-session-cookie; HttpOnly",
    "www-authenticate": `Bearer error="invalid_token", error_description="${token} expired"`,
  });
  response.end(text);
}

describe("API errors keep no secret the client holds", () => {
  it("a static token and an API key echoed in body, headers and status line", async () => {
    server = await startServer((request, response) => echoEverything(request, response));
    const erp = createJtlErpV1Client({
      baseUrl: server.url,
      tenantId: "t",
      appId: "a",
      appVersion: "1",
      apiKey: API_KEY,
      auth: ACCESS_TOKEN,
      maxRetries: 0,
    });
    const error = await erp.customers.get({ path: { customerId: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expectNoSecret(error, [ACCESS_TOKEN, API_KEY]);
    // The shape survives: the message still says what the server said, around the cut.
    expect((error as ApiError).message).toContain("rejected: Bearer [REDACTED] | [REDACTED]");
    expect((error as ApiError).requestId).toBe("req-[REDACTED]");
  });

  it("Set-Cookie is not kept on the error", async () => {
    server = await startServer((request, response) => echoEverything(request, response));
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: ACCESS_TOKEN, maxRetries: 0 });
    const error = (await erp.customers.contacts
      .get({ path: { customerId: "c", customerContactId: "k" } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.headers.get("set-cookie")).toBeNull();
    expect(everyViewOf(error)).not.toContain("very-secret-session-cookie");
    expect(error.headers.get("content-type")).toBe("application/json");
  });

  it("a token from a provider, and a secret-looking header sent per call", async () => {
    server = await startServer((request, response) => echoEverything(request, response));
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: async () => ACCESS_TOKEN, maxRetries: 0 });
    const error = await erp.customers.contacts
      .get({ path: { customerId: "c", customerContactId: "k" } }, { headers: { "x-extra-token": REFRESH_TOKEN } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expectNoSecret(error, [ACCESS_TOKEN, REFRESH_TOKEN]);
  });

  it("a key that looks like a prototype stays a key of the body", async () => {
    server = await startServer((_, response) => raw(response, 400, "application/json", `{"__proto__":{"polluted":"${ACCESS_TOKEN}"}}`));
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: ACCESS_TOKEN, maxRetries: 0 });
    const error = (await erp.customers.contacts
      .get({ path: { customerId: "c", customerContactId: "k" } })
      .catch((e: unknown) => e)) as ApiError;
    expect(Object.getPrototypeOf(error.body)).toBe(Object.prototype);
    expect(Object.hasOwn(error.body as object, "__proto__")).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expectNoSecret(error, [ACCESS_TOKEN]);
  });

  it("a body nested 100,000 levels deep is redacted without overflowing the stack", async () => {
    const depth = 100_000;
    server = await startServer((_, response) =>
      raw(
        response,
        400,
        "application/json",
        `{"message":"\\u0061 ${ACCESS_TOKEN}","deep":${"[".repeat(depth)}"${ACCESS_TOKEN}"${"]".repeat(depth)}}`,
      ),
    );
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: ACCESS_TOKEN, maxRetries: 0 });
    const error = (await erp.customers.contacts
      .get({ path: { customerId: "c", customerContactId: "k" } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain("a [REDACTED]");
    let inner: unknown = (error.body as { deep: unknown }).deep;
    while (Array.isArray(inner)) inner = inner[0];
    expect(inner).toBe("[REDACTED]");
  });

  it("a body that does not decode: the excerpt and headers of the ResponseDecodeError", async () => {
    server = await startServer((request, response) =>
      raw(response, 200, "text/html", `<html>${request.headers.authorization} ${base64(`x:${ACCESS_TOKEN}`)}</html>`, {
        "x-echo": String(request.headers.authorization),
        "set-cookie": "sid=very-secret-session-cookie",
      }),
    );
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: ACCESS_TOKEN, maxRetries: 0 });
    const error = await erp.customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseDecodeError);
    expectNoSecret(error, [ACCESS_TOKEN]);
    expect(everyViewOf(error)).not.toContain("very-secret-session-cookie");
  });

  it("a basic client redacts the same way", async () => {
    server = await startServer((request, response) => echoEverything(request, response, 404));
    const basic = createBasicClient<paths, "x-tenant-id">({
      baseUrl: server.url,
      headers: { "x-tenant-id": "t" },
      auth: () => ACCESS_TOKEN,
    });
    const error = await getCustomerContact(basic, { path: { customerId: "c", customerContactId: "k" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expectNoSecret(error, [ACCESS_TOKEN]);
  });
});

describe("token endpoint errors keep no secret", () => {
  /** A token endpoint that refuses, quoting what it got: the Basic header and the form body. */
  function refusingTokenEndpoint(request: SeenRequest, response: http.ServerResponse): void {
    json(response, 400, {
      error: `invalid_grant ${request.headers.authorization}`,
      error_description: `got ${request.body} with ${request.headers.authorization}`,
    });
  }

  it("client credentials: the client secret, raw, form-encoded and inside the Basic header", async () => {
    server = await startServer(refusingTokenEndpoint);
    const provider = clientCredentialsAuth({ tokenUrl: `${server.url}/oauth2/token`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const error = await Promise.resolve(provider.getToken()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(server.requests[0]!.headers.authorization).toMatch(/^Basic /);
    expectNoSecret(error, [CLIENT_SECRET]);
    // The Basic value itself (base64 of "id:secret") is cut out where the secret sits in it.
    const basic = server.requests[0]!.headers.authorization!.slice("Basic ".length);
    expect(everyViewOf(error)).not.toContain(basic);
  });

  it("refresh token grant: the refresh token, form-encoded in the echoed body", async () => {
    server = await startServer(refusingTokenEndpoint);
    const provider = refreshTokenAuth({
      tokenUrl: `${server.url}/oauth2/token`,
      clientId: CLIENT_ID,
      refreshToken: REFRESH_TOKEN,
      clientSecret: CLIENT_SECRET,
    });
    const error = await Promise.resolve(provider.getToken()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(server.requests[0]!.body).toContain(new URLSearchParams({ r: REFRESH_TOKEN }).toString().slice(2));
    expectNoSecret(error, [REFRESH_TOKEN, CLIENT_SECRET]);
  });

  it("the API's errors also keep the provider's client secret and refresh token out", async () => {
    server = await startServer((request, response) => {
      if (request.url === "/oauth2/token")
        return json(response, 200, { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600 });
      return json(response, 403, { message: `no access for ${CLIENT_SECRET} / ${encodeURIComponent(REFRESH_TOKEN)}` });
    });
    const erp = createJtlErpV2Client({
      baseUrl: server.url,
      tenantId: "t",
      maxRetries: 0,
      auth: refreshTokenAuth({
        tokenUrl: `${server.url}/oauth2/token`,
        clientId: CLIENT_ID,
        refreshToken: REFRESH_TOKEN,
        clientSecret: CLIENT_SECRET,
      }),
    });
    const error = await erp.customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expectNoSecret(error, [REFRESH_TOKEN, CLIENT_SECRET, ACCESS_TOKEN]);
  });
});
