/**
 * Per-API facts the contract suite cannot read from a spec: which module holds the wrappers, how
 * to build a client that sets the usual headers ("configured") and one that sets none ("bare"),
 * and credentials the specs' security schemes accept. Adding an API means one entry here; the
 * coverage check fails until it exists.
 */
import * as croDispatch from "../../src/cro-dispatch/index.js";
import type { FetchLike } from "../../src/core/index.js";
import * as jtlErpV1 from "../../src/jtl-erp-v1/index.js";
import * as jtlErpV2 from "../../src/jtl-erp-v2/index.js";
import { responseValidator } from "../../src/validation/index.js";

/** A lower-case, JWT-shaped token: it matches CRO's x-token-constraints pattern with or without case folding. */
export const CONTRACT_TOKEN = "eyjhbgcioijsuzi1nij9.eyjzdwiioijjb250cmfjdcj9.c2lnbmf0dxjl-_x";
export const CONTRACT_API_KEY = "contract-api-key";
const TENANT_UUID = "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21";

/** What every contract client shares: no retries (a retry would hide a bad first answer), response validation on. */
export interface ClientSettings {
  readonly baseUrl: string;
  readonly fetch: FetchLike;
}

/** How the suite builds clients of one API. */
export interface ApiConfig {
  /** The folder under generated/. */
  readonly api: string;
  /** The API's entry module (src/<api>/index.ts): the factory plus every re-exported wrapper. */
  readonly module: Record<string, unknown>;
  /** Header values the configured client sends on every request (names as sent, values as strings). */
  readonly clientHeaders: Readonly<Record<string, string>>;
  /** A client whose factory options set {@link clientHeaders}. */
  configured(settings: ClientSettings): object;
  /** A client that sets no header parameter at all: every required header must come with the call. */
  bare(settings: ClientSettings): object;
}

const common = (settings: ClientSettings) => ({
  baseUrl: settings.baseUrl,
  fetch: settings.fetch,
  auth: CONTRACT_TOKEN,
  maxRetries: 0,
  timeoutMs: 10_000,
  validateResponses: responseValidator(),
});

/** Every API the suite knows, by generated/ folder name. */
export const API_CONFIGS: Readonly<Record<string, ApiConfig>> = {
  "jtl-erp-v1": {
    api: "jtl-erp-v1",
    module: jtlErpV1,
    clientHeaders: {
      "x-tenant-id": TENANT_UUID,
      "x-appid": "ContractSuite/1.0.0",
      "x-appversion": "1.0.0",
      "api-version": jtlErpV1.JTL_ERP_V1_API_VERSION,
    },
    configured: (s) =>
      jtlErpV1.createJtlErpV1Client({
        ...common(s),
        tenantId: TENANT_UUID,
        appId: "ContractSuite/1.0.0",
        appVersion: "1.0.0",
        apiKey: CONTRACT_API_KEY,
      }),
    // Bare clients leave the required options out, as a JavaScript caller can: every call brings its headers.
    bare: (s) =>
      jtlErpV1.createJtlErpV1Client({ ...common(s), apiKey: CONTRACT_API_KEY, apiVersion: null } as jtlErpV1.JtlErpV1ClientOptions),
  },
  "jtl-erp-v2": {
    api: "jtl-erp-v2",
    module: jtlErpV2,
    clientHeaders: { "x-tenant-id": TENANT_UUID },
    configured: (s) => jtlErpV2.createJtlErpV2Client({ ...common(s), tenantId: TENANT_UUID }),
    bare: (s) => jtlErpV2.createJtlErpV2Client({ ...common(s) } as jtlErpV2.JtlErpV2ClientOptions),
  },
  "cro-dispatch": {
    api: "cro-dispatch",
    module: croDispatch,
    clientHeaders: { "x-tenant-id": "1207", "x-api-version": croDispatch.CRO_DISPATCH_API_VERSION },
    configured: (s) => croDispatch.createCroDispatchClient({ ...common(s), tenantId: 1207 }),
    bare: (s) => croDispatch.createCroDispatchClient({ ...common(s), apiVersion: null } as croDispatch.CroDispatchClientOptions),
  },
};

/** The config of an API; throws a clear error for an API the suite has no entry for. */
export function configOf(api: string): ApiConfig {
  const config = API_CONFIGS[api];
  if (!config) throw new Error(`test/contract/apis.ts has no entry for generated/${api}: add its factory there`);
  return config;
}
