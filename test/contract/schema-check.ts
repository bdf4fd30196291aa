/**
 * An independent schema check of decoded values: an ajv 2020 instance of the suite's own over the
 * bundled spec, so a decoded body is judged by neither the client's validator nor the mock's.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";
import type { Doc } from "./spec-operations.js";

/** Checks a value against the schema at a JSON pointer of the document; returns the problems (empty when valid). */
export type SchemaCheck = (pointer: string, value: unknown) => string[];

const INT64_LIMIT = 2 ** 63;

/** Builds the checker for one document. */
export function schemaCheckOf(doc: Doc): SchemaCheck {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= INT64_LIMIT });
  // OpenAPI's numeric "decimal" only annotates; any other unknown format fails compilation, on purpose.
  ajv.addFormat("decimal", { type: "number", validate: () => true });
  ajv.addSchema(doc, "contract:doc");
  const compiled = new Map<string, ValidateFunction>();
  return (pointer, value) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `contract:doc#${pointer.split("/").map(encodeURIComponent).join("/")}` });
      compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
  };
}
