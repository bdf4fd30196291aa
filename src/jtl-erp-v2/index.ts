/**
 * JTL-Cloud ERP API v2: `createJtlErpV2Client` and every operation as a standalone function.
 *
 * ```ts
 * const erp = createJtlErpV2Client({ tenantId, auth: jtlClientCredentials({ clientId, clientSecret }) });
 * const contact = await erp.customers.contacts.get({ path: { customerId, customerContactId } });
 * ```
 */
import { operationIds, resources, servers, type Resources } from "../../generated/jtl-erp-v2/resources.js";
import type { paths } from "../../generated/jtl-erp-v2/types.js";
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

export * from "../../generated/jtl-erp-v2/operations.js";
export type * from "../../generated/jtl-erp-v2/models.js";
export type { components, operations, paths } from "../../generated/jtl-erp-v2/types.js";
export { jtlClientCredentials, JTL_TOKEN_URL, type JtlClientCredentialsOptions } from "../jtl-auth.js";

/** The spec's first server: the default base URL. */
export const JTL_ERP_V2_BASE_URL: string = servers[0];

/**
 * The options of {@link createJtlErpV2Client} that are sent as headers on every request: the
 * header, whether the option is required, and how it is sent. The options type, the headers
 * every client sends and the runtime defaults all derive from this table.
 */
export const JTL_ERP_V2_HEADER_OPTIONS = {
  /** Sent as `x-tenant-id`: the tenant ID (uuid) of the target ERP instance. */
  tenantId: { header: "x-tenant-id", required: true, send: (tenantId: string) => tenantId },
  /** Sent as `x-runas`: the user id on whose behalf requests run (needs scope Application.RunAs). */
  runAs: { header: "x-runas", send: (runAs: string) => runAs },
  /** Sent as `x-companyid`: the company on whose behalf requests run. */
  companyId: { header: "x-companyid", send: (companyId: string) => companyId },
} as const satisfies HeaderOptionTable;

/** Options of {@link createJtlErpV2Client}: `tenantId` is required. */
export interface JtlErpV2ClientOptions extends FactoryOptions, HeaderOptions<typeof JTL_ERP_V2_HEADER_OPTIONS> {}

/** The headers every v2 client sends (from its required options), so no operation asks for them. */
export type JtlErpV2DefaultedHeaders = RequiredHeaders<typeof JTL_ERP_V2_HEADER_OPTIONS>;

/**
 * A v2 client: usable by every standalone operation function, with the operations grouped by
 * resource. Name it anywhere (a class field, a DI token, a parameter): it knows the headers its
 * required options send.
 */
export interface JtlErpV2Client extends Client<paths, JtlErpV2DefaultedHeaders>, Resources<JtlErpV2DefaultedHeaders> {}

/**
 * Creates a JTL-Cloud ERP API v2 client. The headers of `tenantId` (and of the optional `runAs`,
 * `companyId`) are sent on every request, so no operation asks for them again.
 */
export function createJtlErpV2Client(options: JtlErpV2ClientOptions): JtlErpV2Client {
  return createApiClient<JtlErpV2Client>({
    name: "JtlErpV2Client",
    defaultBaseUrl: JTL_ERP_V2_BASE_URL,
    headerOptions: JTL_ERP_V2_HEADER_OPTIONS,
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
