/**
 * What the clients cost the type checker, next to Hey API's for the same specs.
 *
 * For each case a small project in a temp folder imports the built package (dist/, through a
 * `node_modules/vendor-api-clients` link, as a user's project would) and `tsc --extendedDiagnostics`
 * reports the checker's types, instantiations and check time:
 *   - one call: a JTL v1 client and one `erp.customers.contacts.get`
 *   - every operation: one client per API and a call of each of its operations (inputs from the
 *     specs' examples, the same the docs' code samples use)
 *   - Hey API: the same two files against a client @hey-api/openapi-ts generates for the same specs
 *
 *   npm run bench:types [-- --runs 3] [-- --keep]
 *
 * Needs dist/ (`npm run compile`). Check time is the median of the runs; types and instantiations
 * do not vary between runs.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { operationCalls, type OperationCall } from "../../scripts/docs/operation-calls.js";
import { generateHeyApiClient } from "../hey-api.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSC = path.join(ROOT, "node_modules/typescript/lib/tsc.js");

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, keep: { type: "boolean", default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
if (!existsSync(path.join(ROOT, "dist/src/jtl-erp-v1/index.d.ts"))) {
  console.error("bench:types: dist/ is missing; run `npm run compile` first.");
  process.exit(1);
}

/** Each API: its entry, factory, the options that make a working client, and the variable name the calls use. */
const APIS = [
  {
    api: "jtl-erp-v1",
    factory: "createJtlErpV1Client",
    options: `{ tenantId: "t", appId: "MyApp/1.0.0", appVersion: "1.0.0" }`,
    client: "v1",
  },
  { api: "jtl-erp-v2", factory: "createJtlErpV2Client", options: `{ tenantId: "t" }`, client: "v2" },
  { api: "cro-dispatch", factory: "createCroDispatchClient", options: `{ tenantId: 1207 }`, client: "cro" },
] as const;

/** The headers each factory's required options send, which a Hey API call has to pass itself. */
const FACTORY_HEADERS: Record<string, string[]> = {
  "jtl-erp-v1": ["x-tenant-id", "x-appid", "x-appversion"],
  "jtl-erp-v2": ["x-tenant-id"],
  "cro-dispatch": ["x-tenant-id"],
};

const literal = (value: unknown): string => JSON.stringify(value);

/** `{ path: {…}, query: {…}, header: {…}, body: … }` of one call; `headerKey` is Hey API's `headers`. */
function paramsLiteral(call: OperationCall, headerKey: "header" | "headers", skipHeaders: readonly string[]): string {
  const groups: string[] = [];
  for (const where of ["path", "query", "header"] as const) {
    const members = call.required.filter((p) => p.in === where && !(where === "header" && skipHeaders.includes(p.name.toLowerCase())));
    if (members.length > 0) {
      groups.push(
        `${where === "header" ? headerKey : where}: { ${members.map((p) => `${literal(p.name)}: ${literal(p.value)}`).join(", ")} }`,
      );
    }
  }
  if (call.body) groups.push(`body: ${literal(call.body.value)}`);
  return groups.length > 0 ? `{ ${groups.join(", ")} }` : "";
}

async function callsOf(api: string): Promise<OperationCall[]> {
  const file = path.join(ROOT, "generated", api, "openapi.json");
  return operationCalls(JSON.parse(await readFile(file, "utf8")), file);
}

function oursOneCall(): string {
  return [
    `import { createJtlErpV1Client } from "vendor-api-clients/jtl-erp-v1";`,
    `const erp = createJtlErpV1Client({ tenantId: "t", appId: "MyApp/1.0.0", appVersion: "1.0.0" });`,
    `export const contact = await erp.customers.contacts.get({ path: { customerId: 1, customerContactId: 2 } });`,
    "",
  ].join("\n");
}

async function oursEveryOperation(): Promise<{ text: string; count: number }> {
  const lines: string[] = [];
  let count = 0;
  for (const { api, factory, options, client } of APIS) {
    lines.unshift(`import { ${factory} } from "vendor-api-clients/${api}";`);
    lines.push(`const ${client} = ${factory}(${options});`);
    for (const call of await callsOf(api)) {
      lines.push(`await ${client}.${call.resourcePath.join(".")}(${paramsLiteral(call, "header", FACTORY_HEADERS[api]!)});`);
      count++;
    }
  }
  return { text: [...lines, "export {};", ""].join("\n"), count };
}

function heyOneCall(): string {
  return [
    `import { getCustomerContact } from "./hey/jtl-erp-v1/index";`,
    `export const contact = await getCustomerContact({`,
    `  path: { customerId: 1, customerContactId: 2 },`,
    `  headers: { "x-tenant-id": "t", "x-appid": "MyApp/1.0.0", "x-appversion": "1.0.0" },`,
    `  throwOnError: true,`,
    `});`,
    "",
  ].join("\n");
}

async function heyEveryOperation(): Promise<string> {
  const lines: string[] = [];
  for (const { api, client } of APIS) {
    const calls = await callsOf(api);
    lines.push(`import * as ${client} from "./hey/${api}/index";`);
    for (const call of calls) {
      // Hey API names its functions after the operationId, as ours are; its calls take the headers each time.
      const params = paramsLiteral(call, "headers", []);
      lines.push(`await ${client}.${call.operation.name}(${params ? `{ ...${params}, throwOnError: true }` : "{ throwOnError: true }"});`);
    }
  }
  return [...lines, "export {};", ""].join("\n");
}

interface Measure {
  types: number;
  instantiations: number;
  checkSeconds: number;
}

function diagnostic(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output);
  if (!match) throw new Error(`tsc printed no "${label}" line:\n${output}`);
  return Number(match[1]);
}

function measure(dir: string, file: string): Measure {
  const project = path.join(dir, `tsconfig.${file}.json`);
  const checks: number[] = [];
  let last = "";
  for (let run = 0; run < runs; run++) {
    try {
      last = execFileSync(process.execPath, [TSC, "-p", project, "--extendedDiagnostics"], { encoding: "utf8" });
    } catch (error) {
      const out = (error as { stdout?: string }).stdout ?? "";
      throw new Error(
        `${file}.ts does not type-check:\n${out
          .split("\n")
          .filter((l) => /error TS/.test(l))
          .slice(0, 10)
          .join("\n")}`,
      );
    }
    checks.push(diagnostic(last, "Check time"));
  }
  checks.sort((a, b) => a - b);
  return {
    types: diagnostic(last, "Types"),
    instantiations: diagnostic(last, "Instantiations"),
    checkSeconds: checks[Math.floor(checks.length / 2)]!,
  };
}

async function project(dir: string, file: string, text: string): Promise<void> {
  await writeFile(path.join(dir, `${file}.ts`), text);
  const compilerOptions = {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  await writeFile(path.join(dir, `tsconfig.${file}.json`), JSON.stringify({ compilerOptions, files: [`${file}.ts`] }, null, 2));
}

const dir = await mkdtemp(path.join(tmpdir(), "bench-types-"));
try {
  await mkdir(path.join(dir, "node_modules"));
  await symlink(ROOT, path.join(dir, "node_modules/vendor-api-clients"), "dir");
  for (const { api } of APIS) {
    generateHeyApiClient(api, path.join(dir, "hey", api), dir);
  }
  const every = await oursEveryOperation();
  await project(dir, "ours-one", oursOneCall());
  await project(dir, "ours-every", every.text);
  await project(dir, "hey-one", heyOneCall());
  await project(dir, "hey-every", await heyEveryOperation());

  const rows: [string, Measure][] = [
    ["ours: one call (v1 customers.contacts.get)", measure(dir, "ours-one")],
    [`ours: every operation (${every.count}, 3 clients)`, measure(dir, "ours-every")],
    ["Hey API: one call (v1 getCustomerContact)", measure(dir, "hey-one")],
    [`Hey API: every operation (${every.count})`, measure(dir, "hey-every")],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${"case".padEnd(width)} | ${"types".padStart(7)} | ${"instantiations".padStart(14)} | check time (median of ${runs})`);
  for (const [name, m] of rows) {
    console.log(
      `${name.padEnd(width)} | ${String(m.types).padStart(7)} | ${String(m.instantiations).padStart(14)} | ${m.checkSeconds.toFixed(2)} s`,
    );
  }
  if (values.keep) console.log(`kept ${dir}`);
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}
