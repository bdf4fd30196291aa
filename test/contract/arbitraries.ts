/**
 * JSON Schema → fast-check arbitrary, for the schema subset our specs use: `type` (also arrays such
 * as ["string", "null"]), `enum`, `const`, string length / `pattern` / formats (uuid, date-time,
 * date, email, uri), integer formats int32 / int64, minimum / maximum, `items` with min/maxItems,
 * `properties` / `required` / `additionalProperties`, and `$ref`s into the same document.
 *
 * Two modes: "required" builds only what the schema requires (required properties, minimal arrays),
 * "all" builds every declared property and at least one array item. Anything outside the subset
 * (oneOf, allOf, not, multipleOf, an unknown string format, a recursive $ref …) throws
 * {@link UnsupportedSchemaError} naming the pointer, so a spec change the generator cannot honour
 * fails the coverage check instead of producing inputs the spec forbids.
 */
import fc from "fast-check";
import { deref, escapePointer, type Doc } from "./spec-operations.js";

/** Which properties to build. */
export type Mode = "required" | "all";

/** Where the value goes: it decides which characters an unconstrained string may hold. */
export type Channel = "body" | "path" | "query" | "header";

/** Options of {@link arbitraryOf}. */
export interface ArbitraryOptions {
  readonly mode: Mode;
  /** Default "body". */
  readonly channel?: Channel;
  /** "request" (default) leaves out readOnly properties, "response" leaves out writeOnly ones. */
  readonly direction?: "request" | "response";
}

/** The schema uses a keyword or value the generator does not support. */
export class UnsupportedSchemaError extends Error {
  constructor(
    readonly pointer: string,
    problem: string,
  ) {
    super(`#${pointer}: ${problem}`);
    this.name = "UnsupportedSchemaError";
  }
}

/** Keywords that only annotate: they never constrain a value. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
  "xml",
  "discriminator",
]);
/** Keywords the generator honours. */
const SUPPORTED = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "format",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "properties",
  "required",
  "additionalProperties",
]);
/** Numeric formats that only annotate the number (any finite value of the type is valid). */
const NUMBER_FORMATS = new Set(["float", "double", "decimal"]);
/** The largest finite 32-bit float: validators (Prism) reject a `format: float` beyond it. */
const FLOAT32_MAX = 3.4028234663852886e38;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
/** int64 values are kept to safe integers: a JSON number beyond 2^53 cannot round-trip through JavaScript. */
const INT64 = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const MAX_ITEMS = 3;
const MAX_STRING = 24;

/** One code point, mostly printable ASCII, sometimes anything Unicode has (surrogates excluded: they cannot be UTF-8 encoded). */
const anyCodePoint = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c)),
  },
);
/**
 * Header values: visible ASCII and inner spaces. Fetch refuses CR/LF/NUL and non-Latin-1 text in a header
 * and trims outer whitespace, so other characters could not arrive as generated; that is HTTP, not the spec.
 */
const headerCodePoint = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

/** An arbitrary of values valid for the schema at `pointer` in `doc`. */
export function arbitraryOf(doc: Doc, pointer: string, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const { node, pointer: resolved } = deref(doc, { $ref: `#${pointer}` }, pointer);
  return build(
    doc,
    node,
    resolved,
    { mode: options.mode, channel: options.channel ?? "body", direction: options.direction ?? "request" },
    [],
  );
}

interface Context {
  readonly mode: Mode;
  readonly channel: Channel;
  readonly direction: "request" | "response";
}

function build(doc: Doc, schema: any, pointer: string, ctx: Context, refStack: readonly string[]): fc.Arbitrary<unknown> {
  if (
    schema === true ||
    (schema && typeof schema === "object" && Object.keys(schema).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-")))
  ) {
    return ctx.channel === "body" ? fc.jsonValue({ maxDepth: 1 }) : stringOf({}, pointer, ctx);
  }
  if (schema === false) throw new UnsupportedSchemaError(pointer, "the schema `false` has no valid value");
  if (!schema || typeof schema !== "object") throw new UnsupportedSchemaError(pointer, "not a schema object");
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
      throw new UnsupportedSchemaError(pointer, `keyword "${key}" is not supported by the contract input generator`);
    }
  }
  if (typeof schema.$ref === "string") {
    const constraints = Object.keys(schema).filter((k) => k !== "$ref" && SUPPORTED.has(k));
    if (constraints.length) throw new UnsupportedSchemaError(pointer, `$ref with sibling constraints (${constraints.join(", ")})`);
    const target = deref(doc, schema, pointer);
    if (refStack.includes(target.pointer)) throw new UnsupportedSchemaError(pointer, `recursive $ref to #${target.pointer}`);
    return build(doc, target.node, target.pointer, ctx, [...refStack, target.pointer]);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length === 0) throw new UnsupportedSchemaError(pointer, "empty enum");
    return fc.constantFrom(...(schema.enum as unknown[]));
  }
  const types: string[] = Array.isArray(schema.type)
    ? schema.type
    : typeof schema.type === "string"
      ? [schema.type]
      : [schema.properties ? "object" : "string"];
  if (types.length === 0) throw new UnsupportedSchemaError(pointer, "empty type list");
  const arbitraries = types.map((type) => ofType(doc, type, schema, pointer, ctx, refStack));
  return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
}

function ofType(doc: Doc, type: string, schema: any, pointer: string, ctx: Context, refStack: readonly string[]): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerOf(schema, pointer);
    case "number":
      return numberOf(schema, pointer);
    case "string":
      return stringOf(schema, pointer, ctx);
    case "array":
      return arrayOf(doc, schema, pointer, ctx, refStack);
    case "object":
      return objectOf(doc, schema, pointer, ctx, refStack);
    default:
      throw new UnsupportedSchemaError(pointer, `unknown type "${type}"`);
  }
}

/** The inclusive bounds from minimum/maximum and exclusive bounds (OpenAPI 3.1: numbers). */
function bounds(schema: any, pointer: string, step: number): { min: number | undefined; max: number | undefined } {
  for (const key of ["exclusiveMinimum", "exclusiveMaximum"]) {
    if (key in schema && typeof schema[key] !== "number")
      throw new UnsupportedSchemaError(pointer, `${key} must be a number (OpenAPI 3.1)`);
  }
  const min = Math.max(schema.minimum ?? -Infinity, schema.exclusiveMinimum === undefined ? -Infinity : schema.exclusiveMinimum + step);
  const max = Math.min(schema.maximum ?? Infinity, schema.exclusiveMaximum === undefined ? Infinity : schema.exclusiveMaximum - step);
  return { min: Number.isFinite(min) ? min : undefined, max: Number.isFinite(max) ? max : undefined };
}

function integerOf(schema: any, pointer: string): fc.Arbitrary<number> {
  const format = schema.format as string | undefined;
  const range = format === "int32" ? INT32 : format === undefined || format === "int64" ? INT64 : undefined;
  if (!range) throw new UnsupportedSchemaError(pointer, `integer format "${format}" is not supported`);
  const { min, max } = bounds(schema, pointer, 1);
  const lo = Math.max(range.min, Math.ceil(min ?? range.min));
  const hi = Math.min(range.max, Math.floor(max ?? range.max));
  if (lo > hi) throw new UnsupportedSchemaError(pointer, "no integer satisfies minimum/maximum");
  return fc.integer({ min: lo, max: hi });
}

function numberOf(schema: any, pointer: string): fc.Arbitrary<number> {
  if (schema.format !== undefined && !NUMBER_FORMATS.has(schema.format))
    throw new UnsupportedSchemaError(pointer, `number format "${schema.format}" is not supported`);
  const bounded = bounds(schema, pointer, Number.EPSILON);
  const min = schema.format === "float" ? Math.max(bounded.min ?? -FLOAT32_MAX, -FLOAT32_MAX) : bounded.min;
  const max = schema.format === "float" ? Math.min(bounded.max ?? FLOAT32_MAX, FLOAT32_MAX) : bounded.max;
  return fc
    .double({ noNaN: true, noDefaultInfinity: true, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) })
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

/** Code points, as JSON Schema counts string length (ajv counts a surrogate pair once). */
const codePoints = (s: string) => [...s].length;

function stringOf(schema: any, pointer: string, ctx: Context): fc.Arbitrary<string> {
  // An empty header value reads as an absent header to many HTTP stacks (Prism: "must have required
  // property"), so a header is never generated empty, whatever minLength says.
  const minLength: number = Math.max(schema.minLength ?? 0, ctx.channel === "header" ? 1 : 0);
  const maxLength: number | undefined = schema.maxLength;
  if (maxLength !== undefined && maxLength < minLength) throw new UnsupportedSchemaError(pointer, "maxLength < minLength");
  const fits = (s: string) => codePoints(s) >= minLength && (maxLength === undefined || codePoints(s) <= maxLength);
  let arbitrary: fc.Arbitrary<string>;
  if (schema.format !== undefined) {
    arbitrary = formatted(schema.format, pointer);
    if (schema.pattern !== undefined) {
      const regex = new RegExp(schema.pattern, "u");
      arbitrary = arbitrary.filter((s) => regex.test(s));
    }
    arbitrary = arbitrary.filter(fits);
  } else if (schema.pattern !== undefined) {
    arbitrary = fc.stringMatching(new RegExp(schema.pattern, "u")).filter(fits);
  } else {
    const unit = ctx.channel === "header" ? headerCodePoint : anyCodePoint;
    const upper = Math.max(minLength, Math.min(maxLength ?? MAX_STRING, minLength + MAX_STRING));
    arbitrary = fc.string({ unit, minLength, maxLength: upper });
  }
  if (ctx.channel === "header") arbitrary = arbitrary.filter((s) => s === s.trim());
  // A path segment must not be empty or a dot segment: the client refuses those (a URL cannot hold them).
  if (ctx.channel === "path") arbitrary = arbitrary.filter((s) => s !== "" && s !== "." && s !== "..");
  return arbitrary;
}

function formatted(format: string, pointer: string): fc.Arbitrary<string> {
  const dates = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T23:59:59Z"), noInvalidDate: true });
  switch (format) {
    case "uuid":
      return fc.uuid();
    case "date-time":
      return dates.map((d) => d.toISOString());
    case "date":
      return dates.map((d) => d.toISOString().slice(0, 10));
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
    default:
      throw new UnsupportedSchemaError(pointer, `string format "${format}" is not supported`);
  }
}

function arrayOf(doc: Doc, schema: any, pointer: string, ctx: Context, refStack: readonly string[]): fc.Arbitrary<unknown[]> {
  if (schema.items === undefined) throw new UnsupportedSchemaError(pointer, "array without items");
  const items = build(doc, schema.items, `${pointer}/items`, ctx, refStack);
  const minItems: number = schema.minItems ?? 0;
  const floor = ctx.mode === "all" ? Math.max(minItems, 1) : minItems;
  const maxLength = Math.max(floor, Math.min(schema.maxItems ?? MAX_ITEMS, floor + MAX_ITEMS));
  if (schema.uniqueItems === true) return fc.uniqueArray(items, { minLength: floor, maxLength, selector: (v) => JSON.stringify(v) });
  return fc.array(items, { minLength: floor, maxLength });
}

function objectOf(
  doc: Doc,
  schema: any,
  pointer: string,
  ctx: Context,
  refStack: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
    const resolved = deref(doc, property, `${pointer}/properties/${name}`).node;
    const hidden =
      ctx.direction === "request"
        ? resolved?.readOnly === true || property?.readOnly === true
        : resolved?.writeOnly === true || property?.writeOnly === true;
    if (hidden) {
      if (required.has(name))
        throw new UnsupportedSchemaError(
          pointer,
          `property "${name}" is required but ${ctx.direction === "request" ? "readOnly" : "writeOnly"}`,
        );
      continue;
    }
    if (ctx.mode === "required" && !required.has(name)) continue;
    model[name] = build(doc, property, `${pointer}/properties/${escapePointer(name)}`, ctx, refStack);
  }
  for (const name of required) {
    if (!(name in model) && !(schema.properties && name in schema.properties)) {
      throw new UnsupportedSchemaError(pointer, `required property "${name}" has no schema under properties`);
    }
  }
  const declared = fc.record(model);
  const extra = schema.additionalProperties;
  // Extra keys only in "all" mode, and only where the schema describes them (a dictionary).
  if (ctx.mode === "all" && extra && typeof extra === "object") {
    const values = build(doc, extra, `${pointer}/additionalProperties`, ctx, refStack);
    const keys = fc
      .string({ unit: anyCodePoint, minLength: 1, maxLength: 12 })
      .filter((k) => !(k in (schema.properties ?? {})) && k !== "__proto__");
    return fc.tuple(declared, fc.dictionary(keys, values, { minKeys: 1, maxKeys: 2 })).map(([own, more]) => ({ ...more, ...own }));
  }
  return declared;
}
