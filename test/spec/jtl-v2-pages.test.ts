// Page-vs-spec for the saved JTL v2 copies (openapi/jtl-erp-v2/pages/jtl-v2-*.txt): every fact a copy
// shows — method, path, title, curl headers and body keys, the listed authorizations, headers and path
// parameters with type, flag, description and example, the response fields and the JSON samples — is
// looked up in the bundled v2 spec.
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_API, bundleApi, readPage } from "./helpers.js";
import { endsAfter, parseJtlPage, type JtlField } from "./jtl-page-layout.js";
import { deref, exampleValuesOf, jsonSchemaOf, operationForPage, pagesOf, type SpecOperation } from "./spec-lookup.js";

const pages = Object.keys(PAGE_API).filter((p) => p.startsWith("jtl-v2-")).sort();
let doc: any;

beforeAll(async () => {
  doc = await bundleApi("jtl-erp-v2");
});

/** A header the page lists: the spec's flag, or the page's flag kept in x-doc-required where the copies disagree. */
function expectHeader(o: SpecOperation, f: JtlField, page: string) {
  const p = o.params.find((x) => x.in === "header" && x.name === f.name);
  expect(p, `${page}: header ${f.name}`).toBeDefined();
  if (f.required !== undefined) expect((p.required ?? false) || p["x-doc-required"] === true, `${page}: ${f.name} required`).toBe(f.required);
  expect(p.schema.type, `${page}: ${f.name} type`).toBe(f.type);
  expect(p.schema.format, `${page}: ${f.name} format`).toBe(f.format);
  if (f.description) expect(p.description, `${page}: ${f.name} description`).toContain(f.description);
}

function expectPathParam(o: SpecOperation, f: JtlField, page: string) {
  const p = o.params.find((x) => x.in === "path" && x.name === f.name);
  expect(p, `${page}: path parameter ${f.name}`).toBeDefined();
  expect(p.required, `${page}: ${f.name} required`).toBe(true);
  expect(f.required, `${page}: the page marks ${f.name} required`).toBe(true);
  expect(p.schema.type, `${page}: ${f.name} type`).toBe(f.type);
  expect(p.schema.format, `${page}: ${f.name} format`).toBe(f.format);
  if (f.description) expect(p.description, `${page}: ${f.name} description`).toContain(f.description);
  if (f.example) expect(p.example, `${page}: ${f.name} example`).toBe(JSON.parse(f.example));
}

const successOf = (op: any) => Object.entries<any>(op.responses).find(([status]) => status.startsWith("2"))![1];

describe.each(pages)("JTL v2 page %s", (page) => {
  const parsed = parseJtlPage(readPage(page));
  const o = () => operationForPage(doc, page);

  it("method, path, server and title", () => {
    const { method, path, op } = o();
    expect(method).toBe(parsed.curl.method.toLowerCase());
    const server = doc.servers.find((s: any) => parsed.curl.url.startsWith(s.url));
    expect(server, `server for ${parsed.curl.url}`).toBeDefined();
    expect(parsed.curl.url.slice(server.url.length)).toBe(path);
    if (parsed.title) expect(op.summary).toBe(parsed.title);
    if (parsed.full) expect(parsed.lines.slice(0, 20).join("")).toContain(`${parsed.curl.method}/${path.split("/").filter(Boolean).join("/")}`);
  });

  it("every header the curl sample sends", () => {
    const { op, params } = o();
    const security = op.security ?? doc.security;
    for (const [name, value] of Object.entries(parsed.curl.headers)) {
      if (name === "Authorization") {
        expect(doc.components.securitySchemes.oauth2["x-doc-header"]).toMatchObject({ name, format: value });
        expect(security.some((r: any) => "oauth2" in r)).toBe(true);
      } else if (name === "Content-Type") {
        expect(Object.keys(op.requestBody?.content ?? {})).toEqual([value]);
      } else if (name === "x-api-key") {
        expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name });
        expect(security.some((r: any) => "apiKey" in r && "oauth2" in r), `${page}: an oauth2 + apiKey alternative`).toBe(true);
      } else {
        expect(params.some((p) => p.in === "header" && p.name === name), `${page}: header ${name}`).toBe(true);
      }
    }
  });

  it("the curl body's keys are the request model's properties", () => {
    const { op } = o();
    if (parsed.curl.body === undefined) {
      expect(op.requestBody).toBeUndefined();
      return;
    }
    const schema = jsonSchemaOf(doc, op.requestBody);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(parsed.curl.body as object).sort());
    for (const [key, value] of Object.entries(parsed.curl.body as object)) {
      expect(schema.properties[key].type, `${page}: body ${key} type`).toBe(typeof value);
    }
  });

  it.runIf(parsed.full)("authorizations", () => {
    const { op } = o();
    const auths = parsed.section("Authorizations", endsAfter("Authorizations"));
    expect(auths.length).toBeGreaterThan(0);
    for (const a of auths) {
      const scheme = Object.values<any>(doc.components.securitySchemes).find((s) => s.name === a.name || s["x-doc-header"]?.name === a.name);
      expect(scheme, `${page}: security scheme for ${a.name}`).toBeDefined();
      expect(scheme.description).toContain(a.description);
      expect(scheme["x-doc-header"]?.required ?? scheme["x-doc-required"], `${page}: ${a.name} required`).toBe(a.required);
      if (scheme.type === "apiKey") expect((op.security ?? []).some((r: any) => Object.keys(r).includes(Object.keys(doc.components.securitySchemes).find((k) => doc.components.securitySchemes[k] === scheme)!))).toBe(true);
    }
  });

  it.runIf(parsed.full)("headers and path parameters", () => {
    const operation = o();
    const headers = parsed.section("Headers", endsAfter("Headers"));
    expect(headers.length).toBeGreaterThan(0);
    for (const f of headers) expectHeader(operation, f, page);
    const pathParams = parsed.section("Path Parameters", endsAfter("Path Parameters"));
    for (const f of pathParams) expectPathParam(operation, f, page);
    if (parsed.lines.includes("Path Parameters")) expect(operation.params.filter((p) => p.in === "path")).toHaveLength(pathParams.length);
  });

  it.runIf(parsed.full)("the response as shown", () => {
    const { op } = o();
    const success = successOf(op);
    const fields = parsed.section("Response", []).filter((f) => f.name !== parsed.responseDescription);
    if (fields.length > 0) {
      expect(success.description).toContain(parsed.responseDescription);
      const schema = jsonSchemaOf(doc, success);
      const item = schema.type === "array" ? deref(doc, schema.items) : schema;
      expect(Object.keys(item.properties)).toHaveLength(fields.length);
      for (const f of fields) {
        const prop = item.properties[f.name];
        expect(prop, `${page}: response field ${f.name}`).toBeDefined();
        expect(prop.type).toBe(f.type);
        expect(prop.format).toBe(f.format);
        if (f.description) expect(prop.description).toContain(f.description);
        if (f.example) expect(prop.example).toBe(JSON.parse(f.example));
        expect((item.required ?? []).includes(f.name)).toBe(false);
      }
    }
    if (parsed.sample === undefined) return;
    const sample = parsed.sample as any;
    if (Array.isArray(sample)) {
      // The success sample: an array of contacts with the documented keys.
      const schema = jsonSchemaOf(doc, success);
      expect(schema.type).toBe("array");
      expect(Object.keys(deref(doc, schema.items).properties).sort()).toEqual(Object.keys(sample[0]).sort());
      expect(exampleValuesOf(doc, success).some((v: any) => Array.isArray(v) && v[0]?.id === sample[0].id)).toBe(true);
    } else {
      // The error sample, printed with no status: kept verbatim, its shape in x-error-body.
      expect(op["x-doc-error-sample"]).toEqual(sample);
      expect(Object.keys(op["x-error-body"].properties)).toEqual(Object.keys(sample));
      for (const [key, value] of Object.entries(sample)) expect(op["x-error-body"].properties[key].type).toBe(typeof value);
    }
  });
});

describe("JTL v2 operations", () => {
  it("are the five contact operations, each named after a saved page", () => {
    const all = Object.entries<any>(doc.paths).flatMap(([p, item]) => Object.entries<any>(item).map(([m, op]) => ({ p, m, op })));
    expect(all.map(({ m, p }) => `${m.toUpperCase()} ${p}`).sort()).toEqual([
      "DELETE /v2/customers/{customerId}/contacts/{customerContactId}",
      "GET /v2/customers/{customerId}/contacts",
      "GET /v2/customers/{customerId}/contacts/{customerContactId}",
      "PATCH /v2/customers/{customerId}/contacts/{customerContactId}",
      "POST /v2/customers/{customerId}/contacts",
    ]);
    for (const { op } of all) for (const p of pagesOf(op)) expect(PAGE_API[p], `${op.operationId}: ${p}`).toBe("jtl-erp-v2");
  });

  it("every saved jtl-v2 page is transcribed into exactly one operation", () => {
    expect(pages).toHaveLength(7);
    for (const page of pages) expect(operationForPage(doc, page).op.operationId).toMatch(/CustomerContacts?$/);
  });

  it("the union of the copies' headers is the spec's, no more", () => {
    for (const operation of [operationForPage(doc, "jtl-v2-query-customer-contacts.txt"), operationForPage(doc, "jtl-v2-update-customer-contact.txt"), operationForPage(doc, "jtl-v2-delete-customer-contact.txt")]) {
      const listed = new Set(pagesOf(operation.op).flatMap((p) => parseJtlPage(readPage(p)).section("Headers", endsAfter("Headers")).map((f) => f.name)));
      expect(operation.params.filter((p) => p.in === "header").map((p) => p.name).sort(), operation.op.operationId).toEqual([...listed].sort());
    }
  });
});
