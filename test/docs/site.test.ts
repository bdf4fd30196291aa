// The published docs, as a reader sees them: the site is built into a temp folder and every page
// is opened in headless Chrome/Chromium (found by find-browser.ts, driven by playwright-core).
// Every operation must show its TypeScript sample (calling this package) and its curl sample,
// every schema must be rendered, no reader-visible text may carry provenance notes, and no page
// may send a request off the machine. Screenshots go to the git-ignored test-results/docs/.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiNames } from "../../scripts/lib/apis.js";
import { findBrowser } from "./find-browser.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "test-results", "docs");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;
// Where a fact came from belongs in x- extensions, never in text a reader sees.
// "reference" alone is a word fields use ("Reference number"); provenance says "the reference".
const PROVENANCE = /\b(seeds?|pages? 00\d|(the|vendor|from) reference|reference (docs|says|lists)|transcri\w*)\b/i;
const apis = apiNames(ROOT);

let site: string;
let browser: Browser;
/** Every request a page sent that was not to a local file (or data:/blob: of its own). */
const remoteRequests: string[] = [];

beforeAll(async () => {
  site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "docs-")), "site");
  await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "docs.ts"), site], { cwd: ROOT });
  const found = await findBrowser();
  browser = await chromium.launch({ executablePath: found.executablePath, args: found.args });
  fs.mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.on("request", (request) => {
    if (!/^(file|data|blob):/.test(request.url())) remoteRequests.push(`${request.url()} (from ${request.frame().url()})`);
  });
  return context;
}

/** Waits for the sidebar's model links, opening its "Models" group when Redoc shows it collapsed (long lists). */
async function showModelLinks(page: Page): Promise<void> {
  const links = page.locator("a[href^='#/models/']");
  // The group's own link is "#/models", or "/models" in Redoc's collapsed form.
  const group = page.locator("a[href='#/models'], a[href='/models']").first();
  await group.waitFor({ timeout: 20_000 });
  if ((await links.count()) === 0 || !(await links.first().isVisible())) await group.click();
  await links.first().waitFor({ state: "visible", timeout: 20_000 });
}

/** Lines of the page's visible text that read as provenance notes. */
async function provenanceLines(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.split("\n").filter((line) => PROVENANCE.test(line));
}

describe.each(apis)("%s.html", (api) => {
  const docsCopy = () => JSON.parse(fs.readFileSync(path.join(site, `${api}.openapi.json`), "utf8"));
  const operationsOf = (spec: any) =>
    Object.values<any>(spec.paths).flatMap((item) =>
      ["get", "put", "post", "delete", "patch", "head", "options", "trace"].filter((m) => item[m]).map((m) => ({ method: m, ...item[m] })),
    );
  const url = () => `file://${path.join(site, `${api}.html`)}`;

  it("shows every operation with a TypeScript sample calling this package and a curl sample, and no provenance note", {
    timeout: 180_000,
  }, async () => {
    const spec = docsCopy();
    const operations = operationsOf(spec);
    expect(operations.length).toBeGreaterThan(0);
    const context = await newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const notes = new Set<string>();
    page.on("pageerror", (error) => problems.push(error.message));
    try {
      await page.goto(url());
      expect(await page.title()).toContain(spec.info.title);
      for (const [i, op] of operations.entries()) {
        const samples = Object.fromEntries(op["x-codeSamples"].map((s: any) => [s.label, s.source as string]));
        expect(samples.TypeScript, op.operationId).toContain(`from "${PACKAGE}/${api}"`);
        expect(samples.curl, op.operationId).toMatch(new RegExp(`^curl -X ${op.method.toUpperCase()} `));
        // Each operation through the link a reader (or a generated @see) would follow.
        await page.goto(`${url()}#operation/${op.operationId}`);
        const section = page.locator(`div[id$="/${op.operationId.toLowerCase()}"]`);
        await expect.poll(() => section.innerText(), { timeout: 20_000 }).toContain(op.summary);
        // Read once the operation is rendered: Redoc shows one operation at a time.
        for (const line of await provenanceLines(page)) notes.add(`on the ${op.operationId} page: ${line}`);
        const samplePanel = section.locator("[data-testid='right-panel'] [data-component-name='Panel/Panel']").first();
        const languages = samplePanel
          .locator("[data-component-name='Panel/PanelHeader'] [data-component-name='Dropdown/Dropdown']")
          .filter({ hasText: /^(TypeScript|curl)$/ });
        // Redoc keeps the last chosen language across operations: starting with it, and
        // alternating, takes one language switch per operation instead of two.
        for (const label of i % 2 === 0 ? ["TypeScript", "curl"] : ["curl", "TypeScript"]) {
          // Choose the language as a reader does; a click Redoc drops while it re-renders is repeated.
          const shown = async () => {
            const text = squash(await samplePanel.locator("[data-component-name='CodeBlock/CodeBlock']").innerText());
            if (text.includes(squash(samples[label]!))) return text;
            await languages.click();
            await page
              .locator("[data-component-name='Dropdown/DropdownMenuItem']")
              .filter({ visible: true, hasText: new RegExp(`^${label}$`) })
              .click();
            return squash(await samplePanel.locator("[data-component-name='CodeBlock/CodeBlock']").innerText());
          };
          await expect.poll(shown, { message: `${op.operationId}: ${label} sample`, timeout: 10_000 }).toContain(squash(samples[label]!));
        }
      }
      await page.goto(`${url()}#operation/${operations[0].operationId}`);
      await page.screenshot({ path: path.join(SHOTS, `${api}.png`) });
      expect(problems).toEqual([]);
      expect([...notes], "provenance notes on operation pages").toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("renders every schema, reachable from the sidebar, with no provenance note", { timeout: 120_000 }, async () => {
    const schemas = Object.entries<any>(docsCopy().components?.schemas ?? {});
    const context = await newContext();
    const page = await context.newPage();
    const shows = (text: string) => page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: 20_000 });
    try {
      await page.goto(url());
      await showModelLinks(page);
      const notes = new Set(await provenanceLines(page));
      const sidebar = await page.$$eval("a[href^='#/models/']", (as) => as.map((a) => [a.textContent?.trim(), a.getAttribute("href")]));
      // Redoc's route for a model starts with its lowercased name: every sidebar entry leads to a schema.
      const routes = schemas.map(([name]) => `#/models/${name.toLowerCase()}`);
      expect(sidebar.length).toBeGreaterThan(0);
      for (const [text, href] of sidebar)
        expect(
          routes.some((r) => href === r || href!.startsWith(`${r}#`)),
          `sidebar entry ${text} → ${href}`,
        ).toBe(true);
      for (const [name, schema] of schemas) {
        await page.goto(`${url()}#/models/${name.toLowerCase()}`);
        await shows(name);
        const property = Object.keys(schema.properties ?? {})[0];
        if (property) await shows(property);
        // Read once the model is rendered, not the page it replaces.
        for (const line of await provenanceLines(page)) notes.add(`on the ${name} page: ${line}`);
      }
      expect([...notes], "provenance notes on model pages").toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("index.html, operations.html, guide.html", () => {
  it("index: every API with its version, operation count, factory and a first sample; every link resolves", async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await page.goto(`file://${path.join(site, "index.html")}`);
      for (const api of apis) {
        const spec = JSON.parse(fs.readFileSync(path.join(site, `${api}.openapi.json`), "utf8"));
        const count = Object.values<any>(spec.paths).flatMap((item) =>
          Object.keys(item).filter((k) => /^(get|put|post|delete|patch|head|options|trace)$/.test(k)),
        ).length;
        const card = await page.locator(`section.api#${api}`).innerText();
        expect(card).toContain(spec.info.title);
        expect(card).toContain(`version ${spec.info.version}`);
        expect(card).toContain(`${count} operation`);
        expect(card).toMatch(new RegExp(`import \\{ create\\w+Client \\} from "${PACKAGE}/${api}"`));
        expect(card).toContain("await client.");
      }
      const links = await page.$$eval("a", (as) => as.map((a) => a.getAttribute("href")!));
      expect(links).toEqual(expect.arrayContaining([...apis.map((api) => `${api}.html`), "guide.html", "operations.html"]));
      for (const link of links) expect(fs.existsSync(path.join(site, link.split("#")[0]!)), link).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, "index.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("guide and operations table: every link resolves on the site (files and #anchors) or points into the repository", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const repo = /^https:\/\/github\.com\/vendor-api-clients\/vendor-api-clients(?:\/blob\/main\/(.+))?$/;
    try {
      for (const file of ["guide.html", "operations.html"]) {
        await page.goto(`file://${path.join(site, file)}`);
        const links = await page.$$eval("a", (as) => as.map((a) => a.getAttribute("href")!));
        expect(links.length).toBeGreaterThan(5);
        for (const link of links) {
          if (/^https?:/.test(link)) {
            // Absolute links are to this repository's files or to other projects; never to a local path.
            const inRepo = repo.exec(link);
            if (inRepo?.[1]) expect(fs.existsSync(path.join(ROOT, inRepo[1])), link).toBe(true);
            continue;
          }
          const [target, anchor] = link.split("#");
          const targetFile = target ? path.join(site, target) : path.join(site, file);
          expect(fs.existsSync(targetFile), `${file}: ${link}`).toBe(true);
          if (anchor && !target) expect(await page.locator(`[id="${anchor}"]`).count(), `${file}: ${link}`).toBe(1);
        }
        await page.screenshot({ path: path.join(SHOTS, file.replace(".html", ".png")), fullPage: true });
      }
    } finally {
      await context.close();
    }
  });

  it("no page sent a request off the machine", () => {
    // Runs last in this file: every test above recorded into remoteRequests.
    expect(remoteRequests).toEqual([]);
  });
});

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
