// Every example in the bundled specs validates against its schema (JSON Schema 2020-12, ajv),
// and every `x-doc-example` (a page's example kept verbatim) is one that would not.
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";
import { resolvePointer } from "../../scripts/lib/json-pointer.js";
import { APIS, bundleApi } from "./helpers.js";

const DOC_ID = "https://spec.test/doc";

interface Sample {
  where: string;
  schema: unknown;
  value: unknown;
}

/** Component schema refs point into a `$defs` document registered under DOC_ID. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/")
          ? `${DOC_ID}#/$defs/${v.slice("#/components/schemas/".length)}`
          : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

/** One `$ref` hop (`#/...`), or the node itself. */
function resolve(doc: any, node: any): any {
  if (node && typeof node.$ref === "string" && node.$ref.startsWith("#/")) return resolvePointer(doc, node.$ref);
  return node;
}

/**
 * Walks the document and collects every example with the schema it belongs to:
 * schema `example`, parameter/header `example`/`examples`, media-type `example`/`examples`.
 * Extension keys (`x-…`) are not walked: they hold the pages' verbatim values.
 */
function collect(doc: any): { samples: Sample[]; docExamples: Sample[] } {
  const samples: Sample[] = [];
  const docExamples: Sample[] = [];
  const walk = (node: any, where: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${where}/${i}`);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    if ("schema" in node) {
      // parameter, header or media type
      if ("example" in node) samples.push({ where: `${where}/example`, schema: node.schema, value: node.example });
      for (const [name, ex] of Object.entries<any>(node.examples ?? {})) {
        const e = resolve(doc, ex);
        samples.push({ where: `${where}/examples/${name}`, schema: node.schema, value: e.value });
      }
    } else if ("example" in node && ("type" in node || "$ref" in node || "properties" in node)) {
      samples.push({ where: `${where}/example`, schema: node, value: node.example });
    }
    if ("x-doc-example" in node) docExamples.push({ where: `${where}/x-doc-example`, schema: node, value: node["x-doc-example"] });
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith("x-") || k === "example" || k === "examples") continue;
      walk(v, `${where}/${k}`);
    }
  };
  walk(doc, "#");
  return { samples, docExamples };
}

function extensionKeys(node: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) extensionKeys(n, keys);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith("x-")) keys.add(k);
      extensionKeys(v, keys);
    }
  }
  return keys;
}

function validatorFor(doc: any) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  const addFormats: (a: Ajv2020) => unknown = (formatsPlugin as any).default ?? formatsPlugin;
  addFormats(ajv);
  // OpenAPI's own schema keywords and our extensions are annotations, not assertions.
  ajv.addKeyword("example");
  for (const k of extensionKeys(doc)) ajv.addKeyword(k);
  // `decimal` (JTL v1 Discount) is a documentation format of numbers; any number passes.
  ajv.addFormat("decimal", { type: "number", validate: () => true });
  ajv.addSchema({ $id: DOC_ID, $defs: rewriteRefs(doc.components?.schemas ?? {}) as object });
  return (schema: unknown, value: unknown) => {
    const validate = ajv.compile(rewriteRefs(schema) as object);
    return validate(value) ? null : ajv.errorsText(validate.errors);
  };
}

describe.each(APIS)("examples in %s", (api) => {
  it("are all valid against their schemas", async () => {
    const doc = await bundleApi(api);
    const { samples } = collect(doc);
    const check = validatorFor(doc);
    expect(samples.length).toBeGreaterThan(10);
    const failures = samples.map((s) => [s.where, check(s.schema, s.value)]).filter(([, e]) => e);
    expect(failures).toEqual([]);
  });

  it("cover every request and response body", async () => {
    const doc = await bundleApi(api);
    const missing: string[] = [];
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === "parameters") continue;
        const bodies = [
          ["request", resolve(doc, op.requestBody)],
          ...Object.entries<any>(op.responses ?? {}).map(([s, r]) => [s, resolve(doc, r)]),
        ];
        for (const [label, body] of bodies) {
          for (const [mt, media] of Object.entries<any>(body?.content ?? {})) {
            if (media.example === undefined && !Object.keys(media.examples ?? {}).length) {
              missing.push(`${method.toUpperCase()} ${p} ${label} ${mt}`);
            }
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("catch a broken example (the check can fail)", async () => {
    const doc = await bundleApi(api);
    const { samples } = collect(doc);
    const check = validatorFor(doc);
    // Break the first object-valued body example by giving one of its fields a value of the wrong type.
    const target = samples.find(
      (s) => s.value && typeof s.value === "object" && !Array.isArray(s.value) && Object.keys(s.value as object).length,
    );
    expect(target).toBeDefined();
    const broken = structuredClone(target!.value) as Record<string, unknown>;
    const field = Object.keys(broken)[0]!;
    broken[field] = typeof broken[field] === "boolean" ? "not a boolean" : false;
    expect(check(target!.schema, broken)).toMatch(new RegExp(field));
  });
});

describe("x-doc-example", () => {
  it("holds only page examples that are invalid for their schema (valid ones belong in `example`)", async () => {
    let seen = 0;
    for (const api of APIS) {
      const doc = await bundleApi(api);
      const { docExamples } = collect(doc);
      const check = validatorFor(doc);
      for (const s of docExamples) {
        seen++;
        expect(check(s.schema, s.value), `${api} ${s.where}`).not.toBeNull();
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
