/**
 * Compiles src/ and generated/ into dist/ (ESM + .d.ts) and copies the bundled
 * specs beside the compiled clients, where the mock server and response
 * validation load them at run time. Builds into a staging folder and swaps it in
 * only on success, so a failed compile never leaves dist/ half-written.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { listApis } from "./lib/apis.js";
import { replaceFolder } from "./lib/stage-and-swap.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");

async function main(): Promise<void> {
  const started = performance.now();
  await replaceFolder(dist, async (staging) => {
    await run(join(root, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json", "--outDir", staging], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc reported errors:\n${(error.stdout ?? "") + (error.stderr ?? "")}`.trimEnd());
    });
    for (const api of listApis(root)) {
      const spec = join(api.generatedDir, "openapi.json");
      if (!existsSync(spec)) throw new Error(`${spec} not found: run \`npm run generate\` first`);
      await mkdir(join(staging, "generated", api.name), { recursive: true });
      await copyFile(spec, join(staging, "generated", api.name, "openapi.json"));
    }
  });
  console.log(`compile  dist/  ${Math.round(performance.now() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(`compile: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
