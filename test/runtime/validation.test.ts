/** `validateResponses: responseValidator()`: bodies checked against the bundled spec, the first mismatch named by JSON pointer. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callOperation, createClient, ResponseValidationError, type OperationMeta } from "../../src/core/index.js";
import { createCroDispatchClient } from "../../src/cro-dispatch/index.js";
import { createJtlErpV1Client } from "../../src/jtl-erp-v1/index.js";
import { createJtlErpV2Client } from "../../src/jtl-erp-v2/index.js";
import { responseValidator } from "../../src/validation/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const validContact = {
  Id: 12,
  Department: "Purchasing",
  Honorific: "Ms.",
  FirstName: "Erika",
  LastName: "Mustermann",
  PhoneNumber: "+49 521 1234567",
  MobilePhoneNumber: "+49 171 1234567",
  EmailAddress: "erika.mustermann@example.com",
  Fax: "+49 521 1234568",
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.url.startsWith("/customers/1/contacts/1")) return json(response, 200, validContact);
    if (request.url.startsWith("/customers/1/contacts/2")) return json(response, 200, { ...validContact, Id: "12" });
    if (request.url.startsWith("/customers/1/contacts/3")) {
      const { Fax: _, ...withoutFax } = validContact;
      return json(response, 200, withoutFax);
    }
    if (request.url.startsWith("/v2/")) return json(response, 200, { id: "not-a-uuid" });
    if (request.url.startsWith("/customers/400/")) return json(response, 400, { title: 400, detail: "x" }, { "x-request-id": "rid-1" });
    if (request.url.startsWith("/customers/404/")) return json(response, 404, { ErrorCode: "NotFound", ErrorMessage: "gone" });
    if (request.url.startsWith("/customers/405/")) return json(response, 404, { ErrorCode: 7 });
    return json(response, 404, {});
  });
});
afterAll(() => server.close());

const v1 = (validate: boolean) =>
  createJtlErpV1Client({
    baseUrl: server.url,
    tenantId: "t",
    appId: "a",
    appVersion: "1",
    ...(validate ? { validateResponses: responseValidator() } : {}),
  });
const getContact = (erp: ReturnType<typeof v1>, customerContactId: number) =>
  erp.customers.contacts.get({ path: { customerId: 1, customerContactId } });

describe("validateResponses", () => {
  // v1's 404 is `$ref: '#/components/responses/NotFound'`: its schema must be found where the ref points.
  it("checks a response declared by $ref to components/responses, valid and invalid", async () => {
    const erp = v1(true);
    const valid = await erp.customers.contacts.get({ path: { customerId: 404, customerContactId: 1 } }).result();
    expect(valid.error?.status).toBe(404);
    expect(valid.error?.body).toEqual({ ErrorCode: "NotFound", ErrorMessage: "gone" });
    const invalid = await erp.customers.contacts.get({ path: { customerId: 405, customerContactId: 1 } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ResponseValidationError);
    expect((invalid as ResponseValidationError).pointer).toBe("/ErrorCode");
  });

  it("passes a body that matches the spec", async () => {
    await expect(getContact(v1(true), 1)).resolves.toEqual(validContact);
  });

  it("names the JSON pointer of a wrong type", async () => {
    const error = (await getContact(v1(true), 2).catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.pointer).toBe("/Id");
    expect(error.status).toBe(200);
    expect(error.operationId).toBe("getCustomerContact");
    expect(error.message).toContain("does not match the spec at /Id: must be integer");
  });

  it("names a missing required property", async () => {
    const error = (await getContact(v1(true), 3).catch((e: unknown) => e)) as ResponseValidationError;
    expect(error.pointer).toBe("");
    expect(error.message).toContain("must have required property 'Fax'");
    expect(error.schemaPath).toBe(
      "#/paths/~1customers~1{customerId}~1contacts~1{customerContactId}/get/responses/200/content/application~1json/schema/required",
    );
  });

  it("checks formats (uuid)", async () => {
    const erp = createJtlErpV2Client({ baseUrl: server.url, tenantId: "t", validateResponses: responseValidator() });
    const error = (await erp.customers.contacts
      .get({ path: { customerId: "c", customerContactId: "k" } })
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.pointer).toBe("/id");
    expect(error.message).toContain('must match format "uuid"');
  });

  it("checks documented error bodies too", async () => {
    const cro = createCroDispatchClient({ baseUrl: server.url, tenantId: 1, validateResponses: responseValidator() });
    const error = (await cro.customers.contacts
      .create({ path: { customer_id: 400 }, body: {} })
      .result()
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.status).toBe(400);
    expect(error.pointer).toBe("/title");
    expect(error.requestId).toBe("rid-1");
  });

  it("is off by default: a mismatching body passes through", async () => {
    await expect(getContact(v1(false), 2)).resolves.toMatchObject({ Id: "12" });
  });
});

describe("the spec is loaded lazily and each validator compiled once", () => {
  const meta = {
    operationId: "getCustomerContact",
    method: "get",
    path: "/customers/{customerId}/contacts/{customerContactId}",
    request: null,
    responses: { "200": "application/json" },
  } as const satisfies OperationMeta;

  it("loads the spec on the first validated call only, and reads an operation's schema once", async () => {
    const spec = JSON.parse(readFileSync(new URL("../../generated/jtl-erp-v1/openapi.json", import.meta.url), "utf8"));
    const operation = spec.paths[meta.path].get;
    let schemaReads = 0;
    const responses = operation.responses;
    Object.defineProperty(operation, "responses", {
      get: () => {
        schemaReads++;
        return responses;
      },
    });
    let loads = 0;
    const client = createClient({
      baseUrl: server.url,
      validateResponses: responseValidator({
        spec: async () => {
          loads++;
          return spec;
        },
      }),
    });
    expect(loads).toBe(0);
    await callOperation(client, meta, { path: { customerId: 1, customerContactId: 1 } });
    expect(loads).toBe(1);
    const readsWhileCompiling = schemaReads;
    expect(readsWhileCompiling).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await callOperation(client, meta, { path: { customerId: 1, customerContactId: 1 } });
    await expect(callOperation(client, meta, { path: { customerId: 1, customerContactId: 2 } })).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
    expect(loads).toBe(1);
    // Later calls reuse the compiled validator: the spec is not read again.
    expect(schemaReads).toBe(readsWhileCompiling);
  });

  it("refuses validateResponses: true with the import to use instead (plain JavaScript)", () => {
    expect(() => createJtlErpV2Client({ tenantId: "t", validateResponses: true as never })).toThrow(
      /import \{ responseValidator \} from "vendor-api-clients\/validation"/,
    );
  });

  it("needs a spec for a client no factory made, and says so when the client is built", () => {
    expect(() => createClient({ baseUrl: server.url, validateResponses: responseValidator() })).toThrow(
      /no bundled spec for a client named "Client"; pass responseValidator\(\{ spec \}\)/,
    );
  });
});
