/** `npm run demo` (examples/demo.ts) runs as a child process, prints every step with its status, and exits 0. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./spec-operations.js";

describe("examples/demo.ts", () => {
  it("runs create → get → update → get → list → delete (v1), create → get (v2), create (CRO) against the mocks", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "examples", "demo.ts")], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    const expected = [
      /^ 1\. create customer +POST \/erp\/customers → 201 +\{"CustomerGroupId":1,/,
      /^ 2\. create contact +POST \/erp\/customers\/\d+\/contacts → 201 +\{"FirstName":"Erika","LastName":"Mustermann"/,
      /^ 3\. get contact +GET \/erp\/customers\/\d+\/contacts\/\d+ → 200 +\{"FirstName":"Erika","LastName":"Mustermann"/,
      /^ 4\. update contact +PATCH \/erp\/customers\/\d+\/contacts\/\d+ → 204 +\(no body\)/,
      /^ 5\. get contact again +GET \/erp\/customers\/\d+\/contacts\/\d+ → 200 +\{"FirstName":"Erika","LastName":"Musterfrau"/,
      /^ 6\. list contacts +GET \/erp\/customers\/\d+\/contacts → 200 +\[\{"FirstName":"Erika","LastName":"Musterfrau"/,
      /^ 7\. delete contact +DELETE \/erp\/customers\/\d+\/contacts\/\d+ → 204 +\(no body\)/,
      /^ 8\. get deleted contact +GET \/erp\/customers\/\d+\/contacts\/\d+ → 404 +NotFoundError: /,
      /^ 9\. create contact +POST \/erp\/v2\/customers\/[0-9a-f-]{36}\/contacts → 201 +\{"firstName":"Erika"/,
      /^10\. get contact +GET \/erp\/v2\/customers\/[0-9a-f-]{36}\/contacts\/[0-9a-f-]{36} → 200 +\{"firstName":"Erika"/,
      /^11\. create contact +POST \/customers\/3001\/contacts → 200 +\{"name":"John J NewContact"/,
      /^11 steps, 0 spec violations seen by the mocks$/,
    ];
    for (const pattern of expected)
      expect(
        lines.some((line) => pattern.test(line)),
        `a line matching ${pattern}\n${run.stdout}`,
      ).toBe(true);
  }, 60_000);
});
