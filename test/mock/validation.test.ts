// Every kind of request violation is found, recorded with its operation and place, and answered
// 400 (documented body when there is one, problem+json otherwise) or 401 for security.
import { afterEach, describe, expect, it } from "vitest";
import type { Violation } from "../../src/mock/index.js";
import { CRO_TOKEN, CUSTOMER_UUID, mockApi, TENANT, type MockApi } from "./helpers.js";

let api: MockApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

const where = (v: readonly Violation[]) => v.map((x) => `${x.operationId} ${x.in} ${x.where}`);

describe("parameters", () => {
  it("a missing required header is a violation, answered 400 problem+json where no 400 is documented (v2)", async () => {
    api = await mockApi("jtl-erp-v2");
    const r = await api.call("createCustomerContact", {
      path: { customerId: CUSTOMER_UUID },
      body: { firstName: "Erika" },
      omit: ["x-tenant-id"],
    });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(r.json.detail).toContain("x-tenant-id");
    expect(where(api.server.violations)).toEqual(["createCustomerContact header x-tenant-id"]);
  });

  it("a path parameter that is not a uuid is a violation", async () => {
    api = await mockApi("jtl-erp-v2");
    const r = await api.call("getCustomerContact", { path: { customerId: "not-a-uuid", customerContactId: CUSTOMER_UUID } });
    expect(r.status).toBe(400);
    expect(api.server.violations).toMatchObject([
      { operationId: "getCustomerContact", in: "path", where: "customerId", message: expect.stringContaining("uuid") },
    ]);
  });

  it("int32 path ids: 2147483647 passes, 2147483648 and 1.5 overflow or mistype", async () => {
    api = await mockApi("jtl-erp-v1");
    const ok = await api.call("getCustomerContact", { path: { customerId: 1, customerContactId: 2147483647 } });
    expect(ok.status).toBe(404); // valid id, just unknown
    expect(api.server.violations).toEqual([]);
    const overflow = await api.call("getCustomerContact", { path: { customerId: 1, customerContactId: 2147483648 } });
    expect(overflow.status).toBe(400);
    expect(overflow.json).toMatchObject({ ErrorMessage: expect.stringContaining("int32") }); // documented ErrorResponse shape
    const fraction = await api.call("getCustomerContact", { path: { customerId: "1.5", customerContactId: 1 } });
    expect(fraction.status).toBe(400);
    expect(where(api.server.violations)).toEqual(["getCustomerContact path customerContactId", "getCustomerContact path customerId"]);
  });

  it("int64 headers are coerced from text: x-tenant-id 1207 passes, abc does not (CRO)", async () => {
    api = await mockApi("cro-dispatch");
    const ok = await api.call("createCustomerContact", { path: { customer_id: 3001 }, body: { name: "Jane" } });
    expect(ok.status).toBe(200);
    const bad = await api.call("createCustomerContact", {
      path: { customer_id: 3001 },
      body: { name: "Jane" },
      headers: { "x-tenant-id": "abc" },
    });
    expect(bad.status).toBe(400);
    expect(api.server.violations).toMatchObject([{ in: "header", where: "x-tenant-id", message: expect.stringContaining("integer") }]);
  });

  it("a header value outside its enum is a violation that lists the allowed values (CRO x-api-version)", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", {
      path: { customer_id: 3001 },
      body: { name: "Jane" },
      headers: { "x-api-version": "2020/01/01" },
    });
    expect(r.status).toBe(400);
    expect(api.server.violations).toMatchObject([
      { in: "header", where: "x-api-version", message: expect.stringContaining('"2023/04/19"') },
    ]);
  });

  it("a query parameter of the wrong type is a violation (v1 pageSize)", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.call("queryCustomers", { query: { pageSize: "many" } });
    expect(r.status).toBe(400);
    expect(where(api.server.violations)).toEqual(["queryCustomers query pageSize"]);
  });
});

describe("bodies", () => {
  it("a string longer than maxLength is a violation at its JSON pointer, answered with CRO's documented 400 body", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", { path: { customer_id: 3001 }, body: { name: "x".repeat(129) } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ title: "Bad Request", detail: expect.stringContaining("/name") });
    expect(api.server.violations).toMatchObject([{ in: "body", where: "/name", message: expect.stringContaining("128") }]);
  });

  it("a missing required property, a wrong type and a too-long nested value are each reported (v1 createCustomer)", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.call("createCustomer", {
      body: {
        CustomerGroupId: "one",
        LanguageIso: "DE",
        InternalCompanyId: 1,
        Shipmentaddress: { City: "Bielefeld", CountryIso: "GERMANY" },
      },
    });
    expect(r.status).toBe(400);
    expect(where(api.server.violations).sort()).toEqual(
      [
        "createCustomer body /BillingAddress",
        "createCustomer body /CustomerGroupId",
        "createCustomer body /Shipmentaddress/CountryIso",
      ].sort(),
    );
  });

  it("v1's 400 body lists the actual problems in ValidationErrors, one per field, not the example's", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.call("createCustomer", {
      body: {
        CustomerGroupId: "one",
        LanguageIso: "DE",
        InternalCompanyId: 1,
        BillingAddress: { City: "Bielefeld", CountryIso: "GERMANY" },
      },
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.json.ValidationErrors).sort()).toEqual(["BillingAddress.CountryIso", "CustomerGroupId"]);
    expect(r.json.ValidationErrors.CustomerGroupId).toContain("integer");
    expect(r.json.ErrorMessage).toContain("/BillingAddress/CountryIso");
    // Fields that do not describe this error keep the documented 400 example's values.
    expect(r.json).toMatchObject({ ErrorCode: "ValidationFailed", Errors: {}, Stacktrace: "" });
    const header = await api.call("getCustomerContact", { path: { customerId: 1, customerContactId: 2147483648 } });
    expect(header.json.ValidationErrors).toEqual({ customerContactId: expect.stringContaining("int32") });
  });

  it("CRO's 400 body is title and detail about this request, no example text about other problems", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", {
      path: { customer_id: 3001 },
      body: { name: "Jane" },
      headers: { "x-api-version": "2020/01/01" },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ title: "Bad Request", detail: expect.stringContaining("x-api-version") });
  });

  it("a wrong content type, a body that is not JSON, and a missing required body are violations", async () => {
    api = await mockApi("cro-dispatch");
    const path = { customer_id: 3001 };
    expect(
      (await api.call("createCustomerContact", { path, rawBody: "name=Jane", headers: { "content-type": "text/plain" } })).status,
    ).toBe(400);
    expect(
      (await api.call("createCustomerContact", { path, rawBody: "{name:", headers: { "content-type": "application/json" } })).status,
    ).toBe(400);
    expect((await api.call("createCustomerContact", { path })).status).toBe(400);
    expect(api.server.violations.map((v) => [v.in, v.message])).toEqual([
      ["content-type", expect.stringContaining("text/plain")],
      ["body", expect.stringContaining("not valid JSON")],
      ["body", "the request body is required"],
    ]);
  });

  it("a valid body with a charset parameter on its content type passes", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", {
      path: { customer_id: 3001 },
      body: { name: "Jane" },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(r.status).toBe(200);
    expect(api.server.violations).toEqual([]);
  });
});

describe("security", () => {
  it("no Authorization header: 401, with the documented body when there is one (CRO) and problem+json otherwise (v2)", async () => {
    api = await mockApi("cro-dispatch");
    const cro = await api.call("createCustomerContact", { path: { customer_id: 3001 }, body: { name: "Jane" }, omit: ["authorization"] });
    expect(cro.status).toBe(401);
    expect(cro.json).toMatchObject({ title: "Unauthorized" });
    expect(where(api.server.violations)).toEqual(["createCustomerContact security Authorization"]);
    await api.server.close();

    api = await mockApi("jtl-erp-v2");
    const v2 = await api.call("getCustomerContact", {
      path: { customerId: CUSTOMER_UUID, customerContactId: CUSTOMER_UUID },
      omit: ["authorization"],
    });
    expect(v2.status).toBe(401);
    expect(v2.headers.get("content-type")).toBe("application/problem+json");
  });

  it("v1 needs both the bearer token and x-api-key (one requirement with two schemes); its 401 has no body", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.call("getCustomer", { path: { customerId: 1 }, omit: ["x-api-key"] });
    expect(r.status).toBe(401);
    expect(r.text).toBe("");
    const basic = await api.call("getCustomer", { path: { customerId: 1 }, headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
    expect(where(api.server.violations)).toEqual(["getCustomer security x-api-key", "getCustomer security Authorization"]);
  });

  it("CRO's x-token-constraints: the page's own placeholder and an over-long token fail; Bearer/bearer with a JWT pass", async () => {
    api = await mockApi("cro-dispatch");
    const send = (authorization: string) =>
      api!.call("createCustomerContact", { path: { customer_id: 3001 }, body: { name: "Jane" }, headers: { authorization } });
    expect((await send(`Bearer ${CRO_TOKEN}`)).status).toBe(200);
    expect((await send(`bearer ${CRO_TOKEN.toLowerCase()}`)).status).toBe(200);
    expect(api.server.violations).toEqual([]);
    expect((await send("Bearer {your-auth-token}")).status).toBe(401);
    expect((await send(`Bearer ${"a".repeat(125)}.${"b".repeat(125)}`)).status).toBe(401); // 258 characters
    expect(api.server.violations.map((v) => [v.in, v.message])).toEqual([
      ["security", expect.stringMatching(/x-token-constraints.*does not match/)],
      ["security", expect.stringMatching(/x-token-constraints.*longer than 256/)],
    ]);
  });

  it("never puts a credential into violations or recorded requests", async () => {
    api = await mockApi("jtl-erp-v1");
    await api.call("getCustomer", { path: { customerId: "x" } });
    const dump = JSON.stringify([api.server.violations, api.server.requests]);
    expect(api.server.violations.length).toBeGreaterThan(0);
    expect(dump).not.toContain("v1-secret-token");
    expect(dump).not.toContain("v1-secret-key");
    expect(api.server.requests[0]!.headers.authorization).toBe("Bearer [redacted]");
    expect(api.server.requests[0]!.headers["x-tenant-id"]).toBe(TENANT);
  });
});
