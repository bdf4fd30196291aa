// x-pagination: a valid rule reaches the operation record and makes the wrapper a paged one; a
// rule that names something the operation does not have fails the collect step with its place.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { FIXTURES, OUT, generateFixture, generateSpec } from "./helpers.js";

const fixture = path.join(FIXTURES, "paging", "openapi.yaml");

describe("x-pagination", () => {
  it("puts the rule in the operation record and returns a PagedApiPromise of the items", async () => {
    const operations = (await generateFixture("paging", path.join(OUT, "paging"))).get("operations.ts")!;
    expect(operations).toContain(
      'paging: { pageParam: "page", sizeParam: "size", firstPage: 1, items: "Items", hasNextPage: "HasNextPage", nextPage: "NextPageNumber" },',
    );
    expect(operations).toContain('PagedApiPromise<ListThingsResponse, ListThingsErrors, PageItem<ListThingsResponse, "Items">>');
    expect(operations).toContain("return callPagedOperation(client, listThingsMeta, params, options);");
    // The operation without a rule stays an ordinary call.
    expect(operations).toContain("return callOperation(client, getPageMeta, params, options);");
  });

  const broken: [string, (rule: Record<string, unknown>) => void, RegExp][] = [
    ["a page parameter the operation lacks", (r) => (r.pageParam = "pageNumber"), /"pageNumber" is not a query parameter/],
    ["an items property the body lacks", (r) => (r.items = "results"), /"results" \(items\) is not a property of the success body/],
    ["items that are not an array", (r) => (r.items = "HasNextPage"), /"HasNextPage" is not an array property/],
    ["an unknown key", (r) => (r.pageSize = "size"), /unknown key "pageSize"/],
    ["a non-integer first page", (r) => (r.firstPage = "1"), /"firstPage" must be an integer/],
  ];
  it.each(broken)("refuses %s, naming the operation and the place", async (_, change, message) => {
    const doc = YAML.parse(fs.readFileSync(fixture, "utf8"));
    change(doc.paths["/things"].get["x-pagination"]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paging-"));
    const file = path.join(dir, "openapi.yaml");
    fs.writeFileSync(file, YAML.stringify(doc));
    const failure = await generateSpec(file, path.join(dir, "out")).then(
      () => undefined,
      (error: Error & { format?: () => string }) => error.format?.() ?? String(error),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(failure).toMatch(/^collect failed in .*openapi\.yaml at #\/paths\/~1things\/get\/x-pagination: x-pagination of GET \/things: /);
    expect(failure).toMatch(message);
  });
});
