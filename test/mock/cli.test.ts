// The CLI: lists the APIs when called without one, refuses an unknown one in one line (no stack
// trace), serves on the printed URL, and closes cleanly on Ctrl-C (SIGINT).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, VALID_HEADERS } from "./helpers.js";

const CLI = path.join(ROOT, "src", "mock", "cli.ts");
const args = (...rest: string[]) => ["--import", "tsx", CLI, ...rest];
const generated = existsSync(path.join(ROOT, "generated", "jtl-erp-v2", "openapi.json"));

describe("mock CLI", () => {
  it("without an API prints usage and the APIs under generated/, exit 2", () => {
    const r = spawnSync(process.execPath, args(), { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("usage: npm run mock -- <api");
    if (generated) expect(r.stdout).toMatch(/APIs under generated\/: .*jtl-erp-v2/);
  });

  it("an unknown API or a bad flag is one clear line on stderr, no stack trace", () => {
    for (const bad of [
      ["no-such-api"],
      ["jtl-erp-v2", "--port", "abc"],
      ["jtl-erp-v2", "--faults", "reset=2"],
      ["jtl-erp-v2", "--max-log-entries", "0"],
      ["jtl-erp-v2", "--cors-origin", "localhost:5173"],
      ["jtl-erp-v2", "--max-body-bytes", "1e6"],
    ]) {
      const r = spawnSync(process.execPath, args(...bad), { cwd: ROOT, encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^mock: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it.skipIf(!generated)("serves the API on the printed URL (CORS on with --cors) and exits 0 on SIGINT", async () => {
    const child = spawn(process.execPath, args("jtl-erp-v2", "--port", "0", "--seed", "3", "--cors", "--max-log-entries", "5"), {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /client baseUrl: (http:\/\/127\.0\.0\.1:\d+\/erp)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const res = await fetch(`${url}/v2/customers/b45f6432-2462-4c6f-b00f-1d9d01000000/contacts`, {
        method: "POST",
        headers: { ...VALID_HEADERS["jtl-erp-v2"], "content-type": "application/json" },
        body: JSON.stringify({ firstName: "Erika" }),
      });
      expect(res.status).toBe(201);
      const preflight = await fetch(`${url}/v2/customers/b45f6432-2462-4c6f-b00f-1d9d01000000/contacts`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      expect(await exit).toBe(0);
      expect(out).toContain("POST /erp/v2/customers/b45f6432-2462-4c6f-b00f-1d9d01000000/contacts → 201 createCustomerContact");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
