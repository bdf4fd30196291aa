/** openapi-fetch middleware through the client: run on every attempt, can change requests and recover errors. */
import { afterEach, describe, expect, it } from "vitest";
import type { Middleware } from "openapi-fetch";
import { ConnectionError } from "../../src/core/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const contact = { path: { customerId: "c", customerContactId: "k" } };
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 4 } } as const;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("middleware", () => {
  it("onRequest can add headers and sees the path template; onResponse runs on every attempt", async () => {
    server = await startServer((_, response, index) => json(response, index === 0 ? 503 : 200, { index }));
    const seen: string[] = [];
    const statuses: number[] = [];
    const middleware: Middleware[] = [
      {
        onRequest({ request, schemaPath }) {
          seen.push(schemaPath);
          request.headers.set("x-trace-id", "trace-1");
          return request;
        },
        onResponse({ response }) {
          statuses.push(response.status);
        },
      },
    ];
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", middleware, ...fast });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ index: 1 });
    expect(seen).toEqual([
      "/v2/customers/{customerId}/contacts/{customerContactId}",
      "/v2/customers/{customerId}/contacts/{customerContactId}",
    ]);
    expect(statuses).toEqual([503, 200]);
    expect(server.requests.map((request) => request.headers["x-trace-id"])).toEqual(["trace-1", "trace-1"]);
  });

  it("onError sees the fetch error and can answer instead", async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const errors: unknown[] = [];
    const erp = createJtlErpV2Client({
      baseUrl: closed.url,
      tenantId: "t",
      maxRetries: 0,
      middleware: [
        {
          onError({ error }) {
            errors.push(error);
            return new Response(JSON.stringify({ fallback: true }), { status: 200, headers: { "content-type": "application/json" } });
          },
        },
      ],
    });
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ fallback: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
  });

  it("an error thrown by a middleware is passed through, not retried and not called a connection error", async () => {
    server = await startServer((_, response) => json(response, 200, {}));
    const bug = new Error("middleware bug");
    const erp = createJtlErpV2Client({
      baseUrl: server.url,
      tenantId: "t",
      ...fast,
      middleware: [
        {
          onRequest() {
            throw bug;
          },
        },
      ],
    });
    const error = await erp.customers.contacts.get(contact).catch((e: unknown) => e);
    expect(error).toBe(bug);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(0);
  });
});
