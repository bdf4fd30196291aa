/**
 * Fault injection (issue 7): per request, a seeded draw decides whether the answer is normal or
 * broken in one of the ways real networks and gateways break, with a rate per kind.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MockConfigError } from "./errors.js";
import { mulberry32, type Random } from "./random.js";
import type { Outcome, Responder } from "./respond.js";
import type { OperationInfo } from "./spec.js";

/** Every fault the server can inject. */
export const FAULT_KINDS = ["reset", "resetMidBody", "truncate", "retry429", "retry503", "delay", "html502"] as const;

/**
 * - `reset`: the connection is reset before any byte of the answer (request not processed).
 * - `resetMidBody`: status, headers (true Content-Length) and half the body, then a reset (processed).
 * - `truncate`: a complete HTTP message whose JSON body is cut in half (Content-Length matches the cut; processed).
 * - `retry429` / `retry503`: 429 or 503 with Retry-After, documented body if any (not processed).
 * - `delay`: the normal answer after `delayMs`, past a client's timeout (processed when the timer fires).
 * - `html502`: a gateway's text/html 502 page (not processed).
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Fault mode options: `rates` are probabilities per request (their sum at most 1; the rest answers normally). */
export interface FaultOptions {
  /** Seed of the fault draws (default: the server's seed). */
  readonly seed?: number;
  readonly rates?: Partial<Record<FaultKind, number>>;
  /** Retry-After of `retry429` / `retry503`, in seconds (default 0). */
  readonly retryAfterSeconds?: number;
  /** How long `delay` holds the answer, in milliseconds (default 1000). */
  readonly delayMs?: number;
}

/** Draws one fault (or none) per request. */
export interface FaultPicker {
  next(): FaultKind | undefined;
  /** Restarts the draws from the seed. */
  reset(): void;
  readonly retryAfterSeconds: number;
  readonly delayMs: number;
}

const HTML_502 =
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>\n";

/** Checks the options and builds the picker; without options it never faults. */
export function createFaultPicker(options: FaultOptions | undefined, serverSeed: number): FaultPicker {
  const seed = options?.seed ?? serverSeed;
  if (!Number.isInteger(seed)) throw new MockConfigError(`faults.seed must be an integer, got ${String(seed)}`);
  const rates = options?.rates ?? {};
  let sum = 0;
  for (const [kind, rate] of Object.entries(rates)) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new MockConfigError(`faults.rates.${kind} is not a fault kind (known: ${FAULT_KINDS.join(", ")})`);
    }
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1))
      throw new MockConfigError(`faults.rates.${kind} must be a number from 0 to 1, got ${String(rate)}`);
    sum += rate;
  }
  if (sum > 1 + 1e-9) throw new MockConfigError(`faults.rates add up to ${sum}, more than 1`);
  const retryAfterSeconds = options?.retryAfterSeconds ?? 0;
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
    throw new MockConfigError(`faults.retryAfterSeconds must be a whole number of seconds ≥ 0, got ${String(retryAfterSeconds)}`);
  }
  const delayMs = options?.delayMs ?? 1000;
  if (!Number.isFinite(delayMs) || delayMs < 0)
    throw new MockConfigError(`faults.delayMs must be a number of milliseconds ≥ 0, got ${String(delayMs)}`);

  let random: Random = mulberry32(seed);
  return {
    next() {
      if (sum === 0) return undefined;
      let draw = random();
      for (const kind of FAULT_KINDS) {
        draw -= rates[kind] ?? 0;
        if (draw < 0) return kind;
      }
      return undefined;
    },
    reset() {
      random = mulberry32(seed);
    },
    retryAfterSeconds,
    delayMs,
  };
}

/** The answer of `retry429`, `retry503` or `html502`. */
export function faultAnswer(
  kind: "retry429" | "retry503" | "html502",
  op: OperationInfo | undefined,
  responder: Responder,
  retryAfterSeconds: number,
  requestHeaders: IncomingHttpHeaders,
): Outcome {
  if (kind === "html502") return { status: 502, headers: {}, mediaType: "text/html", body: HTML_502 };
  const status = kind === "retry429" ? 429 : 503;
  const outcome = responder.error(op, status, `injected fault: ${status}, retry after ${retryAfterSeconds} s`, requestHeaders);
  return { ...outcome, headers: { ...outcome.headers, "retry-after": String(retryAfterSeconds) } };
}

/** Parses the CLI's `--faults reset=0.1,retry429=0.2,seed=42,delayMs=3000` (kinds are checked by createFaultPicker). */
export function parseFaultSpec(text: string): FaultOptions {
  const rates: Record<string, number> = {};
  const out: { seed?: number; retryAfterSeconds?: number; delayMs?: number; rates: Record<string, number> } = { rates };
  for (const part of text.split(",").filter(Boolean)) {
    const [key = "", value = ""] = part.split("=");
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new MockConfigError(`--faults: "${part}" is not key=number`);
    if (key === "seed" || key === "retryAfterSeconds" || key === "delayMs") out[key] = n;
    else rates[key] = n;
  }
  return out;
}
