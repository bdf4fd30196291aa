/**
 * Finds a Chrome or Chromium for the docs test, so it runs on a machine with only Node and npm:
 * `CHROME_PATH` if set, else a browser already installed (the usual paths, then `PATH`), else the
 * Chromium that the `@sparticuz/chromium` dev dependency ships (Linux x64 only).
 */
import { accessSync, constants } from "node:fs";
import path from "node:path";

/** A browser to launch: its executable and the flags it needs. */
export interface FoundBrowser {
  executablePath: string;
  args: string[];
  /** Where it was found, for the test's log: "CHROME_PATH", "installed" or "@sparticuz/chromium". */
  source: string;
}

/** What the lookup consults; tests replace these to simulate other machines. */
export interface BrowserLookup {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  isExecutable: (file: string) => boolean;
  /** Unpacks the npm-shipped Chromium; undefined when the package is not installed. */
  loadBundled: () => Promise<{ executablePath: string; args: string[] } | undefined>;
}

/** Raised when no browser was found; its message lists every place that was tried. */
export class BrowserNotFoundError extends Error {
  override name = "BrowserNotFoundError";
}

const INSTALLED_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
  ],
  darwin: ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"],
  win32: ["C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe"],
};
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

// Flags for a headless run in a container: no sandbox (root in CI), nothing fetched in the background.
const HEADLESS_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function loadBundled(): Promise<{ executablePath: string; args: string[] } | undefined> {
  let chromium: typeof import("@sparticuz/chromium").default;
  try {
    chromium = (await import("@sparticuz/chromium")).default;
  } catch {
    return undefined;
  }
  // --single-process is meant for one-page serverless runs; the docs test opens many pages.
  const args = chromium.args.filter((arg) => arg !== "--single-process");
  return { executablePath: await chromium.executablePath(), args };
}

const defaults: BrowserLookup = { env: process.env, platform: process.platform, arch: process.arch, isExecutable, loadBundled };

/** The browser to launch, or a BrowserNotFoundError saying what was tried. */
export async function findBrowser(overrides: Partial<BrowserLookup> = {}): Promise<FoundBrowser> {
  const lookup = { ...defaults, ...overrides };
  const tried: string[] = [];

  const override = lookup.env.CHROME_PATH;
  if (override) {
    if (lookup.isExecutable(override)) return { executablePath: override, args: HEADLESS_ARGS, source: "CHROME_PATH" };
    // An explicit choice that does not work is an error, not a reason to pick another browser.
    throw new BrowserNotFoundError(`CHROME_PATH is set to ${override}, which is not an executable file`);
  }

  const pathDirs = (lookup.env.PATH ?? "").split(lookup.platform === "win32" ? ";" : ":").filter(Boolean);
  const candidates = [
    ...(INSTALLED_PATHS[lookup.platform] ?? []),
    ...pathDirs.flatMap((dir) => PATH_NAMES.map((name) => path.join(dir, lookup.platform === "win32" ? `${name}.exe` : name))),
  ];
  for (const candidate of new Set(candidates)) {
    if (lookup.isExecutable(candidate)) return { executablePath: candidate, args: HEADLESS_ARGS, source: "installed" };
  }
  tried.push(`CHROME_PATH (not set)`, `installed browsers: ${INSTALLED_PATHS[lookup.platform]?.join(", ") ?? "none known"}`);
  tried.push(`${PATH_NAMES.join(", ")} on PATH (${pathDirs.length} folders)`);

  if (lookup.platform === "linux" && lookup.arch === "x64") {
    const bundled = await lookup.loadBundled();
    if (bundled) return { ...bundled, source: "@sparticuz/chromium" };
    tried.push("@sparticuz/chromium (not installed: run npm ci)");
  } else {
    tried.push(`@sparticuz/chromium (ships Linux x64 only; this is ${lookup.platform} ${lookup.arch})`);
  }
  throw new BrowserNotFoundError(
    `No Chrome or Chromium found. Tried:\n${tried.map((line) => `  - ${line}`).join("\n")}\n` +
      "Set CHROME_PATH to a Chrome or Chromium executable, or run npm ci on Linux x64.",
  );
}
