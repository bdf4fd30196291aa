// A hostile client cannot stop or break the mock: spec patterns are applied in linear time, huge
// and deeply nested bodies are refused without harming later requests, Prefer asks only for final
// statuses, the request and violation logs and the store stay bounded, and log lines stay plain text.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A one-operation spec: POST /things with a body whose `code` has `pattern`, and a header with the same pattern. */
function patternSpec(pattern: string): object {
  const code = { type: "string", pattern };
  return {
    openapi: "3.1.0",
    info: { title: "Patterns", version: "1" },
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          parameters: [{ name: "x-code", in: "header", required: false, schema: code }],
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { code } } } } },
          responses: { "201": { description: "created" }, "400": { description: "invalid" } },
        },
      },
    },
  };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server!.url}/things`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("spec patterns", () => {
  it("^(a+)+$ against a long value answers (RegExp would backtrack for ages), in a body and in a header", async () => {
    server = await createMockServer({ spec: patternSpec("^(a+)+$") });
    const evil = `${"a".repeat(40)}!`; // about 2^40 backtracking steps in RegExp
    expect((await post({ code: evil })).status).toBe(400);
    expect((await post({ code: "aaaa" }, { "x-code": evil })).status).toBe(400);
    expect((await post({ code: "aaaa" }, { "x-code": "aa" })).status).toBe(201);
    expect(server.violations.map((v) => `${v.in} ${v.where}`)).toEqual(["body /code", "header x-code"]);
  });

  it("a pattern the linear matcher cannot run (a lookahead) is refused at start, naming it", async () => {
    await expect(createMockServer({ spec: patternSpec("^(?=.*\\d).+$") })).rejects.toThrow(/lookaround/);
  });
});

describe("token constraints", () => {
  it("an x-token-constraints pattern that backtracks exponentially answers a long credential", async () => {
    const spec = patternSpec("^a+$") as { paths: Record<string, Record<string, Record<string, unknown>>>; components?: unknown };
    spec.paths["/things"]!.post!.security = [{ key: [] }];
    spec.components = {
      securitySchemes: { key: { type: "apiKey", in: "header", name: "x-key", "x-token-constraints": { pattern: "^(a+)+$" } } },
    };
    server = await createMockServer({ spec });
    expect((await post({ code: "a" }, { "x-key": `${"a".repeat(40)}!` })).status).toBe(401);
    expect((await post({ code: "a" }, { "x-key": "aaaa" })).status).toBe(201);
  });
});

describe("bounded logs", () => {
  it("keeps the last maxLogEntries requests and violations (a ring), numbering on", async () => {
    server = await createMockServer({ spec: patternSpec("^a+$"), maxLogEntries: 3 });
    for (let i = 0; i < 5; i++) await post({ code: `b${i}` }); // each one request and one violation
    expect(server.requests.map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(server.requests.map((r) => (r.body as { code: string }).code)).toEqual(["b2", "b3", "b4"]);
    expect(server.violations).toHaveLength(3);
    expect(server.violations.at(-1)?.message).toContain("pattern");
    server.reset();
    await post({ code: "a" });
    expect(server.requests.map((r) => r.seq)).toEqual([1]);
  });

  it("refuses a log size that is not a positive whole number", async () => {
    await expect(createMockServer({ spec: patternSpec("a"), maxLogEntries: 0 })).rejects.toThrow(
      /maxLogEntries must be a whole number from 1/,
    );
  });
});

/** A spec whose body schema is recursive (a tree), so a validator that recurses per level would overflow. */
const treeSpec = {
  openapi: "3.1.0",
  info: { title: "Trees", version: "1" },
  components: {
    schemas: {
      Node: {
        type: "object",
        properties: { id: { type: "integer" }, child: { $ref: "#/components/schemas/Node" }, list: { type: "array" } },
      },
    },
  },
  paths: {
    "/things": {
      post: {
        operationId: "createThing",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } },
        responses: {
          "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } },
        },
      },
    },
  },
};

const sendRaw = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server!.url}/things`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("request bodies", () => {
  it("a body nested 100,000 levels deep is a 400 naming the limit, and the next request is answered", async () => {
    server = await createMockServer({ spec: treeSpec });
    const depth = 100_000;
    for (const body of ['{"child":'.repeat(depth) + "{}" + "}".repeat(depth), `{"list":${"[".repeat(depth)}${"]".repeat(depth)}}`]) {
      const r = await sendRaw(body);
      expect(r.status).toBe(400);
      expect((await r.json()).detail).toMatch(/nests deeper than \d+ levels/);
    }
    expect((await sendRaw('{"child":{"child":{}}}')).status).toBe(201);
    expect(server.violations.map((v) => v.in)).toEqual(["body", "body"]);
  });

  it("a body over maxBodyBytes is a 413 before it is read (Content-Length), and the next request is answered", async () => {
    server = await createMockServer({ spec: treeSpec, maxBodyBytes: 1024 });
    const r = await sendRaw(JSON.stringify({ list: ["x".repeat(5000)] }));
    expect(r.status).toBe(413);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect((await r.json()).detail).toContain("larger than 1024 bytes");
    expect((await sendRaw('{"id":1}')).status).toBe(201);
    expect(server.requests.map((q) => q.status)).toEqual([413, 201]);
  });

  it("a chunked body that grows past the limit is a 413 too; reading stops there", async () => {
    server = await createMockServer({ spec: treeSpec, maxBodyBytes: 1024 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server!.url}/things`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write('{"list":["');
      // Keeps sending until the answer arrives: a client that would stream for ever.
      const more = () => {
        if (req.destroyed || req.writableEnded) return;
        if (req.write("x".repeat(512))) setImmediate(more);
        else req.once("drain", more);
      };
      more();
    });
    expect(status).toBe(413);
    expect((await sendRaw('{"id":1}')).status).toBe(201);
  });

  it("refuses a body limit that is not a positive whole number", async () => {
    await expect(createMockServer({ spec: treeSpec, maxBodyBytes: -1 })).rejects.toThrow(/maxBodyBytes must be a whole number from 1/);
  });
});

describe("Prefer: code=", () => {
  it("accepts only a final status (200-599); anything else is a 400 that says so, and the connection stays usable", async () => {
    server = await createMockServer({ spec: patternSpec("^a+$") });
    for (const code of ["101", "100", "199", "600", "999", "1000", "20x", "", "-200", "2e2"]) {
      const r = await post({ code: "a" }, { prefer: `code=${code}` });
      expect(r.status, `Prefer: code=${code}`).toBe(400);
      expect((await r.text()).length).toBeGreaterThanOrEqual(0);
    }
    expect(server.violations.every((v) => v.in === "prefer" && v.where === "code" && /final status/.test(v.message))).toBe(true);
    expect(server.violations).toHaveLength(10);
    expect((await post({ code: "a" }, { prefer: "code=201" })).status).toBe(201);
    expect((await post({ code: "a" }, { prefer: "code=599" })).status).toBe(599);
  });
});

describe("bounded store", () => {
  it("keeps at most maxRecords records: past it the oldest is forgotten, as if deleted", async () => {
    const spec = structuredClone(treeSpec) as any;
    spec.paths["/things/{id}"] = {
      get: {
        operationId: "getThing",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        responses: { "200": spec.paths["/things"].post.responses["201"], "404": { description: "none" } },
      },
    };
    server = await createMockServer({ spec, maxRecords: 2 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await (await sendRaw("{}")).json()).id);
    const status = async (id: number) => (await fetch(`${server!.url}/things/${id}`)).status;
    expect([await status(ids[0]!), await status(ids[1]!), await status(ids[2]!)]).toEqual([404, 200, 200]);
  });

  it("refuses a record limit that is not a positive whole number", async () => {
    await expect(createMockServer({ spec: treeSpec, maxRecords: 1.5 })).rejects.toThrow(/maxRecords must be a whole number from 1/);
  });
});

describe("log lines", () => {
  it("carry no control characters from the request: ESC, C1 CSI or a newline cannot colour the terminal or forge a line", async () => {
    const lines: string[] = [];
    server = await createMockServer({ spec: patternSpec("^a+$"), log: (line) => lines.push(line) });
    // JSON.parse quotes the text it failed on; a header value may carry C1 controls (\x9b is a terminal's CSI).
    await sendRaw("\u001b[2J\nPOST /things → 201 createThing");
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${server!.url}/things`,
        { method: "POST", headers: { "content-type": "text/\u009b2J", "content-length": "2" } },
        (res) => {
          res.resume().on("end", resolve);
        },
      );
      req.on("error", reject);
      req.end("{}");
    });
    await fetch(`${server.url}/%1b[31m%0a`, { method: "GET" });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(lines.filter((l) => l.startsWith("POST /things → 201"))).toEqual([]);
  });
});
