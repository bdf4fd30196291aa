/**
 * Fuzzing what the runtime sends: a header value is refused before sending (InvalidRequestError,
 * never quoting it) or arrives as it was given; a path parameter is refused or lands in exactly
 * its own segment; query names and values come back out of the URL as they went in.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/core/index.js";
import { serializeQuery } from "../../src/internal/query-serializer.js";
import { checkHeader, checkPathParam, checkQuery, createPathSerializer } from "../../src/internal/request-checks.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { json, startServer, type TestServer } from "../runtime/helpers/server.js";
import { anyUtf16, FUZZ_RUNS } from "./runtime-settings.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_, response) => json(response, 200, {}));
});
afterAll(() => server.close());

/** Whether a check refused the input; any other error escapes and fails the property. */
function refused(check: () => void): boolean {
  try {
    check();
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return true;
  }
}

/** Header values weighted towards the edges: controls, Latin-1, beyond, surrogates. */
const headerValue = fc.oneof(
  anyUtf16({ maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x17f }).map((code) => String.fromCharCode(code)), maxLength: 20 }),
);

describe("header values", () => {
  it("are refused, or fetch's Headers accepts them; a refusal never quotes the value", () => {
    fc.assert(
      fc.property(headerValue, (value) => {
        let message = "";
        const isRefused = refused(() => {
          try {
            checkHeader("op", "params", "x-fuzz", value);
          } catch (error) {
            message = (error as Error).message;
            throw error;
          }
        });
        if (isRefused) {
          expect(/[^\t\x20-\x7e\x80-\xff]/.test(value)).toBe(true);
          if (value.length >= 3) expect(message).not.toContain(value);
        } else {
          expect(() => new Headers([["x-fuzz", value]])).not.toThrow();
        }
      }),
    );
  });

  it("sent for real: refused before sending, or received as given (less the whitespace fetch trims)", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(headerValue, async (value) => {
        const before = server.requests.length;
        const outcome = await erp.customers.contacts
          .get({ path: { customerId: "c", customerContactId: "k" } }, { headers: { "x-fuzz": value } })
          .then(
            () => "sent",
            (error: unknown) => error,
          );
        if (outcome === "sent") {
          const received = server.requests[before]!.headers["x-fuzz"];
          expect(Buffer.from(String(received ?? ""), "latin1").toString("latin1")).toBe(value.replace(/^[\t ]+|[\t ]+$/g, ""));
        } else {
          expect(outcome).toBeInstanceOf(InvalidRequestError);
          expect(server.requests.length).toBe(before);
        }
      }),
      { numRuns: Math.min(FUZZ_RUNS, 60) },
    );
  });
});

describe("path parameters", () => {
  const serialize = createPathSerializer();

  it("are refused, or stay inside their one segment and decode back to the value", () => {
    fc.assert(
      fc.property(fc.oneof(anyUtf16({ maxLength: 12 }), fc.constantFrom(".", "..", "", "%2e%2e", "../x", "a/b?c#d")), (value) => {
        if (refused(() => checkPathParam("op", "id", value))) return;
        const url = new URL(`https://api.example.com${serialize("/v2/items/{id}/parts", { id: value })}`);
        const segments = url.pathname.split("/");
        expect(segments).toHaveLength(5);
        expect(segments.slice(0, 3)).toEqual(["", "v2", "items"]);
        expect(segments[4]).toBe("parts");
        expect(decodeURIComponent(segments[3]!)).toBe(value);
        expect(url.search).toBe("");
        expect(url.hash).toBe("");
      }),
    );
  });
});

describe("query strings", () => {
  it("names and values are refused, or come back out of the URL exactly", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          anyUtf16({ maxLength: 8 }),
          fc.oneof(anyUtf16({ maxLength: 8 }), fc.array(anyUtf16({ maxLength: 4 }), { maxLength: 3 })),
        ),
        (query) => {
          if (refused(() => checkQuery("op", query))) return;
          const url = new URL(`https://api.example.com/items?${serializeQuery(query)}`);
          const expected = Object.entries(query).flatMap(([name, value]) =>
            Array.isArray(value) ? value.map((item) => [name, item]) : [[name, value]],
          );
          expect([...url.searchParams]).toEqual(expected);
          expect(url.pathname).toBe("/items");
          expect(url.hash).toBe("");
        },
      ),
    );
  });
});
