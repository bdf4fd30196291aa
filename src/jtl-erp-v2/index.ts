/**
 * JTL-Cloud ERP API v2: `createJtlErpV2Client` and every operation as a standalone function.
 *
 * ```ts
 * const erp = createJtlErpV2Client({ tenantId, auth: jtlClientCredentials({ clientId, clientSecret }) });
 * const contact = await erp.customers.contacts.get({ path: { customerId, customerContactId } });
 * ```
 */
import { resources, servers } from "../../generated/jtl-erp-v2/resources.js";
import type { paths } from "../../generated/jtl-erp-v2/types.js";
import { createApiClient, type ApiClient, type FactoryOptions, type HeadersOption, type NoExtraKeys } from "../internal/api-factory.js";

export * from "../../generated/jtl-erp-v2/operations.js";
export type * from "../../generated/jtl-erp-v2/models.js";
export type { components, operations, paths } from "../../generated/jtl-erp-v2/types.js";
export { jtlClientCredentials, JTL_TOKEN_URL, type JtlClientCredentialsOptions } from "../internal/jtl-auth.js";

/** The spec's first server: the default base URL. */
export const JTL_ERP_V2_BASE_URL: string = servers[0];

/** Options of {@link createJtlErpV2Client}. */
export interface JtlErpV2ClientOptions extends FactoryOptions {
  /** Sent as `x-tenant-id` on every request: the tenant ID (uuid) of the target ERP instance. */
  tenantId?: string;
  /** Sent as `x-runas`: the user id on whose behalf requests run (needs scope Application.RunAs). */
  runAs?: string;
  /** Sent as `x-companyid`: the company on whose behalf requests run. */
  companyId?: string;
}

/** The header names a v2 options object sets, so the operations stop asking for them. */
export type JtlErpV2DefaultedHeaders<O> =
  | (O extends { tenantId: string } ? "x-tenant-id" : never)
  | (O extends { runAs: string } ? "x-runas" : never)
  | (O extends { companyId: string } ? "x-companyid" : never)
  | HeadersOption<O>;

/** A v2 client: usable by every standalone operation function, with the operations grouped by resource. */
export type JtlErpV2Client<D extends string = never> = ApiClient<paths, D, typeof resources>;

/**
 * Creates a JTL-Cloud ERP API v2 client. Headers given here (`tenantId`, …) are sent on every
 * request and become optional in every operation's params.
 */
export function createJtlErpV2Client<O extends JtlErpV2ClientOptions>(
  options: NoExtraKeys<O, JtlErpV2ClientOptions>,
): JtlErpV2Client<JtlErpV2DefaultedHeaders<O>> {
  const { tenantId, runAs, companyId, ...rest } = options as JtlErpV2ClientOptions;
  return createApiClient({
    name: "JtlErpV2Client",
    defaultBaseUrl: JTL_ERP_V2_BASE_URL,
    namedHeaders: { "x-tenant-id": tenantId, "x-runas": runAs, "x-companyid": companyId },
    options: rest,
    resources,
  });
}
