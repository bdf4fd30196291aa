// Page-vs-spec for the saved JTL v2 copies (openapi/jtl-erp-v2/pages/jtl-v2-*.txt): every fact a copy
// shows — method, path, title, curl headers and body keys, the listed authorizations, headers and path
// parameters with type, flag, description and example, the response fields and the JSON samples — is
// looked up in the bundled v2 spec by the pages:check engine; below, what spans several copies.
import { beforeAll, describe, expect, it } from "vitest";
import { endsAfter, parseJtlPage } from "../../scripts/lib/pages/jtl-layout.js";
import { PAGE_API, bundleApi, readPage } from "./helpers.js";
import { findingsOf, isParsed } from "./page-findings.js";
import { operationForPage, pagesOf } from "./spec-lookup.js";

const pages = Object.keys(PAGE_API)
  .filter((p) => p.startsWith("jtl-v2-"))
  .sort();
let doc: any;

beforeAll(async () => {
  doc = await bundleApi("jtl-erp-v2");
});

describe.each(pages)("JTL v2 page %s", (page) => {
  const parsed = parseJtlPage(readPage(page));

  it("every fact it states is in the spec", async () => {
    expect(await isParsed("jtl-erp-v2", page)).toBe(true);
    expect(await findingsOf("jtl-erp-v2", page)).toEqual([]);
  });

  it.runIf(parsed.sample !== undefined && !Array.isArray(parsed.sample))(
    "its error sample, printed with no status, is kept verbatim",
    () => {
      const { op } = operationForPage(doc, page);
      expect(op["x-doc-error-sample"]).toEqual(parsed.sample);
      expect(Object.keys(op["x-error-body"].properties)).toEqual(Object.keys(parsed.sample as object));
      for (const [key, value] of Object.entries(parsed.sample as object))
        expect(op["x-error-body"].properties[key].type).toBe(typeof value);
    },
  );
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
    for (const operation of [
      operationForPage(doc, "jtl-v2-query-customer-contacts.txt"),
      operationForPage(doc, "jtl-v2-update-customer-contact.txt"),
      operationForPage(doc, "jtl-v2-delete-customer-contact.txt"),
    ]) {
      const listed = new Set(
        pagesOf(operation.op).flatMap((p) =>
          parseJtlPage(readPage(p))
            .section("Headers", endsAfter("Headers"))
            .map((f) => f.name),
        ),
      );
      expect(
        operation.params
          .filter((p) => p.in === "header")
          .map((p) => p.name)
          .sort(),
        operation.op.operationId,
      ).toEqual([...listed].sort());
    }
  });
});
