// The in-memory store: created records can be read, updated, listed and deleted; ids have the
// spec's type; unknown ids get the documented 404; a resource of a spec the server has never
// seen gets state too, with no code for it.
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { answerChecker, mockApi, type MockApi } from "./helpers.js";

let api: MockApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("jtl-erp-v1", () => {
  it("contact round trip: create → get → update → get → delete → 404", async () => {
    api = await mockApi("jtl-erp-v1");
    const path = { customerId: 7 };
    const created = await api.call("createCustomerContact", {
      path,
      body: { FirstName: "Erika", LastName: "Mustermann", Department: "Sales" },
    });
    expect(created.status).toBe(201);
    expect(Number.isInteger(created.json.Id)).toBe(true);
    expect(created.json).toMatchObject({ FirstName: "Erika", Department: "Sales" });
    const item = { ...path, customerContactId: created.json.Id };

    const fetched = await api.call("getCustomerContact", { path: item });
    expect(fetched.json).toEqual(created.json);

    const updated = await api.call("updateCustomerContact", { path: item, body: { Department: "Purchasing", Fax: "+49 1" } });
    expect(updated.status).toBe(204);
    const after = await api.call("getCustomerContact", { path: item });
    expect(after.json).toEqual({ ...created.json, Department: "Purchasing", Fax: "+49 1" });

    expect((await api.call("deleteCustomerContact", { path: item })).status).toBe(204);
    const gone = await api.call("getCustomerContact", { path: item });
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ ErrorCode: "NotFound", ErrorMessage: expect.stringContaining(String(created.json.Id)) });
    expect((await api.call("deleteCustomerContact", { path: item })).status).toBe(404);
    expect(api.server.violations).toEqual([]);
  });

  it("contacts live under their customer: another customer's list does not show them", async () => {
    api = await mockApi("jtl-erp-v1");
    const body = { CustomerGroupId: 1, BillingAddress: { City: "Bielefeld", CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 };
    const [first, second] = [(await api.call("createCustomer", { body })).json.Id, (await api.call("createCustomer", { body })).json.Id];
    await api.call("createCustomerContact", { path: { customerId: first }, body: { FirstName: "A" } });
    await api.call("createCustomerContact", { path: { customerId: first }, body: { FirstName: "B" } });
    const one = await api.call("queryCustomerContacts", { path: { customerId: first } });
    const two = await api.call("queryCustomerContacts", { path: { customerId: second } });
    expect(one.json.map((c: { FirstName: string }) => c.FirstName)).toEqual(["A", "B"]);
    expect(two.json).toEqual([]);
    const other = await api.call("getCustomerContact", { path: { customerId: second, customerContactId: one.json[0].Id } });
    expect(other.status).toBe(404);
  });

  it("a child of a customer the mock never created is a 404 where documented (list contacts)", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.call("queryCustomerContacts", { path: { customerId: 999 } });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ ErrorCode: "NotFound", ErrorMessage: "no record with customerId 999 in /customers" });
  });

  it("a contact accepted under an unknown customer (create documents no 404) makes that customer's contacts readable", async () => {
    api = await mockApi("jtl-erp-v1");
    const created = await api.call("createCustomerContact", { path: { customerId: 7 }, body: { FirstName: "Erika" } });
    expect(created.status).toBe(201);
    expect((await api.call("getCustomerContact", { path: { customerId: 7, customerContactId: created.json.Id } })).status).toBe(200);
    expect((await api.call("queryCustomerContacts", { path: { customerId: 7 } })).json).toHaveLength(1);
    expect((await api.call("queryCustomerContacts", { path: { customerId: 8 } })).status).toBe(404);
  });

  it("deleting a customer forgets its contacts: reading them is a 404", async () => {
    api = await mockApi("jtl-erp-v1");
    const body = { CustomerGroupId: 1, BillingAddress: { City: "Bielefeld", CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 };
    const customerId = (await api.call("createCustomer", { body })).json.Id;
    const contact = await api.call("createCustomerContact", { path: { customerId }, body: { FirstName: "Erika" } });
    expect((await api.call("deleteCustomer", { path: { customerId } })).status).toBe(204);
    expect((await api.call("getCustomerContact", { path: { customerId, customerContactId: contact.json.Id } })).status).toBe(404);
    expect((await api.call("queryCustomerContacts", { path: { customerId } })).status).toBe(404);
    expect(api.server.violations).toEqual([]);
  });

  it("customers: int32 ids, a paged list, delete", async () => {
    api = await mockApi("jtl-erp-v1");
    const body = { CustomerGroupId: 1, BillingAddress: { City: "Bielefeld", CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 };
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.call("createCustomer", { body: { ...body, Number: `C${i}` } })).json.Id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toBeLessThanOrEqual(2 ** 31 - 1);

    const page2 = await api.call("queryCustomers", { query: { pageSize: 2, pageNumber: 2 } });
    expect(page2.json).toMatchObject({
      TotalItems: 3,
      PageNumber: 2,
      PageSize: 2,
      TotalPages: 2,
      HasNextPage: false,
      HasPreviousPage: true,
      PreviousPageNumber: 1,
    });
    expect(page2.json.Items.map((c: { Number: string }) => c.Number)).toEqual(["C2"]);
    // The created customer is completed to the Customer schema (every field required there).
    expect(page2.json.Items[0].BillingAddress).toMatchObject({ City: "Bielefeld", CountryIso: "DE", Id: expect.any(Number) });

    expect((await api.call("deleteCustomer", { path: { customerId: ids[0]! } })).status).toBe(204);
    expect((await api.call("getCustomer", { path: { customerId: ids[0]! } })).status).toBe(404);
    expect((await api.call("queryCustomers")).json.TotalItems).toBe(2);
  });

  it("a created record holds what was sent: required fields left out are empty, never example values", async () => {
    api = await mockApi("jtl-erp-v1");
    const contact = await api.call("createCustomerContact", { path: { customerId: 7 }, body: { FirstName: "Erika" } });
    const empty = { Department: "", Honorific: "", LastName: "", PhoneNumber: "", MobilePhoneNumber: "", EmailAddress: "", Fax: "" };
    expect(contact.json).toEqual({ Id: expect.any(Number), FirstName: "Erika", ...empty });

    const body = { CustomerGroupId: 1, BillingAddress: { City: "Bielefeld", CountryIso: "DE" }, LanguageIso: "DE", InternalCompanyId: 1 };
    const customer = (await api.call("createCustomer", { body })).json;
    expect(customer).toMatchObject({ ...body, Number: "", Website: "", AccountsReceivableNumber: 0, IsLocked: false });
    expect(customer.BillingAddress).toMatchObject({ City: "Bielefeld", CountryIso: "DE", Id: 0, Company: "", Street: "" });
    expect(customer.PaymentSettings).toEqual({
      PaymentMethodId: 0,
      Discount: 0,
      PaymentTarget: 0,
      CreditLimit: 0,
      StopPaymentRequest: false,
    });
    // A date-time cannot be "": its zero time says "none" instead of the example's date.
    expect(customer.Birthday).toBe("0001-01-01T00:00:00Z");
    expect(api.server.violations).toEqual([]);
  });

  it("a rejected request changes nothing", async () => {
    api = await mockApi("jtl-erp-v1");
    const r = await api.call("createCustomer", { body: { CustomerGroupId: 1 } });
    expect(r.status).toBe(400);
    expect((await api.call("queryCustomers")).json.TotalItems).toBe(0);
  });
});

describe("jtl-erp-v2 and cro-dispatch", () => {
  it("v2: uuid ids; a created contact is read back; an unknown id falls back to the example (no 404 documented)", async () => {
    api = await mockApi("jtl-erp-v2", { seed: 7 });
    const customerId = "0e2f8a5c-3b1d-4f6e-9a7b-1c2d3e4f5a6b";
    const created = await api.call("createCustomerContact", { path: { customerId }, body: { firstName: "Erika" } });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(UUID);
    const fetched = await api.call("getCustomerContact", { path: { customerId, customerContactId: created.json.id } });
    expect(fetched.json).toEqual({ id: created.json.id, firstName: "Erika" });
    const unknown = await api.call("getCustomerContact", {
      path: { customerId, customerContactId: "11111111-2222-4333-8444-555555555555" },
    });
    expect(unknown.status).toBe(200);
    expect(unknown.json.id).toBe("b45f6432-2462-4c6f-b00f-1d9d01000000");
  });

  it("v2: the same seed gives the same ids, and reset() starts over", async () => {
    const first = await mockApi("jtl-erp-v2", { seed: 99 });
    const second = await mockApi("jtl-erp-v2", { seed: 99 });
    try {
      const path = { customerId: "0e2f8a5c-3b1d-4f6e-9a7b-1c2d3e4f5a6b" };
      const a = (await first.call("createCustomerContact", { path, body: {} })).json.id;
      const b = (await second.call("createCustomerContact", { path, body: {} })).json.id;
      expect(a).toBe(b);
      first.server.reset();
      expect(first.server.requests).toEqual([]);
      expect((await first.call("createCustomerContact", { path, body: {} })).json.id).toBe(a);
      expect((await first.call("createCustomerContact", { path, body: {} })).json.id).not.toBe(a);
    } finally {
      await first.server.close();
      await second.server.close();
    }
  });

  it("CRO: int64 ids, fields the body left out answered as null where the schema allows it", async () => {
    api = await mockApi("cro-dispatch");
    const a = await api.call("createCustomerContact", { path: { customer_id: 3001 }, body: { name: "John J NewContact" } });
    const b = await api.call("createCustomerContact", { path: { customer_id: 3001 }, body: { name: "Jane", notify_on_new_request: true } });
    expect(Number.isSafeInteger(a.json.id)).toBe(true);
    expect(b.json.id).not.toBe(a.json.id);
    expect(a.json).toMatchObject({ name: "John J NewContact", email: null, fax: null, number: null });
    expect(b.json.notify_on_new_request).toBe(true);
  });

  it("records requests so a test can see a POST was sent exactly once, with the client's attempt number", async () => {
    api = await mockApi("cro-dispatch");
    await api.call("createCustomerContact", { path: { customer_id: 1 }, body: { name: "Once" }, headers: { "x-retry-attempt": "0" } });
    const posts = api.server.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      operationId: "createCustomerContact",
      path: "/customers/1/contacts",
      body: { name: "Once" },
      attempt: 0,
      status: 200,
    });
  });
});

describe("any OpenAPI document", () => {
  /** A resource no API of this repo has: served, validated and stateful with no code for it. */
  const widgets = {
    openapi: "3.1.0",
    info: { title: "Widgets", version: "1" },
    servers: [{ url: "https://example.com/api/v3" }],
    paths: {
      "/widgets": {
        get: {
          operationId: "listWidgets",
          responses: {
            "200": {
              description: "all",
              content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Widget" } } } },
            },
          },
        },
        post: {
          operationId: "createWidget",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewWidget" } } } },
          responses: {
            "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } },
          },
        },
      },
      "/widgets/count": {
        get: {
          operationId: "countWidgets",
          responses: { "200": { description: "n", content: { "application/json": { schema: { type: "integer" }, example: 42 } } } },
        },
      },
      "/widgets/{widgetId}": {
        parameters: [{ name: "widgetId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: {
          operationId: "getWidget",
          responses: {
            "200": { description: "one", content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } },
            "404": {
              description: "none",
              content: {
                "application/json": {
                  schema: { type: "object", required: ["message"], properties: { message: { type: "string" } } },
                  example: { message: "not found" },
                },
              },
            },
          },
        },
        delete: { operationId: "deleteWidget", responses: { "204": { description: "gone" } } },
      },
    },
    components: {
      schemas: {
        NewWidget: {
          type: "object",
          required: ["name"],
          properties: { name: { type: "string", maxLength: 10 }, size: { type: "integer", minimum: 1 } },
        },
        Widget: {
          type: "object",
          required: ["id", "name", "colour"],
          properties: {
            id: { type: "string", format: "uuid" },
            name: { type: "string" },
            colour: { type: "string", enum: ["red", "blue"] },
            note: { type: ["string", "null"] },
          },
        },
      },
    },
  };

  it("routes (concrete path before template, base path optional), validates, and keeps state", async () => {
    const server: MockServer = await createMockServer({ spec: widgets });
    const check = answerChecker(widgets);
    const send = async (method: string, path: string, template: string, body?: unknown) => {
      const res = await fetch(server.url + path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
      const text = await res.text();
      const answer = { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
      check(method.toLowerCase(), template, answer);
      return answer;
    };
    try {
      expect(server.baseUrl).toBe(`${server.url}/api/v3`);
      expect((await send("GET", "/widgets/count", "/widgets/count")).json).toBe(42);
      const created = await send("POST", "/api/v3/widgets", "/widgets", { name: "gear" });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ id: expect.stringMatching(UUID), name: "gear", colour: "red", note: null });
      expect((await send("GET", `/widgets/${created.json.id}`, "/widgets/{widgetId}")).json).toEqual(created.json);
      expect((await send("GET", "/widgets", "/widgets")).json).toEqual([created.json]);
      expect((await send("POST", "/widgets", "/widgets", { name: "much too long" })).status).toBe(400);
      expect((await send("DELETE", `/widgets/${created.json.id}`, "/widgets/{widgetId}")).status).toBe(204);
      expect((await send("GET", `/widgets/${created.json.id}`, "/widgets/{widgetId}")).status).toBe(404);
      expect(server.violations.map((v) => `${v.operationId} ${v.in} ${v.where}`)).toEqual(["createWidget body /name"]);
    } finally {
      await server.close();
    }
  });
});

describe("parents, in any document", () => {
  const idSchema = { type: "integer", format: "int64" };
  const notFound = {
    description: "none",
    content: { "application/json": { schema: { type: "object", properties: { message: { type: "string" } } } } },
  };
  const record = { type: "object", required: ["id"], properties: { id: idSchema, name: { type: "string" } } };
  const input = { type: "object", properties: { name: { type: "string" } } };
  const json = (schema: object) => ({ "application/json": { schema } });
  const param = (name: string) => ({ name, in: "path", required: true, schema: idSchema });
  const spec = {
    openapi: "3.1.0",
    info: { title: "Shelves", version: "1" },
    paths: {
      "/shelves": {
        post: {
          operationId: "createShelf",
          requestBody: { content: json(input) },
          responses: { "201": { description: "ok", content: json(record) } },
        },
      },
      "/shelves/{shelfId}/boxes": {
        parameters: [param("shelfId")],
        post: {
          operationId: "createBox",
          requestBody: { content: json(input) },
          responses: { "201": { description: "ok", content: json(record) }, "404": notFound },
        },
      },
      "/shelves/{shelfId}/boxes/{boxId}/items": {
        parameters: [param("shelfId"), param("boxId")],
        get: {
          operationId: "listItems",
          responses: { "200": { description: "ok", content: json({ type: "array", items: record }) }, "404": notFound },
        },
      },
    },
  };
  const send = (server: MockServer, method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));

  it("every earlier {param} must name a record the mock holds: a missing shelf or box is a 404 naming it", async () => {
    const server = await createMockServer({ spec });
    try {
      expect(await send(server, "POST", "/shelves/5/boxes", {})).toEqual({
        status: 404,
        json: { message: "no record with shelfId 5 in /shelves" },
      });
      const shelf = (await send(server, "POST", "/shelves", { name: "s" })).json.id;
      const box = await send(server, "POST", `/shelves/${shelf}/boxes`, { name: "b" });
      expect(box.status).toBe(201);
      expect((await send(server, "GET", `/shelves/${shelf}/boxes/${box.json.id}/items`)).status).toBe(200);
      expect(await send(server, "GET", `/shelves/${shelf}/boxes/${box.json.id + 1}/items`)).toEqual({
        status: 404,
        json: { message: `no record with boxId ${box.json.id + 1} in /shelves/${shelf}/boxes` },
      });
    } finally {
      await server.close();
    }
  });
});
