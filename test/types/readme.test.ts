// The README's TypeScript examples compile against the real package entries: each ```ts block
// becomes a module (its imports hoisted), with the names it uses but does not define declared
// in front, and all are type-checked together with tsc.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Names the examples use without defining them, and their types. */
const PRELUDE: Record<string, string> = {
  accessToken: "string",
  clientId: "string",
  clientSecret: "string",
  customerId: "string",
  customerContactId: "string",
  tenantId: "string",
  erp: 'import("vendor-api-clients/jtl-erp-v2").JtlErpV2Client<"x-tenant-id">',
  v1: 'import("vendor-api-clients/jtl-erp-v1").JtlErpV1Client<"x-tenant-id" | "x-appid" | "x-appversion" | "api-version">',
};

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

function moduleOf(block: string): string {
  const lines = block.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import "));
  const defined = new Set([...block.matchAll(/\b(?:const|let|import)\s*(?:\{([^}]*)\}|(\w+))/g)].flatMap((m) => (m[1] ?? m[2] ?? "").split(/[,\s]+/)));
  const prelude = Object.entries(PRELUDE)
    .filter(([name]) => !defined.has(name))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  return [...imports, ...prelude, ...body, "export {};"].join("\n");
}

it("every ```ts example in README.md type-checks", { timeout: 120_000 }, async () => {
  const examples = blocks(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
  expect(examples.length).toBeGreaterThan(3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-"));
  try {
    examples.forEach((block, i) => fs.writeFileSync(path.join(dir, `example-${i + 1}.mts`), moduleOf(block)));
    const entry = (sub: string) => [path.join(ROOT, "src", sub, "index.ts")];
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          skipLibCheck: true,
          resolveJsonModule: true,
          types: ["node"],
          typeRoots: [path.join(ROOT, "node_modules", "@types")],
          // The package's own entries, as `exports` maps them, from source.
          paths: {
            "vendor-api-clients": [path.join(ROOT, "src", "index.ts")],
            "vendor-api-clients/jtl-erp-v1": entry("jtl-erp-v1"),
            "vendor-api-clients/jtl-erp-v2": entry("jtl-erp-v2"),
            "vendor-api-clients/cro-dispatch": entry("cro-dispatch"),
            "vendor-api-clients/core": entry("core"),
            "vendor-api-clients/mock": entry("mock"),
          },
        },
        include: ["*.mts"],
      }),
    );
    const tsc = path.join(ROOT, "node_modules", ".bin", "tsc");
    const output = await promisify(execFile)(tsc, ["-p", path.join(dir, "tsconfig.json")], { cwd: dir }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(output).toBe("");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
