/**
 * An app that calls one operation does not carry ajv or the bundled spec, even as esbuild's plain
 * single-file build (which inlines dynamic imports): validation is reached only through the
 * `vendor-api-clients/validation` entry. Bundles such an app per API from the built dist/ and reads
 * the metafile; an app that does import the entry must then hold ajv and its spec.
 * (Sizes are a benchmark: bench/size; this checks only what is in the bundle.)
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { assertDistIsBuilt, ROOT } from "./helpers.js";

/** Modules that serve response validation only. */
const VALIDATION_ONLY =
  /node_modules\/(ajv|ajv-formats|fast-uri|json-schema-traverse|fast-deep-equal)\/|openapi\.json$|response-validation\.js$/;

const APPS = {
  "jtl-erp-v1": `import { createJtlErpV1Client, getCustomer } from "vendor-api-clients/jtl-erp-v1";
    const erp = createJtlErpV1Client({ tenantId: "t", appId: "App/1.0", appVersion: "1.0", auth: "token" });
    console.log(await getCustomer(erp, { path: { customerId: 1001 } }));`,
  "jtl-erp-v2": `import { createJtlErpV2Client } from "vendor-api-clients/jtl-erp-v2";
    const erp = createJtlErpV2Client({ tenantId: "t", auth: "token" });
    console.log(await erp.customers.contacts.get({ path: { customerId: "c", customerContactId: "d" } }));`,
  "cro-dispatch": `import { createCroDispatchClient, createCustomerContact } from "vendor-api-clients/cro-dispatch";
    const cro = createCroDispatchClient({ tenantId: 1207, auth: "token" });
    console.log(await createCustomerContact(cro, { path: { customer_id: 1 }, body: { name: "n" } }));`,
};

async function bundle(name: string, source: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: `${name}-app.js`, loader: "js" },
    absWorkingDir: ROOT,
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("response validation stays out of an app's bundle", () => {
  it.each(Object.entries(APPS))("%s: a single-file bundle holds neither ajv nor the spec", async (api, source) => {
    assertDistIsBuilt();
    const inputs = await bundle(api, source);
    expect(inputs).toContain(`dist/src/${api}/index.js`);
    expect(inputs.filter((input) => VALIDATION_ONLY.test(input))).toEqual([]);
  });

  it("is in the bundle of an app that imports vendor-api-clients/validation", async () => {
    assertDistIsBuilt();
    const inputs = await bundle(
      "validating",
      `import { createJtlErpV2Client } from "vendor-api-clients/jtl-erp-v2";
      import { responseValidator } from "vendor-api-clients/validation";
      const erp = createJtlErpV2Client({ tenantId: "t", auth: "token", validateResponses: responseValidator() });
      console.log(await erp.customers.contacts.get({ path: { customerId: "c", customerContactId: "d" } }));`,
    );
    expect(inputs).toContain("dist/src/internal/response-validation.js");
    expect(inputs).toContain("dist/generated/jtl-erp-v2/openapi.json");
    expect(inputs.some((input) => input.includes("node_modules/ajv/"))).toBe(true);
  });
});
