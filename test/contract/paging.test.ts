/**
 * Paged list operations end to end: the generated clients walk the mock's pages with
 * `for await`, keep the page size they were asked for, end on an empty list, and surface a
 * failure on page 3 after yielding the items before it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InternalServerError } from "../../src/core/index.js";
import { createCroDispatchClient } from "../../src/cro-dispatch/index.js";
import { createJtlErpV1Client, type Customer } from "../../src/jtl-erp-v1/index.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { CONTRACT_API_KEY, CONTRACT_TOKEN } from "./apis.js";

let v1: MockServer;
let cro: MockServer;
beforeAll(async () => {
  [v1, cro] = await Promise.all([createMockServer({ api: "jtl-erp-v1", seed: 1 }), createMockServer({ api: "cro-dispatch", seed: 1 })]);
});
afterAll(async () => {
  await Promise.all([v1?.close(), cro?.close()]);
});

const erp = () =>
  createJtlErpV1Client({
    baseUrl: v1.baseUrl,
    tenantId: "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21",
    appId: "PagingTest/1.0.0",
    appVersion: "1.0.0",
    apiKey: CONTRACT_API_KEY,
    auth: CONTRACT_TOKEN,
    maxRetries: 0,
  });
const pageNumbers = (server: MockServer, path: string, param: string) =>
  server.requests.filter((r) => r.method === "GET" && r.path.endsWith(path)).map((r) => r.query[param] ?? null);

describe("paging against the mock", () => {
  it("JTL v1: walks every customer page by page, with the page size asked for", async () => {
    v1.reset();
    const client = erp();
    for (let i = 1; i <= 5; i++) {
      await client.customers.create({
        body: { CustomerGroupId: 1, LanguageIso: "de", InternalCompanyId: 1, BillingAddress: { City: `City ${i}`, CountryIso: "DE" } },
      });
    }
    const seen: Customer[] = [];
    for await (const customer of client.customers.list({ query: { pageSize: 2 } })) seen.push(customer);
    expect(seen.map((c) => c.BillingAddress.City)).toEqual(["City 1", "City 2", "City 3", "City 4", "City 5"]);
    expect(pageNumbers(v1, "/customers", "pageNumber")).toEqual([null, "2", "3"]);
    const sizes = v1.requests.filter((r) => r.method === "GET").map((r) => r.query.pageSize);
    expect(new Set(sizes)).toEqual(new Set(["2"]));
    expect(v1.violations).toEqual([]);
  });

  it("JTL v1: an empty list is one request and no items", async () => {
    v1.reset();
    const pages = [];
    for await (const page of erp().customers.list().pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.Items).toEqual([]);
    expect(v1.requests).toHaveLength(1);
  });

  it("JTL v1: a failure on page 3 comes after the items of pages 1 and 2", async () => {
    v1.reset();
    const client = erp();
    for (let i = 1; i <= 5; i++) {
      await client.customers.create({
        body: { CustomerGroupId: 1, LanguageIso: "de", InternalCompanyId: 1, BillingAddress: { City: `C${i}`, CountryIso: "DE" } },
      });
    }
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const customer of client.customers.list({ query: { pageSize: 2 } })) {
        seen.push(customer.BillingAddress.City);
        if (seen.length === 4) v1.respondNext({ operationId: "queryCustomers", status: 500 });
      }
    })().catch((error: unknown) => error);
    expect(seen).toEqual(["C1", "C2", "C3", "C4"]);
    expect(failure).toBeInstanceOf(InternalServerError);
  });

  it("CRO: walks a customer's contacts with page_index and page_limit", async () => {
    cro.reset();
    const client = createCroDispatchClient({ baseUrl: cro.baseUrl, tenantId: 1207, auth: CONTRACT_TOKEN, maxRetries: 0 });
    for (let i = 1; i <= 3; i++) await client.customers.contacts.create({ path: { customer_id: 3001 }, body: { name: `Contact ${i}` } });
    const names: (string | null)[] = [];
    for await (const contact of client.customers.contacts.list({ path: { customer_id: 3001 }, query: { page_limit: 2 } }))
      names.push(contact.name);
    expect(names).toEqual(["Contact 1", "Contact 2", "Contact 3"]);
    expect(pageNumbers(cro, "/contacts", "page_index")).toEqual([null, "2"]);
    expect(cro.violations).toEqual([]);
  });
});
