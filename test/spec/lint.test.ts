// The lint gate: the real specs pass with no problem at all, and each kind of breakage
// fails `npm run lint:spec` with the file and line of the broken node.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, loadConfig } from "@redocly/openapi-core";
import { APIS, ROOT, edit, lineOf, parseStylish, runLintScript, scratchCopy } from "./helpers.js";

const V2_GET = "openapi/jtl-erp-v2/paths/v2_customers_{customerId}_contacts_{customerContactId}.yaml";
const V2_POST = "openapi/jtl-erp-v2/paths/v2_customers_{customerId}_contacts.yaml";
const V1_CUSTOMER = "openapi/jtl-erp-v1/paths/customers_{customerId}.yaml";
const CRO_OP = "openapi/cro-dispatch/paths/customers_{customer_id}_contacts.yaml";
const CRO_CREATE_MODEL = "openapi/cro-dispatch/components/schemas/CreateCustomerContactModel.yaml";

describe("the transcribed specs", () => {
  it("pass `npm run lint:spec` with no problem", async () => {
    const { status, output } = await runLintScript(ROOT);
    expect(parseStylish(output)).toEqual([]);
    expect(status, output).toBe(0);
  });

  it.each(APIS)("%s has no lint problem of any severity (warnings included)", async (api) => {
    const config = await loadConfig({ configPath: path.join(ROOT, "redocly.yaml") });
    const problems = await lint({ ref: path.join(ROOT, "openapi", api, "openapi.yaml"), config: config.forAlias(api) });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
  });

  it("configure no rule at warning level, so nothing can pass the gate as a mere warning", async () => {
    const config = await loadConfig({ configPath: path.join(ROOT, "redocly.yaml") });
    for (const api of APIS) {
      const rules = config.forAlias(api).rules.oas3_1;
      const warn = Object.entries(rules).filter(([, v]) => (typeof v === "string" ? v : v?.severity) === "warn");
      expect(warn, api).toEqual([]);
    }
  });
});

interface Breakage {
  name: string;
  file: string;
  change: (text: string) => string;
  rule: string;
  /** The text of the line the problem must point at (looked up in the edited file). */
  at: string;
  /** Point at the last line containing `at` rather than the first. */
  last?: boolean;
}

const breakages: Breakage[] = [
  {
    name: "a dangling $ref",
    file: V2_GET,
    change: (t) => t.replace("$ref: ../components/schemas/CustomerContact.yaml", "$ref: ../components/schemas/NoSuchModel.yaml"),
    rule: "no-unresolved-refs",
    at: "NoSuchModel.yaml",
  },
  {
    name: "a duplicate operationId",
    file: V1_CUSTOMER,
    change: (t) => t.replace("operationId: deleteCustomer", "operationId: getCustomer"),
    rule: "operation-operationId-unique",
    // The first operation keeps the id; the second one is reported.
    at: "operationId: getCustomer",
    last: true,
  },
  {
    name: "a property without description",
    file: CRO_CREATE_MODEL,
    change: (t) => t.replace("    description: 'Name (free text).'\n", ""),
    rule: "house/property-description",
    at: "  name:",
  },
  {
    name: "an operation without x-doc-page or x-source",
    file: V2_POST,
    change: (t) => t.replace("  x-doc-page: 000_f33e88c24c479551.txt\n", ""),
    rule: "house/operation-source",
    at: "post:",
  },
  {
    name: "an x-doc-page naming a page that does not exist",
    file: V2_POST,
    change: (t) => t.replace("x-doc-page: 000_f33e88c24c479551.txt", "x-doc-page: 000_0000000000000000.txt"),
    rule: "house/operation-source",
    at: "x-doc-page: 000_0000000000000000.txt",
  },
  {
    name: "an operation without any 4xx response",
    // v1 keeps the rule on (v2 and CRO waive it): getCustomer loses its 401–429 answers.
    file: V1_CUSTOMER,
    change: (t) => t.slice(0, t.search(/^ {4}["']401["']:/m)) + t.slice(t.indexOf("delete:")),
    rule: "operation-4xx-response",
    at: "  responses:",
  },
  {
    name: "an operationId that is not camelCase",
    file: V1_CUSTOMER,
    change: (t) => t.replace("operationId: getCustomer", "operationId: get_customer"),
    rule: "house/operation-id-camel-case",
    at: "operationId: get_customer",
  },
  {
    name: "an operation without a tag",
    file: V2_GET,
    change: (t) => t.replace("  tags:\n    - Customer Contacts\n", ""),
    rule: "house/operation-tagged",
    at: "get:",
  },
  {
    name: "an operation without a summary",
    file: V2_GET,
    change: (t) => t.replace("  summary: Get Customer Contact\n", ""),
    rule: "operation-summary",
    at: "get:",
  },
  {
    name: "a placeholder example copied from a page",
    file: V2_POST,
    change: (t) => t.replace("              department: Purchasing", "              department: <string>"),
    rule: "house/no-placeholder-examples",
    at: "department: <string>",
  },
  {
    name: "an example that violates its schema",
    file: CRO_OP,
    change: (t) => t.replace("              name: John J NewContact", "              name: ''"),
    rule: "no-invalid-media-type-examples",
    at: "              name: ''",
  },
  {
    name: "a parameter without description",
    file: "openapi/jtl-erp-v1/components/parameters/XAppId.yaml",
    change: (t) => t.replace(/^description: .*\n/m, ""),
    rule: "parameter-description",
    at: "name: x-appid",
  },
];

describe.concurrent("a broken spec fails the lint with file and line", () => {
  it.for(breakages)("$name", async ({ file, change, rule, at, last }, { expect }) => {
    const dir = scratchCopy();
    try {
      const edited = edit(dir, file, change);
      const { status, output } = await runLintScript(dir);
      expect(status, output).not.toBe(0);
      const problems = parseStylish(output);
      const hit = problems.find((p) => p.rule === rule && p.file === file);
      expect(hit, `expected ${rule} in ${file}; got:\n${output}`).toBeDefined();
      expect(hit!.line).toBe(lineOf(edited, at, last));
      expect(hit!.severity).toBe("error");
      // The printed form a human reads: the file on its own line, then line:col.
      expect(output).toContain(`${file}:`);
      expect(output).toMatch(new RegExp(`\\n\\s+${hit!.line}:${hit!.col}\\s+error\\s+${rule.replace("/", "\\/")}`));
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it("the v2 waiver of operation-4xx-response is what keeps v2 clean", async ({ expect }) => {
    const dir = scratchCopy();
    try {
      edit(dir, "redocly.yaml", (t) => t.replace("      operation-4xx-response: off\n", "      operation-4xx-response: error\n"));
      const { status, output } = await runLintScript(dir);
      expect(status).not.toBe(0);
      const hits = parseStylish(output).filter((p) => p.rule === "operation-4xx-response");
      // One hit per v2 operation: list and create on the collection; get, update and delete on the item.
      expect(hits.map((h) => h.file).sort()).toEqual([V2_POST, V2_POST, V2_GET, V2_GET, V2_GET].sort());
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
