/**
 * Writes the README's operations tables: one per API, one row per operation, read from what the
 * pipeline produced (generated/<api>/resources.ts for the resource methods, operations.ts for each
 * function's HTTP method and path, openapi.json for the path parameters' types), so the README
 * cannot drift from the specs. `npm run generate` runs it afterwards (the `postgenerate` script).
 *
 *   tsx scripts/operations-table.ts            rewrite the section between the markers in README.md
 *   tsx scripts/operations-table.ts --check    fail, naming the command to run, when it is stale
 *   --readme <file>                            another README (the tests use a copy)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { apiNames } from "./lib/apis.js";
import { deref } from "./lib/json-pointer.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const START_MARKER = "<!-- operations:start -->";
export const END_MARKER = "<!-- operations:end -->";
const COMMAND = "npm run readme:operations";

/** The variable the README's examples use for a client of each API (`erp.customers.get`). */
const CLIENT_VARIABLE: Readonly<Record<string, string>> = { "jtl-erp-v1": "erp", "jtl-erp-v2": "erp", "cro-dispatch": "cro" };

/** One row of a table. */
export interface OperationRow {
  /** `customers.contacts.get`, without the client variable. */
  readonly resourceMethod: string;
  readonly functionName: string;
  readonly method: string;
  readonly path: string;
  /** `customerId: integer (int32)` per path parameter. */
  readonly pathParams: readonly string[];
}

/** One API's table. */
export interface ApiTable {
  readonly api: string;
  readonly title: string;
  readonly factory: string | undefined;
  readonly rows: readonly OperationRow[];
}

/** A problem that means the generated code and the README cannot be matched up; says what to run. */
export class OperationsTableError extends Error {}

type Json = Record<string, any>;

/** The repository's APIs (redocly.yaml's `apis:`, scripts/lib/apis.ts). */
export function apisIn(root: string): string[] {
  return apiNames(root);
}

/** Each exported wrapper's HTTP method and path, read from the operation record it hands to the runtime. */
function wrappersOf(source: string, file: string): Map<string, { method: string; path: string }> {
  const records = new Map<string, { method: string; path: string }>();
  for (const match of source.matchAll(/const (\w+) = \{([\s\S]*?)\} as const satisfies OperationMeta;/g)) {
    const method = /\bmethod: "(\w+)"/.exec(match[2]!)?.[1];
    const pathLiteral = /\bpath: ("(?:[^"\\]|\\.)*")/.exec(match[2]!)?.[1];
    if (method && pathLiteral) records.set(match[1]!, { method: method.toUpperCase(), path: JSON.parse(pathLiteral) as string });
  }
  const wrappers = new Map<string, { method: string; path: string }>();
  for (const match of source.matchAll(/export function (\w+)\b[^{]*\{\s*return call(?:Paged)?Operation\(client, (\w+),/g)) {
    const record = records.get(match[2]!);
    if (!record)
      throw new OperationsTableError(
        `${file}: ${match[1]} hands over ${match[2]}, which is not an operation record; run \`npm run generate\``,
      );
    wrappers.set(match[1]!, record);
  }
  return wrappers;
}

/** `[["customers", "contacts", "get"], fn]` for every operation in a resources tree. */
function leavesOf(tree: Json, at: string[] = []): [string[], (...args: never[]) => unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "function"
      ? ([[[...at, key], value]] as [string[], (...args: never[]) => unknown][])
      : value && typeof value === "object"
        ? leavesOf(value as Json, [...at, key])
        : [],
  );
}

/** `customerId: integer (int32)` for each path parameter of the operation, as the bundled spec types it. */
function pathParamsOf(doc: Json, route: string, method: string): string[] {
  const resolve = (node: unknown): Json => deref<Json | undefined>(doc, node) ?? {};
  const item = resolve(doc.paths?.[route]);
  const operation = resolve(item[method.toLowerCase()]);
  const byName = new Map<string, Json>();
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = resolve(raw);
    if (parameter.in === "path") byName.set(parameter.name as string, parameter); // operation level wins
  }
  return [...byName.values()].map((parameter) => {
    const schema = resolve(parameter.schema);
    const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "unspecified");
    return `${parameter.name}: ${type}${schema.format ? ` (${schema.format})` : ""}`;
  });
}

/** Reads one API's generated code and bundled spec into its table. */
export async function tableOf(root: string, api: string): Promise<ApiTable> {
  const dir = path.join(root, "generated", api);
  const doc = JSON.parse(readFileSync(path.join(dir, "openapi.json"), "utf8")) as Json;
  const operationsFile = path.join(dir, "operations.ts");
  const wrappers = wrappersOf(readFileSync(operationsFile, "utf8"), path.relative(root, operationsFile));
  const { resources } = (await import(pathToFileURL(path.join(dir, "resources.ts")).href)) as { resources: Json };
  const rows = leavesOf(resources).map(([place, fn]): OperationRow => {
    const wrapper = wrappers.get(fn.name);
    if (!wrapper)
      throw new OperationsTableError(
        `generated/${api}/resources.ts: ${place.join(".")} is ${fn.name}, which operations.ts does not export; run \`npm run generate\``,
      );
    return {
      resourceMethod: place.join("."),
      functionName: fn.name,
      ...wrapper,
      pathParams: pathParamsOf(doc, wrapper.path, wrapper.method),
    };
  });
  const placed = new Set(rows.map((row) => row.functionName));
  const unplaced = [...wrappers.keys()].filter((name) => !placed.has(name));
  if (unplaced.length)
    throw new OperationsTableError(`generated/${api}: ${unplaced.join(", ")} not in resources.ts; run \`npm run generate\``);
  const index = path.join(root, "src", api, "index.ts");
  const factory = existsSync(index) ? /export function (create\w*Client)\b/.exec(readFileSync(index, "utf8"))?.[1] : undefined;
  return {
    api,
    title: String(doc.info?.title ?? api),
    factory,
    rows: rows.sort((a, b) => a.resourceMethod.localeCompare(b.resourceMethod)),
  };
}

/** The Markdown between the markers (markers excluded). */
export function renderTables(tables: readonly ApiTable[]): string {
  const code = (text: string) => `\`${text}\``;
  const sections = tables.map((table) => {
    const client = CLIENT_VARIABLE[table.api] ?? "client";
    const made = table.factory ? `${code(client)} is a client from ${code(`${table.factory}(...)`)}; ` : "";
    return [
      `#### ${table.title} (${code(`vendor-api-clients/${table.api}`)}): ${table.rows.length} operation${table.rows.length === 1 ? "" : "s"}`,
      "",
      `${made}each standalone function takes the client first: ${code(`fn(${client}, params, options?)`)}.`,
      "",
      "| resource method | standalone function | HTTP | path parameters |",
      "|---|---|---|---|",
      ...table.rows.map(
        (row) =>
          `| ${code(`${client}.${row.resourceMethod}`)} | ${code(row.functionName)} | ${code(`${row.method} ${row.path}`)} | ${row.pathParams.map(code).join(", ") || "none"} |`,
      ),
    ].join("\n");
  });
  return [
    "",
    `<!-- Written by \`${COMMAND}\` (run by \`npm run generate\`) from generated/<api>/; do not edit by hand. -->`,
    "",
    sections.join("\n\n"),
    "",
  ].join("\n");
}

/** `readme` with the section between the markers replaced by `body`. */
export function withTables(readme: string, body: string, file: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start)
    throw new OperationsTableError(`${file} has no ${START_MARKER} … ${END_MARKER} section for the operations tables`);
  return readme.slice(0, start + START_MARKER.length) + body + readme.slice(end);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: "boolean" }, readme: { type: "string" } } });
  const readmePath = path.resolve(values.readme ?? path.join(ROOT, "README.md"));
  const shown = path.relative(process.cwd(), readmePath) || readmePath;
  const tables = await Promise.all(apisIn(ROOT).map((api) => tableOf(ROOT, api)));
  const current = readFileSync(readmePath, "utf8");
  const next = withTables(current, renderTables(tables), shown);
  const count = tables.reduce((sum, table) => sum + table.rows.length, 0);
  if (values.check) {
    if (next === current) return 0;
    console.error(`operations-table: the operations tables in ${shown} are stale (they do not match generated/); run \`${COMMAND}\``);
    return 1;
  }
  if (next !== current) writeFileSync(readmePath, next);
  console.log(
    `operations-table: ${shown} ${next === current ? "already up to date" : "updated"} (${tables.length} APIs, ${count} operations)`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `operations-table: ${error instanceof OperationsTableError || error instanceof TypeError ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
}
