/** What error messages may show of a URL or a body. */
import { describe, expect, it } from "vitest";
import { excerptOf, redactSecrets, redactUrl } from "../../src/internal/redact.js";

describe("redactUrl", () => {
  it("drops userinfo and fragments, and hides sensitive query values only", () => {
    expect(redactUrl("https://user:pw@api.example.com/a?pageSize=5&access_token=abc&apiKey=k#x")).toBe(
      "https://api.example.com/a?pageSize=5&access_token=REDACTED&apiKey=REDACTED",
    );
    expect(redactUrl("https://api.example.com/customers/1?number=C1")).toBe("https://api.example.com/customers/1?number=C1");
  });
});

describe("excerpts", () => {
  it("cut out every secret before shortening, and collapse whitespace", () => {
    const secret = "s3cr3t-token-value";
    expect(redactSecrets(`a ${secret} b ${secret}`, [secret])).toBe("a [REDACTED] b [REDACTED]");
    const long = `${"x".repeat(195)}${secret}`;
    expect(excerptOf(long, [secret])).not.toContain("s3cr3t");
    expect(excerptOf("<html>\n  <body>\tError</body>\n</html>", [])).toBe("<html> <body> Error</body> </html>");
    expect(excerptOf("y".repeat(500), []).length).toBe(201);
  });

  it("ignore secrets too short to search for safely", () => {
    expect(redactSecrets("a b c", ["a", undefined])).toBe("a b c");
  });
});
