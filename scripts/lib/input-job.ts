/**
 * The job `generate --input FILE` runs: any spec on disk, named after its file, bundled with
 * Redocly's defaults, lint off unless asked for. The generator tests and the real-world survey
 * run the same job in process. Light on purpose: the driver imports it before knowing whether
 * anything must be regenerated.
 */
import path from "node:path";
import type { ApiJob } from "./pipeline.js";
import type { RefPolicy } from "./ref-guard.js";

/** The job for one spec file whose generated code imports the runtime from `runtimeImport`. */
export function inputJob(file: string, runtimeImport: string, refPolicy?: RefPolicy): ApiJob {
  return {
    name: path.basename(file),
    file,
    source: path.basename(file),
    lintConfig: undefined,
    bundleConfig: async () => (await import("@redocly/openapi-core")).createConfig({}),
    runtimeImport,
    docsPage: undefined,
    refPolicy,
  };
}
