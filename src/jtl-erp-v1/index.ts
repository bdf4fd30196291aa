/**
 * JTL-Cloud ERP API v1: `createJtlErpV1Client` and every operation as a standalone function.
 *
 * ```ts
 * const erp = createJtlErpV1Client({
 *   tenantId, appId: "MyApp/1.0.0", appVersion: "1.0.0",
 *   auth: jtlClientCredentials({ clientId, clientSecret }),
 * });
 * const page = await erp.customers.list({ query: { pageSize: 50 } });
 * ```
 */
import { oauth2Flows, resources, servers } from "../../generated/jtl-erp-v1/resources.js";
import { authorizationCodeFlow, type AuthorizationCodeFlow, type AuthorizationCodeFlowOptions } from "../core/authorization-code.js";
import type { paths } from "../../generated/jtl-erp-v1/types.js";
import { createApiClient, type ApiClient, type FactoryOptions, type HeadersOption, type NoExtraKeys } from "../internal/api-factory.js";

export * from "../../generated/jtl-erp-v1/operations.js";
export type * from "../../generated/jtl-erp-v1/models.js";
export type { components, operations, paths } from "../../generated/jtl-erp-v1/types.js";
export { jtlClientCredentials, JTL_TOKEN_URL, type JtlClientCredentialsOptions } from "../internal/jtl-auth.js";

/** The spec's first server: the default base URL. */
export const JTL_ERP_V1_BASE_URL: string = servers[0];
/** The `api-version` the client pins unless told otherwise (the spec documents version 1.0). */
export const JTL_ERP_V1_API_VERSION = "1.0";

/** Options of {@link jtlAuthorizationCode}: the endpoints default to JTL's. */
export type JtlAuthorizationCodeOptions = Omit<AuthorizationCodeFlowOptions, "authorizationUrl" | "tokenUrl"> & {
  authorizationUrl?: string;
  tokenUrl?: string;
};

/**
 * JTL sign-in on behalf of a user: the authorization code flow with PKCE at
 * https://auth.jtl-cloud.com/oauth2/auth, then refresh tokens. Cloud apps acting as themselves use
 * `jtlClientCredentials` instead.
 */
export function jtlAuthorizationCode(options: JtlAuthorizationCodeOptions): AuthorizationCodeFlow {
  const flow = oauth2Flows.oauth2.authorizationCode;
  return authorizationCodeFlow({
    ...options,
    authorizationUrl: options.authorizationUrl ?? flow.authorizationUrl,
    tokenUrl: options.tokenUrl ?? flow.tokenUrl,
  });
}

/** Options of {@link createJtlErpV1Client}. */
export interface JtlErpV1ClientOptions extends FactoryOptions {
  /** Sent as `x-tenant-id` on every request: the tenant ID (uuid) of the target ERP instance. */
  tenantId?: string;
  /** Sent as `x-appid`: the name of your application, e.g. "MyApp/1.0.0". */
  appId?: string;
  /** Sent as `x-appversion`: the version of your application, e.g. "1.0.0". */
  appVersion?: string;
  /** Sent as `api-version` (default "1.0", so a new server version cannot change answers under you); null sends none. */
  apiVersion?: string | null;
  /** Sent as `x-runas`: the user id on whose behalf requests run (needs scope Application.RunAs). */
  runAs?: string;
  /** Sent as `X-SessionId`: the session (uuid) the calls run in. */
  sessionId?: string;
  /** Sent as `x-api-key` (security scheme "Wawi"). Omit it when the API gateway injects the key. Never printed. */
  apiKey?: string;
}

/** The header names a v1 options object sets, so the operations stop asking for them. */
export type JtlErpV1DefaultedHeaders<O> =
  | (O extends { tenantId: string } ? "x-tenant-id" : never)
  | (O extends { appId: string } ? "x-appid" : never)
  | (O extends { appVersion: string } ? "x-appversion" : never)
  | (O extends { apiVersion: null } ? never : "api-version")
  | (O extends { runAs: string } ? "x-runas" : never)
  | (O extends { sessionId: string } ? "X-SessionId" : never)
  | HeadersOption<O>;

/** A v1 client: usable by every standalone operation function, with the operations grouped by resource. */
export type JtlErpV1Client<D extends string = never> = ApiClient<paths, D, typeof resources>;

/**
 * Creates a JTL-Cloud ERP API v1 client. Headers given here (`tenantId`, `appId`, `appVersion`, …)
 * are sent on every request and become optional in every operation's params.
 */
export function createJtlErpV1Client<O extends JtlErpV1ClientOptions>(
  options: NoExtraKeys<O, JtlErpV1ClientOptions>,
): JtlErpV1Client<JtlErpV1DefaultedHeaders<O>> {
  const { tenantId, appId, appVersion, apiVersion, runAs, sessionId, apiKey, ...rest } = options as JtlErpV1ClientOptions;
  return createApiClient({
    name: "JtlErpV1Client",
    defaultBaseUrl: JTL_ERP_V1_BASE_URL,
    namedHeaders: {
      "x-tenant-id": tenantId,
      "x-appid": appId,
      "x-appversion": appVersion,
      "api-version": apiVersion === undefined ? JTL_ERP_V1_API_VERSION : apiVersion,
      "x-runas": runAs,
      "X-SessionId": sessionId,
      "x-api-key": apiKey,
    },
    options: rest,
    resources,
  });
}
