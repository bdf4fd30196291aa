/**
 * The input generator: every value it builds is valid for its schema (judged by ajv), the two
 * modes build exactly the required / every declared property, header and path values are
 * sendable, and a schema feature it cannot honour is refused with its pointer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryOf, UnsupportedSchemaError, type Channel, type Mode } from "./arbitraries.js";
import { schemaCheckOf } from "./schema-check.js";
import { bundledApis, escapePointer, loadBundledSpec, operationsOf, type Doc } from "./spec-operations.js";

const RUNS = 40;

/** Every schema pointer of a spec the suite generates from, with the channel and direction it is used in. */
function schemasOf(doc: Doc): { pointer: string; channel: Channel; direction: "request" | "response" }[] {
  const found: { pointer: string; channel: Channel; direction: "request" | "response" }[] = [];
  for (const name of Object.keys(doc.components?.schemas ?? {})) {
    found.push({ pointer: `/components/schemas/${escapePointer(name)}`, channel: "body", direction: "request" });
    found.push({ pointer: `/components/schemas/${escapePointer(name)}`, channel: "body", direction: "response" });
  }
  for (const op of operationsOf(doc)) {
    for (const p of op.parameters) found.push({ pointer: p.schemaPointer, channel: p.in as Channel, direction: "request" });
    if (op.body) found.push({ pointer: op.body.schemaPointer, channel: "body", direction: "request" });
  }
  return found;
}

describe.each(bundledApis())("%s: generated values are valid for their schemas", (api) => {
  const doc = loadBundledSpec(api);
  const check = schemaCheckOf(doc);
  const cases = schemasOf(doc).flatMap((s) => (["required", "all"] as Mode[]).map((mode) => ({ ...s, mode })));

  it.each(cases.map((c) => [`${c.pointer} (${c.channel}, ${c.direction}, ${c.mode})`, c] as const))("%s", (_, c) => {
    const arbitrary = arbitraryOf(doc, c.pointer, c);
    fc.assert(
      fc.property(arbitrary, (value) => {
        expect(check(c.pointer, value)).toEqual([]);
      }),
      { seed: 42, numRuns: RUNS },
    );
  });
});

/** A small document of schemas the specs do not all use yet. */
const doc: Doc = {
  openapi: "3.1.0",
  components: {
    schemas: {
      Code: { type: "string", pattern: "^[A-Z]{2}-\\d{3}$", maxLength: 6 },
      Short: { type: "string", minLength: 2, maxLength: 4 },
      Version: { type: "string", enum: ["2019/02/08", "2023/04/19"] },
      Nullable: { type: ["string", "null"], maxLength: 3 },
      Bounded: { type: "integer", format: "int32", minimum: -5, exclusiveMaximum: 10 },
      Ratio: { type: "number", format: "decimal", minimum: 0, maximum: 1 },
      Tags: { type: "array", items: { type: "integer", minimum: 0, maximum: 3 }, uniqueItems: true, maxItems: 4 },
      Labels: { type: "object", additionalProperties: { type: "string" } },
      Formats: {
        type: "object",
        properties: {
          at: { type: "string", format: "date-time" },
          on: { type: "string", format: "date" },
          id: { type: "string", format: "uuid" },
          mail: { type: "string", format: "email" },
          site: { type: "string", format: "uri" },
          big: { type: "integer", format: "int64" },
        },
      },
      Contact: {
        type: "object",
        required: ["name", "address"],
        properties: {
          id: { type: "integer", readOnly: true },
          name: { type: "string", minLength: 1 },
          password: { type: "string", writeOnly: true },
          note: { type: "string" },
          address: { $ref: "#/components/schemas/Address" },
          labels: { $ref: "#/components/schemas/Labels" },
        },
      },
      Address: { type: "object", required: ["city"], properties: { city: { type: "string" }, street: { type: "string" } } },
      Choice: { oneOf: [{ type: "string" }, { type: "integer" }] },
      Merged: { allOf: [{ $ref: "#/components/schemas/Address" }] },
      Phone: { type: "string", format: "phone" },
      Step: { type: "integer", multipleOf: 5 },
      Node: { type: "object", properties: { child: { $ref: "#/components/schemas/Node" } } },
    },
  },
};
const check = schemaCheckOf(doc);
const schema = (name: string) => `/components/schemas/${name}`;
const sample = (name: string, mode: Mode, extra: { channel?: Channel; direction?: "request" | "response" } = {}) =>
  fc.sample(arbitraryOf(doc, schema(name), { mode, ...extra }), { seed: 7, numRuns: 60 });

describe("keywords and formats", () => {
  it.each(["Code", "Short", "Version", "Nullable", "Bounded", "Ratio", "Tags", "Labels", "Formats", "Contact"])(
    "%s: every value is valid, in both modes",
    (name) => {
      for (const mode of ["required", "all"] as const) {
        for (const value of sample(name, mode)) expect(check(schema(name), value), JSON.stringify(value)).toEqual([]);
      }
    },
  );

  it("a type list produces each type; an enum only its members", () => {
    const nullable = sample("Nullable", "all");
    expect(nullable).toContain(null);
    expect(nullable.some((v) => typeof v === "string")).toBe(true);
    expect(new Set(sample("Version", "all"))).toEqual(new Set(["2019/02/08", "2023/04/19"]));
  });
});

describe("modes", () => {
  it('"required" builds exactly the required properties, nested ones too', () => {
    for (const value of sample("Contact", "required") as Record<string, any>[]) {
      expect(Object.keys(value).sort()).toEqual(["address", "name"]);
      expect(Object.keys(value.address)).toEqual(["city"]);
    }
  });

  it('"all" builds every property except readOnly ones in a request, writeOnly ones in a response', () => {
    for (const value of sample("Contact", "all") as Record<string, any>[]) {
      expect(Object.keys(value).sort()).toEqual(["address", "labels", "name", "note", "password"]);
      expect(Object.keys(value.address).sort()).toEqual(["city", "street"]);
      expect(Object.keys(value.labels).length).toBeGreaterThan(0);
    }
    for (const value of sample("Contact", "all", { direction: "response" }) as Record<string, any>[]) {
      expect(Object.keys(value).sort()).toEqual(["address", "id", "labels", "name", "note"]);
    }
  });
});

describe("channels", () => {
  it("a header value is non-empty printable ASCII without outer whitespace (what fetch can send unchanged)", () => {
    const unconstrained = fc.sample(arbitraryOf(doc, `${schema("Contact")}/properties/note`, { mode: "all", channel: "header" }), {
      seed: 3,
      numRuns: 200,
    });
    for (const value of [...sample("Short", "all", { channel: "header" }), ...unconstrained] as string[]) {
      expect(value).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/);
    }
  });

  it("a path value is never empty or a dot segment", () => {
    const values = fc.sample(arbitraryOf(doc, `${schema("Contact")}/properties/note`, { mode: "all", channel: "path" }), {
      seed: 3,
      numRuns: 500,
    }) as string[];
    expect(values.filter((v) => v === "" || v === "." || v === "..")).toEqual([]);
  });
});

describe("what the generator cannot honour is refused, naming the schema", () => {
  it.each([
    ["Choice", /Choice: keyword "oneOf" is not supported/],
    ["Merged", /Merged: keyword "allOf" is not supported/],
    ["Phone", /Phone: string format "phone" is not supported/],
    ["Step", /Step: keyword "multipleOf" is not supported/],
    ["Node", /recursive \$ref to #\/components\/schemas\/Node/],
  ])("%s", (name, message) => {
    expect(() => arbitraryOf(doc, schema(name), { mode: "all" })).toThrow(UnsupportedSchemaError);
    expect(() => arbitraryOf(doc, schema(name), { mode: "all" })).toThrow(message);
  });
});

describe("number formats", () => {
  it("keeps a format: float number within the 32-bit float range (validators reject more)", () => {
    const doc = {
      openapi: "3.1.0",
      components: { schemas: { F: { type: "number", format: "float" }, D: { type: "number" } } },
    } as unknown as Doc;
    const floats = fc.sample(arbitraryOf(doc, "/components/schemas/F", { mode: "all" }), { seed: 11, numRuns: 500 }) as number[];
    expect(floats.every((n) => Math.abs(n) <= 3.4028234663852886e38)).toBe(true);
    // A plain number is not held to that range, so the bound above is the format's doing.
    const doubles = fc.sample(arbitraryOf(doc, "/components/schemas/D", { mode: "all" }), { seed: 11, numRuns: 500 }) as number[];
    expect(doubles.some((n) => Math.abs(n) > 3.4028234663852886e38)).toBe(true);
  });
});
