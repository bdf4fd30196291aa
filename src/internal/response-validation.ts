/**
 * Response validation against a spec: ajv 2020 with ajv-formats, one compiled validator per
 * operation, status and media type, compiled on first use and cached per spec. Reached only from
 * the `vendor-api-clients/validation` entry, so apps that do not validate never bundle ajv.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { ClientConfigError } from "../core/errors.js";
import type { ResponseCheck } from "../core/options.js";

/** The spec, registered in ajv under this id so `#/components/...` refs resolve inside it. */
const SPEC_ID = "urn:vendor-api-clients:spec";

interface SpecValidators {
  readonly ajv: Ajv2020;
  readonly spec: Record<string, unknown>;
  /** Compiled validators by "path method status media"; null when the spec has no schema there. */
  readonly compiled: Map<string, ValidateFunction | null>;
}

const bySpec = new WeakMap<object, SpecValidators>();

/** JSON-pointer escaping of one path segment (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * The node at a JSON pointer, following `$ref`s of the form `#/a/b` (a response object may be one),
 * with the pointer of where it actually lives: schemas must be referenced there, not through the ref.
 */
function resolve(spec: Record<string, unknown>, pointer: string): { node: unknown; pointer: string } | undefined {
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const node = at
      .split("/")
      .slice(1)
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], spec);
    const ref = (node as { $ref?: unknown } | null | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return { node, pointer: at };
    at = ref.slice(1);
  }
  return undefined;
}

function validatorsFor(spec: unknown): SpecValidators {
  if (typeof spec !== "object" || spec === null || !("paths" in spec)) {
    throw new ClientConfigError("validateResponses: the spec is not an OpenAPI document");
  }
  let entry = bySpec.get(spec);
  if (entry === undefined) {
    // strict: false, because OpenAPI schemas carry `example` and `x-*` keywords ajv does not know.
    const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateSchema: false });
    addFormats.default(ajv);
    ajv.addSchema(spec as object, SPEC_ID);
    entry = { ajv, spec: spec as Record<string, unknown>, compiled: new Map() };
    bySpec.set(spec, entry);
  }
  return entry;
}

function compile(entry: SpecValidators, path: string, method: string, statusKey: string, media: string): ValidateFunction | null {
  const key = `${path} ${method} ${statusKey} ${media}`;
  const cached = entry.compiled.get(key);
  if (cached !== undefined) return cached;
  const found = resolve(entry.spec, `/${["paths", path, method, "responses", statusKey].map(escapePointer).join("/")}`);
  const response = found?.node as { content?: Record<string, { schema?: unknown }> } | undefined;
  let validate: ValidateFunction | null = null;
  if (found && response?.content?.[media]?.schema !== undefined) {
    const pointer = `${found.pointer}/${["content", media, "schema"].map(escapePointer).join("/")}`;
    try {
      validate = entry.ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
    } catch (error) {
      throw new ClientConfigError(`validateResponses: cannot compile the schema at ${pointer}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  entry.compiled.set(key, validate);
  return validate;
}

/** Loads the spec once and returns the checker `callOperation` uses. */
export async function createResponseCheck(loadSpec: () => Promise<unknown>): Promise<ResponseCheck> {
  let spec: unknown;
  try {
    spec = await loadSpec();
  } catch (error) {
    throw new ClientConfigError("validateResponses: could not load the spec", { cause: error });
  }
  const entry = validatorsFor(spec);
  return (operation, statusKey, media, body) => {
    const validate = compile(entry, operation.path, operation.method, statusKey, media);
    if (validate === null || validate(body)) return undefined;
    const first = validate.errors?.[0];
    // ajv's message names a missing property but not an unexpected one.
    const extra =
      first?.keyword === "additionalProperties"
        ? ` (${JSON.stringify((first.params as { additionalProperty?: string }).additionalProperty)})`
        : "";
    return {
      pointer: first?.instancePath ?? "",
      problem: `${first?.message ?? "does not match the schema"}${extra}`,
      schemaPath: (first?.schemaPath ?? "").replace(SPEC_ID, ""),
    };
  };
}
