// The scripted vendor change the drill applies to a scratch copy of the repo, as a maintainer
// would transcribe it: a new JTL v1 operation (GET /customers/{customerId}/tags), an optional
// field added to a response model (CustomerContact.Position) and a request field renamed
// (CreateCustomerContact.Fax → FaxNumber, its example included).
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/** What the change adds and renames, for the drill's expectations. */
export const CHANGE = {
  operationId: "queryCustomerTags",
  route: "/customers/{customerId}/tags",
  resourceMethod: "customers.tags.list",
  responseField: { schema: "CustomerContact", name: "Position" },
  renamedField: { schema: "CreateCustomerContact", from: "Fax", to: "FaxNumber" },
} as const;

function editYaml(file: string, edit: (doc: any) => void): void {
  const doc = YAML.parse(fs.readFileSync(file, "utf8"));
  edit(doc);
  fs.writeFileSync(file, YAML.stringify(doc, { lineWidth: 0 }));
}

/** Renames an object key in place, keeping its position. */
function renameKey(object: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(object);
  if (!entries.some(([key]) => key === from)) throw new Error(`no key ${from} to rename`);
  for (const [key] of entries) delete object[key];
  for (const [key, value] of entries) object[key === from ? to : key] = value;
}

/** Applies the change to the JTL v1 spec under `root`. */
export function applyVendorChange(root: string): void {
  const api = path.join(root, "openapi", "jtl-erp-v1");

  // A new operation, written like its neighbours (the notes list of a customer).
  const notes = YAML.parse(fs.readFileSync(path.join(api, "paths", "customers_{customerId}_notes.yaml"), "utf8"));
  const list = structuredClone(notes.get);
  Object.assign(list, {
    operationId: CHANGE.operationId,
    summary: "Query Customer Tags",
    description: "Query all tags of a specific customer",
    tags: ["Customers"],
    security: [{ oauth2: [], apiKey: ["customer.querycustomertags"] }],
  });
  delete list["x-reference-operation-id"];
  list.parameters[0].description = "The id of the customer that the tags belong to.";
  list.responses["200"] = {
    description: "The tags of the customer.",
    content: {
      "application/json": {
        schema: { type: "array", items: { type: "string" } },
        examples: { list: { summary: "Two tags", value: ["VIP", "Newsletter"] } },
      },
    },
  };
  fs.writeFileSync(
    path.join(api, "paths", "customers_{customerId}_tags.yaml"),
    YAML.stringify({ parameters: notes.parameters, get: list }),
  );
  editYaml(path.join(api, "openapi.yaml"), (doc) => {
    doc.paths[CHANGE.route] = { $ref: "paths/customers_{customerId}_tags.yaml" };
  });

  // An optional response field.
  editYaml(path.join(api, "components", "schemas", `${CHANGE.responseField.schema}.yaml`), (schema) => {
    schema.properties[CHANGE.responseField.name] = {
      type: "string",
      description: "The contact person's position in the company.",
      example: "CEO",
    };
  });

  // A renamed request field, in the model and in the request example that uses it.
  const { schema, from, to } = CHANGE.renamedField;
  editYaml(path.join(api, "components", "schemas", `${schema}.yaml`), (model) => renameKey(model.properties, from, to));
  editYaml(path.join(api, "paths", "customers_{customerId}_contacts.yaml"), (item) => {
    for (const example of Object.values<any>(item.post.requestBody.content["application/json"].examples))
      renameKey(example.value, from, to);
  });
}
