// The linear-time matcher behind every spec pattern: it agrees with JavaScript's RegExp on what
// matches, answers a pattern that backtracks exponentially at once, and refuses (clearly) what it
// cannot run in linear time.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSafePattern, UnsafePatternError } from "../../src/mock/safe-pattern.js";

/** Patterns over a small alphabet, built from every construct the matcher runs itself. */
const patternArbitrary: fc.Arbitrary<string> = fc.letrec((tie) => ({
  atom: fc.oneof(
    fc.constantFrom("a", "b", ".", "[ab]", "[^a]", "\\d", "\\w", "\\s", "1", "\\.", "[a-c]", "\\x61", "\\u0062", "\\p{L}", "é"),
    tie("group"),
  ),
  group: fc.oneof(
    tie("alt").map((a) => `(${a as string})`),
    tie("alt").map((a) => `(?:${a as string})`),
  ),
  term: fc.oneof(
    { weight: 3, arbitrary: tie("atom") },
    fc.tuple(tie("atom"), fc.constantFrom("*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?")).map(([a, q]) => `${a as string}${q}`),
    fc.constantFrom("^", "$", "\\b", "\\B"),
  ),
  seq: fc.array(tie("term"), { maxLength: 4 }).map((terms) => (terms as string[]).join("")),
  alt: fc.array(tie("seq"), { minLength: 1, maxLength: 3 }).map((options) => (options as string[]).join("|")),
})).alt as fc.Arbitrary<string>;

const inputArbitrary = fc.array(fc.constantFrom("a", "b", "c", "1", " ", ".", "é", "\n"), { maxLength: 8 }).map((chars) => chars.join(""));

describe("safe patterns", () => {
  it("match exactly what JavaScript's RegExp matches (u, and i as the token check uses)", () => {
    fc.assert(
      fc.property(patternArbitrary, inputArbitrary, fc.constantFrom("u", "iu"), (pattern, input, flags) => {
        expect(compileSafePattern(pattern, flags).test(input)).toBe(new RegExp(pattern, flags).test(input));
      }),
      { seed: 20240501, numRuns: 3000 },
    );
  });

  it("the token pattern of CRO's security scheme, case-insensitively", () => {
    const token = compileSafePattern("^bearer [a-z0-9-_=]+.[a-z0-9-_=]+.?[a-z0-9-_.+/=]*$", "iu");
    expect(token.test("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJKb2huIn0.Xk4Q_bW-3cZ9")).toBe(true);
    expect(token.test("Basic abc")).toBe(false);
  });

  it("answers ^(a+)+$ on a long input, which backtracks exponentially in RegExp", () => {
    // RegExp would need about 2^50000 steps here; the matcher reads each character once per state.
    const nested = compileSafePattern("^(a+)+$");
    expect(nested.test(`${"a".repeat(50_000)}!`)).toBe(false);
    expect(nested.test("a".repeat(50_000))).toBe(true);
    expect(compileSafePattern("(x+x+)+y").test("x".repeat(20_000))).toBe(false);
  });

  it("refuses lookarounds, backreferences, other flags and runaway counted repeats, saying why", () => {
    expect(() => compileSafePattern("^(?=.*[A-Z]).+$")).toThrow(/lookaround/);
    expect(() => compileSafePattern("(?<!a)b")).toThrow(UnsafePatternError);
    expect(() => compileSafePattern("(a)\\1")).toThrow(/backreference/);
    expect(() => compileSafePattern("a", "s")).toThrow(/flag "s"/);
    expect(() => compileSafePattern("((a{1,100}){1,100}){1,100}")).toThrow(/more than \d+ states/);
    expect(() => compileSafePattern("(")).toThrow(SyntaxError);
  });
});

describe("safe patterns without the u flag (a token pattern valid only so)", () => {
  it("agree with RegExp on Annex B escapes", () => {
    for (const [pattern, input] of [
      ["\\xg", "xg"],
      ["^\\_a$", "_a"],
      ["a{,2}", "a{,2}"],
      ["\\x41", "A"],
      ["\\u004", "u004"],
    ] as const) {
      expect(compileSafePattern(pattern, "i").test(input), pattern).toBe(new RegExp(pattern, "i").test(input));
    }
  });
});
