/**
 * An app that calls one operation does not carry ajv or the bundled spec: they are reached only
 * through dynamic imports, loaded on first use by `validateResponses: true`. Bundles such an app per
 * API from the built dist/ with esbuild, leaving dynamic imports as they are, and reads the metafile.
 * (Sizes are a benchmark: bench/size; this checks only what is in the bundle.)
 */
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { assertDistIsBuilt, ROOT } from "./helpers.js";

/** Modules that serve response validation only. */
const VALIDATION_ONLY = /node_modules\/(ajv|ajv-formats|fast-uri|json-schema-traverse|fast-deep-equal)\/|openapi\.json$|response-validation\.js$/;

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

async function bundle(api: string, source: string): Promise<{ inputs: string[]; dynamicImports: string[] }> {
  const dynamicImports: string[] = [];
  const keepDynamicImports: Plugin = {
    name: "keep-dynamic-imports",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        dynamicImports.push(args.path);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: `${api}-app.js`, loader: "js" },
    absWorkingDir: ROOT,
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [keepDynamicImports],
  });
  return { inputs: Object.keys(result.metafile.inputs), dynamicImports };
}

describe("response validation stays out of an app's bundle", () => {
  it.each(Object.entries(APPS))("%s: ajv and the spec are only dynamic imports", async (api, source) => {
    assertDistIsBuilt();
    const { inputs, dynamicImports } = await bundle(api, source);
    expect(inputs).toContain(`dist/src/${api}/index.js`);
    expect(inputs.filter((input) => VALIDATION_ONLY.test(input))).toEqual([]);
    expect(dynamicImports.sort()).toEqual([`../../generated/${api}/openapi.json`, "./response-validation.js"]);
  });
});
