// The fault mode's answers one at a time, where the load test sees them by the hundred: Retry-After
// waits measured on the server's clock (never less than the server asked; no upper bound, so a busy
// machine cannot fail them), the client's cap on them, and a POST whose connection breaks after the
// server processed it. Each answer is forced with respondNext, so nothing here is random.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError, InternalServerError, RateLimitError } from "../../src/core/index.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { CALL_ID_HEADER } from "./fault-run.js";
import { createApiClient, operationsOf, type ClientPolicy, type MixedOperation } from "./operation-mix.js";

const operations = new Map(operationsOf("jtl-erp-v1").map((operation) => [operation.operationId, operation]));
const operation = (operationId: string): MixedOperation => operations.get(operationId)!;

let server: MockServer;
beforeEach(async () => {
  server = await createMockServer({ api: "jtl-erp-v1", seed: 3, faults: { retryAfterSeconds: 1 } });
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const client = (policy: ClientPolicy = {}) =>
  createApiClient("jtl-erp-v1", server.url, { backoff: { initialDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 60_000, ...policy });

/** Sends `operationId` with its example params (path ids from `ids`), tagged so its requests can be found in the log. */
const send = (c: unknown, operationId: string, tag: string, options: object = {}, ids: Record<string, unknown> = {}) => {
  const op = operation(operationId);
  return op.send(c, op.params(0, ids), { ...options, headers: { [CALL_ID_HEADER]: tag } });
};
/** A customer stored cleanly, to create contacts under (a contact of an unknown customer may be refused). */
const storedCustomer = async (): Promise<{ customerId: unknown }> => {
  server.respondNext({ operationId: "createCustomer", fault: "none" });
  const created = (await send(client(), "createCustomer", "store-customer")) as { Id: unknown };
  return { customerId: created.Id };
};
const requestsOf = (tag: string) => server.requests.filter((request) => request.headers[CALL_ID_HEADER] === tag);

describe("Retry-After", () => {
  it("a GET answered 503 with Retry-After: 1 is retried no sooner than 1 s later, and then succeeds", async () => {
    server.respondNext({ operationId: "queryCustomers", fault: "retry503" });
    await expect(send(client(), "queryCustomers", "wait-1s")).resolves.toMatchObject({ Items: expect.any(Array) });
    const [first, second] = requestsOf("wait-1s");
    expect([first?.status, second?.status]).toEqual([503, 200]);
    expect(second!.timestamp - first!.timestamp).toBeGreaterThanOrEqual(1000 - 5);
  });

  it("retry-after-ms wins over Retry-After: the client waits the 300 ms it asks for, not the 2 minutes", async () => {
    // Retry-After alone (120 s) is beyond maxRetryAfterMs and would end the call at once with the 429.
    server.respondNext({ operationId: "queryCustomers", fault: "retry429", headers: { "retry-after-ms": "300", "retry-after": "120" } });
    await expect(send(client({ maxRetryAfterMs: 60_000 }), "queryCustomers", "wait-300ms")).resolves.toMatchObject({
      Items: expect.any(Array),
    });
    const [first, second] = requestsOf("wait-300ms");
    expect(first?.status).toBe(429);
    expect(first?.fault).toBe("retry429");
    expect(second?.status).toBe(200);
    expect(second!.timestamp - first!.timestamp).toBeGreaterThanOrEqual(300 - 5);
  });

  it("a Retry-After beyond maxRetryAfterMs ends the call with the 429 at once instead of waiting", async () => {
    server.respondNext({ operationId: "queryCustomers", fault: "retry429" });
    const error = await send(client({ maxRetryAfterMs: 500 }), "queryCustomers", "too-long").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, attempts: 1 });
    expect(requestsOf("too-long")).toHaveLength(1);
  });

  it("a POST is not retried after a 503 unless the caller opted in, and then waits the second", async () => {
    const customer = await storedCustomer();
    server.respondNext({ operationId: "createCustomerContact", fault: "retry503" });
    await expect(send(client(), "createCustomerContact", "post-no-opt-in", {}, customer)).rejects.toBeInstanceOf(InternalServerError);
    expect(requestsOf("post-no-opt-in")).toHaveLength(1);

    server.respondNext({ operationId: "createCustomerContact", fault: "retry503" });
    await send(client(), "createCustomerContact", "post-opted-in", { retryNonIdempotent: true }, customer);
    const [first, second] = requestsOf("post-opted-in");
    expect([first?.status, second?.status]).toEqual([503, 201]);
    expect(second!.timestamp - first!.timestamp).toBeGreaterThanOrEqual(1000 - 5);
  });
});

describe("a connection reset after the server processed the request", () => {
  const storedContacts = async (customer: { customerId: unknown }) => {
    server.respondNext({ operationId: "queryCustomerContacts", fault: "none" });
    return ((await send(client(), "queryCustomerContacts", "count", {}, customer)) as unknown[]).length;
  };

  it("a POST is sent once and fails with a ConnectionError: the client cannot know it was applied", async () => {
    const customer = await storedCustomer();
    server.respondNext({ operationId: "createCustomerContact", fault: "resetMidBody" });
    const error = await send(client(), "createCustomerContact", "reset-once", {}, customer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(requestsOf("reset-once")).toMatchObject([{ fault: "resetMidBody", status: 201 }]);
    expect(await storedContacts(customer)).toBe(1); // it was applied
  });

  it("with retryNonIdempotent the caller gets at-least-once: retried, and stored twice", async () => {
    const customer = await storedCustomer();
    server.respondNext({ operationId: "createCustomerContact", fault: "resetMidBody" });
    await expect(send(client({ retryNonIdempotent: true }), "createCustomerContact", "reset-retried", {}, customer)).resolves.toMatchObject(
      { Id: expect.any(Number) },
    );
    expect(requestsOf("reset-retried").map((request) => request.fault ?? "none")).toEqual(["resetMidBody", "none"]);
    expect(await storedContacts(customer)).toBe(2);
  });
});
