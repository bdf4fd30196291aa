/** Errors: status classes, typed bodies, `.result()` and `.withResponse()`, undecodable bodies, no secrets. */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseDecodeError,
  UnprocessableEntityError,
} from "../../src/core/index.js";
import { createCroDispatchClient } from "../../src/cro-dispatch/index.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { json, raw, startServer, type TestServer } from "./helpers/server.js";

const TOKEN = "tok-9f8e7d6c5b4a";
const API_KEY = "key-1a2b3c4d5e6f";
const notFoundBody = { ErrorCode: "NotFound", ErrorMessage: "The customer with id 404 was not found." };

let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, response) => {
    const match = /^\/(?:v2\/)?customers\/([^/]+)/.exec(request.url);
    const scenario = decodeURIComponent(match?.[1] ?? "");
    const status = Number(/^s-\d{3}$/.test(scenario) ? scenario.slice(2) : 0);
    switch (scenario) {
      case "ok":
      case "1":
        return json(response, 200, { Id: 1, id: "x" });
      case "html-404":
        return raw(response, 404, "text/html", `<html><body>Not here. You sent ${request.headers.authorization}</body></html>`);
      case "html-502":
        return raw(response, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
      case "bad-json":
        return raw(response, 200, "application/json", '{"Id": 1,');
      case "empty-200":
        return raw(response, 200, "application/json", "", { "content-length": "0" });
      case "empty-chunked":
        return raw(response, 200, "application/json", "");
      case "401-with-text":
        return raw(response, 401, "text/plain", "token expired");
      case "404":
        return json(response, 404, notFoundBody, { "x-request-id": "0f8fad5b-d9cb-469f-a165-70867728950e" });
      default:
        if (request.method === "DELETE") return raw(response, 204, undefined, "");
        return json(response, status || 500, { message: `status ${status}` });
    }
  });
});
afterAll(() => server.close());

const v1 = () =>
  createJtlErpV1Client({ baseUrl: server.url, tenantId: "t", appId: "a", appVersion: "1", apiKey: API_KEY, auth: TOKEN, maxRetries: 0 });
const v2 = () => createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", auth: () => TOKEN, maxRetries: 0 });
const contact = (scenario: string) => ({ path: { customerId: scenario, customerContactId: "k" } });

describe("HTTP error statuses become ApiError subclasses", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
  ])("%i → %o", async (status, Class) => {
    const error = await v2()
      .customers.contacts.get(contact(`s-${status}`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).body).toEqual({ message: `status ${status}` });
    expect((error as Error).name).toBe(Class.name);
  });

  it("carries status, typed body, headers, requestId, method, URL and attempts", async () => {
    const error = (await v1()
      .customers.get({ path: { customerId: 404 } })
      .catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toEqual(notFoundBody);
    expect(error.requestId).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${server.url}/customers/404`);
    expect(error.operationId).toBe("getCustomer");
    expect(error.attempts).toBe(1);
    expect(error.message).toContain("404 Not Found from GET");
    expect(error.message).toContain("The customer with id 404 was not found.");
    expect(error.toJSON()).toMatchObject({ name: "NotFoundError", status: 404, attempts: 1, body: notFoundBody });
  });

  it("a documented body-less status ignores whatever body arrives", async () => {
    const error = (await v1()
      .customers.get({ path: { customerId: "401-with-text" as never } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.body).toBeUndefined();
  });

  it("an undocumented status keeps the body as text when it is not JSON", async () => {
    const error = (await v2()
      .customers.contacts.get(contact("html-502"))
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe("<html><body><h1>502 Bad Gateway</h1></body></html>");
  });
});

describe(".result() and .withResponse()", () => {
  it(".result() resolves with the error instead of rejecting", async () => {
    const result = await v1()
      .customers.get({ path: { customerId: 404 } })
      .result();
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(NotFoundError);
    expect(result.response.status).toBe(404);
    if (result.error?.status === 404) expect(result.error.body.ErrorCode).toBe("NotFound");
  });

  it(".result() resolves with data on success", async () => {
    const result = await v1()
      .customers.get({ path: { customerId: 1 } })
      .result();
    expect(result.error).toBeUndefined();
    expect(result.data?.Id).toBe(1);
    expect(result.response.ok).toBe(true);
  });

  it(".withResponse() gives data and the Response, and rejects like the promise", async () => {
    const { data, response } = await v1()
      .customers.get({ path: { customerId: 1 } })
      .withResponse();
    expect(data.Id).toBe(1);
    expect(response.status).toBe(200);
    await expect(
      v1()
        .customers.get({ path: { customerId: 404 } })
        .withResponse(),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("calling only .result() leaves no unhandled rejection behind", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await v1()
        .customers.get({ path: { customerId: 404 } })
        .result();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it("a 204 resolves with undefined", async () => {
    const result = await v1()
      .customers.delete({ path: { customerId: 7 } })
      .withResponse();
    expect(result.response.status).toBe(204);
    expect(result.data).toBeUndefined();
  });
});

describe("bodies that do not decode as documented", () => {
  it("invalid JSON on a 200 is a ResponseDecodeError with status and excerpt", async () => {
    const error = (await v1()
      .customers.get({ path: { customerId: "bad-json" as never } })
      .catch((e: unknown) => e)) as ResponseDecodeError;
    expect(error).toBeInstanceOf(ResponseDecodeError);
    expect(error.status).toBe(200);
    expect(error.excerpt).toBe('{"Id": 1,');
    expect(error.message).toContain("not valid JSON");
    expect(error.expected).toBe("application/json");
  });

  it.each(["empty-200", "empty-chunked"])("%s: an empty body where JSON was promised is a ResponseDecodeError", async (scenario) => {
    const error = (await v1()
      .customers.get({ path: { customerId: scenario as never } })
      .catch((e: unknown) => e)) as ResponseDecodeError;
    expect(error).toBeInstanceOf(ResponseDecodeError);
    expect(error.message).toContain("the body is empty");
    expect(error.excerpt).toBe("");
  });

  it("an HTML page for a documented JSON error is a ResponseDecodeError; the excerpt has the token cut out", async () => {
    const error = (await v1()
      .customers.get({ path: { customerId: "html-404" as never } })
      .catch((e: unknown) => e)) as ResponseDecodeError;
    expect(error).toBeInstanceOf(ResponseDecodeError);
    expect(error.status).toBe(404);
    expect(error.excerpt).toContain("<html><body>Not here. You sent Bearer [REDACTED]");
    expect(error.excerpt).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
  });

  it("a dynamic token is cut out of excerpts too", async () => {
    const cro = createCroDispatchClient({ baseUrl: server.url, tenantId: 1, auth: async () => TOKEN, maxRetries: 0 });
    const error = (await cro.customers.contacts
      .create({ path: { customer_id: "html-404" as never }, body: {} })
      .catch((e: unknown) => e)) as ResponseDecodeError;
    expect(error).toBeInstanceOf(ResponseDecodeError);
    expect(error.excerpt).toContain("[REDACTED]");
    expect(error.excerpt).not.toContain(TOKEN);
  });

  it(".result() rejects for an undecodable body (there is no typed error to give)", async () => {
    await expect(
      v1()
        .customers.get({ path: { customerId: "bad-json" as never } })
        .result(),
    ).rejects.toBeInstanceOf(ResponseDecodeError);
  });
});

describe("no secret in error output", () => {
  it("message, toJSON and inspect of an ApiError hold neither the token nor the api key", async () => {
    const error = await v1()
      .customers.get({ path: { customerId: 404 } })
      .catch((e: unknown) => e);
    for (const output of [String(error), JSON.stringify(error), inspect(error, { showHidden: true, depth: 10 })]) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(API_KEY);
    }
  });
});
