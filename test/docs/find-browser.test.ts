// The browser lookup on simulated machines: CHROME_PATH wins, then an installed browser (usual
// paths, then PATH), then the npm-shipped Chromium on Linux x64; with none, an error that lists
// what was tried. One test launches nothing but resolves the real lookup on this machine.
import { describe, expect, it } from "vitest";
import { BrowserNotFoundError, findBrowser, type BrowserLookup } from "./find-browser.js";

const bundled = { executablePath: "/tmp/chromium", args: ["--headless=shell"] };

function machine(files: string[], overrides: Partial<BrowserLookup> = {}): Partial<BrowserLookup> {
  return {
    env: { PATH: "/usr/local/bin:/opt/tools" },
    platform: "linux",
    arch: "x64",
    isExecutable: (file) => files.includes(file),
    loadBundled: async () => bundled,
    ...overrides,
  };
}

describe("findBrowser", () => {
  it("uses CHROME_PATH when it names an executable", async () => {
    const found = await findBrowser(machine(["/opt/chrome/chrome", "/usr/bin/chromium"], { env: { CHROME_PATH: "/opt/chrome/chrome" } }));
    expect(found).toMatchObject({ executablePath: "/opt/chrome/chrome", source: "CHROME_PATH" });
  });

  it("refuses a CHROME_PATH that is not executable instead of silently picking another browser", async () => {
    await expect(findBrowser(machine(["/usr/bin/chromium"], { env: { CHROME_PATH: "/nope/chrome" } }))).rejects.toThrow(
      /CHROME_PATH is set to \/nope\/chrome, which is not an executable file/,
    );
  });

  it("prefers an installed browser at a usual path, then one on PATH, over the bundled one", async () => {
    expect((await findBrowser(machine(["/usr/bin/google-chrome", "/opt/tools/chromium"]))).executablePath).toBe("/usr/bin/google-chrome");
    const onPath = await findBrowser(machine(["/opt/tools/chromium"]));
    expect(onPath).toMatchObject({ executablePath: "/opt/tools/chromium", source: "installed" });
    expect(onPath.args).toContain("--no-sandbox");
  });

  it("falls back to @sparticuz/chromium on Linux x64", async () => {
    expect(await findBrowser(machine([]))).toEqual({ ...bundled, source: "@sparticuz/chromium" });
  });

  it("fails with a message listing what was tried when there is no browser", async () => {
    const error = await findBrowser(machine([], { loadBundled: async () => undefined })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain("No Chrome or Chromium found. Tried:");
    expect(message).toContain("/usr/bin/chromium");
    expect(message).toContain("on PATH (2 folders)");
    expect(message).toContain("@sparticuz/chromium (not installed: run npm ci)");
    expect(message).toContain("Set CHROME_PATH");
  });

  it("does not offer the bundled Chromium where it does not run", async () => {
    const error = await findBrowser(machine([], { platform: "darwin", arch: "arm64" })).catch((e: unknown) => e);
    expect((error as Error).message).toContain("ships Linux x64 only; this is darwin arm64");
  });

  it("finds a runnable browser on this machine", async () => {
    const found = await findBrowser();
    expect(found.executablePath).not.toBe("");
    expect(["CHROME_PATH", "installed", "@sparticuz/chromium"]).toContain(found.source);
  });
});
