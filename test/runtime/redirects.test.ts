/**
 * Credentials stay with their origin: two loopback servers on two ports are two origins. A
 * redirect within one is followed (with a hop limit); one to the other origin, or from https to
 * http, is not followed, so the other origin never sees the API key or the token.
 */
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, clientCredentialsAuth, createBasicClient, TokenRequestError } from "../../src/core/index.js";
import { followSameOriginRedirects, MAX_REDIRECTS } from "../../src/internal/follow-redirects.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client, getCustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

const API_KEY = "api-key-stays-home";
const TOKEN = "token-stays-home";
const contact = { path: { customerId: "c", customerContactId: "k" } };

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(handler: (request: SeenRequest, response: http.ServerResponse) => void): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function redirect(response: http.ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location, "content-length": 0 });
  response.end();
}

/** The API origin (with an API key and a static token) and another origin that records what reaches it. */
async function twoOrigins(home: (request: SeenRequest, response: http.ServerResponse, other: string) => void) {
  const other = await serve((_, response) => json(response, 200, { Id: 99, stolen: true }));
  const api = await serve((request, response) => home(request, response, other.url));
  const v1 = createJtlErpV1Client({
    baseUrl: api.url,
    tenantId: "t",
    appId: "a",
    appVersion: "1",
    apiKey: API_KEY,
    auth: TOKEN,
    maxRetries: 0,
  });
  return { api, other, v1 };
}

describe("a redirect to another origin is not followed", () => {
  it.each([301, 302, 303, 307, 308])("%i to another port: the other origin sees nothing, the caller gets the 3xx", async (status) => {
    const { api, other, v1 } = await twoOrigins((_, response, to) => redirect(response, status, `${to}/customers/1`));
    const error = await v1.customers.get({ path: { customerId: 1 } }).catch((e: unknown) => e);
    expect(other.requests).toEqual([]);
    expect(api.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).headers.get("location")).toBe(`${other.url}/customers/1`);
  });

  it("a POST with a body redirected elsewhere (307) is not replayed there", async () => {
    const { other, v1 } = await twoOrigins((_, response, to) => redirect(response, 307, `${to}/customers`));
    const error = await v1.customers.create({ body: { Name: "x" } as never }).catch((e: unknown) => e);
    expect(other.requests).toEqual([]);
    expect((error as ApiError).status).toBe(307);
  });

  it("a middleware's own Request (redirect: follow) is still not followed to another origin", async () => {
    const other = await serve((_, response) => json(response, 200, {}));
    const api = await serve((_, response) => redirect(response, 302, `${other.url}/x`));
    const erp = createJtlErpV2Client({
      baseUrl: api.url,
      tenantId: "t",
      auth: TOKEN,
      maxRetries: 0,
      middleware: [{ onRequest: ({ request }) => new Request(request.url, { headers: request.headers, redirect: "follow" }) }],
    });
    const error = await erp.customers.contacts.get(contact).catch((e: unknown) => e);
    expect(other.requests).toEqual([]);
    expect((error as ApiError).status).toBe(302);
  });

  it("a basic client does the same", async () => {
    const other = await serve((_, response) => json(response, 200, {}));
    const api = await serve((_, response) => redirect(response, 302, `${other.url}/x`));
    const basic = createBasicClient<paths, "x-tenant-id">({
      baseUrl: api.url,
      headers: { "x-tenant-id": "t", "x-api-key": API_KEY },
      auth: TOKEN,
    });
    const error = await getCustomerContact(basic, contact).catch((e: unknown) => e);
    expect(other.requests).toEqual([]);
    expect((error as ApiError).status).toBe(302);
  });

  it("https → http on the same host is another origin: not followed", async () => {
    const seen: string[] = [];
    const fetch = followSameOriginRedirects(async (request) => {
      seen.push(`${request.url} ${request.headers.get("x-api-key")}`);
      return new Response(null, { status: 301, headers: { location: "http://api.example.com/b" } });
    });
    const response = await fetch(new Request("https://api.example.com/a", { headers: { "x-api-key": API_KEY }, redirect: "manual" }));
    expect(response.status).toBe(301);
    expect(seen).toEqual([`https://api.example.com/a ${API_KEY}`]);
  });

  it("the token endpoint's redirect is not followed either: the client secret stays home", async () => {
    const other = await serve((_, response) => json(response, 200, { access_token: "stolen", token_type: "Bearer" }));
    const auth = await serve((_, response) => redirect(response, 307, `${other.url}/oauth2/token`));
    const provider = clientCredentialsAuth({ tokenUrl: `${auth.url}/oauth2/token`, clientId: "id", clientSecret: "client-secret-stays" });
    const error = await Promise.resolve(provider.getToken()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(other.requests).toEqual([]);
  });
});

describe("a redirect within the origin is followed", () => {
  it("with the same credentials, to the final answer", async () => {
    const { api, other, v1 } = await twoOrigins((request, response) =>
      request.url.startsWith("/moved") ? json(response, 200, { Id: 1 }) : redirect(response, 302, "/moved/customers/1"),
    );
    await expect(v1.customers.get({ path: { customerId: 1 } })).resolves.toEqual({ Id: 1 });
    expect(other.requests).toEqual([]);
    expect(api.requests.map((request) => [request.url, request.headers["x-api-key"], request.headers.authorization])).toEqual([
      ["/customers/1", API_KEY, `Bearer ${TOKEN}`],
      ["/moved/customers/1", API_KEY, `Bearer ${TOKEN}`],
    ]);
  });

  it("a 303 after a POST becomes a GET without the body", async () => {
    const { api, v1 } = await twoOrigins((request, response) =>
      request.method === "POST" ? redirect(response, 303, "/customers/7") : json(response, 200, { Id: 7 }),
    );
    await expect(v1.customers.create({ body: { Name: "x" } as never }).catch((e: unknown) => e)).resolves.toBeDefined();
    expect(api.requests.map((request) => [request.method, request.url, request.body, request.headers["content-type"]])).toEqual([
      ["POST", "/customers", expect.any(String), "application/json"],
      ["GET", "/customers/7", "", undefined],
    ]);
  });

  it("a 307 of a request with a body is handed back: the streamed body cannot be replayed", async () => {
    const { api, v1 } = await twoOrigins((_, response) => redirect(response, 307, "/elsewhere"));
    const error = await v1.customers.create({ body: { Name: "x" } as never }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(307);
    expect(api.requests).toHaveLength(1);
  });

  it(`at most ${MAX_REDIRECTS} hops: a loop ends with the last 3xx answer`, async () => {
    const { api, v1 } = await twoOrigins((request, response) => redirect(response, 302, `${request.url.split("?")[0]}?again`));
    const error = await v1.customers.get({ path: { customerId: 1 } }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(302);
    expect(api.requests).toHaveLength(1 + MAX_REDIRECTS);
  });
});
