/**
 * One API's Redoc page, built by `redocly build-docs` from the docs copy of its spec, made to work
 * offline: the Redoc scripts are inlined (--inlineBundle), telemetry is off, and the Redocly logo,
 * which Redoc loads from its CDN, is not loaded (the "API docs by Redocly" link stays).
 */
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
// Redoc's options for these pages (code sample languages, the Models section, telemetry off).
const CONFIG = join(import.meta.dirname, "redocly-docs.yaml");

// The only remote resources Redoc's inlined bundle refers to; a page must load none of them.
const CDN_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
// An image that fails to load: Redoc then renders no logo at all (its onError hides it).
const NO_IMAGE = "data:,";

/** Builds `outFile` from the docs copy `specFile`. */
export async function buildRedocPage(root: string, specFile: string, title: string, outFile: string): Promise<void> {
  try {
    await run(
      join(root, "node_modules", ".bin", "redocly"),
      ["build-docs", specFile, "--config", CONFIG, "--inlineBundle", "--title", title, "-o", outFile],
      { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
    );
  } catch (error) {
    const output = error as { stderr?: string; stdout?: string };
    throw new Error(`redocly build-docs failed for ${specFile}:\n${output.stderr || output.stdout || String(error)}`);
  }
  let html = await readFile(outFile, "utf8");
  for (const logo of CDN_LOGOS) {
    // A Redoc upgrade that moves the logo must be noticed here, not by a reader offline.
    if (!html.includes(logo)) throw new Error(`${outFile}: Redoc no longer refers to ${logo}; check which remote resources it loads now`);
    html = html.replaceAll(logo, NO_IMAGE);
  }
  await writeFile(outFile, html);
}
