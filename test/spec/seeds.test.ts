// The seed pages 000–004: every fact each states is looked up in the bundled spec of its API by the
// pages:check engine (one parser per layout, scripts/lib/pages); below that, the checks the engine
// does not make (exact header sets, page 004's token limits and version list, page 003's invalid example).
import { beforeAll, describe, expect, it } from "vitest";
import { parseCroPage } from "../../scripts/lib/pages/cro-layout.js";
import { endsAfter, parseJtlPage } from "../../scripts/lib/pages/jtl-layout.js";
import { type Api, APIS, PAGE_API, bundleApi, readPage as read } from "./helpers.js";
import { findingsOf, isParsed } from "./page-findings.js";
import { deref, operationForPage } from "./spec-lookup.js";

const pages = Object.keys(PAGE_API)
  .filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f))
  .sort();
const docs = {} as Record<Api, any>;

beforeAll(async () => {
  for (const api of APIS) docs[api] = await bundleApi(api);
});

describe.each(pages)("page %s", (page) => {
  const api = PAGE_API[page]!;

  it("is read by a page layout, and every fact it states is in the spec", async () => {
    expect(await isParsed(api, page)).toBe(true);
    expect(await findingsOf(api, page)).toEqual([]);
  });

  it("has every 'Model Class' as a component schema of its API", () => {
    const text = read(page);
    const names = [...text.matchAll(/Model Class: (\w+)/g), ...text.matchAll(/Refer to (\w+) for more details/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(0);
    const op = operationForPage(docs[api], page).op;
    for (const name of new Set(names)) {
      // Page 004 also refers to header models, which are recorded on the operation, not as schemas.
      expect(name in docs[api].components.schemas || Object.values(op["x-doc-models"] ?? {}).includes(name), `${page}: ${name}`).toBe(true);
    }
  });
});

describe("JTL pages 000–002 (full layout)", () => {
  const full = pages.filter((p) => read(p).includes("\nAuthorizations\n"));

  it("are the three full JTL pages", () => {
    expect(full).toEqual(["000_f33e88c24c479551.txt", "001_f4791edd4d9a3c3b.txt", "002_0ad8afc653c467e3.txt"]);
  });

  it.each(full)("%s: the spec's header parameters are exactly the page's; a camelCase operationId and a tag", (page) => {
    const parsed = parseJtlPage(read(page));
    const { params, op } = operationForPage(docs[PAGE_API[page]!], page);
    const headers = parsed.section("Headers", endsAfter("Headers"));
    expect(headers.length).toBeGreaterThan(0);
    expect(
      params
        .filter((p: any) => p.in === "header")
        .map((p: any) => p.name)
        .sort(),
    ).toEqual(headers.map((h) => h.name).sort());
    expect(op.operationId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(op.tags?.length).toBeGreaterThan(0);
  });
});

describe("page 003 (fragments)", () => {
  it("the invalid date-time example is kept verbatim next to a valid one", () => {
    for (const name of ["CreateCustomer", "Customer"]) {
      const b = docs["jtl-erp-v1"].components.schemas[name].properties.Birthday;
      expect(b["x-doc-example"]).toBe("1985-01-01T");
      expect(b.example).not.toBe("1985-01-01T");
    }
  });
});

describe("page 004 (CRO layout)", () => {
  const page = "004_9ff413d2b390a7d1.txt";
  const parsed = parseCroPage(read(page));
  const doc = () => docs["cro-dispatch"];

  it("its server, roles and header lists", () => {
    const host = /^(\d+\.\d+\.\d+\.\d+:\d+)\//m.exec(read(page))![1];
    expect(doc().servers.some((s: any) => s["x-doc-value"] === host)).toBe(true);
    expect(operationForPage(doc(), page).op["x-roles"]).toEqual(["Dispatcher"]);
    expect(parsed.section("Request Headers").map((h) => h.name)).toEqual(["authorization", "Content-Type", "x-api-version", "x-tenant-id"]);
    expect(parsed.section("Response Headers").map((h) => h.name)).toEqual(["Content-Type", "x-api-version", "x-request-id"]);
  });

  it("the token limits are the mock's x-token-constraints, the versions x-api-version's enum", () => {
    const auth = parsed.section("Request Headers").find((h) => h.name === "authorization")!;
    const c = doc().components.securitySchemes.oauth2["x-token-constraints"];
    expect(`Matches ${c.pattern}`).toBe(auth.constraints[0]);
    expect(auth.constraints[1]).toContain(String(c.maxLength));
    expect(auth.constraints[2]).toContain(String(c.minLength));
    const { params, op } = operationForPage(doc(), page);
    expect(params.find((x: any) => x.name === "x-api-version").schema.enum).toEqual([
      "2019/02/08",
      "2021/04/07",
      "2021/05/07",
      "2021/08/02",
      "2021/11/04",
      "2023/04/19",
    ]);
    expect(deref(doc(), op.responses["200"].headers["x-request-id"]).schema.format).toBe("uuid");
  });
});
