// The one JSON-pointer helper (scripts/lib/json-pointer.ts) that the generator, the change report,
// pages:check and the tests share: segments escape and unescape as RFC 6901 says, `$ref`s are
// followed on the way down a path, and what is absent is undefined, never an exception.
import { describe, expect, it } from "vitest";
import {
  atPath,
  decodePointerSegment,
  deref,
  pointer,
  pointerSegment,
  pointerSegments,
  resolvePointer,
} from "../../scripts/lib/json-pointer.js";

const segments: [raw: string, escaped: string][] = [
  ["/users/{id}", "~1users~1{id}"],
  ["a~b", "a~0b"],
  ["~1", "~01"],
  ["application/json", "application~1json"],
  ["plain", "plain"],
];

describe("one segment", () => {
  it.each(segments)("%j ⇄ %j", (raw, escaped) => {
    expect(pointerSegment(raw)).toBe(escaped);
    expect(decodePointerSegment(escaped)).toBe(raw);
  });

  it("a pointer reads back as its segments (a $ref is a URI fragment: percent-decoded too)", () => {
    const ref = pointer(["paths", "/a/{b}", "get", 0]);
    expect(ref).toBe("#/paths/~1a~1{b}/get/0");
    expect(pointerSegments(ref)).toEqual(["paths", "/a/{b}", "get", "0"]);
    expect(pointerSegments("#/paths/~1a~1%7Bb%7D")).toEqual(["paths", "/a/{b}"]);
    expect(pointerSegments("#")).toEqual([]);
    expect(pointerSegments("other.yaml#/a")).toBeUndefined();
  });
});

describe("following a path", () => {
  const doc = {
    paths: { "/a": { $ref: "#/components/pathItems/A" } },
    components: {
      pathItems: { A: { get: { parameters: [{ $ref: "#/components/parameters/Id" }] } } },
      parameters: { Id: { $ref: "#/components/parameters/Id2" }, Id2: { name: "id", in: "path" } },
    },
  };

  it("follows every $ref on the way, not the one at the end (deref does that)", () => {
    const param = atPath(doc, ["paths", "/a", "get", "parameters", 0]);
    expect(param).toEqual({ $ref: "#/components/parameters/Id" });
    expect(deref(doc, param)).toEqual({ name: "id", in: "path" });
  });

  it("is undefined where something is absent or not an object, and for what only the prototype has", () => {
    expect(atPath(doc, ["paths", "/b", "get"])).toBeUndefined();
    expect(atPath(doc, ["paths", "/a", "get", "parameters", 5, "name"])).toBeUndefined();
    expect(atPath(doc, ["paths", "constructor"])).toBeUndefined();
    expect(resolvePointer(doc, "#/components/nothing")).toBeUndefined();
  });
});
