/**
 * CRO Software dispatch API: `createCroDispatchClient` and every operation as a standalone function.
 *
 * ```ts
 * const cro = createCroDispatchClient({ tenantId: 1207, auth: croRefreshTokenAuth({ clientId, refreshToken }) });
 * const contact = await cro.customers.contacts.create({ path: { customer_id: 3001 }, body: { name: "John" } });
 * ```
 */
import { oauth2Flows, operationIds, resources, servers, type Resources } from "../../generated/cro-dispatch/resources.js";
import type { components, paths } from "../../generated/cro-dispatch/types.js";
import { specAuthorizationCodeFlow, type AuthorizationCodeFlow, type SpecAuthorizationCodeOptions } from "../core/authorization-code.js";
import { refreshTokenAuth, type OAuth2TokenProvider, type RefreshTokenAuthOptions } from "../core/oauth2.js";
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

export * from "../../generated/cro-dispatch/operations.js";
export type * from "../../generated/cro-dispatch/models.js";
export type { components, operations, paths } from "../../generated/cro-dispatch/types.js";

/** The spec's first server: the default base URL. */
export const CRO_DISPATCH_BASE_URL: string = servers[0];
/** CRO's token endpoint (the spec's authorizationCode `tokenUrl`, also used for refresh). */
export const CRO_TOKEN_URL: string = oauth2Flows.oauth2.authorizationCode.tokenUrl;
/** The `x-api-version` the client pins unless told otherwise: the newest the spec lists. */
export const CRO_DISPATCH_API_VERSION = "2023/04/19";

/** An `x-api-version` value the spec accepts. */
export type CroApiVersion = components["parameters"]["XApiVersion"];

/**
 * The options of {@link createCroDispatchClient} that are sent as headers on every request: the
 * header, whether the option is required, what is sent when it is left out, and how. The options
 * type, the headers every client sends and the runtime defaults all derive from this table.
 */
export const CRO_DISPATCH_HEADER_OPTIONS = {
  /** Sent as `x-tenant-id`: the tenant identifier (int64; a string keeps ids above 2^53 exact). */
  tenantId: { header: "x-tenant-id", required: true, send: (tenantId: number | string) => String(tenantId) },
  /**
   * Sent as `x-api-version` (default "2023/04/19"). Without the header the server pins a client to
   * the last version it used, so the SDK always sends one; null sends none.
   */
  apiVersion: { header: "x-api-version", default: CRO_DISPATCH_API_VERSION, send: (apiVersion: CroApiVersion) => apiVersion },
} as const satisfies HeaderOptionTable;

/** Options of {@link createCroDispatchClient}: `tenantId` is required. */
export interface CroDispatchClientOptions extends FactoryOptions, HeaderOptions<typeof CRO_DISPATCH_HEADER_OPTIONS> {}

/** The headers every CRO client sends (from its required options), so no operation asks for them. */
export type CroDispatchDefaultedHeaders = RequiredHeaders<typeof CRO_DISPATCH_HEADER_OPTIONS>;

/**
 * A CRO dispatch client: usable by every standalone operation function, with the operations
 * grouped by resource. Name it anywhere (a class field, a DI token, a parameter): it knows the
 * headers its required options send.
 */
export interface CroDispatchClient extends Client<paths, CroDispatchDefaultedHeaders>, Resources<CroDispatchDefaultedHeaders> {}

/** Options of {@link croRefreshTokenAuth}: `tokenUrl` defaults to CRO's. */
export type CroRefreshTokenAuthOptions = Omit<RefreshTokenAuthOptions, "tokenUrl"> & { tokenUrl?: string };

/**
 * CRO auth after the authorization code flow (with PKCE): the refresh-token grant against
 * https://idp.crobins.net/oauth2/token. Persist rotated refresh tokens in `onRefreshToken`.
 */
export function croRefreshTokenAuth(options: CroRefreshTokenAuthOptions): OAuth2TokenProvider {
  return refreshTokenAuth({ ...options, tokenUrl: options.tokenUrl ?? CRO_TOKEN_URL });
}

/** Options of {@link croAuthorizationCode}: the endpoints default to CRO's. */
export type CroAuthorizationCodeOptions = SpecAuthorizationCodeOptions;

/**
 * CRO sign-in: the authorization code flow with PKCE at https://idp.crobins.net/oauth2/auth (the
 * only first sign-in CRO supports), then refresh tokens. Ask for scope "api".
 */
export function croAuthorizationCode(options: CroAuthorizationCodeOptions): AuthorizationCodeFlow {
  return specAuthorizationCodeFlow(oauth2Flows.oauth2.authorizationCode, options);
}

/**
 * Creates a CRO Software dispatch API client. The headers of `tenantId` and `apiVersion` are sent
 * on every request, so no operation asks for them again.
 */
export function createCroDispatchClient(options: CroDispatchClientOptions): CroDispatchClient {
  return createApiClient<CroDispatchClient>({
    name: "CroDispatchClient",
    defaultBaseUrl: CRO_DISPATCH_BASE_URL,
    headerOptions: CRO_DISPATCH_HEADER_OPTIONS,
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
