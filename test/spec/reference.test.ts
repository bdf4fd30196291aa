// The side-by-side check of the v1 spec against the vendor reference: every fact that
// openapi/jtl-erp-v1/pages/reference.md states in its tables (operations, parameters, bodies,
// statuses, scopes, models and their fields) is looked up by the pages:check engine. Where the doc
// pages win (the reference's section "Where the doc pages override this file"), the spec holds the
// page's value and keeps the reference's in `x-reference-value`; every such fallback must be one of
// the expected ones listed below, so none goes unnoticed. Below that, what the engine does not check:
// the common headers (renamed, or moved to the security scheme, by the pages) and that the spec adds
// nothing the reference and pages lack.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkFacts } from "../../scripts/lib/pages/check.js";
import type { Fact } from "../../scripts/lib/pages/facts.js";
import { formatFinding } from "../../scripts/lib/pages/format.js";
import { referenceFacts } from "../../scripts/lib/pages/reference.js";
import { parseReference, type ReferenceTables } from "../../scripts/lib/pages/reference-tables.js";
import { loadSpec, withDoc, type Spec } from "../../scripts/lib/pages/spec.js";
import { ROOT, pagesDir } from "./helpers.js";
import { deref } from "./spec-lookup.js";

const REFERENCE = path.join(pagesDir("jtl-erp-v1"), "reference.md");
const reference: ReferenceTables = parseReference(REFERENCE);
const facts: Fact[] = referenceFacts("openapi/jtl-erp-v1/pages/reference.md", fs.readFileSync(REFERENCE, "utf8")).facts;

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

interface Check {
  problems: string[];
  fallbacks: string[];
}

/** The common headers on every operation; the tenant header and the API key as the pages have them. */
function checkHeaders(doc: any, c: Check) {
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const [m, op] of Object.entries<any>(item).filter(([k]) => k !== "parameters")) {
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x: any) => deref(doc, x));
      for (const h of reference.headers) {
        const where = `header ${h.name}`;
        const fact = (key: string, actual: unknown, expected: unknown, node: any) => {
          if (JSON.stringify(actual) === JSON.stringify(expected)) return;
          if (JSON.stringify(node?.["x-reference-value"]?.[key]) === JSON.stringify(expected)) c.fallbacks.push(`${where}: ${key}`);
          else
            c.problems.push(
              `${m.toUpperCase()} ${p}: ${where}: ${key} is ${JSON.stringify(actual)}, the reference says ${JSON.stringify(expected)}`,
            );
        };
        if (h.name === "x-api-key") {
          // Pages 002/003 list it under Authorizations: the apiKey scheme, on every operation.
          const scheme = doc.components.securitySchemes.apiKey;
          const recorded = scheme?.["x-reference-value"]?.["header-parameter"];
          const ok =
            scheme?.type === "apiKey" &&
            scheme.in === h.in &&
            scheme.name === h.name &&
            (op.security ?? doc.security).every((r: any) => "apiKey" in r);
          if (
            ok &&
            recorded?.name === h.name &&
            recorded.required === h.required &&
            recorded.schema?.type === h.type.type &&
            recorded.schema?.format === h.type.format &&
            recorded.description === h.description
          ) {
            c.fallbacks.push(`${where}: security scheme`);
          } else c.problems.push(`${where}: neither a header parameter nor the apiKey scheme recording the reference's parameter`);
          continue;
        }
        const sp = params.find((x) => x.in === h.in && (x.name === h.name || x["x-reference-value"]?.name === h.name));
        if (!sp) {
          c.problems.push(`${where}: missing`);
          continue;
        }
        fact("name", sp.name, h.name, sp);
        fact("required", sp.required ?? false, h.required, sp);
        fact("type", sp.schema?.type, h.type.type, sp.schema);
        fact("format", sp.schema?.format, h.type.format, sp.schema);
        fact("description", sp.description, h.description, sp);
      }
    }
  }
}

/** What the spec has that neither the reference nor a page states. */
function extras(doc: any): string[] {
  const problems: string[] = [];
  const seen = new Set(reference.operations.map((r) => `${r.method} ${r.path}`));
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const m of Object.keys(item).filter((k) => k !== "parameters")) {
      const label = `${m.toUpperCase()} ${p}`;
      const r = reference.operations.find((o) => o.method === m && o.path === p);
      if (!seen.has(`${m} ${p}`) || !r) {
        problems.push(`${label}: in the spec but not in the reference`);
        continue;
      }
      const params = [...(item.parameters ?? []), ...(item[m].parameters ?? [])].map((x: any) => deref(doc, x));
      for (const sp of params.filter((x) => x.in !== "header")) {
        if (!r.parameters.some((x) => x.name === sp.name && x.in === sp.in)) problems.push(`${label}: ${sp.in} ${sp.name} is in no source`);
      }
      if (!r.body && item[m].requestBody) problems.push(`${label}: has a request body the reference does not state`);
    }
  }
  const names = new Set(reference.models.map((m) => m.name));
  for (const [name, schema] of Object.entries<any>(doc.components.schemas)) {
    if (!names.has(name)) problems.push(`model ${name}: in the spec but not in the reference`);
    const model = reference.models.find((m) => m.name === name);
    const known = new Set([...(model?.fields.map((f) => f.name) ?? []), ...(PAGE_FIELDS[name] ?? [])]);
    for (const field of Object.keys(schema.properties ?? {}))
      if (model && !known.has(field)) problems.push(`${name}.${field}: in the spec but in no source`);
  }
  return problems;
}

function check(spec: Spec): Check {
  const c: Check = { problems: [], fallbacks: [] };
  c.problems.push(...checkFacts(spec, facts, (f, mark) => mark === "x-reference-value" && c.fallbacks.push(f.what)).map(formatFinding));
  checkHeaders(spec.doc, c);
  c.problems.push(...extras(spec.doc));
  c.fallbacks = [...new Set(c.fallbacks)].sort();
  return c;
}

describe("jtl-erp-v1 against its reference (pages/reference.md)", () => {
  let spec: Spec;
  beforeAll(async () => {
    spec = await loadSpec(ROOT, "jtl-erp-v1");
  });

  it("the tables read as 37 operations and 34 models, 6 common headers", () => {
    expect(reference.operations).toHaveLength(37);
    expect(reference.models).toHaveLength(34);
    expect(reference.headers.map((h) => h.name)).toEqual(["api-version", "x-appid", "x-appversion", "x-runas", "tenant-id", "x-api-key"]);
    for (const o of reference.operations)
      expect(
        o.responses.some((r) => /^2/.test(r.status)),
        `#${o.n} has a success status`,
      ).toBe(true);
    expect(reference.models.flatMap((m) => m.fields).length).toBeGreaterThan(200);
  });

  it("every fact the reference states is in the spec", () => {
    expect(check(spec).problems).toEqual([]);
  });

  it("the spec departs from the reference only where a page wins (or as noted), recording the reference's value", () => {
    expect(check(spec).fallbacks).toEqual(EXPECTED_FALLBACKS);
  });

  describe("the check can fail", () => {
    const broken = (change: (d: any) => void) => {
      const copy = structuredClone(spec.doc);
      change(copy);
      return check(withDoc(spec, copy)).problems;
    };

    it("a deleted field", () => {
      expect(broken((d) => delete d.components.schemas.CustomerBankAccount.properties.IBAN)).toContainEqual(
        expect.stringMatching(/CustomerBankAccount\.IBAN — spec \S+CustomerBankAccount\.yaml:\d+ lacks it$/),
      );
    });

    it("a changed type", () => {
      expect(broken((d) => (d.components.schemas.Note.properties.NoteId.type = "string"))).toContainEqual(
        expect.stringMatching(/: Note\.NoteId: type "integer" — spec \S+ says "string"$/),
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
          expect.stringMatching(/: CreateCustomerGroup\.Name: maxLength 255 — spec \S+ lacks it$/),
          expect.stringMatching(/: CreateNote\.NoteBody: required true — spec \S+ says false$/),
          expect.stringMatching(/: #29 POST \/customerGroups: response 400 true — spec \S+ says false$/),
          expect.stringMatching(/: #1 GET \/customers: scopes \[/),
        ]),
      );
    });

    it("an override without the reference's value recorded", () => {
      const problems = broken((d) => delete d.components.parameters.XTenantId["x-reference-value"]);
      expect(problems.some((p) => p.startsWith("header tenant-id: missing"))).toBe(true);
    });
  });
});
