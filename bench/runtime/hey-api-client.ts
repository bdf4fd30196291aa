/**
 * A Hey API client (`@hey-api/openapi-ts`, client-fetch + sdk) for the JTL v2 spec, generated into
 * a temp folder when the benchmark starts, so the per-call table can put Hey API's runtime beside
 * ours on the same mocked fetch.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generateHeyApiClient } from "../hey-api.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** What the benchmark calls: one operation on a client with the given options. */
export interface HeyApiContender {
  readonly getCustomerContact: (options: { client: unknown; path: Record<string, string> }) => Promise<{ data?: unknown }>;
  readonly createClient: (config: {
    baseUrl: string;
    fetch: (request: Request) => Promise<Response>;
    headers: Record<string, string>;
  }) => unknown;
  readonly version: string;
  readonly dispose: () => void;
}

export async function heyApiClient(): Promise<HeyApiContender> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-hey-api-"));
  const out = path.join(dir, "jtl-erp-v2");
  generateHeyApiClient("jtl-erp-v2", out, dir);
  const sdk = await import(pathToFileURL(path.join(out, "sdk.gen.ts")).href);
  const client = await import(pathToFileURL(path.join(out, "client/index.ts")).href);
  const { version } = (
    await import(pathToFileURL(path.join(ROOT, "node_modules/@hey-api/openapi-ts/package.json")).href, {
      with: { type: "json" },
    })
  ).default as { version: string };
  return {
    getCustomerContact: sdk.getCustomerContact,
    createClient: client.createClient,
    version,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
