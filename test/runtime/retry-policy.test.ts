/** The retry policy's arithmetic, with a fixed clock and fixed randomness. */
import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  isIdempotentMethod,
  isRetryableStatus,
  retryDelayMs,
  serverRequestedDelayMs,
} from "../../src/internal/retry-policy.js";

const now = Date.parse("2025-01-01T12:00:00Z");

describe("serverRequestedDelayMs", () => {
  it.each([
    [{ "retry-after": "3" }, 3_000],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after": "1.5" }, 1_500],
    [{ "retry-after": "Wed, 01 Jan 2025 12:00:05 GMT" }, 5_000],
    [{ "retry-after": "Wed, 01 Jan 2025 11:59:00 GMT" }, 0],
    [{ "retry-after-ms": "250" }, 250],
    [{ "retry-after-ms": "250", "retry-after": "9" }, 250],
    [{ "x-ratelimit-remaining": "0", "x-ratelimit-interval-length-seconds": "60" }, 60_000],
    [{ "retry-after": "2", "x-ratelimit-remaining": "0", "x-ratelimit-interval-length-seconds": "60" }, 2_000],
  ])("%o → %i ms", (headers, expected) => {
    expect(serverRequestedDelayMs(new Headers(headers), now)).toBe(expected);
  });

  it.each([
    {},
    { "retry-after": "soon" },
    { "retry-after": "-3" },
    { "retry-after-ms": "" },
    { "retry-after-ms": "abc" },
    { "x-ratelimit-remaining": "3", "x-ratelimit-interval-length-seconds": "60" },
    { "x-ratelimit-remaining": "0" },
  ])("%o → undefined", (headers) => {
    expect(serverRequestedDelayMs(new Headers(headers as Record<string, string>), now)).toBeUndefined();
  });
});

describe("backoff", () => {
  it("doubles from 0.5 s, caps at 8 s, and jitters down by at most 25 %", () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, DEFAULT_BACKOFF, noJitter))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0.999999)).toBeCloseTo(375, 0);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelayMs(3, DEFAULT_BACKOFF);
      expect(delay).toBeGreaterThan(1_500);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });

  it("uses the server's delay when given and gives up above the cap", () => {
    expect(retryDelayMs(new Headers({ "retry-after": "60" }), 1, DEFAULT_BACKOFF, now)).toBe(60_000);
    expect(retryDelayMs(new Headers({ "retry-after": "61" }), 1, DEFAULT_BACKOFF, now)).toBeUndefined();
    const backoff = retryDelayMs(new Headers(), 2, DEFAULT_BACKOFF, now)!;
    expect(backoff).toBeGreaterThan(750);
    expect(backoff).toBeLessThanOrEqual(1_000);
  });
});

describe("what is retried", () => {
  it("retries 408, 429, 500, 502, 503, 504 and nothing else", () => {
    const retried = Array.from({ length: 300 }, (_, i) => i + 300).filter(isRetryableStatus);
    expect(retried).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it("treats GET, HEAD, PUT, DELETE, OPTIONS as idempotent, not POST or PATCH", () => {
    expect(["get", "head", "put", "delete", "options"].every(isIdempotentMethod)).toBe(true);
    expect(["post", "patch"].some(isIdempotentMethod)).toBe(false);
  });
});
