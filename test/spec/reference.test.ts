// The side-by-side check of the v1 spec against the vendor reference: every fact that
// openapi/jtl-erp-v1/pages/reference.md states in its tables (operations, parameters, bodies,
// statuses, scopes, the common headers, models and their fields) must be in the bundled spec.
// Where the doc pages win (the reference's section "Where the doc pages override this file"),
// the spec holds the page's value and keeps the reference's in `x-reference-value`; every such
// fallback must be one of the expected ones listed below, so none goes unnoticed.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleApi, pagesDir } from "./helpers.js";
import { parseReference, type RefField, type RefLimits, type RefType, type ReferenceTables } from "../../scripts/lib/pages/reference-tables.js";

const reference: ReferenceTables = parseReference(path.join(pagesDir("jtl-erp-v1"), "reference.md"));

/**
 * Facts the spec states differently on purpose, each with the reference's value in
 * `x-reference-value`: the page overrides of reference.md, plus Value, which the reference
 * types as object while its example is a string.
 */
const EXPECTED_FALLBACKS = [
  "header api-version: description",
  "header x-appid: description",
  "header x-appversion: description",
  "header x-runas: description",
  "header tenant-id: name",
  "header tenant-id: description",
  "header x-api-key: security scheme",
  "#2 POST /customers: summary",
  "CustomFieldValue.Value: type",
  "UpdateCustomFieldValue.Value: type",
].sort();

/** Fields a page adds to a reference model (page 002's error sample). */
const PAGE_FIELDS: Record<string, string[]> = { ErrorResponse: ["Errors"] };

const deref = (doc: any, node: any): any =>
  node && typeof node.$ref === "string" && node.$ref.startsWith("#/")
    ? deref(doc, node.$ref.slice(2).split("/").map((k: string) => k.replace(/~1/g, "/").replace(/~0/g, "~")).reduce((o: any, k: string) => o?.[k], doc))
    : node;

const refName = (node: any): string | undefined =>
  typeof node?.$ref === "string" ? node.$ref.replace(/^#\/components\/schemas\//, "") : undefined;

interface Check {
  problems: string[];
  fallbacks: string[];
}

/**
 * One fact: `actual` must equal `expected`, or the node must record the reference's value as
 * `x-reference-value[key]` (then it is noted as a fallback).
 */
function fact(c: Check, where: string, node: any, key: string, actual: unknown, expected: unknown, compare: (a: unknown, e: unknown) => boolean = Object.is) {
  if (compare(actual, expected)) return;
  const recorded = node?.["x-reference-value"]?.[key];
  if (recorded !== undefined && compare(recorded, expected)) {
    c.fallbacks.push(`${where}: ${key}`);
    return;
  }
  c.problems.push(`${where}: ${key} is ${JSON.stringify(actual)}, the reference says ${JSON.stringify(expected)}`);
}

const contains = (a: unknown, e: unknown) => typeof a === "string" && typeof e === "string" && a.includes(e);
const same = (a: unknown, e: unknown) => JSON.stringify(a) === JSON.stringify(e);

/** Type, format, `$ref`, items, additionalProperties of `node` against a table's type. */
function checkType(c: Check, where: string, node: any, t: RefType) {
  if (t.ref) return fact(c, where, node, "$ref", refName(node), t.ref);
  fact(c, where, node, "type", node?.type, t.type);
  fact(c, where, node, "format", node?.format, t.format);
  if (t.items?.ref) fact(c, where, node, "items", refName(node?.items), t.items.ref);
  if (t.items?.type) fact(c, where, node, "items", node?.items?.type, t.items.type);
  if (t.additionalProperties) fact(c, where, node, "additionalProperties", node?.additionalProperties?.type, t.additionalProperties.type);
}

function checkLimits(c: Check, where: string, node: any, l: RefLimits) {
  if (l.minLength !== undefined) fact(c, where, node, "minLength", node?.minLength, l.minLength);
  if (l.maxLength !== undefined) fact(c, where, node, "maxLength", node?.maxLength, l.maxLength);
  if (l.readOnly) fact(c, where, node, "readOnly", node?.readOnly, true);
  if (l.enum) fact(c, where, node, "enum", node?.enum, l.enum, same);
  if (l.enumNames) fact(c, where, node, "x-enumNames", node?.["x-enumNames"], l.enumNames, same);
}

function checkField(c: Check, where: string, schema: any, f: RefField) {
  const prop = schema.properties?.[f.name];
  if (!prop) return void c.problems.push(`${where}: missing`);
  fact(c, where, schema, "required", (schema.required ?? []).includes(f.name), f.required);
  checkType(c, where, prop, f.type);
  checkLimits(c, where, prop, f);
  if (f.description) fact(c, where, prop, "description", prop.description, f.description, contains);
  // An example invalid for its type is kept verbatim in x-doc-example, next to a valid one.
  if (f.example !== undefined && !same(prop["x-doc-example"], f.example)) fact(c, where, prop, "example", prop.example, f.example, same);
}

function checkModels(doc: any, c: Check) {
  const schemas = doc.components.schemas;
  for (const m of reference.models) {
    const schema = schemas[m.name];
    if (!schema) {
      c.problems.push(`model ${m.name}: missing`);
      continue;
    }
    fact(c, `model ${m.name}`, schema, "type", schema.type, "object");
    if (m.description) fact(c, `model ${m.name}`, schema, "description", schema.description, m.description, contains);
    fact(c, `model ${m.name}`, schema, "required", [...(schema.required ?? [])].sort(), [...m.required].sort(), same);
    for (const f of m.fields) checkField(c, `${m.name}.${f.name}`, schema, f);
    const known = new Set([...m.fields.map((f) => f.name), ...(PAGE_FIELDS[m.name] ?? [])]);
    for (const name of Object.keys(schema.properties ?? {})) {
      if (!known.has(name)) c.problems.push(`${m.name}.${name}: in the spec but in no source`);
    }
  }
  const names = new Set(reference.models.map((m) => m.name));
  for (const name of Object.keys(schemas)) if (!names.has(name)) c.problems.push(`model ${name}: in the spec but not in the reference`);
}

/** The common headers on one operation; the tenant header and the API key as the pages have them. */
function checkHeaders(doc: any, c: Check, params: any[], op: any) {
  for (const h of reference.headers) {
    const where = `header ${h.name}`;
    if (h.name === "x-api-key") {
      // Pages 002/003 list it under Authorizations: the apiKey scheme, on every operation.
      const scheme = doc.components.securitySchemes.apiKey;
      const recorded = scheme?.["x-reference-value"]?.["header-parameter"];
      const ok = scheme?.type === "apiKey" && scheme.in === h.in && scheme.name === h.name && (op.security ?? doc.security).every((r: any) => "apiKey" in r);
      if (ok && recorded?.name === h.name && recorded.required === h.required && recorded.schema?.type === h.type.type && recorded.schema?.format === h.type.format && recorded.description === h.description) {
        c.fallbacks.push(`${where}: security scheme`);
      } else c.problems.push(`${where}: neither a header parameter nor the apiKey scheme recording the reference's parameter`);
      continue;
    }
    const p = params.find((x) => x.in === h.in && (x.name === h.name || x["x-reference-value"]?.name === h.name));
    if (!p) {
      c.problems.push(`${where}: missing`);
      continue;
    }
    fact(c, where, p, "name", p.name, h.name);
    fact(c, where, p, "required", p.required ?? false, h.required);
    checkType(c, where, p.schema, h.type);
    fact(c, where, p, "description", p.description, h.description);
  }
}

function checkOperations(doc: any, c: Check) {
  const seen = new Set<string>();
  for (const r of reference.operations) {
    const label = `#${r.n} ${r.method.toUpperCase()} ${r.path}`;
    const item = doc.paths[r.path];
    const op = item?.[r.method];
    seen.add(`${r.method} ${r.path}`);
    if (!op) {
      c.problems.push(`${label}: missing`);
      continue;
    }
    fact(c, label, op, "summary", op.summary, r.summary);
    fact(c, label, op, "description", op.description, r.description, contains);
    if (op["x-reference-operation-id"] !== r.operationId) c.problems.push(`${label}: x-reference-operation-id is not ${r.operationId}`);

    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => deref(doc, p));
    for (const p of r.parameters) {
      const where = `${label}: ${p.in} ${p.name}`;
      const sp = params.find((x) => x.name === p.name && x.in === p.in);
      if (!sp) {
        c.problems.push(`${where}: missing`);
        continue;
      }
      fact(c, where, sp, "required", sp.required ?? false, p.required);
      checkType(c, where, sp.schema, p.type);
      checkLimits(c, where, sp.schema, p);
      fact(c, where, sp, "description", sp.description, p.description, contains);
    }
    for (const sp of params.filter((x) => x.in !== "header")) {
      if (!r.parameters.some((p) => p.name === sp.name && p.in === sp.in)) c.problems.push(`${label}: ${sp.in} ${sp.name} is in no source`);
    }
    checkHeaders(doc, c, params, op);

    if (r.body) {
      const body = deref(doc, op.requestBody);
      if (!body) c.problems.push(`${label}: no request body`);
      else {
        fact(c, `${label}: body`, body, "required", body.required, true);
        fact(c, `${label}: body`, body, "model", refName(body.content?.["application/json"]?.schema), r.body.model);
        fact(c, `${label}: body`, body, "description", body.description, r.body.description, contains);
      }
    } else if (op.requestBody) c.problems.push(`${label}: has a request body the reference does not state`);

    for (const resp of r.responses) {
      const where = `${label}: ${resp.status}`;
      const raw = op.responses?.[resp.status];
      const sr = deref(doc, raw);
      if (!sr) {
        c.problems.push(`${where}: missing`);
        continue;
      }
      // A $ref may carry the operation's own wording next to it (OpenAPI 3.1).
      const desc = raw.description ?? sr.description;
      if (resp.description) fact(c, where, sr, "description", desc, resp.description, contains);
      const schema = sr.content?.["application/json"]?.schema;
      if (resp.model) {
        fact(c, where, sr, "model", refName(resp.array ? schema?.items : schema), resp.model);
        fact(c, where, sr, "array", schema?.type === "array", resp.array);
      } else if (schema) c.problems.push(`${where}: has a body schema, the reference has none`);
    }

    const requirement = (op.security ?? doc.security).find((s: any) => "apiKey" in s);
    fact(c, `${label}: security`, op, "scopes", requirement?.apiKey, r.scopes, same);
    if (!requirement || !("oauth2" in requirement)) c.problems.push(`${label}: security does not ask for OAuth2 and the API key together`);
  }
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const m of Object.keys(item).filter((k) => k !== "parameters")) {
      if (!seen.has(`${m} ${p}`)) c.problems.push(`${m.toUpperCase()} ${p}: in the spec but not in the reference`);
    }
  }
}

function check(doc: any): Check {
  const c: Check = { problems: [], fallbacks: [] };
  checkOperations(doc, c);
  checkModels(doc, c);
  c.fallbacks = [...new Set(c.fallbacks)].sort();
  return c;
}

describe("jtl-erp-v1 against its reference (pages/reference.md)", () => {
  let doc: any;
  beforeAll(async () => {
    doc = await bundleApi("jtl-erp-v1");
  });

  it("the tables read as 37 operations and 34 models, 6 common headers", () => {
    expect(reference.operations).toHaveLength(37);
    expect(reference.models).toHaveLength(34);
    expect(reference.headers.map((h) => h.name)).toEqual(["api-version", "x-appid", "x-appversion", "x-runas", "tenant-id", "x-api-key"]);
    for (const o of reference.operations) expect(o.responses.some((r) => /^2/.test(r.status)), `#${o.n} has a success status`).toBe(true);
    expect(reference.models.flatMap((m) => m.fields).length).toBeGreaterThan(200);
  });

  it("every fact the reference states is in the spec", () => {
    expect(check(doc).problems).toEqual([]);
  });

  it("the spec departs from the reference only where a page wins (or as noted), recording the reference's value", () => {
    expect(check(doc).fallbacks).toEqual(EXPECTED_FALLBACKS);
  });

  describe("the check can fail", () => {
    const broken = (change: (d: any) => void) => {
      const copy = structuredClone(doc);
      change(copy);
      return check(copy).problems;
    };

    it("a deleted field", () => {
      expect(broken((d) => delete d.components.schemas.CustomerBankAccount.properties.IBAN)).toContain("CustomerBankAccount.IBAN: missing");
    });

    it("a changed type", () => {
      expect(broken((d) => (d.components.schemas.Note.properties.NoteId.type = "string"))).toContain(
        'Note.NoteId: type is "string", the reference says "integer"',
      );
    });

    it("a lost limit, required flag, status and scope", () => {
      const problems = broken((d) => {
        delete d.components.schemas.CreateCustomerGroup.properties.Name.maxLength;
        d.components.schemas.CreateNote.required = [];
        delete d.paths["/customerGroups"].post.responses["400"];
        d.paths["/customers"].get.security[0].apiKey.pop();
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          "CreateCustomerGroup.Name: maxLength is undefined, the reference says 255",
          "CreateNote.NoteBody: required is false, the reference says true",
          "#29 POST /customerGroups: 400: missing",
          expect.stringMatching(/^#1 GET \/customers: security: scopes is/),
        ]),
      );
    });

    it("an override without the reference's value recorded", () => {
      const problems = broken((d) => delete d.components.parameters.XTenantId["x-reference-value"]);
      expect(problems.some((p) => p.startsWith("header tenant-id: missing"))).toBe(true);
    });
  });
});
