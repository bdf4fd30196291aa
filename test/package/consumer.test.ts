/**
 * The package as someone who never saw this repository gets it: `npm pack`, install the tarball into
 * a fresh project outside the repository, type-check a program that uses every API's client (strict,
 * NodeNext), run it against the embedded mock server, and start the `vendor-api-mock` bin.
 * Needs a built dist/ (`npm run build`); the install takes its dependencies from the npm cache or registry.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiNames } from "../../scripts/lib/apis.js";
import { CONSUMER_PROGRAM, CONSUMER_TSCONFIG } from "./consumer-program.js";
import { assertDistIsBuilt, ROOT, run } from "./helpers.js";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
/** The consumer's compiler and Node types: the versions this repository is locked to, so the npm cache has them. */
const lockedVersion = (name: string) => `${name}@${lock.packages[`node_modules/${name}`]?.version ?? "latest"}`;
const apis = apiNames(ROOT);

let project = "";
let packedFiles: string[] = [];

beforeAll(async () => {
  assertDistIsBuilt();
  project = mkdtempSync(path.join(tmpdir(), "vendor-api-clients-consumer-"));
  const packed = await run("npm", ["pack", "--json", "--pack-destination", project], { cwd: ROOT });
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  packedFiles = info.files.map((file) => file.path).sort();
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  await run(
    "npm",
    [
      "install",
      `./${info.filename}`,
      lockedVersion("typescript"),
      lockedVersion("@types/node"),
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
    ],
    { cwd: project, timeoutMs: 240_000 },
  );
  writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
  writeFileSync(path.join(project, "app.mts"), CONSUMER_PROGRAM);
}, 300_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds every exports and bin target, each API's bundled spec, the licence, and nothing else", () => {
    const targets = [
      ...Object.values(pkg.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))),
      ...Object.values(pkg.bin),
    ].map((target) => path.posix.normalize(target));
    const wanted = [...targets, ...apis.map((api) => `dist/generated/${api}/openapi.json`), "LICENSE", "README.md", "package.json"];
    expect(wanted.filter((file) => !packedFiles.includes(file))).toEqual([]);
    const unexpected = packedFiles.filter(
      (file) => !/^(dist\/(src|generated)\/.+(\.js|\.d\.ts|\/openapi\.json)|LICENSE|README\.md|package\.json)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });
});

describe("a fresh project that installed the tarball", () => {
  it("resolves the package from its own node_modules, not from this repository", () => {
    expect(path.relative(ROOT, project).startsWith("..")).toBe(true);
    expect(existsSync(path.join(project, "node_modules", "vendor-api-clients", "dist", "src", "index.js"))).toBe(true);
    expect(existsSync(path.join(project, "node_modules", "vendor-api-clients", "src"))).toBe(false);
  });

  it("type-checks a program using every API's client under strict NodeNext settings", async () => {
    // noEmitOnError: a type error anywhere (an unused @ts-expect-error included) fails here and emits nothing.
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    await run(process.execPath, [tsc, "-p", "."], { cwd: project });
    expect(existsSync(path.join(project, "out", "app.mjs"))).toBe(true);
  }, 120_000);

  it("runs the program against the embedded mock server of each API", async () => {
    const { stdout } = await run(process.execPath, ["out/app.mjs"], { cwd: project, timeoutMs: 60_000 });
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, any>;
    expect(summary.apis).toEqual(apis);
    expect(summary["jtl-erp-v1"]).toEqual({
      pageSize: 5,
      walkedAll: true,
      severalPages: true,
      sameTwice: true,
      missingStatus: 404,
      missingIsNotFoundError: true,
      violations: 0,
    });
    expect(summary["jtl-erp-v2"]).toMatchObject({ lastName: "Mustermann", logged: true, secretInLog: false, violations: 0 });
    expect(summary["jtl-erp-v2"].fetchedId).toBe(summary["jtl-erp-v2"].createdId);
    expect(summary["jtl-erp-v2"].copyFetchedId).toBe(summary["jtl-erp-v2"].createdId);
    expect(summary["jtl-erp-v2"].basicFetchedId).toBe(summary["jtl-erp-v2"].createdId);
    expect(summary["jtl-erp-v2"].createdId).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary["cro-dispatch"]).toEqual({
      status: 200,
      name: "Erika Mustermann",
      requestIdOnSuccess: true,
      hiddenRequestId: true,
      violations: 0,
    });
    expect(summary.signIn).toEqual({ verifierMatched: true, refreshToken: true, createdName: "Signed In", violations: 0 });
  }, 60_000);

  it("ships the vendor-api-mock bin: it prints its URL, serves there, and stops on SIGTERM", async () => {
    const bin = path.join(project, "node_modules", ".bin", "vendor-api-mock");
    const child = spawn(bin, ["jtl-erp-v2", "--port", "0", "--quiet"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL line within 15 s; stderr: ${stderr}`)), 15_000);
        createInterface({ input: child.stdout }).on("line", (line) => {
          const match = /^mock jtl-erp-v2: \d+ operations at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        void exited.then((code) => reject(new Error(`the bin exited with ${String(code)} before printing its URL; stderr: ${stderr}`)));
      });
      // No credentials: the mock answers 401, which proves it is the mock serving this spec.
      const answer = await fetch(`${url}/v2/customers/b45f6432-2462-4c6f-b00f-1d9d01000000/contacts/b45f6432-2462-4c6f-b00f-1d9d01000001`);
      expect(answer.status).toBe(401);
      await answer.arrayBuffer();
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
