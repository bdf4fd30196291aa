// The types step's workaround for openapi-typescript: references that do not name a component are
// inlined (in a copy given to openapi-typescript); component references and data stay, a cycle becomes a component.
import { describe, expect, it } from "vitest";
import { FOREIGN_REF, inlineForeignRefs } from "../../scripts/lib/inline-refs.js";

const schema = { type: "object", properties: { id: { type: "string" } } };

const cases: [what: string, given: Record<string, any>, want: Record<string, any>][] = [
  [
    "a reference into paths becomes a copy of its target, sibling keys kept",
    { paths: { "/a": { get: { schema } } }, components: { schemas: { B: { $ref: "#/paths/~1a/get/schema", description: "B" } } } },
    { paths: { "/a": { get: { schema } } }, components: { schemas: { B: { ...schema, description: "B" } } } },
  ],
  [
    "a reference into a schema's inside becomes a copy",
    { components: { schemas: { A: schema, B: { $ref: "#/components/schemas/A/properties/id" } } } },
    { components: { schemas: { A: schema, B: { type: "string" } } } },
  ],
  [
    "a component reference stays",
    { components: { schemas: { A: schema, B: { $ref: "#/components/schemas/A" } } } },
    { components: { schemas: { A: schema, B: { $ref: "#/components/schemas/A" } } } },
  ],
  [
    "a target that contains itself becomes a component of its own",
    { x: { a: { child: { $ref: "#/x/a" } } }, y: { $ref: "#/x/a" } },
    {
      x: { a: { child: { child: { $ref: "#/components/schemas/x_a" } } } },
      y: { $ref: "#/components/schemas/x_a" },
      components: { schemas: { x_a: { child: { $ref: "#/components/schemas/x_a" } } } },
    },
  ],
  [
    "example data and unresolvable references are left alone",
    { s: { example: { $ref: "#/nowhere" }, properties: { example: { $ref: "#/nowhere" } } } },
    { s: { example: { $ref: "#/nowhere" }, properties: { example: { $ref: "#/nowhere" } } } },
  ],
];

describe("inlineForeignRefs", () => {
  it.each(cases)("%s", (_, given, want) => {
    expect(inlineForeignRefs(structuredClone(given))).toEqual(want);
  });

  it("the text test finds exactly the references that are not components", () => {
    expect(FOREIGN_REF.test('{"$ref": "#/paths/~1a/get"}')).toBe(true);
    expect(FOREIGN_REF.test('{"$ref":"#/components/schemas/A/properties/id"}')).toBe(true);
    expect(FOREIGN_REF.test('{"$ref": "#/components/schemas/A"}')).toBe(false);
    expect(FOREIGN_REF.test('{"$ref": "#/components/parameters/Id"}')).toBe(false);
  });
});
