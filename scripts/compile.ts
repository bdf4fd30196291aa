/**
 * Compiles src/ and generated/ into dist/ (ESM + .d.ts) and copies the bundled
 * specs beside the compiled clients, where the mock server and response
 * validation load them at run time. Builds into a staging folder and swaps it in
 * only on success, so a failed compile never leaves dist/ half-written.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
const staging = join(root, `dist.tmp-${process.pid}`);

async function main(): Promise<void> {
  const started = performance.now();
  await rm(staging, { recursive: true, force: true });
  try {
    await run(join(root, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json", "--outDir", staging], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc reported errors:\n${(error.stdout ?? "") + (error.stderr ?? "")}`.trimEnd());
    });
    const generated = join(root, "generated");
    for (const entry of await readdir(generated, { withFileTypes: true })) {
      const spec = join(generated, entry.name, "openapi.json");
      if (!entry.isDirectory() || !existsSync(spec)) continue;
      await mkdir(join(staging, "generated", entry.name), { recursive: true });
      await copyFile(spec, join(staging, "generated", entry.name, "openapi.json"));
    }
    await rm(dist, { recursive: true, force: true });
    await rename(staging, dist);
    console.log(`compile  dist/  ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`compile: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
