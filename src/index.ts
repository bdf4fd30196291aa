/**
 * Package entry: the runtime (errors, auth helpers, types) and the three client factories. Each
 * API's standalone operation functions live under its own entry (`./jtl-erp-v1`, `./jtl-erp-v2`,
 * `./cro-dispatch`), since the same operation names exist in several APIs.
 */
export * from "./core/index.js";
export {
  createJtlErpV1Client,
  JTL_ERP_V1_API_VERSION,
  JTL_ERP_V1_BASE_URL,
  type JtlErpV1Client,
  type JtlErpV1ClientOptions,
} from "./jtl-erp-v1/index.js";
export { createJtlErpV2Client, JTL_ERP_V2_BASE_URL, type JtlErpV2Client, type JtlErpV2ClientOptions } from "./jtl-erp-v2/index.js";
export {
  createCroDispatchClient,
  croRefreshTokenAuth,
  CRO_DISPATCH_API_VERSION,
  CRO_DISPATCH_BASE_URL,
  CRO_TOKEN_URL,
  type CroApiVersion,
  type CroDispatchClient,
  type CroDispatchClientOptions,
  type CroRefreshTokenAuthOptions,
} from "./cro-dispatch/index.js";
export { jtlClientCredentials, JTL_TOKEN_URL, type JtlClientCredentialsOptions } from "./jtl-auth.js";
