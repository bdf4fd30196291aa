// Type-checks TypeScript modules as a consumer of the built package would: the modules sit in a
// temp project whose node_modules/vendor-api-clients links to this repository, so imports go
// through package.json `exports` to dist/ (`npm run build` first). Returns tsc's report ("" = clean).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { assertDistIsBuilt, ROOT } from "../package/helpers.js";

/** `files`: file name (.mts) → source. */
export async function typecheckAgainstPackage(files: Record<string, string>): Promise<string> {
  assertDistIsBuilt();
  const packageName = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samples-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(ROOT, path.join(dir, "node_modules", packageName), "dir");
    for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);
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
          types: ["node"],
          typeRoots: [path.join(ROOT, "node_modules", "@types")],
        },
        include: ["*.mts"],
      }),
    );
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    return await promisify(execFile)(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { cwd: dir }).then(
      () => "",
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
