/**
 * Builds the published docs into site/: one Redoc page per API (from the bundled
 * spec the generator left in generated/<api>/openapi.json), the client guide
 * (README.md as HTML) and an index page linking them all.
 *
 * Like the generator, it writes into a temporary folder and swaps it into place
 * only when every page was built, so a failure never leaves site/ half-written.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { marked } from "marked";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const generatedDir = join(root, "generated");
const siteDir = resolve(root, process.argv[2] ?? "site");

interface ApiPage {
  api: string;
  title: string;
  version: string;
  summary: string;
  operations: number;
}

async function main(): Promise<void> {
  const apis = await bundledApis();
  if (apis.length === 0) {
    throw new Error(`no bundled specs under ${generatedDir}/<api>/openapi.json; run npm run generate first`);
  }
  const staging = `${siteDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const pages = await Promise.all(
      apis.map(async (api) => {
        const started = performance.now();
        const page = await buildApiPage(api, staging);
        console.log(`docs  ${api.padEnd(14)} ${Math.round(performance.now() - started)} ms`);
        return page;
      }),
    );
    await writeFile(join(staging, "guide.html"), await guidePage());
    await writeFile(join(staging, "index.html"), indexPage(pages));
    await rm(siteDir, { recursive: true, force: true });
    await rename(staging, siteDir);
    console.log(`docs  written to ${siteDir}/index.html`);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function bundledApis(): Promise<string[]> {
  if (!existsSync(generatedDir)) return [];
  const entries = await readdir(generatedDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(generatedDir, entry.name, "openapi.json")))
    .map((entry) => entry.name)
    .sort();
}

interface Spec {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
}

async function buildApiPage(api: string, outDir: string): Promise<ApiPage> {
  const specPath = join(generatedDir, api, "openapi.json");
  const spec = JSON.parse(await readFile(specPath, "utf8")) as Spec;
  const title = spec.info?.title ?? api;
  const version = spec.info?.version ?? "";
  try {
    // --inlineBundle: the page must render offline, without Redocly's CDN.
    // schemaDefinitionsTagName: a "Models" section lists every component schema by name.
    await run(
      join(root, "node_modules", ".bin", "redocly"),
      [
        "build-docs",
        specPath,
        "--inlineBundle",
        "--openapi.schemaDefinitionsTagName=Models",
        "--title",
        `${title} ${version}`.trim(),
        "-o",
        join(outDir, `${api}.html`),
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const output = error as { stderr?: string; stdout?: string };
    throw new Error(`redocly build-docs failed for ${specPath}:\n${output.stderr || output.stdout || String(error)}`);
  }
  const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
  const operations = Object.values(spec.paths ?? {}).reduce(
    (count, item) => count + Object.keys(item).filter((key) => methods.has(key)).length,
    0,
  );
  const summary = (spec.info?.description ?? "").split(/\n\s*\n/)[0] ?? "";
  return { api, title, version, summary, operations };
}

async function guidePage(): Promise<string> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  return htmlPage("Client guide", await marked.parse(readme));
}

function indexPage(pages: ApiPage[]): string {
  const items = pages
    .map(
      (page) =>
        `<li><a href="${page.api}.html">${escapeHtml(page.title)}</a> <small>${escapeHtml(page.version)} · ` +
        `${page.operations} operation${page.operations === 1 ? "" : "s"}</small>` +
        // Escaped first, then inline Markdown (`code`, *emphasis*): no HTML from a spec reaches the page.
        (page.summary ? `<p>${marked.parseInline(escapeHtml(page.summary), { async: false })}</p>` : "") +
        `</li>`,
    )
    .join("\n");
  return htmlPage(
    "API reference",
    `<h1>API reference</h1>\n<ul class="apis">\n${items}\n</ul>\n<p><a href="guide.html">Client guide</a>: installing, authenticating, errors, retries, the mock server.</p>`,
  );
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
pre { background: #f6f8fa; padding: 1rem; overflow-x: auto; }
code { font-family: ui-monospace, monospace; font-size: 0.9em; }
.apis li { margin-bottom: 1rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

main().catch((error: unknown) => {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
