/**
 * Per-call cost of a generated operation through the client, next to bare openapi-fetch and raw
 * fetch, all on the same in-process fetch that answers at once. A benchmark, not a test: it prints
 * numbers and ratios and asserts nothing. Targets: the wrapper within 1.1x of bare openapi-fetch,
 * and no slower than Hey API's generated client (bench/runtime/hey-api-client.ts), also a row.
 * The wrapper arms a 60 s timeout per call by default (an AbortController and a timer); the
 * "timeoutMs: 0" row shows it without, and "bare openapi-fetch + timeout" shows bare openapi-fetch
 * paying for the same timeout.
 *
 * A second table repeats the main contenders with Node's real fetch against a loopback server,
 * where undici also pays for following each request's AbortSignal. Each row gives wall time and
 * the process's CPU time per call, each as the median of per-round ratios to bare openapi-fetch.
 *
 *   npx tsx bench/runtime/call-overhead.ts [--rounds 7] [--iterations 20000] [--loopback-iterations 2000]
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import createFetchClient from "openapi-fetch";
import { createJtlErpV2Client, getCustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";
import { heyApiClient } from "./hey-api-client.js";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ROUNDS = argument("rounds", 7);
const ITERATIONS = argument("iterations", 20_000);
const LOOPBACK_ITERATIONS = argument("loopback-iterations", 2_000);

const BASE_URL = "https://api.jtl-cloud.com/erp";
const BODY = JSON.stringify({
  id: "b45f6432-2462-4c6f-b00f-1d9d01000000",
  department: "Purchasing",
  honorific: "Ms.",
  firstName: "Erika",
  lastName: "Mustermann",
  phoneNumber: "+49 521 1234567",
  mobilePhoneNumber: "+49 171 1234567",
  emailAddress: "erika.mustermann@example.com",
  fax: "+49 521 1234568",
});
const RESPONSE_INIT: ResponseInit = { status: 200, headers: { "content-type": "application/json", "content-length": String(BODY.length) } };

/** The same mocked network for every contender: a Response built from prebuilt parts, at once. */
const mockFetch = (_request: Request) => Promise.resolve(new Response(BODY, RESPONSE_INIT));

const path = { customerId: "b45f6432-2462-4c6f-b00f-1d9d01000000", customerContactId: "b45f6432-2462-4c6f-b00f-1d9d01000001" };
const headers = { "x-tenant-id": "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21", authorization: "Bearer benchmark-token" };

const sdk = createJtlErpV2Client({ fetch: mockFetch, tenantId: headers["x-tenant-id"], auth: "benchmark-token" });
const sdkNoTimeout = createJtlErpV2Client({ fetch: mockFetch, tenantId: headers["x-tenant-id"], auth: "benchmark-token", timeoutMs: 0 });
const bare = createFetchClient<paths>({ baseUrl: BASE_URL, fetch: mockFetch, headers });
const heyApi = await heyApiClient();
const hey = heyApi.createClient({ baseUrl: BASE_URL, fetch: mockFetch, headers });

const contenders: Record<string, () => Promise<unknown>> = {
  "raw fetch": async () => {
    const response = await mockFetch(
      new Request(`${BASE_URL}/v2/customers/${path.customerId}/contacts/${path.customerContactId}`, { headers }),
    );
    return response.json();
  },
  "bare openapi-fetch": async () => {
    const { data } = await bare.GET("/v2/customers/{customerId}/contacts/{customerContactId}", { params: { path } as never });
    return data;
  },
  // The same 60 s timeout done the openapi-fetch way: a signal on the Request.
  "bare openapi-fetch + timeout": async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const { data } = await bare.GET("/v2/customers/{customerId}/contacts/{customerContactId}", {
        params: { path } as never,
        signal: controller.signal,
      });
      return data;
    } finally {
      clearTimeout(timer);
    }
  },
  [`Hey API ${heyApi.version} (client-fetch)`]: async () => (await heyApi.getCustomerContact({ client: hey, path })).data,
  "wrapper (standalone fn)": () => getCustomerContact(sdk, { path }),
  "wrapper (bound method)": () => sdk.customers.contacts.get({ path }),
  "wrapper, timeoutMs: 0": () => getCustomerContact(sdkNoTimeout, { path }),
};

/** Wall time and this process's CPU time (user + system, all its threads) per call, in ns. */
async function timeOne(run: () => Promise<unknown>, iterations: number): Promise<{ wall: number; cpu: number }> {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run();
  const cpu = process.cpuUsage(cpuStarted);
  return { wall: Number(process.hrtime.bigint() - started) / iterations, cpu: ((cpu.user + cpu.system) * 1000) / iterations };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function compare(title: string, runs: Record<string, () => Promise<unknown>>, iterations: number): Promise<void> {
  // Sanity: every contender returns the same body.
  for (const [name, run] of Object.entries(runs)) {
    const body = (await run()) as { firstName?: string };
    if (body?.firstName !== "Erika") throw new Error(`${name} returned ${JSON.stringify(body)}`);
  }
  for (const run of Object.values(runs)) await timeOne(run, iterations); // warm-up
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  const cpuSamples: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so no contender always runs first or last.
    const names = Object.keys(runs);
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of order) {
      const { wall, cpu } = await timeOne(runs[name]!, iterations);
      samples[name]!.push(wall);
      cpuSamples[name]!.push(cpu);
    }
  }
  // Ratios are paired per round (each contender against bare openapi-fetch in the same round), so
  // drift in machine load across rounds cancels out; the median of those ratios is reported.
  const bare = samples["bare openapi-fetch"]!;
  const bareCpu = cpuSamples["bare openapi-fetch"]!;
  console.log(`\n${title}: Node ${process.version}, ${ROUNDS} rounds x ${iterations} calls, medians\n`);
  console.log(
    `${"contender".padEnd(30)}${"wall ns/call".padStart(13)}${"wall vs bare".padStart(14)}${"range".padStart(12)}` +
      `${"CPU ns/call".padStart(13)}${"CPU vs bare".padStart(14)}${"range".padStart(12)}`,
  );
  /** One measure's columns: median ns per call, median of the per-round ratios to bare, their range. */
  const columns = (values: number[], base: number[]) => {
    const ratios = values.map((ns, round) => ns / base[round]!);
    const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    return `${median(values).toFixed(0).padStart(13)}${`${median(ratios).toFixed(3)}x`.padStart(14)}${range.padStart(12)}`;
  };
  for (const name of Object.keys(runs)) {
    console.log(`${name.padEnd(30)}${columns(samples[name]!, bare)}${columns(cpuSamples[name]!, bareCpu)}`);
  }
}

/** The same contenders over Node's fetch to a loopback server (keep-alive). */
async function loopbackContenders(): Promise<{ runs: Record<string, () => Promise<unknown>>; close: () => Promise<void> }> {
  const server = http.createServer((_, response) => {
    response.writeHead(200, RESPONSE_INIT.headers as Record<string, string>);
    response.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createJtlErpV2Client({ baseUrl: url, tenantId: headers["x-tenant-id"], auth: "benchmark-token" });
  const bareClient = createFetchClient<paths>({ baseUrl: url, headers });
  const heyClient = heyApi.createClient({ baseUrl: url, fetch: (request) => fetch(request), headers });
  return {
    runs: {
      "raw fetch": async () => {
        const response = await fetch(`${url}/v2/customers/${path.customerId}/contacts/${path.customerContactId}`, { headers });
        return response.json();
      },
      "bare openapi-fetch": async () =>
        (await bareClient.GET("/v2/customers/{customerId}/contacts/{customerContactId}", { params: { path } as never })).data,
      [`Hey API ${heyApi.version} (client-fetch)`]: async () => (await heyApi.getCustomerContact({ client: heyClient, path })).data,
      "wrapper (standalone fn)": () => getCustomerContact(client, { path }),
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const loopback = await loopbackContenders();
try {
  await compare("In-process mocked fetch", contenders, ITERATIONS);
  await compare("Node fetch over loopback HTTP", loopback.runs, LOOPBACK_ITERATIONS);
} finally {
  await loopback.close();
  heyApi.dispose();
}
