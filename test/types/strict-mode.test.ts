/**
 * Strict projects: a consumer program compiles under `exactOptionalPropertyTypes` and
 * `noUncheckedIndexedAccess`, passing possibly-undefined values to every kind of optional input
 * (factory options, params groups and members, per-call options). A control line without
 * `undefined` support (a plain `{ a?: string }`) proves the flag is on.
 */
import { describe, expect, it } from "vitest";
import { languageService } from "./language-service.js";

const CONSUMER = `import { createJtlErpV1Client } from "vendor-api-clients/jtl-erp-v1";
import { createCroDispatchClient } from "vendor-api-clients/cro-dispatch";
declare const env: Record<string, string | undefined>;
declare const maybeSignal: AbortSignal | undefined;
declare const maybeSize: number | undefined;
declare const ids: number[];

const erp = createJtlErpV1Client({
  tenantId: "t",
  appId: "MyApp/1.0.0",
  appVersion: "1.0.0",
  baseUrl: env.JTL_BASE_URL,
  runAs: env.JTL_RUN_AS,
  apiKey: env.JTL_API_KEY,
  timeoutMs: maybeSize,
});
const cro = createCroDispatchClient({ tenantId: 1207, apiVersion: undefined, auth: env.CRO_TOKEN });
export const page = erp.customers.list({ query: { pageSize: maybeSize, searchKeyWord: env.SEARCH } }, { signal: maybeSignal, timeoutMs: undefined });
export const one = erp.customers.get({ path: { customerId: ids[0] ?? 1 }, header: { "x-runas": env.RUN_AS } }, undefined);
export const listed = erp.customers.list(undefined, { maxRetries: maybeSize });
export const contact = cro.customers.contacts.create({ path: { customer_id: 1 }, body: { name: "John" } }, { headers: undefined });
`;

const CONTROL = `declare const maybe: string | undefined;
export const strict: { a?: string } = { a: maybe };
`;

describe("strict compiler options", () => {
  it("optional inputs take undefined under exactOptionalPropertyTypes and noUncheckedIndexedAccess", () => {
    const service = languageService(
      { "consumer.ts": CONSUMER, "control.ts": CONTROL },
      { exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true },
    );
    expect(service.diagnostics("consumer.ts")).toEqual([]);
    expect(service.diagnostics("control.ts")).toEqual([expect.stringContaining("exactOptionalPropertyTypes")]);
  }, 60_000);
});
