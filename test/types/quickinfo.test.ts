/**
 * What a user's editor shows: the hover text of a few calls and the messages of a few mistakes,
 * from a TypeScript language service over a small program importing the package entries. A
 * readable hover that regresses (a brand, a flattened params type, a cut-off promise) fails here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { languageService, type Service } from "./language-service.js";

const MAIN = `import { createJtlErpV1Client, getCustomerContact, isErrorOf, type JtlErpV1Client } from "vendor-api-clients/jtl-erp-v1";
import { createJtlErpV2Client } from "vendor-api-clients/jtl-erp-v2";
const erp = createJtlErpV1Client({ tenantId: "t", appId: "MyApp/1.0.0", appVersion: "1.0.0" });
const v2 = createJtlErpV2Client({ tenantId: "t" });
export const contact = erp.customers.contacts.get({ path: { customerId: 1, customerContactId: 2 } });
export const created = erp.customers.contacts.create({ path: { customerId: 1 }, body: { FirstName: "John" } });
export const page = erp.customers.list();
export const standalone = getCustomerContact(erp, { path: { customerId: 1, customerContactId: 2 } });
export const v2Contact = v2.customers.contacts.get({ path: { customerId: "c", customerContactId: "k" } });
export async function firstContact() {
  const body = await erp.customers.contacts.get({ path: { customerId: 1, customerContactId: 2 } });
  return body;
}
export class Service {
  constructor(private readonly client: JtlErpV1Client) {}
  load() {
    return this.client.customers.get({ path: { customerId: 1 } });
  }
}
export async function load() {
  try {
    return await erp.customers.get({ path: { customerId: 1 } });
  } catch (error) {
    if (isErrorOf(erp.customers.get, error)) return error.status;
    throw error;
  }
}
`;

const MISTAKES = `import { createJtlErpV1Client } from "vendor-api-clients/jtl-erp-v1";
const erp = createJtlErpV1Client({ tenantId: "t", appId: "a", appVersion: "1", baseURL: "https://example.test" });
erp.customers.get({ path: { customerID: 1 } });
erp.customers.contacts.get({ path: { customerId: 1, customerContactId: 2 } }, { timeoutMS: 5 });
createJtlErpV1Client({ tenantId: "t", appId: "a" });
`;

let service: Service;
beforeAll(() => {
  service = languageService({ "main.ts": MAIN, "mistakes.ts": MISTAKES });
});

describe("hovers", () => {
  it.each([
    ["const erp", "const erp: JtlErpV1Client"],
    [
      "erp.customers.contacts.get",
      "(method) get(params: GetCustomerContactParams<JtlErpV1DefaultedHeaders>, options?: OperationCallOptions | undefined): ApiPromise<CustomerContact, GetCustomerContactErrors>",
    ],
    [
      "erp.customers.contacts.create",
      "(method) create(params: CreateCustomerContactParams<JtlErpV1DefaultedHeaders>, options?: OperationCallOptions | undefined): ApiPromise<CustomerContact, CreateCustomerContactErrors>",
    ],
    [
      "erp.customers.list",
      '(method) list(params?: QueryCustomersParams<JtlErpV1DefaultedHeaders> | undefined, options?: OperationCallOptions | undefined): PagedApiPromise<PagedListOfCustomer, QueryCustomersErrors, PageItem<PagedListOfCustomer, "Items">>',
    ],
    [
      "v2.customers.contacts.get",
      '(method) get(params: GetCustomerContactParams<"x-tenant-id">, options?: OperationCallOptions | undefined): ApiPromise<CustomerContact, GetCustomerContactErrors>',
    ],
    [
      "this.client.customers.get",
      "(method) get(params: GetCustomerParams<JtlErpV1DefaultedHeaders>, options?: OperationCallOptions | undefined): ApiPromise<Customer, GetCustomerErrors>",
    ],
    [
      "= getCustomerContact",
      "(alias) getCustomerContact<JtlErpV1DefaultedHeaders>(client: Client<paths, JtlErpV1DefaultedHeaders>, params: GetCustomerContactParams<JtlErpV1DefaultedHeaders>, options?: OperationCallOptions | undefined): ApiPromise<CustomerContact, GetCustomerContactErrors>\nimport getCustomerContact",
    ],
    [
      "const body",
      "const body: {\n    Id: number;\n    Department: string;\n    Honorific: string;\n    FirstName: string;\n    LastName: string;\n    PhoneNumber: string;\n    MobilePhoneNumber: string;\n    EmailAddress: string;\n    Fax: string;\n} & RequestIdField",
    ],
    ["return error.status", "(property) status: 401 | 402 | 403 | 404 | 429 | UndocumentedStatus<GetCustomerErrors>"],
  ])("%s", (marker, expected) => {
    expect(service.quickInfo("main.ts", marker)).toBe(expected);
  });

  it("no hover shows the internal operation brand or a cut-off type", () => {
    for (const marker of ["erp.customers.contacts.get", "erp.customers.list", "= getCustomerContact", "this.client.customers.get"]) {
      const text = service.quickInfo("main.ts", marker);
      expect(text, marker).not.toMatch(/operationType|\.\.\.;|\[x: string\]/);
    }
  });

  it("the program itself has no errors", () => {
    expect(service.diagnostics("main.ts")).toEqual([]);
  });
});

describe("mistakes name themselves", () => {
  it("a misspelt option, param or call option, and a missing required option", () => {
    expect(service.diagnostics("mistakes.ts")).toEqual([
      "2: Object literal may only specify known properties, but 'baseURL' does not exist in type 'JtlErpV1ClientOptions'. Did you mean to write 'baseUrl'?",
      "3: Object literal may only specify known properties, but 'customerID' does not exist in type '{ customerId: number; }'. Did you mean to write 'customerId'?",
      "4: Object literal may only specify known properties, but 'timeoutMS' does not exist in type 'OperationCallOptions'. Did you mean to write 'timeoutMs'?",
      "5: Argument of type '{ tenantId: string; appId: string; }' is not assignable to parameter of type 'JtlErpV1ClientOptions'.\n  Property 'appVersion' is missing in type '{ tenantId: string; appId: string; }' but required in type 'JtlErpV1ClientOptions'.",
    ]);
  });
});
