// The published docs, as a reader sees them: the site is built into a temp folder, every page
// is opened in headless Chromium (Debian's, driven by playwright-core), and every operation's
// summary and every schema name must be rendered. Screenshots go to test-results/docs/.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = path.join(ROOT, "test-results", "docs");
const apis = fs
  .readdirSync(path.join(ROOT, "generated"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let site: string;
let browser: Browser;

beforeAll(async () => {
  site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "docs-")), "site");
  await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "docs.ts"), site], { cwd: ROOT });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

describe.each(apis)("%s.html", (api) => {
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "generated", api, "openapi.json"), "utf8"));
  const operations = Object.values<any>(spec.paths).flatMap((item) =>
    ["get", "put", "post", "delete", "patch", "head", "options", "trace"].filter((m) => item[m]).map((m) => item[m]),
  );
  const schemas = Object.entries<any>(spec.components?.schemas ?? {});

  it("renders every operation's summary and every schema, reachable from the sidebar", { timeout: 120_000 }, async () => {
    expect(operations.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    const url = `file://${path.join(site, `${api}.html`)}`;
    const shows = (text: string) => page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: 20_000 });
    try {
      await page.goto(url);
      expect(await page.title()).toContain(spec.info.title);
      await page.waitForSelector("a[href^='#/models/']", { timeout: 20_000 });
      const sidebar = await page.$$eval("a[href^='#/models/']", (as) => as.map((a) => [a.textContent?.trim(), a.getAttribute("href")]));
      // Redoc's route for a model is its lowercased name; the sidebar shows the first few.
      for (const [text, href] of sidebar) expect(href).toBe(`#/models/${text!.toLowerCase()}`);
      await page.screenshot({ path: path.join(SHOTS, `${api}.png`) });
      // Each operation through the link a reader (or a generated @see) would follow.
      for (const op of operations) {
        await page.goto(`${url}#operation/${op.operationId}`);
        await shows(op.summary);
      }
      // Each schema in the Models section, showing its first property.
      for (const [name, schema] of schemas) {
        await page.goto(`${url}#/models/${name.toLowerCase()}`);
        await shows(name);
        const property = Object.keys(schema.properties ?? {})[0];
        if (property) await shows(property);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("index.html", () => {
  it("links every API page and the client guide, and each link resolves", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`file://${path.join(site, "index.html")}`);
      const links = await page.$$eval("a", (as) => as.map((a) => a.getAttribute("href")));
      expect(links).toEqual(expect.arrayContaining([...apis.map((api) => `${api}.html`), "guide.html"]));
      for (const link of links) expect(fs.existsSync(path.join(site, link!)), link!).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, "index.png") });
    } finally {
      await page.close();
    }
  });
});
