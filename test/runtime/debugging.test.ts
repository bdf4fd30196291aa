/** Debugging aids: the logger and logLevel options, request ids on success, withOptions copies, the user-agent. */
import { readFileSync } from "node:fs";
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createBasicClient, createClient, type Logger } from "../../src/core/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { PACKAGE_VERSION, USER_AGENT } from "../../src/internal/version.js";
import { json, startServer, type SeenRequest, type TestServer } from "./helpers/server.js";

const contact = { path: { customerId: "c", customerContactId: "k" } };
const TOKEN = "secret-access-token-4711";
const API_KEY = "secret-api-key-0815";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...steps: ((request: SeenRequest, response: http.ServerResponse) => void)[]) {
  server = await startServer((request, response, index) => steps[Math.min(index, steps.length - 1)]!(request, response));
  return server;
}

/** A console-compatible logger that keeps every line. */
function recordingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

describe("logger and logLevel", () => {
  it("logs each attempt with method, redacted URL, status, duration, attempt and the retry wait, and no secret", async () => {
    const { url } = await serve(
      (_, response) => json(response, 503, { error: `token ${TOKEN} rejected` }, { "retry-after": "0" }),
      (_, response) => json(response, 200, { id: "k" }, { "x-request-id": "req-42" }),
    );
    const { logger, lines } = recordingLogger();
    const erp = createJtlErpV2Client({
      baseUrl: url,
      tenantId: "t",
      auth: async () => TOKEN,
      headers: { "x-api-key": API_KEY },
      logger,
      logLevel: "debug",
    });
    await erp.customers.contacts.get({ ...contact, query: { token: TOKEN } } as never);

    expect(lines.map((line) => line.level)).toEqual(["debug", "warn", "debug", "info"]);
    const [, retry, , done] = lines;
    expect(retry?.message).toMatch(
      /^\[vendor-api-clients\] GET http:\/\/127\.0\.0\.1:\d+\/v2\/customers\/c\/contacts\/k\?token=REDACTED → 503 in \d+ ms \(attempt 1\), retrying in 0 ms: status 503 is retryable$/,
    );
    expect(retry?.fields).toMatchObject({ operationId: "getCustomerContact", method: "GET", status: 503, attempt: 1, retryInMs: 0 });
    expect(done?.fields).toMatchObject({ status: 200, attempt: 2, requestId: "req-42" });
    expect(typeof done?.fields?.durationMs).toBe("number");
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(API_KEY);
  });

  it("logs nothing by default, and only lines at or above the level", async () => {
    const { url } = await serve(
      (_, response) => json(response, 404, { message: "gone" }),
      (_, response) => json(response, 200, {}),
    );
    const quiet = recordingLogger();
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", logger: quiet.logger });
    await erp.customers.contacts.get(contact).result();
    expect(quiet.lines).toEqual([]);

    const errorsOnly = recordingLogger();
    const picky = createJtlErpV2Client({ baseUrl: url, tenantId: "t", logger: errorsOnly.logger, logLevel: "error" });
    await picky.customers.contacts.get(contact);
    expect(errorsOnly.lines).toEqual([]);
  });

  it("logs a failed call at error level with its error message, on a basic client too", async () => {
    const { url } = await serve((_, response) => json(response, 404, { message: "gone" }));
    const { logger, lines } = recordingLogger();
    const basic = createBasicClient<import("../../src/jtl-erp-v2/index.js").paths>({ baseUrl: url, logger, logLevel: "info", auth: TOKEN });
    const { getCustomerContact } = await import("../../src/jtl-erp-v2/index.js");
    await getCustomerContact(basic, { ...contact, header: { "x-tenant-id": "t" } }).result();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("error");
    expect(lines[0]?.message).toMatch(/→ 404 in \d+ ms \(attempt 1\)$/);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it("refuses an unknown level and a logger without the four methods", () => {
    expect(() => createClient({ baseUrl: "http://127.0.0.1:1", logLevel: "verbose" as never })).toThrow(
      /logLevel must be one of off, error, warn, info, debug/,
    );
    expect(() => createClient({ baseUrl: "http://127.0.0.1:1", logger: { info() {} } as never, logLevel: "info" })).toThrow(
      /logger must have a debug\(message\) method/,
    );
  });
});

describe("request ids on success", () => {
  it("gives withResponse() the requestId and the data a non-enumerable _request_id", async () => {
    const { url } = await serve((_, response) => json(response, 200, { id: "k" }, { "x-request-id": "req-7" }));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t" });
    const { data, requestId } = await erp.customers.contacts.get(contact).withResponse();
    expect(requestId).toBe("req-7");
    expect(data._request_id).toBe("req-7");
    expect(Object.keys(data)).toEqual(["id"]);
    expect(JSON.stringify(data)).toBe('{"id":"k"}');
  });

  it("reads the other usual id headers, and is undefined (null on the data) when there is none", async () => {
    const { url } = await serve(
      (_, response) => json(response, 200, { id: "a" }, { "x-correlation-id": "corr-1" }),
      (_, response) => json(response, 200, { id: "b" }),
    );
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t" });
    expect((await erp.customers.contacts.get(contact).withResponse()).requestId).toBe("corr-1");
    const second = await erp.customers.contacts.get(contact).withResponse();
    expect(second.requestId).toBeUndefined();
    expect(second.data._request_id).toBeNull();
  });
});

describe("withOptions", () => {
  it("returns a copy with other options and the same token provider, leaving the original as it was", async () => {
    const { url, requests } = await serve(
      (_, response) => json(response, 503, {}),
      (_, response) => json(response, 200, { id: "k" }),
    );
    let tokensHandedOut = 0;
    const provider = { getToken: () => `token-${++tokensHandedOut}` };
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", auth: provider, maxRetries: 0 });
    const patient = erp.withOptions({ maxRetries: 1, backoff: { initialDelayMs: 1 }, headers: { "x-trace": "on" } });

    expect(await patient.customers.contacts.get(contact)).toEqual({ id: "k" });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers["x-trace"]).toBe("on");
    expect(requests[1]?.headers["x-tenant-id"]).toBe("t");
    expect(requests[1]?.headers.authorization).toBe("Bearer token-2");
    expect(String(patient)).toBe(String(erp));

    // The original still does not retry, and sends no x-trace.
    await expect(erp.customers.contacts.get(contact)).resolves.toEqual({ id: "k" });
    expect(requests[2]?.headers["x-trace"]).toBeUndefined();
  });

  it("refuses an unknown option with the nearest known name", () => {
    const erp = createJtlErpV2Client({ tenantId: "t" });
    expect(() => erp.withOptions({ timeout: 5 } as never)).toThrow(/unknown option "timeout": did you mean timeoutMs\?/);
  });
});

describe("user-agent", () => {
  it("names this package and the version package.json states", async () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; version: string };
    expect(PACKAGE_VERSION).toBe(manifest.version);
    expect(USER_AGENT).toBe(`${manifest.name}/${manifest.version}`);
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    await createJtlErpV2Client({ baseUrl: url, tenantId: "t" }).customers.contacts.get(contact);
    expect(requests[0]?.headers["user-agent"]).toBe(USER_AGENT);
  });

  it("leaves a user-agent the caller set alone, and does not list it as a default header", async () => {
    const { url, requests } = await serve((_, response) => json(response, 200, {}));
    const erp = createJtlErpV2Client({ baseUrl: url, tenantId: "t", headers: { "User-Agent": "my-app/2" } });
    await erp.customers.contacts.get(contact);
    expect(requests[0]?.headers["user-agent"]).toBe("my-app/2");
    expect(createJtlErpV2Client({ tenantId: "t" }).toJSON().defaultHeaders).not.toContain("user-agent");
  });
});
