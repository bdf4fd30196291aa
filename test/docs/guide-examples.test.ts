// The guide's TypeScript examples compile against the built package: each ```ts block of
// docs/guide.md becomes a module (its imports hoisted), with the names it uses but does not define
// declared in front, and all are type-checked together.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../package/helpers.js";
import { typecheckAgainstPackage } from "./typecheck-against-package.js";

/** Names the examples use without defining them, and their types. */
const PRELUDE: Record<string, string> = {
  accessToken: "string",
  clientId: "string",
  clientSecret: "string",
  customerId: "string",
  customerContactId: "string",
  tenantId: "string",
  saveRefreshToken: "(token: string) => void",
  erp: 'import("vendor-api-clients/jtl-erp-v2").JtlErpV2Client',
  v1: 'import("vendor-api-clients/jtl-erp-v1").JtlErpV1Client',
};

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

function moduleOf(block: string): string {
  const lines = block.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import "));
  const defined = new Set(
    [...block.matchAll(/\b(?:const|let|import)\s*(?:\{([^}]*)\}|(\w+))/g)].flatMap((m) => (m[1] ?? m[2] ?? "").split(/[,\s]+/)),
  );
  const prelude = Object.entries(PRELUDE)
    .filter(([name]) => !defined.has(name))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  return [...imports, ...prelude, ...body, "export {};"].join("\n");
}

it("every ```ts example in docs/guide.md type-checks against the built package", { timeout: 120_000 }, async () => {
  const examples = blocks(fs.readFileSync(path.join(ROOT, "docs", "guide.md"), "utf8"));
  expect(examples.length).toBeGreaterThan(3);
  const files = Object.fromEntries(examples.map((block, i) => [`example-${i + 1}.mts`, moduleOf(block)]));
  expect(await typecheckAgainstPackage(files)).toBe("");
});
