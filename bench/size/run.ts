/**
 * Bundle size of an app that calls one operation, next to openapi-fetch's own (createClient + one
 * GET). Target: at most openapi-fetch + 2 kB, minified and gzipped. Bundles the built dist/ (run
 * `npm run build` first), checks with esbuild's metafile that ajv and the bundled spec stay out of
 * the start-up code (they are dynamic imports, loaded only by `validateResponses: true`), shows which
 * inputs the bytes come from, and writes the tables to bench/size/RESULTS.md. A benchmark: it
 * reports, it asserts nothing.
 *
 *   npx tsx bench/size/run.ts        (npm run bench:size)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { version as esbuildVersion } from "esbuild";
import { measureLazyChunks, measureStartup, type StartupSize } from "./bundle.js";
import { FEATURE_STUBS } from "./feature-stubs.js";

const root = path.resolve(import.meta.dirname, "../..");
const TARGET_DELTA_BYTES = 2000;
/** Inputs that belong to response validation only: they must not be in the start-up code. */
const LAZY_ONLY = /node_modules\/(ajv|ajv-formats|fast-uri|fast-deep-equal|json-schema-traverse)\/|\/openapi\.json$|response-validation\.js$/;

const CALL = `{ path: { customerId: "b45f6432-2462-4c6f-b00f-1d9d01000000", customerContactId: "b45f6432-2462-4c6f-b00f-1d9d01000001" } }`;

/** The apps measured: the baseline first. Each is what a user would write, minus error handling. */
const APPS: readonly { readonly name: string; readonly source: string; readonly inlineDynamicImports?: boolean }[] = [
  {
    name: "openapi-fetch alone: createClient + one GET",
    source: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.jtl-cloud.com/erp", headers: { "x-tenant-id": "t", authorization: "Bearer token" } });
const { data } = await client.GET("/v2/customers/{customerId}/contacts/{customerContactId}", { params: ${CALL} });
console.log(data);`,
  },
  {
    name: "one standalone operation, basic client (createBasicClient + getCustomerContact)",
    source: `import { createBasicClient } from "vendor-api-clients/core";
import { getCustomerContact } from "vendor-api-clients/jtl-erp-v2";
const client = createBasicClient({ baseUrl: "https://api.jtl-cloud.com/erp", headers: { "x-tenant-id": "t" }, auth: "token" });
console.log(await getCustomerContact(client, ${CALL}));`,
  },
  {
    name: "one standalone operation, core client with retries and timeouts (createClient + getCustomerContact)",
    source: `import { createClient } from "vendor-api-clients/core";
import { getCustomerContact } from "vendor-api-clients/jtl-erp-v2";
const client = createClient({ baseUrl: "https://api.jtl-cloud.com/erp", headers: { "x-tenant-id": "t" }, auth: "token" });
console.log(await getCustomerContact(client, ${CALL}));`,
  },
  {
    name: "factory + one standalone operation (createJtlErpV2Client + getCustomerContact)",
    source: `import { createJtlErpV2Client, getCustomerContact } from "vendor-api-clients/jtl-erp-v2";
const erp = createJtlErpV2Client({ tenantId: "t", auth: "token" });
console.log(await getCustomerContact(erp, ${CALL}));`,
  },
  {
    name: "factory + resource method (erp.customers.contacts.get)",
    source: `import { createJtlErpV2Client } from "vendor-api-clients/jtl-erp-v2";
const erp = createJtlErpV2Client({ tenantId: "t", auth: "token" });
console.log(await erp.customers.contacts.get(${CALL}));`,
  },
  {
    name: "factory + OAuth2 helper (jtlClientCredentials, pulls in oauth4webapi)",
    source: `import { createJtlErpV2Client, getCustomerContact, jtlClientCredentials } from "vendor-api-clients/jtl-erp-v2";
const erp = createJtlErpV2Client({ tenantId: "t", auth: jtlClientCredentials({ clientId: "id", clientSecret: "secret" }) });
console.log(await getCustomerContact(erp, ${CALL}));`,
  },
  {
    name: "JTL v1 factory + one operation (its resource tree binds all 9 operations)",
    source: `import { createJtlErpV1Client, getCustomer } from "vendor-api-clients/jtl-erp-v1";
const erp = createJtlErpV1Client({ tenantId: "t", appId: "App/1.0", appVersion: "1.0", auth: "token" });
console.log(await getCustomer(erp, { path: { customerId: 1001 } }));`,
  },
  {
    name: "every client entry, all exports kept (., jtl-erp-v1, jtl-erp-v2, cro-dispatch)",
    source: `import * as root from "vendor-api-clients";
import * as v1 from "vendor-api-clients/jtl-erp-v1";
import * as v2 from "vendor-api-clients/jtl-erp-v2";
import * as cro from "vendor-api-clients/cro-dispatch";
console.log(root, v1, v2, cro);`,
  },
  {
    name: "factory + one standalone operation, esbuild single-file build (dynamic imports inlined)",
    source: `import { createJtlErpV2Client, getCustomerContact } from "vendor-api-clients/jtl-erp-v2";
const erp = createJtlErpV2Client({ tenantId: "t", auth: "token" });
console.log(await getCustomerContact(erp, ${CALL}));`,
    inlineDynamicImports: true,
  },
];

const bytes = (n: number) => n.toLocaleString("en-US");
const signed = (n: number) => (n > 0 ? `+${bytes(n)}` : bytes(n));
const shortInput = (input: string) => input.replace(/^.*node_modules\//, "node_modules/");
/** Inputs named briefly: a dependency by its package name, a file of ours by its path. */
const summarize = (inputs: readonly string[]) => {
  const packages = new Set(inputs.filter((input) => input.includes("node_modules/")).map((input) => shortInput(input).split("/")[1]));
  return [...inputs.filter((input) => !input.includes("node_modules/")), ...[...packages].map((name) => `${name} (package)`)].join(", ");
};
const versionOf = (name: string) => (JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

async function main(): Promise<void> {
  if (!existsSync(path.join(root, "dist", "src", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const results: { name: string; size: StartupSize }[] = [];
  for (const app of APPS) results.push({ name: app.name, size: await measureStartup(app.source, root, { inlineDynamicImports: app.inlineDynamicImports ?? false }) });
  // The baseline, the leanest app (basic client), the core client, the factory: in APPS order.
  const [baseline, standalone, , factory] = results;
  if (!baseline || !standalone || !factory) throw new Error("no apps measured");
  const lazyChunks = await measureLazyChunks(APPS[3]?.source ?? "", root);

  const lines: string[] = [
    "# Bundle size",
    "",
    "Written by `npm run bench:size` (bench/size/run.ts): esbuild " +
      `${esbuildVersion}, openapi-fetch ${versionOf("openapi-fetch")}; each app bundled from dist/, minified ESM for the browser ` +
      "as one file; dynamic imports stay imports (an app bundler makes them chunks loaded on first use), so each size is the " +
      "code loaded at start; gzip level 9. " +
      `Target: at most openapi-fetch + ${bytes(TARGET_DELTA_BYTES)} B gzipped.`,
    "",
    "| app | minified B | gzip B | Δ gzip vs openapi-fetch | ajv or spec in it |",
    "|---|---:|---:|---:|---|",
  ];
  for (const { name, size } of results) {
    const leaked = size.inputs.filter((share) => LAZY_ONLY.test(share.input));
    const delta = size === baseline.size ? "(baseline)" : signed(size.gzipBytes - baseline.size.gzipBytes);
    lines.push(`| ${name} | ${bytes(size.minifiedBytes)} | ${bytes(size.gzipBytes)} | ${delta} | ${leaked.length ? `**yes**: ${summarize(leaked.map((share) => share.input))}` : "no"} |`);
  }
  const standaloneDelta = standalone.size.gzipBytes - baseline.size.gzipBytes;
  lines.push(
    "",
    standaloneDelta <= TARGET_DELTA_BYTES
      ? `Target met: the leanest one-operation app (basic client) is openapi-fetch ${signed(standaloneDelta)} B.`
      : `**Target missed** by ${bytes(standaloneDelta - TARGET_DELTA_BYTES)} B: the leanest one-operation app (basic client) is openapi-fetch ${signed(standaloneDelta)} B gzipped.`,
    "",
    "## Where the start-up bytes of the leanest app come from",
    "",
    "Minified bytes per input (esbuild metafile); gzip shares are not additive, so only the total is gzipped.",
    "",
    "| input | minified B | share |",
    "|---|---:|---:|",
  );
  for (const share of standalone.size.inputs) {
    lines.push(`| ${shortInput(share.input)} | ${bytes(share.minifiedBytes)} | ${((100 * share.minifiedBytes) / standalone.size.minifiedBytes).toFixed(1)} % |`);
  }
  const ours = standalone.size.inputs.filter((share) => !share.input.includes("node_modules/") && !share.input.startsWith("app.js"));
  lines.push(`| *this package's own code* | ${bytes(ours.reduce((sum, share) => sum + share.minifiedBytes, 0))} | |`);

  lines.push(
    "",
    "## What the leanest app would weigh without each feature",
    "",
    "The basic-client app rebuilt with the runtime's features replaced by empty stubs (bench/size/feature-stubs.ts), " +
      "one more at each row. It shows the floor: what the target would cost in behaviour.",
    "",
    "| also without | gzip B | Δ gzip vs openapi-fetch |",
    "|---|---:|---:|",
    `| (nothing: the shipped runtime) | ${bytes(standalone.size.gzipBytes)} | ${signed(standaloneDelta)} |`,
  );
  const basicSource = APPS[1]?.source ?? "";
  let stubs: Record<string, string> = {};
  for (const stub of FEATURE_STUBS) {
    stubs = { ...stubs, ...stub.modules };
    const size = await measureStartup(basicSource, root, { stubs });
    lines.push(`| ${stub.feature} | ${bytes(size.gzipBytes)} | ${signed(size.gzipBytes - baseline.size.gzipBytes)} |`);
  }

  lines.push(
    "",
    "## Loaded later, only with `validateResponses: true`",
    "",
    `The factory app left ${factory.size.dynamicImports.map((specifier) => `\`import("${specifier}")\``).join(" and ")} as dynamic imports. ` +
      "With code splitting (esbuild `--splitting`) they become these chunks:",
    "",
    "| chunk holds | minified B | gzip B |",
    "|---|---:|---:|",
  );
  for (const chunk of lazyChunks) {
    lines.push(`| ${summarize(chunk.inputs) || "(shared helpers)"} | ${bytes(chunk.minifiedBytes)} | ${bytes(chunk.gzipBytes)} |`);
  }
  const markdown = `${lines.join("\n")}\n`;
  writeFileSync(path.join(import.meta.dirname, "RESULTS.md"), markdown);
  console.log(markdown);
}

main().catch((error: unknown) => {
  console.error(`bench:size: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
