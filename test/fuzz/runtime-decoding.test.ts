/**
 * Fuzzing what the runtime does with answers: decoding never throws and round-trips JSON, and the
 * redactor cuts a secret out of any text in any of its encodings, at any offset.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeFailure, decodeBody } from "../../src/internal/decode-body.js";
import { serverRequestedDelayMs } from "../../src/internal/retry-policy.js";
import { Redactor, REDACTED } from "../../src/internal/secret-redactor.js";
import { anyUtf16, secretText } from "./runtime-settings.js";

const jsonHeaders = new Headers({ "content-type": "application/json" });

describe("decodeBody", () => {
  it("never throws for any text, whatever the documented media type", () => {
    fc.assert(
      fc.property(
        anyUtf16(),
        fc.constantFrom("application/json", "application/problem+json", "text/plain", undefined, null),
        fc.integer({ min: 100, max: 599 }),
        (raw, media, status) => {
          const decoded = decodeBody(raw, media, status, jsonHeaders);
          if (decoded instanceof DecodeFailure) expect(decoded.problem).toMatch(/^the body is (empty|not valid JSON)$/);
        },
      ),
    );
  });

  it("gives back any JSON value it was sent", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(decodeBody(JSON.stringify(value), "application/json", 200, jsonHeaders)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("a documented JSON body that is not JSON is a DecodeFailure holding the text", () => {
    fc.assert(
      fc.property(anyUtf16({ minLength: 1 }), (raw) => {
        let parses = true;
        try {
          JSON.parse(raw);
        } catch {
          parses = false;
        }
        fc.pre(!parses);
        const decoded = decodeBody(raw, "application/json", 200, jsonHeaders);
        expect(decoded).toBeInstanceOf(DecodeFailure);
      }),
    );
  });
});

describe("Retry-After parsing", () => {
  it("any header text gives undefined or a finite, non-negative delay", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("retry-after", "retry-after-ms", "x-ratelimit-remaining", "x-ratelimit-interval-length-seconds"),
          fc.string(),
        ),
        (values) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(values)) {
            try {
              headers.set(name, value);
            } catch {
              return; // not a header value fetch could deliver
            }
          }
          const delay = serverRequestedDelayMs(headers);
          if (delay !== undefined) expect(Number.isFinite(delay) && delay >= 0).toBe(true);
        },
      ),
    );
  });
});

describe("redaction", () => {
  const around = fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }));
  const encodings: [string, (secret: string) => string][] = [
    ["raw", (secret) => secret],
    ["percent-encoded", encodeURIComponent],
    ["form-encoded", (secret) => new URLSearchParams({ s: secret }).toString().slice(2)],
    ["JSON-escaped", (secret) => JSON.stringify(secret).slice(1, -1)],
  ];

  it.each(encodings)("a %s secret is cut out of any surrounding text", (_, encode) => {
    fc.assert(
      fc.property(secretText, around, (secret, [before, after]) => {
        const redactor = Redactor.of([secret]);
        const text = `${before}${encode(secret)}${after}`;
        const result = redactor.redact(text);
        expect(result).not.toContain(encode(secret));
        expect(result).toContain(REDACTED);
      }),
    );
  });

  it("a secret base64-encoded inside longer text (as in a Basic header) is cut out at any offset", () => {
    fc.assert(
      fc.property(secretText, around, (secret, [before, after]) => {
        const encoded = Buffer.from(`${before}${secret}${after}`, "utf8").toString("base64");
        const result = Redactor.of([secret]).redact(encoded);
        expect(result).toContain(REDACTED);
        // What is left cannot spell the secret: at most a few edge bytes of it survive.
        expect(Buffer.from(result.replace(REDACTED, ""), "base64").toString("utf8")).not.toContain(secret);
      }),
    );
  });

  it("a decoded body keeps no secret in any string or key, however deep", () => {
    fc.assert(
      fc.property(
        secretText,
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(fc.constantFrom("key", "value"), { minLength: 1, maxLength: 4 }),
        (secret, value, places) => {
          const withSecret = places.reduce<unknown>(
            (inner, place) => (place === "key" ? { [`k-${secret}`]: inner } : { nested: [inner, `v ${secret} v`] }),
            value,
          );
          const raw = JSON.stringify(withSecret);
          const redacted = Redactor.of([secret]).redactBody(JSON.parse(raw), raw);
          expect(JSON.stringify(redacted)).not.toContain(JSON.stringify(secret).slice(1, -1));
        },
      ),
    );
  });

  it("text without the secret comes back unchanged", () => {
    fc.assert(
      fc.property(secretText, fc.string(), (secret, text) => {
        fc.pre(!text.includes(secret.slice(0, 6)));
        const redactor = Redactor.of([secret]);
        if (redactor.isClean(text)) expect(redactor.redact(text)).toBe(text);
      }),
    );
  });
});
