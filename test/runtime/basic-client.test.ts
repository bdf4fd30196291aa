/**
 * createBasicClient against a real loopback server: one request per call, the same checks, typed
 * errors, decoding and redaction as createClient, and a clear error for what it does not do.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ClientConfigError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  RequestAbortedError,
  ResponseDecodeError,
  TokenRequestError,
  createBasicClient,
} from "../../src/core/index.js";
import { createCustomerContact, getCustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";
import { json, raw, startServer, type Handler, type TestServer } from "./helpers/server.js";

const ids = { customerId: "c1", customerContactId: "k1" };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

const basic = (baseUrl: string, auth?: string | (() => string | Promise<string>)) =>
  createBasicClient<paths, "x-tenant-id">({ baseUrl, headers: { "x-tenant-id": "tenant-1" }, auth });

describe("createBasicClient", () => {
  it("sends the operation once with the base URL, default headers and bearer token, and decodes the body", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, { id: "k1", firstName: "Ada" }, { "x-request-id": "r-1" }));
    const client = basic(`${url}/erp/`, "static-token-123");
    const { data, response } = await getCustomerContact(client, { path: ids }).withResponse();
    expect(data).toEqual({ id: "k1", firstName: "Ada" });
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe("/erp/v2/customers/c1/contacts/k1");
    expect(requests[0]?.headers["authorization"]).toBe("Bearer static-token-123");
    expect(requests[0]?.headers["x-tenant-id"]).toBe("tenant-1");
  });

  it("sends a JSON body with its content type", async () => {
    const { url, requests } = await serve((_, response) => json(response, 201, { id: "new" }));
    const created = await createCustomerContact(basic(url), { path: { customerId: "c1" }, body: { firstName: "Ada" } });
    expect(created).toEqual({ id: "new" });
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({ firstName: "Ada" });
  });

  it("calls a token function before every request", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    let issued = 0;
    const client = basic(url, async () => `token-${++issued}`);
    await getCustomerContact(client, { path: ids });
    await getCustomerContact(client, { path: ids });
    expect(requests.map((request) => request.headers["authorization"])).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("refuses a token function's unusable token before sending", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const error = await getCustomerContact(
      basic(url, () => "bad\r\ntoken"),
      { path: ids },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(String((error as Error).message)).not.toContain("bad");
    expect(requests).toHaveLength(0);
  });

  it("turns an error status into its typed error with the documented body, and never retries", async () => {
    const { url, requests } = await serve((_, response) =>
      requests.length === 1 ? json(response, 404, { ErrorMessage: "no such contact" }) : json(response, 503, {}, { "retry-after": "0" }),
    );
    const client = basic(url);
    const notFound = await getCustomerContact(client, { path: ids }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).body).toEqual({ ErrorMessage: "no such contact" });
    expect((notFound as NotFoundError).message).toContain("no such contact");
    const { error } = await getCustomerContact(client, { path: ids }).result();
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error?.attempts).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it("reports an undecodable body with an excerpt that has the token cut out", async () => {
    const { url } = await serve((_, response) => raw(response, 200, "application/json", "<html>echo secret-token-456</html>"));
    const error = (await getCustomerContact(
      basic(url, () => "secret-token-456"),
      { path: ids },
    ).catch((e: unknown) => e)) as ResponseDecodeError;
    expect(error).toBeInstanceOf(ResponseDecodeError);
    expect(error.excerpt).toBe("<html>echo [REDACTED]</html>");
    expect(error.message).not.toContain("secret-token-456");
  });

  it("rejects per-call retry and timeout options it does not implement, before sending", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    for (const options of [{ timeoutMs: 5 }, { maxRetries: 1 }, { retryNonIdempotent: true }]) {
      const error = await getCustomerContact(basic(url), { path: ids }, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toMatch(/^getCustomerContact: .*createClient\(\)/);
    }
    expect(requests).toHaveLength(0);
  });

  it("checks arguments like every client: a missing required header is refused", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const client = createBasicClient<paths>({ baseUrl: url });
    const error = await getCustomerContact(client, { path: ids } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('required header "x-tenant-id" is not set');
    expect(requests).toHaveLength(0);
  });

  it("aborts with the caller's signal", async () => {
    const { url } = await serve(() => undefined);
    const controller = new AbortController();
    const pending = getCustomerContact(basic(url), { path: ids }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 20);
    const error = (await pending.catch((e: unknown) => e)) as RequestAbortedError;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error.cause as Error).message).toBe("user gave up");
  });

  it("reports a refused connection as a ConnectionError", async () => {
    const { url } = await serve(() => undefined);
    await server?.close();
    server = undefined;
    const error = (await getCustomerContact(basic(url), { path: ids }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(1);
  });

  it("refuses bad options with a ClientConfigError and never prints the token", () => {
    expect(() => createBasicClient({ baseUrl: "ftp://example.com" })).toThrow(ClientConfigError);
    expect(() => createBasicClient({ baseUrl: "https://example.com", auth: { getToken: () => "t" } as never })).toThrow(
      /use createClient for a TokenProvider/,
    );
    expect(() => createBasicClient({ baseUrl: "https://example.com", auth: "a\nb" })).toThrow(ClientConfigError);
    const client = createBasicClient({ baseUrl: "https://example.com", auth: "very-secret-token" });
    expect(String(client)).toBe("[BasicClient https://example.com]");
    expect(inspect(client, { showHidden: true, depth: 5 })).not.toContain("very-secret-token");
    expect(client.toJSON()).toEqual({
      name: "BasicClient",
      baseUrl: "https://example.com",
      defaultHeaders: ["authorization"],
      auth: "static bearer token",
    });
  });
});
