/**
 * Makes values from schemas: a sample when the spec has no example, and `fill`, which completes
 * a stored record up to a response schema so a created resource is answered in the documented
 * shape without claiming anything the caller did not send: a required field left out holds the
 * schema's `const` or `default`, else null where the schema allows it, else its type's empty
 * value ("", 0, false, [], an object of such fields; for a date-time .NET's and Go's zero time
 * 0001-01-01T00:00:00Z, for a uuid the nil uuid); only where the schema forbids even that
 * (an enum, a format, a minimum…) does the schema's example or a sample stand in. An optional
 * field left out is null where the schema allows null, else absent.
 */
import { compileSafePattern } from "./safe-pattern.js";
import { isObject, resolveRef, type JsonObject } from "./spec.js";

/** Schema-driven value maker for one document. */
export interface Sampler {
  /** A value for `schema`: its example, default, enum or a type-based stand-in. `full` also fills optional properties. */
  sample(schema: unknown, full?: boolean): unknown;
  /** `value` completed up to `schema` (required properties added as their empty value, nullable ones set to null), recursively. */
  fill(value: unknown, schema: unknown): unknown;
}

const MAX_DEPTH = 8; // recursive schemas (a tree of nodes) stop here

const STRING_BY_FORMAT: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  email: "user@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
};

/** Builds a sampler; `uuid` supplies values for `format: uuid` (seeded by the server). */
export function createSampler(doc: JsonObject, uuid: () => string): Sampler {
  const resolve = (node: unknown): JsonObject | boolean => {
    const target = resolveRef(doc, node, "").node;
    return isObject(target) || typeof target === "boolean" ? target : {};
  };

  /** Properties and required names of an object schema, its allOf parts merged in. */
  const shape = (s: JsonObject, depth = 0): { properties: Map<string, unknown>; required: Set<string> } => {
    const properties = new Map<string, unknown>(isObject(s.properties) ? Object.entries(s.properties) : []);
    const required = new Set<string>(Array.isArray(s.required) ? s.required.map(String) : []);
    if (Array.isArray(s.allOf) && depth < MAX_DEPTH) {
      for (const part of s.allOf) {
        const r = resolve(part);
        if (!isObject(r)) continue;
        const inner = shape(r, depth + 1);
        for (const [k, v] of inner.properties) if (!properties.has(k)) properties.set(k, v);
        for (const k of inner.required) required.add(k);
      }
    }
    return { properties, required };
  };

  const typesOf = (s: JsonObject): string[] => (Array.isArray(s.type) ? s.type.map(String) : typeof s.type === "string" ? [s.type] : []);

  const allowsNull = (node: unknown): boolean => {
    const s = resolve(node);
    return isObject(s) && (typesOf(s).includes("null") || s.nullable === true);
  };

  const sample = (node: unknown, full: boolean, depth: number): unknown => {
    const s = resolve(node);
    if (!isObject(s)) return s ? null : undefined;
    if ("const" in s) return structuredClone(s.const);
    if ("example" in s) return structuredClone(s.example);
    if (Array.isArray(s.examples) && s.examples.length) return structuredClone(s.examples[0]);
    if ("default" in s) return structuredClone(s.default);
    if (Array.isArray(s.enum) && s.enum.length) return structuredClone(s.enum[0]);
    const branch = Array.isArray(s.oneOf) ? s.oneOf[0] : Array.isArray(s.anyOf) ? s.anyOf[0] : undefined;
    if (branch !== undefined && depth < MAX_DEPTH) return sample(branch, full, depth + 1);
    const types = typesOf(s);
    const type =
      types.find((t) => t !== "null") ??
      (types.includes("null") ? "null" : s.properties || s.allOf ? "object" : s.items ? "array" : "null");
    switch (type) {
      case "object": {
        const out: JsonObject = {};
        if (depth >= MAX_DEPTH) return out;
        const { properties, required } = shape(s);
        // Optional properties only while maxProperties allows (required ones always).
        let room = (typeof s.maxProperties === "number" ? s.maxProperties : Infinity) - required.size;
        for (const [key, prop] of properties) {
          if (required.has(key)) out[key] = sample(prop, full, depth + 1);
          else if (full && room-- > 0) out[key] = sample(prop, full, depth + 1);
        }
        return out;
      }
      case "array": {
        const count = Math.max(typeof s.minItems === "number" ? s.minItems : 0, full && depth < MAX_DEPTH ? 1 : 0);
        return Array.from({ length: count }, () => sample(s.items, full, depth + 1));
      }
      case "string":
        return sampleString(s, uuid);
      case "integer":
      case "number":
        return sampleNumber(s, type === "integer");
      case "boolean":
        return false;
      default:
        return null;
    }
  };

  /** What a record holds for a required field nobody sent (see the file comment). */
  const absent = (node: unknown, depth: number): unknown => {
    const s = resolve(node);
    if (!isObject(s)) return s ? null : undefined;
    if ("const" in s) return structuredClone(s.const);
    if ("default" in s) return structuredClone(s.default);
    if (allowsNull(s)) return null;
    const branch = Array.isArray(s.oneOf) ? s.oneOf[0] : Array.isArray(s.anyOf) ? s.anyOf[0] : undefined;
    if (branch !== undefined && depth < MAX_DEPTH) return absent(branch, depth + 1);
    const types = typesOf(s);
    const type = types[0] ?? (s.properties || s.allOf ? "object" : s.items ? "array" : undefined);
    const formatZero = typeof s.format === "string" ? FORMAT_ZERO[s.format] : undefined;
    const zero =
      type === "object"
        ? fill({}, s, depth)
        : type === "array"
          ? []
          : type === "string"
            ? (formatZero ?? "")
            : type === "integer" || type === "number"
              ? 0
              : type === "boolean"
                ? false
                : null;
    return zeroAllowed(s, zero) ? zero : sample(s, false, depth);
  };

  const fill = (value: unknown, node: unknown, depth: number): unknown => {
    if (value === undefined) return sample(node, false, depth);
    const s = resolve(node);
    if (!isObject(s) || depth >= MAX_DEPTH) return value;
    if (isObject(value)) {
      const { properties, required } = shape(s);
      const out: JsonObject = { ...value };
      for (const [key, prop] of properties) {
        if (key in out) out[key] = fill(out[key], prop, depth + 1);
        else if (required.has(key)) out[key] = absent(prop, depth + 1);
        else if (allowsNull(prop)) out[key] = null;
      }
      return out;
    }
    if (Array.isArray(value) && s.items !== undefined) return value.map((item) => fill(item, s.items, depth + 1));
    return value;
  };

  return {
    sample: (schema, full = false) => sample(schema, full, 0),
    fill: (value, schema) => fill(value, schema, 0),
  };
}

/** The "no value" of formats whose empty string is invalid: recognisably empty, never plausible data. */
const FORMAT_ZERO: Record<string, string> = {
  "date-time": "0001-01-01T00:00:00Z",
  date: "0001-01-01",
  time: "00:00:00Z",
  uuid: "00000000-0000-0000-0000-000000000000",
};

/** Formats an empty string does not satisfy. */
const FORMATS_REJECTING_EMPTY = new Set([
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "url",
  "iri",
  "email",
  "idn-email",
  "hostname",
  "idn-hostname",
  "ipv4",
  "ipv6",
  "uuid",
  "relative-json-pointer",
]);

/** Whether the type's empty value satisfies the schema's own constraints (checked locally: enum, format, lengths, bounds). */
function zeroAllowed(s: JsonObject, zero: unknown): boolean {
  if (Array.isArray(s.enum) && !s.enum.some((v) => JSON.stringify(v) === JSON.stringify(zero))) return false;
  if (typeof zero === "string") {
    if (typeof s.format === "string" && FORMATS_REJECTING_EMPTY.has(s.format) && zero !== FORMAT_ZERO[s.format]) return false;
    if (typeof s.minLength === "number" && s.minLength > 0) return false;
    if (typeof s.pattern === "string") {
      try {
        if (!compileSafePattern(s.pattern).test("")) return false;
      } catch {
        return false;
      }
    }
  }
  if (typeof zero === "number") {
    if (typeof s.minimum === "number" && s.minimum > 0) return false;
    if (typeof s.maximum === "number" && s.maximum < 0) return false;
    if (typeof s.exclusiveMinimum === "number" && s.exclusiveMinimum >= 0) return false;
    if (typeof s.exclusiveMaximum === "number" && s.exclusiveMaximum <= 0) return false;
  }
  if (Array.isArray(zero) && typeof s.minItems === "number" && s.minItems > 0) return false;
  if (isObject(zero) && typeof s.minProperties === "number" && Object.keys(zero).length < s.minProperties) return false;
  return zero !== null || typesOf(s).includes("null") || s.type === undefined;
}

function typesOf(s: JsonObject): string[] {
  return Array.isArray(s.type) ? s.type.map(String) : typeof s.type === "string" ? [s.type] : [];
}

function sampleString(s: JsonObject, uuid: () => string): string {
  const format = typeof s.format === "string" ? s.format : "";
  let text = format === "uuid" ? uuid() : (STRING_BY_FORMAT[format] ?? "string");
  if (typeof s.minLength === "number" && text.length < s.minLength) text = text.padEnd(s.minLength, "x");
  if (typeof s.maxLength === "number" && text.length > s.maxLength) text = text.slice(0, s.maxLength);
  return text;
}

function sampleNumber(s: JsonObject, integer: boolean): number {
  let n = typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 0;
  if (typeof s.maximum === "number" && n > s.maximum) n = s.maximum;
  return integer ? Math.ceil(n) : n;
}
