// The types step never fetches an example's `externalValue` URL (openapi-typescript would): it is
// dropped from the copy openapi-typescript reads, while the bundled spec keeps it for the docs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dropExternalValues, EXTERNAL_VALUE } from "../../scripts/lib/external-values.js";
import { generateSpec } from "./helpers.js";

const cases: [what: string, given: Record<string, any>, want: Record<string, any>][] = [
  [
    "an Example object of a media type loses its URL, keeps its summary",
    { content: { "text/xml": { examples: { feed: { summary: "s", externalValue: "https://example.com/a.xml" } } } } },
    { content: { "text/xml": { examples: { feed: { summary: "s" } } } } },
  ],
  [
    "so does one under components/examples",
    { components: { examples: { Feed: { externalValue: "https://example.com/a.xml" } } } },
    { components: { examples: { Feed: {} } } },
  ],
  [
    "a schema property named externalValue stays",
    { schema: { properties: { externalValue: { type: "string" } } } },
    { schema: { properties: { externalValue: { type: "string" } } } },
  ],
  [
    "a schema's examples array stays (its items are data)",
    { schema: { examples: [{ externalValue: "kept" }] } },
    { schema: { examples: [{ externalValue: "kept" }] } },
  ],
];

describe("dropExternalValues", () => {
  it.each(cases)("%s", (_, given, want) => {
    expect(dropExternalValues(structuredClone(given))).toEqual(want);
  });

  it("the text test finds the key", () => {
    expect(EXTERNAL_VALUE.test(JSON.stringify(cases[0]![1]))).toBe(true);
    expect(EXTERNAL_VALUE.test(JSON.stringify(cases[2]![1]).replace("externalValue", "other"))).toBe(false);
  });
});

it("a spec whose example points at a URL generates, and nothing is fetched", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "external-value-"));
  try {
    // Port 9 on loopback refuses connections: a fetch would fail the run.
    const url = "http://127.0.0.1:9/feed.xml";
    const spec = {
      openapi: "3.1.0",
      info: { title: "feeds", version: "1" },
      paths: {
        "/feed": {
          get: {
            operationId: "getFeed",
            responses: {
              "200": {
                description: "the feed",
                content: { "text/xml": { schema: { type: "string" }, examples: { nightly: { externalValue: url } } } },
              },
            },
          },
        },
      },
    };
    const file = path.join(dir, "openapi.json");
    fs.writeFileSync(file, JSON.stringify(spec));
    const files = await generateSpec(file, path.join(dir, "out"));
    expect(files.get("operations.ts")).toContain("export function getFeed");
    expect(files.get("openapi.json")).toContain(url);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
