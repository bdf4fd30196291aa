/**
 * The checked-in API reports (api/*.api.md) describe the built package: `npm test` fails when one is
 * stale, naming it, so a change of the public API cannot land without its report. The second test
 * proves the check can fail, against a copy of api/ with one report edited and one removed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertDistIsBuilt, ROOT, run } from "./helpers.js";

const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
const script = path.join(ROOT, "scripts", "api-report.ts");

describe("API report", () => {
  it("api/ matches the public API of every entry point (else: npm run api:report)", async () => {
    assertDistIsBuilt();
    const { stdout } = await run(tsx, [script, "--check"], { cwd: ROOT });
    expect(stdout).toMatch(/api-report: \d+ entry points match api\//);
  }, 60_000);

  it("--check fails naming a stale report and a missing one", async () => {
    assertDistIsBuilt();
    const copy = mkdtempSync(path.join(tmpdir(), "api-report-"));
    try {
      cpSync(path.join(ROOT, "api"), copy, { recursive: true });
      const mock = path.join(copy, "mock.api.md");
      writeFileSync(mock, readFileSync(mock, "utf8").replace("readonly url: string;", "readonly url: URL;"));
      unlinkSync(path.join(copy, "core.api.md"));
      const failure = await run(tsx, [script, "--check", "--reports", copy], { cwd: ROOT }).then(
        () => new Error("the check passed"),
        (error: Error) => error,
      );
      expect(failure.message).toContain("mock.api.md is stale: the public API of vendor-api-clients/mock changed");
      expect(failure.message).toContain("-    readonly url: URL;");
      expect(failure.message).toContain("core.api.md is missing (entry point vendor-api-clients/core)");
      expect(failure.message).not.toMatch(/jtl-erp-v1\.api\.md/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
