// The change report's classification for callers of the client, as a table: each row applies one
// scripted vendor change to the bundled JTL v1 spec and names the change and impact it must report.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bumpOf, specChanges, type SpecChange } from "../../scripts/lib/spec-changes.js";
import { ROOT } from "./helpers.js";

const base = JSON.parse(fs.readFileSync(path.join(ROOT, "generated", "jtl-erp-v1", "openapi.json"), "utf8"));
const schemas = (doc: any) => doc.components.schemas;
const op = (doc: any, p: string, m: string) => doc.paths[p][m];

const cases: [string, (doc: any) => void, Partial<SpecChange>][] = [
  [
    "a renamed request field",
    (d) => {
      const c = schemas(d).CreateCustomerContact;
      c.properties.Dept = c.properties.Department;
      delete c.properties.Department;
    },
    {
      operation: "POST /customers/{customerId}/contacts",
      impact: "breaking",
      text: "request field `Department` renamed to `Dept`: callers that send or read it break",
    },
  ],
  [
    "a new optional response field",
    (d) => (schemas(d).CustomerContact.properties.Nickname = { type: "string", description: "A nickname." }),
    {
      operation: "GET /customers/{customerId}/contacts/{customerContactId}",
      impact: "addition",
      text: "response 200 field `Nickname` added",
    },
  ],
  [
    "a removed request field",
    (d) => delete schemas(d).CreateCustomerContact.properties.Fax,
    {
      operation: "POST /customers/{customerId}/contacts",
      impact: "breaking",
      text: "request field `Fax` removed: callers that send it no longer compile",
    },
  ],
  [
    "a request field made required",
    (d) => (schemas(d).CreateCustomerContact.required = ["LastName"]),
    { operation: "POST /customers/{customerId}/contacts", impact: "breaking", text: "request field `LastName` is now required" },
  ],
  [
    "a response field no longer required",
    (d) => (schemas(d).CustomerContact.required = schemas(d).CustomerContact.required.filter((f: string) => f !== "Fax")),
    {
      operation: "GET /customers/{customerId}/contacts/{customerContactId}",
      impact: "breaking",
      text: "response 200 field `Fax` may now be absent: callers that rely on it break",
    },
  ],
  [
    "a new operation",
    (d) =>
      (d.paths["/customers/{customerId}/things"] = { get: { operationId: "listThings", responses: { "200": { description: "ok" } } } }),
    { operation: "GET /customers/{customerId}/things", operationId: "listThings", impact: "addition", text: "operation added" },
  ],
  [
    "a removed operation",
    (d) => delete d.paths["/customers/{customerId}"].delete,
    { operation: "DELETE /customers/{customerId}", operationId: "deleteCustomer", impact: "breaking", text: "operation removed" },
  ],
  [
    "a new required query parameter",
    (d) => op(d, "/customers", "get").parameters.push({ name: "tenant", in: "query", required: true, schema: { type: "string" } }),
    { operation: "GET /customers", impact: "breaking", text: "query parameter `tenant` added, required: every call must send it" },
  ],
  [
    "a retyped request field",
    (d) => (schemas(d).CreateCustomerContact.properties.Fax.type = "integer"),
    { operation: "POST /customers/{customerId}/contacts", impact: "breaking" },
  ],
  [
    "a changed description",
    (d) => (op(d, "/customers", "get").description = "Lists customers."),
    { operation: "GET /customers", impact: "docs", text: "description changed" },
  ],
];

describe("change report", () => {
  it.each(cases)("classifies %s", (_, change, expected) => {
    const after = structuredClone(base);
    change(after);
    const changes = specChanges(base, after);
    expect(changes).toContainEqual(expect.objectContaining(expected));
    // Nothing is reported that the change did not cause: every entry has the expected impact.
    expect(
      changes.every((c) => c.impact === expected.impact),
      JSON.stringify(changes, null, 1),
    ).toBe(true);
  });

  it("reports nothing for an unchanged spec, and the bump follows the worst change", () => {
    expect(specChanges(base, structuredClone(base))).toEqual([]);
    expect(bumpOf([])).toBe("none");
    const docs = structuredClone(base);
    op(docs, "/customers", "get").summary = "Query all customers";
    expect(bumpOf(specChanges(base, docs))).toBe("patch");
    const added = structuredClone(docs);
    schemas(added).CustomerContact.properties.Nickname = { type: "string", description: "A nickname." };
    expect(bumpOf(specChanges(base, added))).toBe("minor");
    delete schemas(added).CreateCustomerContact.properties.Fax;
    expect(bumpOf(specChanges(base, added))).toBe("major");
  });
});
