/**
 * Builds the published docs into site/ (or the folder given as the first argument):
 * - <api>.html: one Redoc page per API, from a docs copy of the bundled spec (<api>.openapi.json,
 *   also published) with a TypeScript and a curl sample per operation;
 * - index.html (each API, its factory and a first sample), operations.html (every operation's
 *   client method and function) and guide.html (docs/guide.md).
 *
 * Like the generator, it writes into a temporary folder and swaps it into place only when every
 * page was built, so a failure never leaves site/ half-written.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { docsSpec, type DocsSpec } from "./docs/docs-spec.js";
import { guidePage } from "./docs/guide-page.js";
import type { NavLink } from "./docs/html-page.js";
import { indexPage, operationsPage } from "./docs/index-page.js";
import { buildRedocPage } from "./docs/redoc-page.js";
import { listApis } from "./lib/apis.js";
import { replaceFolder } from "./lib/stage-and-swap.js";

const root = resolve(import.meta.dirname, "..");
const generatedDir = join(root, "generated");
const siteDir = resolve(root, process.argv[2] ?? "site");

async function main(): Promise<void> {
  const apis = bundledApis();
  if (apis.length === 0) {
    throw new Error(`no bundled specs under ${generatedDir}/<api>/openapi.json; run npm run generate first`);
  }
  const packageJson = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { name: string; config?: { docsBaseUrl?: string } };
  const docsBaseUrl = packageJson.config?.docsBaseUrl;
  if (!docsBaseUrl) throw new Error("package.json has no config.docsBaseUrl (the published site's URL, which the guide links to)");

  await replaceFolder(siteDir, async (staging) => {
    const specs = await Promise.all(apis.map((api) => docsSpec(root, api)));
    const nav: NavLink[] = [
      { href: "index.html", text: packageJson.name },
      ...specs.map(({ api, spec }) => ({ href: `${api}.html`, text: String(spec.info?.title ?? api) })),
      { href: "operations.html", text: "Operations" },
      { href: "guide.html", text: "Guide" },
    ];
    await Promise.all(specs.map((docs) => writeApiPage(docs, staging)));
    await writeFile(join(staging, "index.html"), indexPage(specs, packageJson.name, nav));
    await writeFile(join(staging, "operations.html"), operationsPage(specs, nav));
    await writeFile(join(staging, "guide.html"), await guidePage(join(root, "docs", "guide.md"), docsBaseUrl, nav));
  });
  console.log(`docs  written to ${siteDir}/index.html`);
}

async function writeApiPage({ api, spec }: DocsSpec, outDir: string): Promise<void> {
  const started = performance.now();
  const specFile = join(outDir, `${api}.openapi.json`);
  await writeFile(specFile, `${JSON.stringify(spec, null, 2)}\n`);
  const title = `${spec.info?.title ?? api} ${spec.info?.version ?? ""}`.trim();
  await buildRedocPage(root, specFile, title, join(outDir, `${api}.html`));
  console.log(`docs  ${api.padEnd(14)} ${Math.round(performance.now() - started)} ms`);
}

/** The APIs (redocly.yaml's `apis:`, scripts/lib/apis.ts) whose bundled spec is under generated/. */
function bundledApis(): string[] {
  return listApis(root)
    .filter((api) => existsSync(join(api.generatedDir, "openapi.json")))
    .map((api) => api.name);
}

main().catch((error: unknown) => {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
