/**
 * `vendor-api-clients/validation`: checking every JSON response body against the spec.
 *
 * ```ts
 * import { responseValidator } from "vendor-api-clients/validation";
 * const erp = createJtlErpV2Client({ tenantId, auth, validateResponses: responseValidator() });
 * ```
 *
 * A separate entry on purpose: ajv and the bundled specs come into an app's bundle only when it
 * imports this, never through the clients.
 */
import { ClientConfigError } from "../core/errors.js";
import type { ResponseCheck, ResponseValidator } from "../core/options.js";
import { createResponseCheck } from "../internal/response-validation.js";

export type { ResponseCheck, ResponseValidator } from "../core/options.js";

/** The bundled spec of each API factory's client, loaded on the first response checked. */
const BUNDLED_SPECS: Readonly<Record<string, () => Promise<unknown>>> = {
  JtlErpV1Client: () => import("../../generated/jtl-erp-v1/openapi.json", { with: { type: "json" } }).then((module) => module.default),
  JtlErpV2Client: () => import("../../generated/jtl-erp-v2/openapi.json", { with: { type: "json" } }).then((module) => module.default),
  CroDispatchClient: () => import("../../generated/cro-dispatch/openapi.json", { with: { type: "json" } }).then((module) => module.default),
};

/** Options of {@link responseValidator}. */
export interface ResponseValidatorOptions {
  /**
   * The OpenAPI document to check against, or a function loading it. Leave it out for the clients
   * of the API factories (each uses its API's bundled spec); `createClient` needs it.
   */
  spec?: object | (() => Promise<unknown>);
}

/**
 * The `validateResponses` option: each JSON response body is checked against the schema the spec
 * gives its operation, status and media type (ajv, compiled once per schema), and a mismatch
 * rejects the call with a ResponseValidationError naming the first differing place.
 */
export function responseValidator(options: ResponseValidatorOptions = {}): ResponseValidator {
  if (typeof options !== "object" || options === null) throw new ClientConfigError("responseValidator: options must be an object");
  const { spec } = options;
  if (spec !== undefined && typeof spec !== "object" && typeof spec !== "function") {
    throw new ClientConfigError("responseValidator: spec must be an OpenAPI document or a function loading one");
  }
  return {
    checkerFor(clientName) {
      const load =
        typeof spec === "function" ? (spec as () => Promise<unknown>) : spec !== undefined ? async () => spec : BUNDLED_SPECS[clientName];
      if (load === undefined) {
        throw new ClientConfigError(
          `validateResponses: no bundled spec for a client named ${JSON.stringify(clientName)}; pass responseValidator({ spec }) with its OpenAPI document`,
        );
      }
      let checker: Promise<ResponseCheck> | undefined;
      return () => (checker ??= createResponseCheck(load));
    },
  };
}
