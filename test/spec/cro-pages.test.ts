// Page-vs-spec for the saved CRO site pages (openapi/cro-dispatch/pages/cro-*.txt and page 004 in the
// site's layout): each request page's method, path, title, description, roles, breaking changes,
// parameters, headers, body and response fields (type, flag, description, limits) and samples, and each
// model page's fields and template, are looked up in the bundled CRO spec by the pages:check engine;
// below, what the engine does not check: cut-off samples, listCustomers' query model, the guides.
import { beforeAll, describe, expect, it } from "vitest";
import { limitsOf, parseCroPage, schemaTypeOf, type CroField } from "../../scripts/lib/pages/cro-layout.js";
import { PAGE_API, bundleApi, readPage } from "./helpers.js";
import { findingsOf, isParsed } from "./page-findings.js";
import { jsonSchemaOf, operationsOf, typesOf } from "./spec-lookup.js";

const croPages = Object.keys(PAGE_API)
  .filter((p) => PAGE_API[p] === "cro-dispatch")
  .sort();
const requestPages = croPages.filter((p) => parseCroPage(readPage(p)).method !== undefined);
const modelPages = croPages.filter((p) => p.startsWith("cro-model-"));
let doc: any;
/** Prose compared with line breaks as spaces: the spec wraps its descriptions. */
const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ");

beforeAll(async () => {
  doc = await bundleApi("cro-dispatch");
});

/** Type, limits and description of a query parameter as the model page states them. */
function expectValue(node: any, schema: any, f: CroField, where: string) {
  expect(typesOf(schema), `${where}: type`).toContain(schemaTypeOf(f.docType));
  if (f.description) expect(flat(node.description), `${where}: description`).toContain(f.description);
  expect(node["x-doc-constraints"] ?? [], `${where}: constraints`).toEqual(f.constraints);
  for (const c of f.constraints)
    for (const [key, value] of Object.entries(limitsOf(c))) expect(schema[key], `${where}: ${key} from "${c}"`).toBe(value);
}

describe.each(croPages)("CRO page %s", (page) => {
  it("every fact it states is in the spec", async () => {
    expect(await findingsOf("cro-dispatch", page)).toEqual([]);
  });
});

describe.each(requestPages)("CRO request page %s", (page) => {
  const parsed = parseCroPage(readPage(page));

  it("is read by the CRO layout", async () => {
    expect(await isParsed("cro-dispatch", page)).toBe(true);
  });

  it.runIf("X-REQUEST-ID" in parsed.sampleResponseHeaders && parsed.jsonBlocks.at(-1)?.value === undefined)(
    "its cut-off recorded answer shows the model's keys",
    () => {
      const op = operationsOf(doc).find((o) => o.op["x-doc-page"] === page || (o.op["x-doc-page-copies"] ?? []).includes(page))!.op;
      const schema = jsonSchemaOf(doc, op.responses["200"]);
      const shown = [
        ...readPage(page)
          .split("X-REQUEST-ID")[1]!
          .matchAll(/^"(\w+)":/gm),
      ].map((x) => x[1]!);
      expect(shown.filter((k) => k in schema.properties).length, `${page}: sample keys`).toBeGreaterThan(3);
    },
  );
});

describe.each(modelPages)("CRO model page %s", (page) => {
  const parsed = parseCroPage(readPage(page));
  const name = parsed.title;
  const fields = parsed.section("Fields");
  const template = parsed.jsonBlocks[0]?.value as Record<string, string>;

  it("names its model and lists fields", () => {
    expect(page).toBe(`cro-model-${name}.txt`);
    expect(fields.length).toBeGreaterThan(0);
    expect(Object.keys(template).length).toBeGreaterThanOrEqual(fields.length);
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

  it.runIf(name === "CreateDispatchCustomerLocationModel")(
    "is not transcribed: only Add Customer Location uses it, which is not one of the operations",
    () => {
      expect(doc.components.schemas[name]).toBeUndefined();
      expect(doc.paths["/customers/{customer_id}/locations/{customer_location_id}"]).toBeUndefined();
    },
  );
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
    expect(
      operationsOf(doc)
        .map((o) => `${o.method.toUpperCase()} ${o.path}`)
        .sort(),
    ).toEqual([
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
      expect([index.in, index.schema.minimum, index.schema.maximum, limit.schema.minimum, limit.schema.maximum], id).toEqual([
        "query",
        1,
        10000,
        1,
        1000,
      ]);
      const schema = jsonSchemaOf(doc, op.responses["200"]);
      expect(Object.keys(schema.properties).sort(), id).toEqual(["current_limit", "current_page", "results", "total_count", "total_pages"]);
    }
  });
});
