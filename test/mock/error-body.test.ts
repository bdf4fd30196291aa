// Error bodies are built from the documented error schema, whatever its field names: the
// problems go into its message, map or list fields, and no example prose survives.
import { describe, expect, it } from "vitest";
import { errorBody, fieldOf } from "../../src/mock/error-body.js";
import { createSampler } from "../../src/mock/sample.js";

const doc = {};
const sampler = createSampler(doc, () => "00000000-0000-4000-8000-000000000000");
const problems = [
  { in: "body" as const, where: "/Items/0/Name", message: "body/Items/0/Name must be string" },
  { in: "query" as const, where: "pageSize", message: "query parameter pageSize must be integer" },
];

describe("error bodies from the schema", () => {
  it("a list of {field, message} objects, a title and a numeric status (RFC 9457-like)", () => {
    const schema = {
      type: "object",
      required: ["title", "status", "errors"],
      properties: {
        title: { type: "string" },
        status: { type: "integer" },
        errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
      },
    };
    expect(errorBody(doc, sampler, { schema, example: undefined }, 400, "two problems", problems)).toEqual({
      title: "Bad Request",
      status: 400,
      errors: [
        { field: "Items[0].Name", message: "body/Items/0/Name must be string" },
        { field: "pageSize", message: "query parameter pageSize must be integer" },
      ],
    });
  });

  it("a message string beside example fields: codes kept, prose dropped, required ones empty", () => {
    const schema = {
      type: "object",
      required: ["code", "hint"],
      properties: { code: { type: "string" }, message: { type: "string" }, hint: { type: "string" } },
    };
    const example = { code: "BadInput", message: "Name is too long.", hint: "Shorten the name." };
    expect(errorBody(doc, sampler, { schema, example }, 400, "pageSize must be integer", problems)).toEqual({
      code: "BadInput",
      message: "pageSize must be integer",
      hint: "",
    });
  });

  it("a schema with nothing to carry the problem is left to the caller", () => {
    expect(
      errorBody(doc, sampler, { schema: { type: "object", properties: { id: { type: "integer" } } }, example: undefined }, 400, "x", []),
    ).toBeUndefined();
    expect(errorBody(doc, sampler, { schema: { type: "string" }, example: undefined }, 400, "x", [])).toBeUndefined();
  });

  it("field keys: JSON pointers become dotted paths, the whole body is 'body', parameters keep their name", () => {
    expect(fieldOf({ in: "body", where: "", message: "" })).toBe("body");
    expect(fieldOf({ in: "body", where: "/a~1b/c", message: "" })).toBe("a/b.c");
    expect(fieldOf({ in: "header", where: "x-tenant-id", message: "" })).toBe("x-tenant-id");
  });
});
