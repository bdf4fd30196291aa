/**
 * Throughput and p50/p99 latency of the SDK's generated operations against a healthy loopback
 * server at 1, 10 and 100 concurrent calls, next to bare openapi-fetch sending the same calls to
 * the same server. A benchmark, not a test: it prints (or writes) a table and asserts nothing.
 *
 * The server (bench/load/example-server.ts) runs in a child process and answers every operation of
 * the three APIs with its spec example, so the client's process does only client work. The calls
 * cycle through every operation with the inputs of test/faults/operation-mix.ts. Contenders and
 * concurrency levels are interleaved round by round, the order rotating, after a warm-up round.
 *
 *   npx tsx bench/load/run.ts [--rounds 9] [--calls 1500] [--write]   (--write: bench/load/RESULTS.md)
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import createFetchClient from "openapi-fetch";
import { APIS, createApiClient, operationsOf, requiredHeadersOf, type Api, type MixedOperation } from "../../test/faults/operation-mix.js";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ROUNDS = argument("rounds", 9);
const CALLS = argument("calls", 1500);
const WRITE = process.argv.includes("--write");
const CONCURRENCY = [1, 10, 100] as const;

/** One way of sending the i-th call of the mix. */
type Contender = (operation: MixedOperation, i: number) => Promise<unknown>;

/** Starts the example server in a child process; resolves with its URLs and a stop function. */
async function startServer(): Promise<{ urls: Record<Api, string>; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./example-server.ts", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`the example server exited with ${String(code)} before listening`)));
  });
  return { urls: JSON.parse(line) as Record<Api, string>, stop: () => child.stdin.end() };
}

/** Runs `calls` calls, `concurrency` at a time; returns the wall time and each call's latency. */
async function batch(send: Contender, operations: readonly MixedOperation[], concurrency: number, calls: number) {
  const latencies = new Float64Array(calls);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < calls; i = next++) {
        const at = performance.now();
        await send(operations[i % operations.length]!, i);
        latencies[i] = performance.now() - at;
      }
    }),
  );
  return { wallMs: performance.now() - started, latencies };
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const { urls, stop } = await startServer();
try {
  const operations = APIS.flatMap((api) => operationsOf(api));
  const sdkClients = Object.fromEntries(APIS.map((api) => [api, createApiClient(api, urls[api], {})])) as Record<Api, unknown>;
  const untimedClients = Object.fromEntries(APIS.map((api) => [api, createApiClient(api, urls[api], { timeoutMs: 0 })])) as Record<
    Api,
    unknown
  >;
  const bareClients = Object.fromEntries(
    APIS.map((api) => [api, createFetchClient<any>({ baseUrl: urls[api], headers: requiredHeadersOf(api) })]),
  ) as Record<Api, ReturnType<typeof createFetchClient<any>>>;

  const contenders: Record<string, Contender> = {
    "SDK (generated operation, defaults)": (operation, i) => operation.send(sdkClients[operation.api], operation.params(i)),
    // Without the per-attempt timeout: no AbortController, no timer, no signal for undici to follow.
    "SDK, timeoutMs: 0": (operation, i) => operation.send(untimedClients[operation.api], operation.params(i)),
    "bare openapi-fetch": async (operation, i) => {
      const { path, query, body } = operation.params(i) as { path?: object; query?: object; body?: unknown };
      const { data, error, response } = await bareClients[operation.api].request(operation.method.toLowerCase() as never, operation.path, {
        params: { path, query },
        body,
      } as never);
      if (error !== undefined || !response.ok) throw new Error(`${operation.operationId}: ${response.status}`);
      return data;
    },
  };

  // Sanity: every contender gets the same data as bare openapi-fetch for every operation.
  for (const [i, operation] of operations.entries()) {
    const bare = (await contenders["bare openapi-fetch"]!(operation, i)) ?? null;
    for (const [name, send] of Object.entries(contenders)) {
      if (!isDeepStrictEqual((await send(operation, i)) ?? null, bare))
        throw new Error(`${operation.api} ${operation.operationId}: ${name} disagrees with bare openapi-fetch`);
    }
  }

  const names = Object.keys(contenders);
  const wall: Record<string, number[]> = {};
  const latencies: Record<string, Float64Array[]> = {};
  for (let round = -1; round < ROUNDS; round++) {
    for (const concurrency of CONCURRENCY) {
      // Rotate the order each round so no contender always runs first or last.
      const shift = (round + 1) % names.length;
      const order = [...names.slice(shift), ...names.slice(0, shift)];
      for (const name of order) {
        const result = await batch(contenders[name]!, operations, concurrency, CALLS);
        if (round < 0) continue; // warm-up
        const key = `${name}@${concurrency}`;
        (wall[key] ??= []).push(result.wallMs);
        (latencies[key] ??= []).push(result.latencies);
      }
    }
  }

  const rows: string[] = [];
  for (const concurrency of CONCURRENCY) {
    const bareKey = `bare openapi-fetch@${concurrency}`;
    for (const name of names) {
      const key = `${name}@${concurrency}`;
      const pooled = Float64Array.from(latencies[key]!.flatMap((l) => Array.from(l))).sort();
      const barePooled = Float64Array.from(latencies[bareKey]!.flatMap((l) => Array.from(l))).sort();
      const perSecond = wall[key]!.map((ms) => CALLS / (ms / 1000));
      // Throughput ratio paired by round (both ran back to back), so drift between rounds cancels out.
      const throughputRatio = median(wall[key]!.map((ms, round) => wall[bareKey]![round]! / ms));
      const fmt = (n: number) => n.toFixed(2);
      rows.push(
        `| ${concurrency} | ${name} | ${Math.round(median(perSecond)).toLocaleString("en-US")} (${Math.round(Math.min(...perSecond)).toLocaleString("en-US")}–${Math.round(Math.max(...perSecond)).toLocaleString("en-US")}) | ${fmt(percentile(pooled, 50))} | ${fmt(percentile(pooled, 99))} | ${fmt(throughputRatio)} | ${fmt(percentile(pooled, 50) / percentile(barePooled, 50))} | ${fmt(percentile(pooled, 99) / percentile(barePooled, 99))} |`,
      );
    }
  }
  const cpu = os.cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${os.type()} ${os.release()}, Node ${process.version} (undici ${process.versions.undici ?? "?"})`;
  const table = [
    `| concurrent calls | client | calls/s median (min–max) | p50 ms | p99 ms | calls/s ÷ bare | p50 ÷ bare | p99 ÷ bare |`,
    `|---:|---|---:|---:|---:|---:|---:|---:|`,
    ...rows,
  ].join("\n");
  const report = `# Load: the SDK next to bare openapi-fetch on a healthy loopback server

Written by \`npx tsx bench/load/run.ts --rounds ${ROUNDS} --calls ${CALLS} --write\` on ${machine}.

Each batch is ${CALLS.toLocaleString("en-US")} calls cycling through the ${operations.length} operations of the three APIs (inputs from test/faults/operation-mix.ts), kept ${CONCURRENCY.join(" / ")} in flight at a time, over Node's fetch (keep-alive) to bench/load/example-server.ts in a child process, which answers each operation with its spec example. The SDK runs with its defaults (60 s timeout per attempt, retries armed but never used), and once more with \`timeoutMs: 0\` to show what the timeout costs; bare openapi-fetch sends the same headers and reads the same bodies. One warm-up round, then ${ROUNDS} rounds, contenders and concurrency levels interleaved, the contenders' order rotating each round. calls/s: median over the rounds (range in brackets); "calls/s ÷ bare": median over the rounds of the two contenders' ratio in that round (above 1: faster than bare); p50/p99: over every call of every round (ratios above 1: slower than bare). The min–max range shows how much rounds vary on this machine: read differences smaller than that spread as noise.

${table}
`;
  console.log(report);
  if (WRITE) writeFileSync(new URL("./RESULTS.md", import.meta.url), report);
} finally {
  stop();
}
