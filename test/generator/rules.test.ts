// The generator's rules as given/want tables: names (scripts/lib/naming.ts and the collect
// step's allocation), places in the resource tree (scripts/lib/resource-tree.ts), and the
// identifier check (identifiers.ts), here on every API's generated code.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiNames } from "../../scripts/lib/apis.js";
import { NameRegistry, propertyKey, safeCamel, safePascal } from "../../scripts/lib/naming.js";
import type { OperationInfo, ResourceGroup } from "../../scripts/lib/records.js";
import { buildResourceTree } from "../../scripts/lib/resource-tree.js";
import { collect, derivedName } from "../../scripts/steps/collect.js";
import type { OpenApiDocument } from "../../scripts/steps/load.js";
import { ROOT } from "./helpers.js";
import { undeclaredIdentifiers } from "./identifiers.js";

describe("naming: a function name from an operationId", () => {
  const cases: [given: string, want: string][] = [
    ["items.get all", "itemsGetAll"],
    ["2fa-enable", "op2faEnable"],
    ["delete", "delete_"],
    ["class", "class_"],
    ["undefined", "undefined_"],
    ["get_user", "getUser"],
    ["get user", "getUser"],
    ["customer-contacts", "customerContacts"],
    ["HTTPStatus", "httpStatus"],
    ["listXMLFiles", "listXMLFiles"],
    ["get users/{id}", "getUsersId"],
    ["ÜberFoo", "überFoo"],
    ["!!!", ""],
  ];
  it.each(cases)("%j → %j", (given, want) => expect(safeCamel(given)).toBe(want));
});

describe("naming: a type name from a schema name", () => {
  const cases: [given: string, want: string][] = [
    ["odd-props", "OddProps"],
    ["2d model", "T2dModel"],
    ["GetUserParams", "GetUserParams"],
    ["x", "X"],
    ["", ""],
  ];
  it.each(cases)("%j → %j", (given, want) => expect(safePascal(given)).toBe(want));
});

describe("naming: a property key, bare or quoted", () => {
  const cases: [given: string, want: string][] = [
    ["name", "name"],
    ["$x", "$x"],
    ["ümlaut", "ümlaut"],
    ["page[size]", '"page[size]"'],
    ["1a", '"1a"'],
    ["a-b", '"a-b"'],
  ];
  it.each(cases)("%j → %s", (given, want) => expect(propertyKey(given)).toBe(want));
});

describe("naming: an operation without an operationId is named after method and path", () => {
  const cases: [method: string, path: string, want: string][] = [
    ["get", "/users/{id}/repos", "getUsersByIdRepos"],
    ["get", "/", "getRoot"],
    ["post", "/v1/a-b/{c}", "postV1ABByC"],
  ];
  it.each(cases)("%s %s → %s", (method, route, want) => expect(derivedName(method, route)).toBe(want));
});

describe("naming: the registry hands out the lowest free suffix, a group of names all or none", () => {
  it("suffixes a taken name and skips a base whose derived names are taken", () => {
    const registry = new NameRegistry(["paths"]);
    expect(registry.claim("paths")).toBe("paths2");
    expect(registry.claim("getUser")).toBe("getUser");
    expect(registry.claim("getUser")).toBe("getUser2");
    expect(registry.claim("ListThingsParams")).toBe("ListThingsParams");
    const withTypes = (stem: string) => [stem + "Params", stem + "Response"];
    expect(registry.claim("ListThings", withTypes)).toBe("ListThings2");
  });
});

/** A document with one operation per entry; the response a plain 200. */
function documentOf(
  operations: [method: string, route: string, extra: Record<string, unknown>][],
  schemas: string[] = [],
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, route, extra] of operations) {
    paths[route] = { ...paths[route], [method]: { ...extra, responses: { "200": { description: "ok" } } } };
  }
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths,
    components: { schemas: Object.fromEntries(schemas.map((name) => [name, { type: "object" }])) },
  };
}

describe("naming: collisions, decided by collect", () => {
  const byId = (...ids: string[]) => ids.map((id, i): [string, string, Record<string, unknown>] => ["get", `/r${i}`, { operationId: id }]);
  const cases: [what: string, doc: OpenApiDocument, want: { functions: string[]; meta?: Record<string, string>; models?: string[] }][] = [
    [
      "an operationId that already is the identifier keeps it; the rewritten ones are numbered in operationId order",
      documentOf(byId("get_user", "getUser", "get user")),
      { functions: ["getUser", "getUser2", "getUser3"] },
    ],
    [
      "a name the generated modules use themselves",
      documentOf(byId("callOperation", "resources", "paths")),
      { functions: ["callOperation2", "paths2", "resources2"] },
    ],
    [
      "a function beats the record name another function would derive",
      documentOf(byId("getUser", "getUserMeta")),
      { functions: ["getUser", "getUserMeta"], meta: { getUser: "getUserMeta2", getUserMeta: "getUserMetaMeta" } },
    ],
    [
      "an explicit operationId beats a name derived from the path",
      documentOf([
        ["get", "/users/{id}", {}],
        ["get", "/other", { operationId: "getUsersById" }],
      ]),
      { functions: ["getUsersById", "getUsersById2"] },
    ],
    [
      "a model named like an operation's types",
      documentOf(byId("getUser"), ["GetUserParams", "getUser"]),
      { functions: ["getUser"], models: ["GetUserParams2", "GetUser"] },
    ],
  ];
  it.each(cases)("%s", (_, doc, want) => {
    const { operations, models } = collect(doc, "spec.yaml", "t");
    expect(operations.map((op) => op.name)).toEqual(want.functions);
    for (const [fn, meta] of Object.entries(want.meta ?? {})) expect(operations.find((op) => op.name === fn)?.metaName).toBe(meta);
    if (want.models) expect(models.map((model) => model.name)).toEqual(want.models);
  });
});

/** Every leaf of a resource tree as `place → function name`. */
function places(group: ResourceGroup, at: string[] = []): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [key, child] of group.children) {
    if (child.kind === "leaf") found[[...at, key].join(".")] = child.operation.name;
    else Object.assign(found, places(child, [...at, key]));
  }
  return found;
}

describe("resource tree: method, path and x-client-method decide the place", () => {
  type Given = [method: OperationInfo["method"], route: string, clientMethod?: string];
  const operation = ([method, route, clientMethod]: Given, i: number) =>
    ({ name: `op${i}`, method, path: route, clientMethod }) as OperationInfo;
  const cases: [what: string, given: Given[], want: Record<string, string>][] = [
    ["GET collection → list", [["get", "/customers"]], { "customers.list": "op0" }],
    ["GET item → get", [["get", "/customers/{id}"]], { "customers.get": "op0" }],
    ["POST → create", [["post", "/customers"]], { "customers.create": "op0" }],
    ["PATCH → update", [["patch", "/customers/{id}"]], { "customers.update": "op0" }],
    ["PUT → replace", [["put", "/customers/{id}"]], { "customers.replace": "op0" }],
    ["DELETE → delete", [["delete", "/customers/{id}"]], { "customers.delete": "op0" }],
    ["another method keeps its name", [["head", "/customers"]], { "customers.head": "op0" }],
    ["a leading version segment is dropped", [["get", "/v1/customers"]], { "customers.list": "op0" }],
    ["static segments nest", [["get", "/customers/{id}/contacts/{contactId}"]], { "customers.contacts.get": "op0" }],
    ["dashed segments are camelCased", [["get", "/custom-fields"]], { "customFields.list": "op0" }],
    ["x-client-method overrides the place", [["post", "/customers/{id}/archive", "customers.archive"]], { "customers.archive": "op0" }],
    [
      "two operations wanting one place both fall back to their function names",
      [
        ["get", "/customers/{id}"],
        ["get", "/customer-by-number/{n}", "customers.get"],
      ],
      { "customers.op0": "op0", "customers.op1": "op1" },
    ],
    [
      "a method name that is also a group falls back to the function name",
      [
        ["get", "/users"],
        ["get", "/users/list"],
      ],
      { "users.op0": "op0", "users.list.list": "op1" },
    ],
  ];
  it.each(cases)("%s", (_, given, want) => {
    expect(places(buildResourceTree(given.map(operation)))).toEqual(want);
  });
});

describe("identifier check: a reference must be declared or imported", () => {
  const cases: [given: string, want: string[]][] = [
    ['import { a } from "./x.js";\nexport const b = a;', []],
    ['import type { T } from "./t.js";\nexport type U = T["x"];', []],
    ["export const b = process.exit;", ["process"]],
    ["export function f(client: Client) { return client; }", ["Client"]],
    ["const o = { key: value };", ["value"]],
    ['/** alert(1) */\nexport const s = "evil";', []],
    ["export const x = { a: 1 } as const;", []],
    ["export function f<D extends string = never>(...[p, o]: [string, number]) { return g(p, o); }", ["g"]],
    ["const o = { a: 1 };\nexport const y = o.a;", []],
  ];
  it.each(cases)("%j → %j", (given, want) => expect(undeclaredIdentifiers(given)).toEqual(want));

  // Every fixture's output is checked the same way in fixtures.test.ts.
  const emitted = ["operations.ts", "resources.ts", "models.ts"];
  it.each(apiNames(ROOT))("generated/%s: every identifier the generator wrote is its own", (api) => {
    for (const file of emitted) {
      expect(undeclaredIdentifiers(fs.readFileSync(path.join(ROOT, "generated", api, file), "utf8")), file).toEqual([]);
    }
  });
});
