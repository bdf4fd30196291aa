#!/usr/bin/env node
/**
 * `npx tsx src/mock/cli.ts <api> [--port N] [--host H] [--seed N] [--faults spec] [--max-log-entries N] [--max-body-bytes N] [--max-records N] [--cors] [--cors-origin O]... [--quiet]`
 * Starts the mock server for one API (a folder under generated/, or a path to a bundled .json)
 * and prints its URL; Ctrl-C closes it.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { MockConfigError, MockSpecError } from "./errors.js";
import { FAULT_KINDS, parseFaultSpec } from "./faults.js";
import { createMockServer } from "./server.js";
import { listBundledApis } from "./spec.js";

const USAGE = `usage: npm run mock -- <api | path/to/openapi.json> [--port N] [--host 127.0.0.1] [--seed N] [--faults SPEC]
                                          [--max-log-entries N] [--max-body-bytes N] [--max-records N] [--cors] [--cors-origin O]... [--quiet]

  --faults           comma-separated key=value: rates per kind (${FAULT_KINDS.join(", ")}),
                     seed=N, retryAfterSeconds=N, delayMs=N.  e.g. --faults reset=0.1,retry429=0.1,seed=42
  --max-log-entries  requests and violations kept in memory, each (default 10000; the oldest go first)
  --max-body-bytes   largest request body read (default 1048576); a larger one is answered 413
  --max-records      records kept in memory (default 10000); past it the oldest is forgotten
  --cors             allow browser apps on any origin (preflights answered, response headers exposed)
  --cors-origin O    allow only origin O (e.g. http://localhost:5173); repeat for several`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      faults: { type: "string" },
      "max-log-entries": { type: "string" },
      "max-body-bytes": { type: "string" },
      "max-records": { type: "string" },
      cors: { type: "boolean" },
      "cors-origin": { type: "string", multiple: true },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const known = listBundledApis();
  const apiList = known.length ? known.join(", ") : "none (run `npm run generate` first)";
  const target = positionals[0];
  if (values.help || !target) {
    console.log(`${USAGE}\n\nAPIs under generated/: ${apiList}`);
    if (!target && !values.help) process.exitCode = 2;
    return;
  }
  const source = target.endsWith(".json") ? { spec: readSpecFile(target) } : { api: target };
  const server = await createMockServer({
    ...source,
    ...(values.port !== undefined ? { port: integer("--port", values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.seed !== undefined ? { seed: integer("--seed", values.seed) } : {}),
    ...(values.faults !== undefined ? { faults: parseFaultSpec(values.faults) } : {}),
    ...(values["max-body-bytes"] !== undefined ? { maxBodyBytes: integer("--max-body-bytes", values["max-body-bytes"]) } : {}),
    ...(values["max-records"] !== undefined ? { maxRecords: integer("--max-records", values["max-records"]) } : {}),
    ...(values["max-log-entries"] !== undefined ? { maxLogEntries: integer("--max-log-entries", values["max-log-entries"]) } : {}),
    ...(values.cors ? { cors: true } : values["cors-origin"] ? { cors: values["cors-origin"] } : {}),
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
  console.log(`mock ${target}: ${server.operations.length} operations at ${server.url}`);
  console.log(`client baseUrl: ${server.baseUrl}${server.baseUrl !== server.url ? ` (or ${server.url}: both are served)` : ""}`);
  console.log("Ctrl-C to stop");
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function integer(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new MockConfigError(`${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

function readSpecFile(file: string): object {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as object;
  } catch (error) {
    throw new MockConfigError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Bad input gets one clear line, never a stack trace.
  const known =
    error instanceof MockConfigError || error instanceof MockSpecError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`mock: ${error instanceof Error ? error.message : String(error)}`);
  if (!known) console.error("(unexpected error; please report it)");
  process.exitCode = 2;
});
