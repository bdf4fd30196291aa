// pages:check itself: the saved pages report nothing, and a changed page fact, a lost operation or an
// unreadable page is reported with the page's line (and, for the command, a clear message).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatFinding } from "../../scripts/lib/pages/format.js";
import { checkApi, type ApiResult } from "../../scripts/lib/pages/run.js";
import { PagesCheckError } from "../../scripts/lib/pages/spec.js";
import { APIS, ROOT, edit, lineOf, scratchCopy } from "./helpers.js";

const results: Record<string, ApiResult> = {};
beforeAll(async () => {
  for (const api of APIS) results[api] = await checkApi(ROOT, api);
});

/** Runs the pages:check script line of package.json with extra arguments. */
function runCommand(...args: string[]) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const bin = path.join(ROOT, "node_modules", ".bin");
  const r = spawnSync(`${pkg.scripts["pages:check"]} ${args.join(" ")}`, {
    cwd: ROOT,
    shell: true,
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the saved pages", () => {
  it.each(APIS)("%s: every page fact is in the spec", (api) => {
    expect(results[api]!.findings.map(formatFinding)).toEqual([]);
    expect(results[api]!.facts).toBeGreaterThan(100);
  });

  it("operations a reference only lists are notes, not findings; nothing else is left out", () => {
    const notes = Object.values(results).flatMap((r) => r.notes);
    expect(
      notes.every(
        (n) => n.page === "openapi/cro-dispatch/pages/reference.md" || n.page.endsWith("cro-model-CreateDispatchCustomerLocationModel.txt"),
      ),
    ).toBe(true);
    expect(notes.filter((n) => n.text.endsWith("(the reference lists it only)"))).toHaveLength(10);
  });
});

describe("a changed page is reported with its line", () => {
  let copy: string;
  beforeAll(() => {
    copy = scratchCopy();
  });
  const findings = async (api: string, page: string) =>
    (await checkApi(copy, api)).findings.filter((f) => f.fact.page === `openapi/${api}/pages/${page}`);

  it("a CRO model page's max length", async () => {
    const page = "cro-model-CreateCustomerContactModel.txt";
    const text = edit(copy, `openapi/cro-dispatch/pages/${page}`, (t) =>
      t.replace("At least 1 and no more than 128 characters.", "At least 1 and no more than 129 characters."),
    );
    const line = lineOf(text, "no more than 129");
    const found = await findings("cro-dispatch", page);
    expect(found.map((f) => [f.fact.line, f.fact.what])).toEqual([
      [line, "CreateCustomerContactModel.name: constraints"],
      [line, "CreateCustomerContactModel.name: maxLength"],
    ]);
    const maxLength = found[1]!;
    expect(maxLength.actual).toBe(128);
    expect(maxLength.source.file).toBe("openapi/cro-dispatch/components/schemas/CreateCustomerContactModel.yaml");
    const yaml = fs.readFileSync(path.join(copy, maxLength.source.file), "utf8").split("\n");
    expect(yaml[maxLength.source.line - 1]).toMatch(/^\s+maxLength: 128$/);
    expect(formatFinding(maxLength)).toBe(
      `openapi/cro-dispatch/pages/${page}:${line}: CreateCustomerContactModel.name: maxLength 129 — spec ${maxLength.source.file}:${maxLength.source.line} says 128`,
    );
  });

  it("a CRO model page's field type", async () => {
    const page = "cro-model-CustomerContactModel.txt";
    const text = edit(copy, `openapi/cro-dispatch/pages/${page}`, (t) =>
      t.replace("\nemail String, Required\n", "\nemail Integer, Required\n"),
    );
    const found = await findings("cro-dispatch", page);
    const line = lineOf(text, "email Integer, Required");
    expect(found.map((f) => `${f.fact.line} ${f.fact.what} ${JSON.stringify(f.fact.expected)}`)).toEqual([
      `${line} CustomerContactModel.email: type "integer"`,
    ]);
  });

  it("a JTL page's description", async () => {
    const page = "001_f4791edd4d9a3c3b.txt";
    const text = edit(copy, `openapi/jtl-erp-v2/pages/${page}`, (t) =>
      t.replace("The contact person's department.", "The contact person's team."),
    );
    const found = await findings("jtl-erp-v2", page);
    expect(found.map((f) => [f.fact.line, f.fact.what, f.status])).toEqual([
      [lineOf(text, "The contact person's team."), "CustomerContact department: description", "differs"],
    ]);
    expect(found[0]!.source.file).toBe("openapi/jtl-erp-v2/components/schemas/CustomerContact.yaml");
  });

  it("a limit in the v1 reference's model table", async () => {
    const text = edit(copy, "openapi/jtl-erp-v1/pages/reference.md", (t) =>
      t.replace(
        "| `Name` | string | yes | minLength 1; maxLength 255 | The name of the customer group.",
        "| `Name` | string | yes | minLength 1; maxLength 250 | The name of the customer group.",
      ),
    );
    const found = await findings("jtl-erp-v1", "reference.md");
    expect(found.map((f) => [f.fact.line, f.fact.what, f.actual])).toEqual([
      [lineOf(text, "maxLength 250"), "CreateCustomerGroup.Name: maxLength", 255],
    ]);
  });

  it("a line of page 003 the spec does not hold", async () => {
    const page = "003_e4c917227f3e6afd.txt";
    const text = edit(copy, `openapi/jtl-erp-v1/pages/${page}`, (t) =>
      t.replace("The customer's language.", "The customer's preferred language."),
    );
    const found = await findings("jtl-erp-v1", page);
    expect(found.map(formatFinding)).toEqual([
      `openapi/jtl-erp-v1/pages/${page}:${lineOf(text, "preferred language")}: text on the page "The customer's preferred language." — spec openapi/jtl-erp-v1/openapi.yaml:1 lacks it`,
    ]);
  });

  it("an operation the reference lists but the spec lost", async () => {
    edit(copy, "openapi/cro-dispatch/openapi.yaml", (t) =>
      t.replace(/^ {2}\/locations\/\{location_id\}\/customers\/\{customer_id\}:\n.*\n/m, ""),
    );
    const reference = fs.readFileSync(path.join(copy, "openapi/cro-dispatch/pages/reference.md"), "utf8");
    const found = await findings("cro-dispatch", "reference.md");
    expect(found.map(formatFinding)).toEqual([
      `openapi/cro-dispatch/pages/reference.md:${lineOf(reference, "| K5 |")}: operation GET /locations/{location_id}/customers/{customer_id} — spec openapi/cro-dispatch/openapi.yaml:${lineOf(fs.readFileSync(path.join(copy, "openapi/cro-dispatch/openapi.yaml"), "utf8"), "paths:")} lacks it`,
    ]);
  });
});

describe("npm run pages:check", () => {
  it("prints each finding and a summary, and exits 1", () => {
    const copy = scratchCopy();
    edit(copy, "openapi/jtl-erp-v2/pages/001_f4791edd4d9a3c3b.txt", (t) =>
      t.replace("The contact person's department.", "The contact person's team."),
    );
    const r = runCommand("--root", copy, "--api", "jtl-erp-v2");
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^openapi\/jtl-erp-v2\/pages\/001_f4791edd4d9a3c3b\.txt:\d+: CustomerContact department: description contains "The contact person's team\." — spec openapi\/jtl-erp-v2\/components\/schemas\/CustomerContact\.yaml:\d+ says "The contact person's department\."$/,
    );
    expect(lines.at(-1)).toMatch(/^pages:check: 1 finding \(jtl-erp-v2 \d+ facts from \d+ pages\) in [\d.]+ s$/);
  });

  it("names an unknown API in one line, without a stack trace, and exits 2", () => {
    const r = runCommand("--api", "nope");
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('pages:check: unknown API "nope"; the APIs are cro-dispatch, jtl-erp-v1, jtl-erp-v2');
  });

  it("names an unreadable page (the command prints the same message)", async () => {
    const copy = scratchCopy();
    fs.mkdirSync(path.join(copy, "openapi/jtl-erp-v2/pages/broken.txt"));
    await expect(checkApi(copy, "jtl-erp-v2")).rejects.toThrow(new PagesCheckError("cannot read page openapi/jtl-erp-v2/pages/broken.txt"));
  });

  it("names a spec that does not bundle", async () => {
    const copy = scratchCopy();
    edit(copy, "openapi/cro-dispatch/openapi.yaml", (t) =>
      t.replace("$ref: paths/customers_{customer_id}.yaml", "$ref: paths/nowhere.yaml"),
    );
    await expect(checkApi(copy, "cro-dispatch")).rejects.toThrow(/^cannot bundle openapi\/cro-dispatch\/openapi\.yaml: .*nowhere\.yaml/);
  });
});
