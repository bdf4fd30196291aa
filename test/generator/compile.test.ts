// "The output compiles under tsc --strict": every fixture's generated files, together with the
// runtime they import, type-check with the repo's strict settings plus noUnusedLocals.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { FIXTURES, OUT, ROOT, generateFixture, writeFiles } from "./helpers.js";

it("every fixture's output compiles under tsc --strict", { timeout: 120_000 }, async () => {
  const base = path.join(OUT, "compile");
  const cases = fs.readdirSync(FIXTURES).sort();
  for (const name of cases) writeFiles(path.join(base, name), await generateFixture(name, path.join(base, name)));
  const config = path.join(base, "tsconfig.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.relative(base, path.join(ROOT, "tsconfig.json")),
      compilerOptions: { strict: true, noEmit: true, noUnusedLocals: true, noUnusedParameters: true },
      include: cases.map((name) => `${name}/*.ts`),
      exclude: [], // the repo config excludes .out/, where these live
    }),
  );
  const tsc = path.join(ROOT, "node_modules", ".bin", "tsc");
  const result = await promisify(execFile)(tsc, ["-p", config], { cwd: ROOT }).then(
    () => ({ ok: true, output: "" }),
    (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
  );
  expect(result.output).toBe("");
  expect(result.ok).toBe(true);
});
