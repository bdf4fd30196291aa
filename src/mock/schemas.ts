/**
 * JSON Schema validation over the spec's own schemas: one ajv (2020-12) instance per document,
 * the document registered whole, and each schema compiled once by its JSON pointer, so every
 * `$ref` inside it resolves exactly as in the spec.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";
import { MockSpecError } from "./errors.js";
import { safeRegExpEngine } from "./safe-pattern.js";
import { escapePointer, isObject, type JsonObject, type SchemaAt } from "./spec.js";

/** One reason a value does not match its schema. */
export interface SchemaProblem {
  /** JSON pointer into the validated value ("" for the value itself). */
  readonly pointer: string;
  readonly message: string;
}

/** Validates values against schemas of one document. */
export interface SchemaValidator {
  /** Problems of `value` against `schema`; empty when it is valid. */
  check(schema: SchemaAt, value: unknown): SchemaProblem[];
  /** Compiles `schema` now (throws MockSpecError if ajv cannot), so start-up fails rather than a request. */
  prepare(schema: SchemaAt): void;
}

const DOC_ID = "mock:spec";
// Keywords OpenAPI adds to JSON Schema that only annotate (the oneOf beside a discriminator does the work).
const ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];
const INT64_LIMIT = 2 ** 63;

/** Builds the validator for one (already loaded) OpenAPI document. */
export function createSchemaValidator(doc: JsonObject): SchemaValidator {
  // strict: false because the specs carry x- extensions and OpenAPI keywords ajv does not know.
  // Patterns run on the linear-time matcher: a request value can never make one backtrack for ages.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, code: { regExp: safeRegExpEngine } });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (a: Ajv2020) => void;
  addFormats(ajv);
  // ajv-formats accepts any integer as int64; doubles cannot tell 2^63-1 from 2^63, so the bound is inclusive.
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= INT64_LIMIT });
  for (const keyword of ANNOTATIONS) if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  // OpenAPI formats are open-ended ("decimal", "phone"...): a format ajv does not know only annotates.
  for (const format of formatsIn(doc)) if (!ajv.formats[format]) ajv.addFormat(format, true);
  ajv.addSchema(doc, DOC_ID);

  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string): ValidateFunction => {
    let fn = compiled.get(pointer);
    if (!fn) {
      const ref = `${DOC_ID}#${pointer.split("/").map(encodeURIComponent).join("/")}`;
      try {
        fn = ajv.compile({ $ref: ref });
      } catch (error) {
        throw new MockSpecError(`the schema at #${pointer} cannot be compiled: ${(error as Error).message}`);
      }
      compiled.set(pointer, fn);
    }
    return fn;
  };

  return {
    prepare(schema) {
      compile(schema.pointer);
    },
    check(schema, value) {
      const validate = compile(schema.pointer);
      return validate(value) ? [] : problemsOf(validate.errors ?? []);
    },
  };
}

function formatsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) formatsIn(n, found);
  else if (isObject(node)) {
    if (typeof node.format === "string") found.add(node.format);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "example" && key !== "examples" && !key.startsWith("x-")) formatsIn(value, found);
    }
  }
  return found;
}

/** ajv errors as pointer + readable message; a missing or extra property points at the property. */
function problemsOf(errors: ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    let pointer = e.instancePath;
    let message = e.message ?? `fails ${e.keyword}`;
    if (e.keyword === "required") {
      pointer += `/${escapePointer(String(params.missingProperty))}`;
      message = "is required";
    } else if (e.keyword === "additionalProperties") {
      pointer += `/${escapePointer(String(params.additionalProperty))}`;
      message = "is not allowed (additionalProperties)";
    } else if (e.keyword === "enum") {
      message += `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    }
    const key = `${pointer}\0${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ pointer, message });
    }
  }
  return problems;
}
