/** The JTL-Cloud token helper shared by the v1 and v2 clients. */
import { oauth2Flows } from "../generated/jtl-erp-v2/resources.js";
import { clientCredentialsAuth, type ClientCredentialsAuthOptions, type OAuth2TokenProvider } from "./core/oauth2.js";

/** JTL-Cloud's token endpoint, from the spec (v1 and v2 name the same one; a test checks both). */
export const JTL_TOKEN_URL: string = oauth2Flows.oauth2.clientCredentials.tokenUrl;

/** Options of {@link jtlClientCredentials}: `tokenUrl` defaults to JTL-Cloud's. */
export type JtlClientCredentialsOptions = Omit<ClientCredentialsAuthOptions, "tokenUrl"> & { tokenUrl?: string };

/**
 * JTL-Cloud app auth: the client-credentials grant against https://auth.jtl-cloud.com/oauth2/token
 * (client id and secret as HTTP Basic). The token (valid about 24 h) is cached until a minute
 * before it expires.
 */
export function jtlClientCredentials(options: JtlClientCredentialsOptions): OAuth2TokenProvider {
  return clientCredentialsAuth({ ...options, tokenUrl: options.tokenUrl ?? JTL_TOKEN_URL });
}
