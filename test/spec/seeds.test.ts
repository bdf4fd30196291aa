// The automated part of the side-by-side check: reads every doc page and looks each stated
// fact up in the bundled spec of its API (operation, headers, parameters, model classes, fields).
import { beforeAll, describe, expect, it } from "vitest";
import { type Api, APIS, PAGE_API, apiOf, bundleApi, readPage as read } from "./helpers.js";

const pages = Object.keys(PAGE_API).filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f)).sort();
const docs = {} as Record<Api, any>;

beforeAll(async () => {
  for (const api of APIS) docs[api] = await bundleApi(api);
});

const deref = (doc: any, node: any): any =>
  node && typeof node.$ref === "string"
    ? deref(doc, node.$ref.slice(2).split("/").reduce((o: any, k: string) => o?.[k], doc))
    : node;

function operations(doc: any) {
  return Object.entries<any>(doc.paths).flatMap(([p, item]) =>
    Object.entries<any>(item)
      .filter(([m]) => m !== "parameters")
      .map(([method, op]) => ({
        path: p,
        method,
        op,
        params: [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x: any) => deref(doc, x)),
      })),
  );
}

const opForPage = (page: string) => {
  const found = operations(docs[apiOf(page)]).filter((o) => o.op["x-doc-page"] === page);
  expect(found, `operations with x-doc-page ${page}`).toHaveLength(1);
  return found[0]!;
};

/** Lines of a section of a page: from the line equal to `start` up to the first line in `ends`. */
function section(text: string, start: string, ends: string[]): string[] {
  const lines = text.split("\n").map((l) => l.trim());
  const from = lines.indexOf(start);
  if (from < 0) return [];
  const rest = lines.slice(from + 1);
  const to = rest.findIndex((l) => ends.includes(l));
  return to < 0 ? rest : rest.slice(0, to);
}

interface MintField {
  name: string;
  type: string;
  format?: string;
  required: boolean;
  description?: string;
  example?: string;
}

/** Fields in the JTL pages' layout: name, `type<format>`, optional `required`, description, `Example:`. */
function mintFields(lines: string[]): MintField[] {
  const fields: MintField[] = [];
  const typeRe = /^(string|integer|boolean|number)(?:<([^>]+)>)?$/;
  for (let i = 0; i + 1 < lines.length; i++) {
    const name = lines[i] ?? "";
    const t = typeRe.exec(lines[i + 1] ?? "");
    if (!name || !t || typeRe.test(name) || name === "header") continue;
    let j = i + 2;
    if (lines[j] === "header") j++;
    const required = lines[j] === "required";
    if (required) j++;
    while (lines[j] === "") j++;
    const description = lines[j] && !typeRe.test(lines[j + 1] ?? "") ? lines[j] : undefined;
    const exAt = lines.indexOf("Example:", j);
    const nextField = lines.findIndex((l, k) => k > i + 1 && typeRe.test(lines[k + 1] ?? "") && l !== "");
    const example = exAt > 0 && (nextField < 0 || exAt < nextField) ? lines.slice(exAt + 1).find((l) => l) : undefined;
    fields.push({ name, type: t[1]!, format: t[2], required, description, example });
  }
  return fields;
}

function expectParam(params: any[], f: MintField, where: "header" | "path" | "query", page: string) {
  const p = params.find((x) => x.name === f.name && x.in === where);
  expect(p, `${page}: ${where} parameter ${f.name}`).toBeDefined();
  expect(p.required ?? false, `${page}: ${f.name} required`).toBe(f.required);
  expect(p.schema.type, `${page}: ${f.name} type`).toBe(f.type);
  expect(p.schema.format, `${page}: ${f.name} format`).toBe(f.format);
  if (f.description) expect(p.description, `${page}: ${f.name} description`).toContain(f.description);
  if (f.example) expect(p.example, `${page}: ${f.name} example`).toBe(JSON.parse(f.example));
}

function expectProperty(doc: any, schemaName: string, f: MintField, page: string) {
  const schema = doc.components.schemas[schemaName];
  const prop = schema?.properties?.[f.name];
  expect(prop, `${page}: ${schemaName}.${f.name}`).toBeDefined();
  expect(prop.type, `${page}: ${schemaName}.${f.name} type`).toBe(f.type);
  expect(prop.format, `${page}: ${schemaName}.${f.name} format`).toBe(f.format);
  if (f.description) expect(prop.description, `${page}: ${schemaName}.${f.name} description`).toContain(f.description);
  if (f.example) expect(prop.example, `${page}: ${schemaName}.${f.name} example`).toBe(JSON.parse(f.example));
  expect((schema.required ?? []).includes(f.name), `${page}: ${schemaName}.${f.name} required`).toBe(f.required);
}

describe.each(pages)("page %s", (page) => {
  const text = read(page);
  const api = PAGE_API[page]!;

  it("is mapped to an API", () => {
    expect(api).toBeDefined();
  });

  it("has every 'Model Class' as a component schema of its API", () => {
    const names = [...text.matchAll(/Model Class: (\w+)/g), ...text.matchAll(/Refer to (\w+) for more details/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    const doc = docs[api];
    const op = opForPage(page).op;
    for (const name of new Set(names.map(String))) {
      // Page 004 also refers to header models, which are recorded on the operation, not as schemas.
      const known = name in doc.components.schemas || Object.values(op["x-doc-models"] ?? {}).includes(name);
      expect(known, `${page}: ${name}`).toBe(true);
    }
  });
});

describe("JTL pages 000–002 (full layout)", () => {
  const full = pages.filter((p) => read(p).includes("\nAuthorizations\n"));

  it("are the three full JTL pages", () => {
    expect(full).toEqual(["000_f33e88c24c479551.txt", "001_f4791edd4d9a3c3b.txt", "002_0ad8afc653c467e3.txt"]);
  });

  it.each(full)("%s: method, path, server, summary", (page) => {
    const t = read(page);
    const { method, path: p, op } = opForPage(page);
    const [, m = "", url = ""] = /curl --request (\w+) \\\n\s+--url (\S+)/.exec(t)!;
    expect(method).toBe(m.toLowerCase());
    const server = docs[apiOf(page)].servers.find((s: any) => url.startsWith(s.url));
    expect(server, `server for ${url}`).toBeDefined();
    expect(url.slice(server.url.length)).toBe(p);
    const lines = t.split("\n");
    expect(lines[lines.findIndex((l) => l.startsWith("curl --request")) - 1]).toBe(op.summary);
    expect(op.operationId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(op.tags?.length).toBeGreaterThan(0);
  });

  it.each(full)("%s: every header and path parameter as on the page", (page) => {
    const t = read(page);
    const { params } = opForPage(page);
    const headers = mintFields(section(t, "Headers", ["Path Parameters", "Body", "Response"]));
    const pathParams = mintFields(section(t, "Path Parameters", ["Body", "Response"]));
    expect(headers.length).toBeGreaterThan(0);
    expect(pathParams.length).toBeGreaterThan(0);
    for (const f of headers) expectParam(params, f, "header", page);
    for (const f of pathParams) expectParam(params, f, "path", page);
    // Nothing more either: the spec's header and path parameters are exactly the page's.
    expect(params.filter((p: any) => p.in === "header").length).toBe(headers.length);
    expect(params.filter((p: any) => p.in === "path").length).toBe(pathParams.length);
  });

  it.each(full)("%s: authorizations", (page) => {
    const t = read(page);
    const doc = docs[apiOf(page)];
    const auths = mintFields(section(t, "Authorizations", ["Headers"]));
    const schemes = doc.components.securitySchemes;
    for (const a of auths) {
      const scheme = Object.values<any>(schemes).find(
        (s) => (s.type === "apiKey" && s.name === a.name) || s["x-doc-header"]?.name === a.name,
      );
      expect(scheme, `${page}: security scheme for ${a.name}`).toBeDefined();
      expect(scheme.description).toContain(a.description);
    }
    if (t.includes("x-api-key")) expect(doc.security.some((r: any) => "apiKey" in r && "oauth2" in r)).toBe(true);
  });

  it.each(full)("%s: body fields of each model class", (page) => {
    const t = read(page);
    const doc = docs[apiOf(page)];
    const lines = t.split("\n").map((l) => l.trim());
    const starts = lines.flatMap((l, i) => (l.startsWith("Model Class: ") ? [i] : []));
    expect(starts.length).toBeGreaterThan(0);
    starts.forEach((s, k) => {
      const name = lines[s]!.slice("Model Class: ".length);
      const fields = mintFields(lines.slice(s + 1, starts[k + 1] ?? lines.length));
      expect(fields.length, `${page}: fields of ${name}`).toBeGreaterThan(0);
      for (const f of fields) expectProperty(doc, name, f, page);
      expect(Object.keys(doc.components.schemas[name].properties).length, `${page}: ${name} has only the page's fields`).toBe(fields.length);
    });
  });
});

describe("page 003 (fragments)", () => {
  const page = "003_e4c917227f3e6afd.txt";
  const lines = read(page).split("\n").map((l) => l.trim()).filter(Boolean);
  const doc = () => docs["jtl-erp-v1"];

  function strings(node: unknown, out: string[] = []): string[] {
    if (typeof node === "string") out.push(node);
    else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
    else if (node && typeof node === "object") Object.values(node).forEach((n) => strings(n, out));
    return out;
  }
  function exampleValues(node: unknown, out: unknown[] = []): unknown[] {
    if (Array.isArray(node)) node.forEach((n) => exampleValues(n, out));
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "example" || k === "x-doc-example") out.push(v);
        exampleValues(v, out);
      }
    }
    return out;
  }

  it("its title is the summary of the operation transcribed from it", () => {
    expect(opForPage(page).op.summary).toBe(lines[0]);
  });

  it("every description line appears in the v1 spec", () => {
    const all = strings(doc());
    const prose = lines.slice(1).filter((l) => !l.startsWith("Model Class:") && !/^(".*"|\d+|true|false)$/.test(l));
    expect(prose.length).toBeGreaterThan(15);
    for (const l of prose) expect(all.some((s) => s.includes(l)), l).toBe(true);
  });

  it("every example value appears as an example (or x-doc-example) in the v1 spec", () => {
    const all = exampleValues(doc());
    const examples = lines.filter((l) => /^(".*"|\d+|true|false)$/.test(l)).map((l) => JSON.parse(l));
    expect(examples.length).toBeGreaterThan(20);
    for (const e of examples) expect(all, JSON.stringify(e)).toContainEqual(e);
  });

  it("the invalid date-time example is kept verbatim next to a valid one", () => {
    for (const name of ["CreateCustomer", "Customer"]) {
      const b = doc().components.schemas[name].properties.Birthday;
      expect(b["x-doc-example"]).toBe("1985-01-01T");
      expect(b.example).not.toBe("1985-01-01T");
    }
  });
});

describe("page 004 (CRO layout)", () => {
  const page = "004_9ff413d2b390a7d1.txt";
  const t = read(page);
  const doc = () => docs["cro-dispatch"];
  const fieldRe = /^(\S+) (String|Integer|Boolean)(?:, (Required|Optional))?$/;
  const TYPES: Record<string, string> = { String: "string", Integer: "integer", Boolean: "boolean" };

  /** Fields of a section: `name Type, Required|Optional`, then the description, then `• constraint` lines. */
  function croFields(start: string, ends: string[]) {
    const lines = section(t, start, ends);
    return lines.flatMap((l, i) => {
      const m = fieldRe.exec(l);
      if (!m) return [];
      const rest = lines.slice(i + 1);
      const next = rest.findIndex((x) => fieldRe.test(x));
      const body = (next < 0 ? rest : rest.slice(0, next)).filter(Boolean);
      const constraints = body.filter((x) => x.startsWith("•")).map((x) => x.replace(/^•\s*/, ""));
      const description = body.find((x) => !x.startsWith("•") && !x.startsWith("Default Value") && !x.startsWith("One of the following"));
      // No flag (page 004's response fields): the page does not say; the site's model page decides (cro-pages.test.ts).
      const required = m[3] === undefined ? undefined : m[3] === "Required";
      return [{ name: m[1]!, type: TYPES[m[2]!]!, required, description, constraints }];
    });
  }

  it("method, path, summary, servers", () => {
    const { method, path: p, op } = opForPage(page);
    const [, m = "", pagePath] = /^(GET|POST|PUT|PATCH|DELETE) (\S+)$/m.exec(t)!;
    expect(method).toBe(m.toLowerCase());
    expect(p).toBe(pagePath);
    expect(op.summary).toBe(t.split("\n").map((l) => l.trim()).filter(Boolean)[1]);
    const host = /^(\d+\.\d+\.\d+\.\d+:\d+)\//m.exec(t)![1];
    expect(doc().servers.some((s: any) => s["x-doc-value"] === host)).toBe(true);
    expect(op["x-roles"]).toEqual(["Dispatcher"]);
  });

  it("request headers and path parameters", () => {
    const { params, op } = opForPage(page);
    const headers = croFields("Request Headers", ["Request Body"]);
    expect(headers.map((h) => h.name)).toEqual(["authorization", "Content-Type", "x-api-version", "x-tenant-id"]);
    for (const h of headers) {
      if (h.name === "authorization") {
        const scheme = doc().components.securitySchemes.oauth2;
        expect(scheme["x-doc-header"].name).toBe(h.name);
        expect(scheme["x-doc-header"].required).toBe(h.required);
        expect(scheme.description).toContain(h.description);
        expect(scheme["x-doc-constraints"]).toEqual(h.constraints);
        const c = scheme["x-token-constraints"];
        expect(`Matches ${c.pattern}`).toBe(h.constraints[0]);
        expect(h.constraints[1]).toContain(String(c.maxLength));
        expect(h.constraints[2]).toContain(String(c.minLength));
      } else if (h.name === "Content-Type") {
        const rec = op["x-doc-headers"].find((x: any) => x.name === h.name && x.in === "request");
        expect(rec.required).toBe(h.required);
      } else {
        const p = params.find((x: any) => x.name === h.name && x.in === "header");
        expect(p, h.name).toBeDefined();
        expect(p.required ?? false).toBe(h.required);
        expect(p.schema.type).toBe(h.type);
        expect(p.description).toContain(h.description);
        expect(p["x-doc-constraints"] ?? []).toEqual(h.constraints);
      }
    }
    const xv = params.find((x: any) => x.name === "x-api-version");
    expect(xv.schema.enum).toEqual(["2019/02/08", "2021/04/07", "2021/05/07", "2021/08/02", "2021/11/04", "2023/04/19"]);
    for (const f of croFields("Path Parameters", ["Query Parameters"])) {
      const p = params.find((x: any) => x.name === f.name && x.in === "path");
      expect(p, f.name).toBeDefined();
      expect(p.schema.type).toBe(f.type);
      expect(p.description).toContain(f.description);
    }
  });

  it("response headers", () => {
    const { op } = opForPage(page);
    const headers = croFields("Response Headers", ["Response Body"]);
    expect(headers.map((h) => h.name)).toEqual(["Content-Type", "x-api-version", "x-request-id"]);
    const ok = op.responses["200"];
    for (const h of headers) {
      if (h.name === "Content-Type") {
        expect(op["x-doc-headers"].some((x: any) => x.name === h.name && x.in === "response")).toBe(true);
        continue;
      }
      const header = deref(doc(), ok.headers[h.name]);
      expect(header, h.name).toBeDefined();
      expect(header.description).toContain(h.description);
      expect(header["x-doc-constraints"]).toEqual(h.constraints);
    }
    expect(deref(doc(), ok.headers["x-request-id"]).schema.format).toBe("uuid");
  });

  it.each([
    ["Request Body", "CreateCustomerContactModel", ["Response"]],
    ["Response Body", "CustomerContactModel", ["Code Samples"]],
  ])("%s fields are in %s", (start, model, ends) => {
    const schema = doc().components.schemas[model as string];
    const fields = croFields(start as string, ends as string[]);
    expect(fields.length).toBe(Object.keys(schema.properties).length);
    for (const f of fields) {
      const prop = schema.properties[f.name];
      expect(prop, f.name).toBeDefined();
      expect([prop.type].flat()).toContain(f.type);
      if (f.required !== undefined) expect((schema.required ?? []).includes(f.name)).toBe(f.required);
      expect(prop.description).toContain(f.description);
      expect(prop["x-doc-constraints"] ?? []).toEqual(f.constraints);
      for (const c of f.constraints) {
        const range = /At least (\d+)(?: and no more than|\s*characters, not more than) (\d+)/.exec(c);
        if (range) {
          expect(prop.minLength).toBe(Number(range[1]));
          expect(prop.maxLength).toBe(Number(range[2]));
        }
        if (c.startsWith("One of 0, 1, True, False")) {
          expect(prop["x-accepted-values"]).toEqual(["0", "1", "True", "False"]);
          expect(prop["x-accepted-values-case-insensitive"]).toBe(true);
        }
      }
    }
  });
});
