// Table-driven generator tests: one small spec per awkward case under fixtures/<case>/, run
// through the same pipeline `npm run generate -- --input` uses; the emitted files are compared
// with file snapshots and checked for the property each case is about (compile.test.ts
// type-checks the same outputs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BANNER_PREFIX } from "../../scripts/lib/pipeline.js";
import { FIXTURES, OUT, ROOT, generateFixture, writeFiles } from "./helpers.js";
import { undeclaredIdentifiers } from "./identifiers.js";

const cases = fs.readdirSync(FIXTURES).sort();
const outputs = new Map<string, Map<string, string>>();

const run = (name: string) => generateFixture(name, path.join(OUT, name));

beforeAll(async () => {
  for (const name of cases) {
    const files = await run(name);
    outputs.set(name, files);
    writeFiles(path.join(OUT, name), files);
  }
}, 120_000);

/** Function names exported by an operations.ts. */
const functionNames = (text: string) => [...text.matchAll(/^export function (\S+?)</gm)].map((m) => m[1]);
/** The meta record of one function, parsed back from its text. */
function meta(text: string, fn: string): Record<string, unknown> {
  const literal = new RegExp(`const ${fn}Meta = (\\{[\\s\\S]*?\\n\\}) as const`).exec(text)?.[1];
  if (!literal) throw new Error(`no meta for ${fn}`);
  return Function(`return (${literal});`)() as Record<string, unknown>;
}

describe.each(cases)("fixture %s", (name) => {
  it("matches its file snapshots", async () => {
    const files = outputs.get(name)!;
    for (const file of ["operations.ts", "resources.ts", "models.ts"]) {
      await expect(files.get(file)).toMatchFileSnapshot(`__snapshots__/${name}/${file}`);
    }
  });

  it("marks every TypeScript file with the banner and holds no absolute path", () => {
    for (const [file, content] of outputs.get(name)!) {
      if (file.endsWith(".ts")) expect(content.startsWith(BANNER_PREFIX), file).toBe(true);
      expect(content.includes(ROOT), `${file} contains the repo path`).toBe(false);
      expect(content.includes(os.tmpdir() + path.sep), `${file} contains a temp path`).toBe(false);
    }
  });

  it("is deterministic: a second run gives byte-identical files", async () => {
    expect(await run(name)).toEqual(outputs.get(name));
  });

  it("refers only to names it declares or imports: no text from the spec became code", () => {
    for (const file of ["operations.ts", "resources.ts", "models.ts"]) {
      expect(undeclaredIdentifiers(outputs.get(name)!.get(file)!), file).toEqual([]);
    }
  });
});

describe("what each fixture is about", () => {
  const ops = (name: string) => outputs.get(name)!.get("operations.ts")!;

  it("awkward-names: reserved words, dots, spaces, dashes and leading digits become valid, unique names", () => {
    const names = functionNames(ops("awkward-names"));
    expect(names).toEqual([
      "callOperation2", // clashes with the runtime import
      "class_",
      "delete_",
      "getUser", // the operationId that already was this identifier keeps it
      "getUser2", // "get user"
      "getUser3", // "get_user"
      "getUserMeta", // a user-visible name wins over the internal record name of getUser
      "itemsGetAll",
      "op2faEnable",
    ]);
    expect(meta(ops("awkward-names"), "getUser2").operationId).toBe("get user");
    const models = outputs.get("awkward-names")!.get("models.ts")!;
    expect(models).toContain('export type OddProps = components["schemas"]["odd-props"];');
    expect(models).toContain('export type GetUserParams2 = components["schemas"]["GetUserParams"];');
  });

  it("no-operation-id: names derived from method and path, stable and distinct", () => {
    expect(functionNames(ops("no-operation-id"))).toEqual([
      "getGetUsersByByUserIdRepos",
      "getRoot",
      "getUsersByUserIdRepos",
      "postUsersByUserIdRepos",
    ]);
  });

  it("media-types: JSON preferred, other media types and bodiless responses recorded as they are", () => {
    const text = ops("media-types");
    expect(meta(text, "uploadFile")).toMatchObject({
      request: { mediaType: "multipart/form-data", required: true },
      responses: { "204": null },
    });
    expect(meta(text, "putRaw")).toMatchObject({
      request: { mediaType: "application/octet-stream", required: false },
      responses: { "200": "text/plain" },
    });
    expect(meta(text, "getReport")).toMatchObject({
      request: null,
      responses: { "200": "application/json", "4XX": "application/problem+json", default: null },
    });
    expect(meta(text, "postForm")).toMatchObject({ request: { mediaType: "application/x-www-form-urlencoded", required: true } });
  });

  it("hostile-text: comment terminators in spec text are escaped, strings stay strings", () => {
    const text = ops("hostile-text");
    expect(text).toContain("Ends a comment *\\/ process.exit(1);");
    expect(text).toContain('operationId: "ok */ process.exit(1); /*"');
    expect(text).toContain("@deprecated");
  });

  it("resource-clashes: clashing places fall back to function names, x-client-method is honoured", () => {
    const text = outputs.get("resource-clashes")!.get("resources.ts")!;
    expect(text).toMatch(/customers: \{\n\s+\/\*\*[^\n]*\*\/\n\s+archive: archiveCustomer,/);
    expect(text).toContain("queryCustomFields: queryCustomFields,");
    expect(text).toContain("queryCustomerCustomFields: queryCustomerCustomFields,");
    expect(text).toContain("listUsers: listUsers,"); // `users.list` is also a group (/users/list)
    expect(text).toMatch(/checkRuns: \{\n\s+reRun: \{/);
  });

  it("multi-file: external $refs are bundled into one self-contained openapi.json", () => {
    const bundled = JSON.parse(outputs.get("multi-file")!.get("openapi.json")!);
    expect(JSON.stringify(bundled)).not.toMatch(/"\$ref":"(?!#)/);
    expect(bundled.components.schemas.Note.properties.text.type).toBe("string");
  });

  it("generator-names: operations named like the generator's own exports are renamed, each name declared once", () => {
    expect(functionNames(ops("generator-names"))).toEqual(["callOperation2", "oauth2Flows2", "paths2", "resources2", "servers2"]);
    const resources = outputs.get("generator-names")!.get("resources.ts")!;
    const imported = /^import \{([^}]*)\} from "\.\/operations\.js";$/m
      .exec(resources)![1]!
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    expect(imported).toContain("callOperation2");
    for (const name of ["resources", "servers", "oauth2Flows"]) {
      expect(resources.match(new RegExp(`^export const ${name} =`, "gm")), name).toHaveLength(1);
      expect(imported).not.toContain(name);
    }
    const models = outputs.get("generator-names")!.get("models.ts")!;
    expect(models).toContain('export type Client2 = components["schemas"]["Client"];');
    expect(models).toContain('export type Components = components["schemas"]["components"];');
  });

  it("empty-paths: a spec without operations still gives valid modules", () => {
    expect(functionNames(ops("empty-paths"))).toEqual([]);
    expect(outputs.get("empty-paths")!.get("resources.ts")).toContain("export const resources = {} as const;");
  });
});
