// One rule decides whether a media type is JSON (src/internal/decode-body.ts `isJsonMedia`): the
// generator picks an operation's body media type by it, the runtime decodes by it and the mock
// parses and answers by it, so a body the generated type calls an object arrives as an object
// (text-json fixture), from a server or from the mock.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/core/index.js";
import { isJsonMedia } from "../../src/internal/decode-body.js";
import { createMockServer } from "../../src/mock/index.js";
import { preferredMediaType } from "../../scripts/steps/collect.js";
import { OUT, generateFixture, writeFiles } from "./helpers.js";

const jsonMedia: [given: string, want: boolean][] = [
  ["application/json", true],
  ["application/json; charset=utf-8", true],
  ["APPLICATION/JSON", true],
  ["text/json", true],
  ["application/problem+json", true],
  ["application/vnd.example.v2+json;version=2", true],
  ["application/json-seq", false],
  ["application/jsonl", false],
  ["text/plain", false],
  ["application/x-json-stream", false],
  ["json", false],
];

describe("isJsonMedia", () => {
  it.each(jsonMedia)("%s → %s", (given, want) => {
    expect(isJsonMedia(given)).toBe(want);
  });
});

const preferred: [given: string[], want: string | undefined][] = [
  [["text/csv", "application/problem+json", "application/json"], "application/json"],
  [["text/plain", "text/json"], "text/json"],
  [["text/plain", "application/json-seq"], "text/plain"],
  [["text/html", "application/vnd.example+json"], "application/vnd.example+json"],
  [["application/octet-stream"], "application/octet-stream"],
  [[], undefined],
];

describe("the body media type the generator records", () => {
  it.each(preferred)("%j → %s", (given, want) => {
    expect(preferredMediaType(given)).toBe(want);
  });
});

describe("text-json fixture", () => {
  it("types the text/json body as an object, and the runtime returns that object", async () => {
    const dir = path.join(OUT, "text-json-runtime");
    const files = await generateFixture("text-json", dir);
    writeFiles(dir, files);
    expect(files.get("operations.ts")).toContain('responses: { "200": "text/json" },');
    expect(files.get("operations.ts")).toContain('request: { mediaType: "text/json", required: true },');
    const { postLegacy } = (await import(pathToFileURL(path.join(dir, "operations.ts")).href)) as {
      postLegacy: (client: unknown, params: { body: { name: string } }) => Promise<unknown>;
    };
    let sent: string | undefined;
    const client = createClient({
      baseUrl: "https://api.example.test",
      fetch: async (request: Request) => {
        sent = `${request.headers.get("content-type")} ${await request.text()}`;
        return new Response('{"id":7}', { status: 200, headers: { "content-type": "text/json" } });
      },
    });
    expect(await postLegacy(client, { body: { name: "a" } })).toEqual({ id: 7 });
    expect(sent).toBe('text/json {"name":"a"}');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("text-json fixture against the mock", () => {
  it("the mock parses the text/json request body as JSON and answers with a JSON body", async () => {
    const dir = path.join(OUT, "text-json-mock");
    const files = await generateFixture("text-json", dir);
    writeFiles(dir, files);
    const { postLegacy } = (await import(pathToFileURL(path.join(dir, "operations.ts")).href)) as {
      postLegacy: (client: unknown, params: { body: unknown }) => Promise<unknown>;
    };
    const server = await createMockServer({ spec: JSON.parse(files.get("openapi.json")!) });
    try {
      const client = createClient({ baseUrl: server.url, maxRetries: 0 });
      // The mock stores what a POST creates and answers with it: the name is there only if it parsed the body.
      expect(await postLegacy(client, { body: { name: "a" } })).toMatchObject({ id: expect.any(Number), name: "a" });
      // Parsed as JSON, the body is checked against its schema: a name that is not a string is refused.
      await expect(postLegacy(client, { body: { name: 7 } })).rejects.toMatchObject({ status: 400 });
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
