/**
 * The fault-load run of test/faults/load.test.ts, timed: how long the concurrent calls took, the
 * slowest healthy answer, how fast an abort ended its fetch, the shortest Retry-After wait, and the
 * heap growth. The test asserts none of these (a busy machine would fail it); this prints them.
 *
 *   npx tsx bench/load/faults.ts
 */
import { runFaultLoad } from "../../test/faults/fault-load.js";
import { APIS, operationsOf } from "../../test/faults/operation-mix.js";
import { heapAfterGc } from "../../test/faults/process-probes.js";

const operations = APIS.flatMap((api) => operationsOf(api));
const keepAlive: unknown[] = [];
const started = performance.now();
const report = await runFaultLoad({ operations, keepAlive });
const heapAfter = await heapAfterGc();
const { fetch, findings } = report;
console.log(
  [
    `${operations.length} operations, ${report.planned} concurrent calls, ${findings.requests} requests`,
    `calls: ${report.runMs.toFixed(0)} ms (warm-up, fixtures and probes included: ${(performance.now() - started).toFixed(0)} ms)`,
    `slowest healthy answer (headers): ${fetch.maxResponseMs.toFixed(0)} ms; slowest abort → rejection: ${fetch.maxAbortToRejectMs.toFixed(1)} ms`,
    `shortest wait after a Retry-After of 1 s: ${findings.retryAfterWaits.shortestMs} ms (${findings.retryAfterWaits.checked} waits)`,
    `healthy attempts abandoned on the timeout: ${findings.healthyTimeouts}`,
    `heap growth: ${((heapAfter - report.heapBefore) / 1048576).toFixed(2)} MB (${((heapAfter - report.heapBefore) / report.planned).toFixed(0)} B per call)`,
    "",
    ...report.lines(),
  ].join("\n"),
);
keepAlive.length = 0;
