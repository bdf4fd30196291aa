/**
 * The contract suite: every operation of every bundled spec, called through its generated wrapper
 * against the embedded mock with generated inputs (only required, all, and with a client that
 * sets no headers), and every documented error status forced and decoded. Cases come from the
 * spec (cases.ts), so a new operation is covered without new test code.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { contractTable } from "./cases.js";
import { CaseRunner, type Target } from "./run-case.js";
import { bundledApis } from "./spec-operations.js";

/** The embedded mock as a contract target: its violations and request log are the server's view. */
function mockTarget(mock: MockServer): Target {
  return {
    name: "mock",
    baseUrl: mock.baseUrl,
    // The bare client uses the origin: the mock serves every path with and without the spec's base path.
    bareBaseUrl: mock.url,
    mark: () => ({ requests: mock.requests.length, problems: mock.violations.length }),
    problemsSince: async (mark) => mock.violations.slice(mark.problems),
    receivedSince: (mark) => mock.requests.slice(mark.requests),
  };
}

for (const api of bundledApis()) {
  const table = await contractTable(api);

  describe(`${api} contract (embedded mock)`, () => {
    let mock: MockServer;
    let runner: CaseRunner;

    beforeAll(async () => {
      mock = await createMockServer({ api, seed: 7 });
      runner = new CaseRunner(table, mockTarget(mock));
    });
    afterAll(async () => {
      await mock?.close();
    });

    it.each(table.calls.map((c) => [c.name, c] as const))("%s", async (_, c) => {
      await runner.assertCall(c);
    });

    it.each(table.errors.map((c) => [c.name, c] as const))("%s arrives as its typed error with the documented body", async (_, c) => {
      await runner.assertError(c);
    });
  });
}
