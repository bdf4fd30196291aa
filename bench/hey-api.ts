/**
 * Hey API's client for one of our specs, as the benchmarks compare against it: `@hey-api/openapi-ts`
 * with client-fetch and the sdk plugin, from the bundled spec in generated/. It runs from `cwd`
 * (a temp folder), so it never reads this repo's redocly.yaml.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const HEY_API = path.join(ROOT, "node_modules/@hey-api/openapi-ts/bin/run.js");

/** Writes Hey API's TypeScript client for `api` (e.g. "jtl-erp-v2") into `outDir`. */
export function generateHeyApiClient(api: string, outDir: string, cwd: string): void {
  execFileSync(
    process.execPath,
    [
      HEY_API,
      ...["-i", path.join(ROOT, "generated", api, "openapi.json"), "-o", outDir],
      ...["-c", "@hey-api/client-fetch", "-p", "@hey-api/typescript", "@hey-api/sdk", "--no-log-file", "--silent"],
    ],
    { cwd, stdio: ["ignore", "ignore", "inherit"] },
  );
}
