/**
 * CRO Software dispatch API: `createCroDispatchClient` and every operation as a standalone function.
 *
 * ```ts
 * const cro = createCroDispatchClient({ tenantId: 1207, auth: croRefreshTokenAuth({ clientId, refreshToken }) });
 * const contact = await cro.customers.contacts.create({ path: { customer_id: 3001 }, body: { name: "John" } });
 * ```
 */
import { oauth2Flows, resources, servers } from "../../generated/cro-dispatch/resources.js";
import type { components, paths } from "../../generated/cro-dispatch/types.js";
import { authorizationCodeFlow, type AuthorizationCodeFlow, type AuthorizationCodeFlowOptions } from "../core/authorization-code.js";
import { refreshTokenAuth, type OAuth2TokenProvider, type RefreshTokenAuthOptions } from "../core/oauth2.js";
import { createApiClient, type ApiClient, type FactoryOptions, type HeadersOption, type NoExtraKeys } from "../internal/api-factory.js";

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

/** Options of {@link createCroDispatchClient}. */
export interface CroDispatchClientOptions extends FactoryOptions {
  /** Sent as `x-tenant-id` on every request: the tenant identifier (int64; a string keeps ids above 2^53 exact). */
  tenantId?: number | string;
  /**
   * Sent as `x-api-version` (default "2023/04/19"). Without the header the server pins a client to
   * the last version it used, so the SDK always sends one; null sends none.
   */
  apiVersion?: CroApiVersion | null;
}

/** The header names a CRO options object sets, so the operations stop asking for them. */
export type CroDispatchDefaultedHeaders<O> =
  | (O extends { tenantId: number | string } ? "x-tenant-id" : never)
  | (O extends { apiVersion: null } ? never : "x-api-version")
  | HeadersOption<O>;

/** A CRO dispatch client: usable by every standalone operation function, with the operations grouped by resource. */
export type CroDispatchClient<D extends string = never> = ApiClient<paths, D, typeof resources>;

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
export type CroAuthorizationCodeOptions = Omit<AuthorizationCodeFlowOptions, "authorizationUrl" | "tokenUrl"> & {
  authorizationUrl?: string;
  tokenUrl?: string;
};

/**
 * CRO sign-in: the authorization code flow with PKCE at https://idp.crobins.net/oauth2/auth (the
 * only first sign-in CRO supports), then refresh tokens. Ask for scope "api".
 */
export function croAuthorizationCode(options: CroAuthorizationCodeOptions): AuthorizationCodeFlow {
  const flow = oauth2Flows.oauth2.authorizationCode;
  return authorizationCodeFlow({
    ...options,
    authorizationUrl: options.authorizationUrl ?? flow.authorizationUrl,
    tokenUrl: options.tokenUrl ?? flow.tokenUrl,
  });
}

/**
 * Creates a CRO Software dispatch API client. Headers given here (`tenantId`, `apiVersion`) are
 * sent on every request and become optional in every operation's params.
 */
export function createCroDispatchClient<O extends CroDispatchClientOptions>(
  options: NoExtraKeys<O, CroDispatchClientOptions>,
): CroDispatchClient<CroDispatchDefaultedHeaders<O>> {
  const { tenantId, apiVersion, ...rest } = options as CroDispatchClientOptions;
  return createApiClient({
    name: "CroDispatchClient",
    defaultBaseUrl: CRO_DISPATCH_BASE_URL,
    namedHeaders: {
      "x-tenant-id": tenantId,
      "x-api-version": apiVersion === undefined ? CRO_DISPATCH_API_VERSION : apiVersion,
    },
    options: rest,
    resources,
  });
}
