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
import { oauth2Flows, operationIds, resources, servers, type Resources } from "../../generated/jtl-erp-v1/resources.js";
import { specAuthorizationCodeFlow, type AuthorizationCodeFlow, type SpecAuthorizationCodeOptions } from "../core/authorization-code.js";
import type { paths } from "../../generated/jtl-erp-v1/types.js";
import type { Client } from "../core/client.js";
import type { ErrorOf } from "../core/operation-types.js";
import {
  createApiClient,
  isErrorOfOperation,
  type FactoryOptions,
  type HeaderOptions,
  type HeaderOptionTable,
  type RequiredHeaders,
} from "../internal/api-factory.js";

export * from "../../generated/jtl-erp-v1/operations.js";
export type * from "../../generated/jtl-erp-v1/models.js";
export type { components, operations, paths } from "../../generated/jtl-erp-v1/types.js";
export { jtlClientCredentials, JTL_TOKEN_URL, type JtlClientCredentialsOptions } from "../jtl-auth.js";

/** The spec's first server: the default base URL. */
export const JTL_ERP_V1_BASE_URL: string = servers[0];
/** The `api-version` the client pins unless told otherwise (the spec documents version 1.0). */
export const JTL_ERP_V1_API_VERSION = "1.0";

/** Options of {@link jtlAuthorizationCode}: the endpoints default to JTL's. */
export type JtlAuthorizationCodeOptions = SpecAuthorizationCodeOptions;

/**
 * JTL sign-in on behalf of a user: the authorization code flow with PKCE at
 * https://auth.jtl-cloud.com/oauth2/auth, then refresh tokens. Cloud apps acting as themselves use
 * `jtlClientCredentials` instead.
 */
export function jtlAuthorizationCode(options: JtlAuthorizationCodeOptions): AuthorizationCodeFlow {
  return specAuthorizationCodeFlow(oauth2Flows.oauth2.authorizationCode, options);
}

/**
 * The options of {@link createJtlErpV1Client} that are sent as headers on every request: the
 * header, whether the option is required, what is sent when it is left out, and how. The options
 * type, the headers every client sends and the runtime defaults all derive from this table.
 */
export const JTL_ERP_V1_HEADER_OPTIONS = {
  /** Sent as `x-tenant-id`: the tenant ID (uuid) of the target ERP instance. */
  tenantId: { header: "x-tenant-id", required: true, send: (tenantId: string) => tenantId },
  /** Sent as `x-appid`: the name of your application, e.g. "MyApp/1.0.0". */
  appId: { header: "x-appid", required: true, send: (appId: string) => appId },
  /** Sent as `x-appversion`: the version of your application, e.g. "1.0.0". */
  appVersion: { header: "x-appversion", required: true, send: (appVersion: string) => appVersion },
  /** Sent as `api-version` (default "1.0", so a new server version cannot change answers under you); null sends none. */
  apiVersion: { header: "api-version", default: JTL_ERP_V1_API_VERSION, send: (apiVersion: string) => apiVersion },
  /** Sent as `x-runas`: the user id on whose behalf requests run (needs scope Application.RunAs). */
  runAs: { header: "x-runas", send: (runAs: string) => runAs },
  /** Sent as `X-SessionId`: the session (uuid) the calls run in. */
  sessionId: { header: "X-SessionId", send: (sessionId: string) => sessionId },
  /** Sent as `x-api-key` (security scheme "Wawi"). Omit it when the API gateway injects the key. Never printed. */
  apiKey: { header: "x-api-key", send: (apiKey: string) => apiKey },
} as const satisfies HeaderOptionTable;

/** Options of {@link createJtlErpV1Client}: `tenantId`, `appId` and `appVersion` are required. */
export interface JtlErpV1ClientOptions extends FactoryOptions, HeaderOptions<typeof JTL_ERP_V1_HEADER_OPTIONS> {}

/** The headers every v1 client sends (from its required options), so no operation asks for them. */
export type JtlErpV1DefaultedHeaders = RequiredHeaders<typeof JTL_ERP_V1_HEADER_OPTIONS>;

/**
 * A v1 client: usable by every standalone operation function, with the operations grouped by
 * resource. Name it anywhere (a class field, a DI token, a parameter): it knows the headers its
 * required options send.
 */
export interface JtlErpV1Client extends Client<paths, JtlErpV1DefaultedHeaders>, Resources<JtlErpV1DefaultedHeaders> {}

/**
 * Creates a JTL-Cloud ERP API v1 client. The headers of `tenantId`, `appId`, `appVersion` (and of
 * the optional `runAs`, `sessionId`, `apiKey`, `apiVersion`) are sent on every request, so no
 * operation asks for them again.
 */
export function createJtlErpV1Client(options: JtlErpV1ClientOptions): JtlErpV1Client {
  return createApiClient<JtlErpV1Client>({
    name: "JtlErpV1Client",
    defaultBaseUrl: JTL_ERP_V1_BASE_URL,
    headerOptions: JTL_ERP_V1_HEADER_OPTIONS,
    options,
    resources,
  });
}

/**
 * True when `error` is the HTTP error of a call of `operation` (a standalone function or a client
 * method of this API). In a `catch` block it narrows as `.result()` does: `error.status` then
 * narrows `error.body` to the documented body.
 *
 * ```ts
 * } catch (error) {
 *   if (isErrorOf(getCustomerContact, error) && error.status === 404) console.log(error.body);
 * }
 * ```
 */
export function isErrorOf<F extends (...args: never[]) => PromiseLike<unknown>>(operation: F, error: unknown): error is ErrorOf<F> {
  return isErrorOfOperation(operationIds, operation, error);
}
