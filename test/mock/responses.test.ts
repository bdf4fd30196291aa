// Answers come from the spec: examples (checked at start-up), documented headers, Prefer: code= /
// example=, and server.respondNext; every answer is checked against its schema by the helpers.
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, MockSpecError } from "../../src/mock/index.js";
import { CUSTOMER_UUID, mockApi, specOf, type MockApi } from "./helpers.js";
import { deref } from "../spec/spec-lookup.js";

let api: MockApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const contact = { customer_id: 3001 };

describe("examples and headers", () => {
  it("answers an operation without state from its first example (v2 GET of an id never created)", async () => {
    api = await mockApi("jtl-erp-v2");
    const r = await api.call("getCustomerContact", { path: { customerId: CUSTOMER_UUID, customerContactId: CUSTOMER_UUID } });
    expect(r.status).toBe(200);
    const example =
      api.doc.paths["/v2/customers/{customerId}/contacts/{customerContactId}"].get.responses["200"].content["application/json"].examples
        .contact.value;
    expect(r.json).toEqual(example);
  });

  it("sets CRO's documented headers: x-request-id fresh per answer, x-api-version echoed when sent, else its example", async () => {
    api = await mockApi("cro-dispatch");
    const a = await api.call("createCustomerContact", { path: contact, body: { name: "A" }, headers: { "x-api-version": "2021/04/07" } });
    const b = await api.call("createCustomerContact", { path: contact, body: { name: "B" } });
    expect(a.headers.get("x-request-id")).toMatch(UUID);
    expect(b.headers.get("x-request-id")).toMatch(UUID);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect(a.headers.get("x-api-version")).toBe("2021/04/07");
    expect(b.headers.get("x-api-version")).toBe(api.doc.components.headers.XApiVersion.example);
    // Error answers carry their documented headers too.
    const bad = await api.call("createCustomerContact", { path: contact, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-request-id")).toMatch(UUID);
  });

  it("refuses to start when an example does not match its schema, naming the example and operation", async () => {
    const doc = await specOf("cro-dispatch");
    doc.paths["/customers/{customer_id}/contacts"].post.responses["200"].content["application/json"].examples.pageSample.value.id = "5012";
    await expect(createMockServer({ spec: doc })).rejects.toThrow(MockSpecError);
    await expect(createMockServer({ spec: doc })).rejects.toThrow(
      /example "pageSample" of createCustomerContact response 200 \(application\/json\): \/id must be integer/,
    );
  });

  it("refuses a document that is not OpenAPI 3.x, and a security requirement naming an undefined scheme", async () => {
    await expect(createMockServer({ spec: { swagger: "2.0", paths: {} } })).rejects.toThrow(/not an OpenAPI 3.x document/);
    const doc = await specOf("jtl-erp-v2");
    doc.security = [{ missingScheme: [] }];
    await expect(createMockServer({ spec: doc })).rejects.toThrow(/"missingScheme", which components.securitySchemes does not define/);
  });
});

describe("Prefer", () => {
  it("code=404 answers the documented 404 with its example", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", { path: contact, body: { name: "Jane" }, headers: { prefer: "code=404" } });
    expect(r.status).toBe(404);
    const documented = deref(api.doc, api.doc.paths["/customers/{customer_id}/contacts"].post.responses["404"]);
    expect(r.json).toEqual(deref(api.doc, Object.values<any>(documented.content["application/json"].examples)[0]).value);
  });

  it("example=full picks a named example of the success answer; code and example combine", async () => {
    api = await mockApi("cro-dispatch");
    const media = api.doc.paths["/customers/{customer_id}/contacts"].post.responses["200"].content["application/json"];
    const full = await api.call("createCustomerContact", { path: contact, body: { name: "Jane" }, headers: { prefer: "example=full" } });
    expect(full.json).toEqual(media.examples.full.value);
    const both = await api.call("createCustomerContact", {
      path: contact,
      body: { name: "Jane" },
      headers: { prefer: "code=409, example=error" },
    });
    expect(both.status).toBe(409);
    expect(both.json.title).toBe("Conflict");
  });

  it("an unknown example name is a violation (in: prefer), answered 500", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", { path: contact, body: { name: "Jane" }, headers: { prefer: "example=nope" } });
    expect(r.status).toBe(500);
    expect(api.server.violations).toMatchObject([{ in: "prefer", message: expect.stringContaining('"nope"') }]);
  });

  it("an undocumented code is answered as asked, with problem+json", async () => {
    api = await mockApi("jtl-erp-v2");
    const r = await api.call("getCustomerContact", {
      path: { customerId: CUSTOMER_UUID, customerContactId: CUSTOMER_UUID },
      headers: { prefer: "code=503" },
    });
    expect(r.status).toBe(503);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
  });

  it("validation still comes first: an invalid request with Prefer gets its 400", async () => {
    api = await mockApi("cro-dispatch");
    const r = await api.call("createCustomerContact", { path: contact, body: { name: 7 }, headers: { prefer: "code=404" } });
    expect(r.status).toBe(400);
  });
});

describe("respondNext", () => {
  it("answers the next request as queued, then goes back to normal", async () => {
    api = await mockApi("cro-dispatch");
    api.server.respondNext({ status: 409, headers: { "x-extra": "1" } });
    const forced = await api.call("createCustomerContact", { path: contact, body: { name: "Jane" } });
    expect(forced.status).toBe(409);
    expect(forced.headers.get("x-extra")).toBe("1");
    expect((await api.call("createCustomerContact", { path: contact, body: { name: "Jane" } })).status).toBe(200);
  });

  it("an entry for an operation waits for that operation", async () => {
    api = await mockApi("jtl-erp-v1");
    api.server.respondNext({ operationId: "getCustomer", status: 403 });
    expect((await api.call("queryCustomers")).status).toBe(200);
    expect((await api.call("getCustomer", { path: { customerId: 1 } })).status).toBe(403);
  });

  it("a queued body that does not match the documented schema is sent but recorded as a response violation", async () => {
    api = await mockApi("cro-dispatch");
    api.server.respondNext({ status: 200, body: { id: "not-an-integer" } });
    const res = await fetch(`${api.server.url}/customers/3001/contacts`, {
      method: "POST",
      headers: { authorization: "Bearer abc.def.ghi", "x-tenant-id": "1", "content-type": "application/json" },
      body: JSON.stringify({ name: "Jane" }),
    });
    expect(res.status).toBe(200);
    // The forced body lacks the other required fields too; the wrong id is among what is recorded.
    expect(api.server.violations.length).toBeGreaterThan(0);
    expect(api.server.violations.every((v) => v.in === "response")).toBe(true);
    expect(api.server.violations).toContainEqual(expect.objectContaining({ in: "response", where: "/id" }));
  });

  it("rejects a malformed entry at once", async () => {
    api = await mockApi("jtl-erp-v2");
    expect(() => api!.server.respondNext({ status: 42 })).toThrow(/status must be an integer from 200 to 599/);
    expect(() => api!.server.respondNext({ fault: "explode" as never })).toThrow(/fault "explode" is not one of/);
  });
});
