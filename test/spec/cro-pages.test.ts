// Page-vs-spec for the saved CRO site pages (openapi/cro-dispatch/pages/cro-*.txt and page 004 in the
// site's layout): each request page's method, path, title, description, roles, breaking changes,
// parameters, headers, body and response fields (type, flag, description, limits) and samples, each
// model page's fields and template, and the guides' facts are looked up in the bundled CRO spec.
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_API, bundleApi, readPage } from "./helpers.js";
import { limitsOf, parseCroPage, schemaTypeOf, type CroField } from "./cro-page-layout.js";
import { deref, exampleValuesOf, jsonSchemaOf, operationForPage, operationsOf, typesOf } from "./spec-lookup.js";

const croPages = Object.keys(PAGE_API).filter((p) => PAGE_API[p] === "cro-dispatch").sort();
const requestPages = croPages.filter((p) => parseCroPage(readPage(p)).method !== undefined);
const modelPages = croPages.filter((p) => p.startsWith("cro-model-"));
let doc: any;
/** Prose compared with line breaks as spaces: the spec wraps its descriptions. */
const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ");

beforeAll(async () => {
  doc = await bundleApi("cro-dispatch");
});

/** A constraint bullet as the spec keeps it: verbatim, or the cut copy's text as its prefix. */
function expectConstraints(node: any, f: CroField, where: string) {
  const kept: string[] = node["x-doc-constraints"] ?? [];
  // A cut copy shows only the first constraints of its last field.
  if (f.cut) expect(kept.length, `${where}: constraints`).toBeGreaterThanOrEqual(f.constraints.length);
  else expect(kept.length, `${where}: constraints`).toBe(f.constraints.length);
  f.constraints.forEach((c, i) => (f.cut && i === f.constraints.length - 1 ? expect(kept[i]!.startsWith(c), where).toBe(true) : expect(kept[i], where).toBe(c)));
}

/** Type, limits, accepted values and description of a parameter schema or property. */
function expectValue(node: any, schema: any, f: CroField, where: string) {
  expect(typesOf(schema), `${where}: type`).toContain(schemaTypeOf(f.docType));
  if (f.docType === "Integer" && schema.format !== undefined) expect(schema.format, `${where}: ids are int64`).toBe("int64");
  if (f.description) expect(flat(node.description), `${where}: description`).toContain(f.description);
  expectConstraints(node, f, where);
  for (const c of f.constraints) {
    for (const [key, value] of Object.entries(limitsOf(c))) expect(schema[key], `${where}: ${key} from "${c}"`).toBe(value);
    if (c.startsWith("One of 0, 1, True, False")) {
      expect(node["x-accepted-values"], where).toEqual(["0", "1", "True", "False"]);
      expect(node["x-accepted-values-case-insensitive"], where).toBe(true);
    }
  }
  if (f.docType.startsWith("Array[")) expect(deref(doc, schema.items), `${where}: items`).toBe(doc.components.schemas[/\[(\w+)\]/.exec(f.docType)![1]!]);
}

/** The page's flag, or the spec's reason to differ kept in x-doc-required. */
function expectRequired(isRequired: boolean, node: any, f: CroField, where: string) {
  if (f.required === undefined) return;
  expect(node["x-doc-required"] === undefined ? isRequired : node["x-doc-required"], `${where}: required`).toBe(f.required);
}

function expectFields(schema: any, fields: CroField[], where: string) {
  expect(fields.length, `${where}: fields`).toBeGreaterThan(0);
  for (const f of fields) {
    const prop = schema.properties?.[f.name];
    expect(prop, `${where}: ${f.name}`).toBeDefined();
    expectValue(prop, deref(doc, prop), f, `${where}.${f.name}`);
    expectRequired((schema.required ?? []).includes(f.name), prop, f, `${where}.${f.name}`);
  }
}

describe.each(requestPages)("CRO request page %s", (page) => {
  const parsed = parseCroPage(readPage(page));
  const o = () => operationForPage(doc, page);
  const ok = () => o().op.responses["200"];

  it("method, path, title, description, roles, breaking changes", () => {
    const { method, path, op } = o();
    expect(method).toBe(parsed.method!.toLowerCase());
    expect(path).toBe(parsed.path);
    expect(op.summary).toBe(parsed.title);
    expect(flat(op.description)).toContain(parsed.description);
    expect(op["x-roles"]).toEqual(parsed.roles);
    expect(flat(op.description)).toContain(parsed.roles.join(", "));
    if (parsed.noBreakingChanges) expect(op["x-breaking-changes"]).toBe("none");
    else if (parsed.has("Breaking Changes")) expect(op["x-breaking-changes"]?.[0]?.version, `${page}: breaking change`).toBe(parsed.lines[parsed.lines.indexOf("Breaking Changes") + 1]);
  });

  it("path and query parameters", () => {
    const { params } = o();
    const pathParams = parsed.section("Path Parameters");
    for (const f of pathParams) {
      const p = params.find((x) => x.in === "path" && x.name === f.name);
      expect(p, `${page}: path ${f.name}`).toBeDefined();
      if (f.required !== undefined) expect(p.required).toBe(f.required);
      expectValue(p, p.schema, f, `${page}: path ${f.name}`);
    }
    if (parsed.has("No query parameters.")) expect(params.filter((x) => x.in === "query")).toEqual([]);
    const query = parsed.section("Query Parameters");
    for (const f of query) {
      const p = params.find((x) => x.in === "query" && x.name === f.name);
      expect(p, `${page}: query ${f.name}`).toBeDefined();
      expect(p.required ?? false).toBe(f.required);
      expectValue(p, p.schema, f, `${page}: query ${f.name}`);
      expect(p["x-doc-default"]).toBe(f.defaultValue);
    }
    if (query.length > 0) expect(params.filter((x) => x.in === "query")).toHaveLength(query.length);
  });

  it("request headers", () => {
    const { op, params } = o();
    const scheme = doc.components.securitySchemes.oauth2;
    for (const h of parsed.section("Request Headers")) {
      const where = `${page}: request header ${h.name}`;
      if (h.name.toLowerCase() === "authorization") {
        expect(scheme["x-doc-header"].name.toLowerCase()).toBe("authorization");
        expect(scheme["x-doc-header"].required).toBe(h.required);
        expect(flat(scheme.description)).toContain(h.description);
        expectConstraints(scheme, h, where);
      } else if (h.name === "Content-Type") {
        const rec = op["x-doc-headers"]?.find((x: any) => x.name === h.name && x.in === "request");
        expect(rec, where).toBeDefined();
        expect(rec.required).toBe(h.required);
        expect(rec.default).toBe(h.defaultValue);
        expect(Object.keys(op.requestBody.content)).toEqual([h.defaultValue]);
      } else {
        const p = params.find((x) => x.in === "header" && x.name === h.name);
        expect(p, where).toBeDefined();
        expect(p.required ?? false, where).toBe(h.required);
        expectValue(p, p.schema, h, where);
      }
    }
  });

  it("request body fields", () => {
    const { op } = o();
    if (parsed.has("No request body")) return expect(op.requestBody).toBeUndefined();
    const fields = parsed.section("Request Body");
    if (!parsed.has("Request Body")) return;
    const schema = jsonSchemaOf(doc, op.requestBody);
    expect(parsed.models.some((m) => doc.components.schemas[m] === schema), `${page}: the body model is one the page refers to`).toBe(true);
    expectFields(schema, fields, `${page}: request body`);
    if (!fields.some((f) => f.cut) && !parsed.lines.at(-1)!.startsWith("notify_on_")) expect(Object.keys(schema.properties)).toHaveLength(fields.length);
  });

  it("response headers and body fields", () => {
    const { op } = o();
    for (const h of parsed.section("Response Headers")) {
      const where = `${page}: response header ${h.name}`;
      if (h.name === "Content-Type") {
        expect(op["x-doc-headers"]?.some((x: any) => x.name === h.name && x.in === "response"), where).toBe(true);
        continue;
      }
      const header = deref(doc, ok().headers?.[h.name]);
      expect(header, where).toBeDefined();
      expect(flat(header.description)).toContain(h.description);
      expectConstraints(header, h, where);
    }
    const fields = parsed.section("Response Body");
    if (fields.length === 0) return;
    const schema = jsonSchemaOf(doc, ok());
    const model = parsed.models.find((m) => doc.components.schemas[m] === schema);
    expect(model, `${page}: the response model is one the page refers to`).toBeDefined();
    expectFields(schema, fields, `${page}: response body`);
  });

  it("every model it refers to is a schema or recorded on the operation", () => {
    const { op } = o();
    for (const m of parsed.models) expect(m in doc.components.schemas || Object.values(op["x-doc-models"] ?? {}).includes(m), `${page}: ${m}`).toBe(true);
  });

  it("its samples: request body, response body, Allow and X-API-VERSION", () => {
    const { op, path } = o();
    const blocks = [...parsed.jsonBlocks];
    const sentBody = op.requestBody && parsed.has(`${parsed.method} ${path}/`) && blocks.length > 0 && !("X-REQUEST-ID" in parsed.sampleResponseHeaders && blocks.length === 1) ? blocks.shift() : undefined;
    if (sentBody !== undefined) expect(exampleValuesOf(doc, op.requestBody), `${page}: request sample`).toContainEqual(sentBody);
    if ("X-REQUEST-ID" in parsed.sampleResponseHeaders) {
      const answer = blocks[0];
      const schema = jsonSchemaOf(doc, ok());
      if (answer === undefined) {
        // Cut off: the keys it shows are the model's.
        const shown = [...readPage(page).split("X-REQUEST-ID")[1]!.matchAll(/^"(\w+)":/gm)].map((x) => x[1]!);
        const top = shown.filter((k) => k in schema.properties);
        expect(top.length, `${page}: sample keys`).toBeGreaterThan(3);
      } else {
        expect(exampleValuesOf(doc, ok()), `${page}: the recorded answer is an example`).toContainEqual(answer);
      }
      const allowed = parsed.sampleResponseHeaders.Allow!.split(",").map((x) => x.toLowerCase()).sort();
      expect(Object.keys(doc.paths[path]).filter((k) => !k.startsWith("x-") && k !== "parameters").sort(), `${page}: Allow`).toEqual(allowed);
      const version = parsed.sampleResponseHeaders["X-API-VERSION"]!;
      expect(deref(doc, doc.components.parameters.XApiVersion).schema.enum).toContain(version);
    }
  });
});

describe.each(modelPages)("CRO model page %s", (page) => {
  const parsed = parseCroPage(readPage(page));
  const name = parsed.title;
  const fields = parsed.section("Fields");
  const template = parsed.jsonBlocks[0] as Record<string, string>;

  it("names its model and lists fields", () => {
    expect(page).toBe(`cro-model-${name}.txt`);
    expect(fields.length).toBeGreaterThan(0);
    expect(Object.keys(template).length).toBeGreaterThanOrEqual(fields.length);
  });

  it.runIf(!["StandardRequestHeadersModel", "ListCustomersQueryParamsModel", "CreateDispatchCustomerLocationModel"].includes(parsed.title))("its fields and template are the schema's", () => {
    const schema = doc.components.schemas[name];
    expect(schema, name).toBeDefined();
    expect([schema["x-doc-page"]].flat()).toContain(page);
    expect(flat(schema.description)).toContain(parsed.description);
    if (parsed.noBreakingChanges) expect(schema["x-breaking-changes"]).toBe("none");
    expectFields(schema, fields, name);
    for (const [key, printed] of Object.entries(template)) {
      const prop = schema.properties[key];
      expect(prop, `${name}.${key} (template)`).toBeDefined();
      expect(typesOf(deref(doc, prop)), `${name}.${key} template type`).toContain(schemaTypeOf(printed.startsWith("array[") ? "Array[x]" : printed.split(",")[0]!));
      const optional = printed.endsWith(", optional");
      expectRequired((schema.required ?? []).includes(key), prop, { required: !optional } as CroField, `${name}.${key} (template)`);
    }
    // Only a field the page itself names may be added (DispatchCustomerLocationModel: the renamed id).
    const extra = Object.keys(schema.properties).filter((k) => !(k in template));
    for (const k of extra) expect(readPage(page), `${name}.${k}`).toContain(`was renamed to${k}`);
  });

  it.runIf(name === "StandardRequestHeadersModel")("its headers are on every operation or the security scheme", () => {
    const ops = operationsOf(doc);
    for (const f of fields) {
      if (f.name === "authorization") {
        const scheme = doc.components.securitySchemes.oauth2;
        expect(scheme["x-doc-header"].required).toBe(f.required);
        expectConstraints(scheme, f, f.name);
      } else if (f.name === "content-type") {
        const recs = ops.flatMap((o) => o.op["x-doc-headers"] ?? []).filter((h: any) => h.in === "request");
        expect(recs.length).toBeGreaterThan(0);
        for (const rec of recs) {
          expect(rec.description).toBe(f.description);
          expect(rec.constraints).toEqual(f.constraints);
        }
      } else {
        for (const o of ops) {
          const p = o.params.find((x) => x.in === "header" && x.name === f.name);
          expect(p, `${o.op.operationId}: ${f.name}`).toBeDefined();
          expect(p.required ?? false).toBe(f.required);
          expectValue(p, p.schema, f, `${o.op.operationId}: ${f.name}`);
        }
      }
    }
  });

  it.runIf(name === "ListCustomersQueryParamsModel")("its fields are listCustomers' query parameters (location_id is its path)", () => {
    const { params } = operationsOf(doc).find((o) => o.op.operationId === "listCustomers")!;
    for (const f of fields) {
      const p = params.find((x) => x.name === f.name);
      expect(p, f.name).toBeDefined();
      expect(p.in).toBe(f.name === "location_id" ? "path" : "query");
      if (p.in === "query") {
        expect(p.required ?? false).toBe(f.required);
        expectValue(p, p.schema, f, f.name);
      }
    }
  });

  it.runIf(name === "CreateDispatchCustomerLocationModel")("is not transcribed: only Add Customer Location uses it, which is not one of the operations", () => {
    expect(doc.components.schemas[name]).toBeUndefined();
    expect(doc.paths["/customers/{customer_id}/locations/{customer_location_id}"]).toBeUndefined();
  });
});

describe("CRO guides", () => {
  it("Authentication Guide: authorization code with PKCE and refresh tokens, no client credentials", () => {
    const text = readPage("cro-authentication-guide.txt");
    const scheme = doc.components.securitySchemes.oauth2;
    expect(text).toContain("It supports Authorization Code and Refresh Token grants and the Authorization Code and PKCE flows.");
    expect(Object.keys(scheme.flows)).toEqual(["authorizationCode"]);
    expect(scheme["x-pkce"]).toBe(true);
    expect(scheme.flows.authorizationCode.refreshUrl).toBeDefined();
    expect(flat(scheme.description)).toContain("the Client Credentials grant is not supported");
    expect(flat(scheme.description)).toContain("develop@crosoftware.net");
  });

  it("Versioning: the optional X-API-VERSION header and what happens without it", () => {
    const text = readPage("cro-version-guide.txt");
    const header = doc.components.parameters.XApiVersion;
    expect(text).toContain("X-API-VERSION: 2021/11/04");
    expect(header.required).toBe(false);
    expect(header.schema.enum).toContain("2021/11/04");
    expect(flat(header.description)).toContain("the version your client ID last used (the earliest version if it never called the API)");
    expect(header.description).toContain("pinned");
  });
});

describe("CRO operations", () => {
  it("are the nine of the reference: four contact and five customer operations, no contact delete", () => {
    expect(operationsOf(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      "GET /customers/{customer_id}",
      "GET /customers/{customer_id}/contacts",
      "GET /customers/{customer_id}/contacts/{customer_contact_id}",
      "GET /locations/{location_id}/customers",
      "GET /locations/{location_id}/customers/{customer_id}",
      "PATCH /customers/{customer_id}",
      "PATCH /customers/{customer_id}/contacts/{customer_contact_id}",
      "POST /customers/{customer_id}/contacts",
      "POST /locations/{location_id}/customers",
    ]);
  });

  it("each names a saved page or the reference", () => {
    for (const { op } of operationsOf(doc)) {
      if (op["x-doc-page"]) expect(PAGE_API[op["x-doc-page"]]).toBe("cro-dispatch");
      else expect(op["x-source"]).toBe("reference");
    }
  });

  it("every operation but getLocationCustomer documents a 4xx (the API waives operation-4xx-response for it alone)", () => {
    for (const { op } of operationsOf(doc)) {
      const has4xx = Object.keys(op.responses).some((s) => s.startsWith("4"));
      expect(has4xx, op.operationId).toBe(op.operationId !== "getLocationCustomer");
    }
  });

  it("paged lists take page_index from 1 and page_limit, and answer current_limit, current_page, results, total_count, total_pages", () => {
    for (const id of ["listCustomerContacts", "listCustomers"]) {
      const { op, params } = operationsOf(doc).find((o) => o.op.operationId === id)!;
      const index = params.find((p) => p.name === "page_index");
      const limit = params.find((p) => p.name === "page_limit");
      expect([index.in, index.schema.minimum, index.schema.maximum, limit.schema.minimum, limit.schema.maximum], id).toEqual(["query", 1, 10000, 1, 1000]);
      const schema = jsonSchemaOf(doc, op.responses["200"]);
      expect(Object.keys(schema.properties).sort(), id).toEqual(["current_limit", "current_page", "results", "total_count", "total_pages"]);
    }
  });
});
