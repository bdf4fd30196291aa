/**
 * The `logger` and `logLevel` options: one function per client that drops lines below the level.
 * Undefined when logging is off, so a call that does not log builds no message and reads no clock.
 */
import { ClientConfigError } from "../core/errors.js";
import type { Logger, LogLevel } from "../core/options.js";

/** A level a line is written at. */
export type LineLevel = Exclude<LogLevel, "off">;
/** Writes one line (already free of secrets) with its fields. */
export type LogSink = (level: LineLevel, message: string, fields: Record<string, unknown>) => void;

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** The sink of a client's logging options; undefined when it logs nothing. */
export function logSink(logger: Logger | undefined, level: LogLevel | undefined): LogSink | undefined {
  if (level !== undefined && !(typeof level === "string" && level in RANK)) {
    throw new ClientConfigError(`logLevel must be one of ${Object.keys(RANK).join(", ")}`);
  }
  const sink = logger ?? (globalThis.console as Logger);
  for (const method of ["debug", "info", "warn", "error"] as const) {
    if (typeof sink?.[method] !== "function") throw new ClientConfigError(`logger must have a ${method}(message) method (console fits)`);
  }
  const rank = RANK[level ?? "off"];
  if (rank === 0) return undefined;
  return (lineLevel, message, fields) => {
    if (RANK[lineLevel] <= rank) sink[lineLevel](`[vendor-api-clients] ${message}`, fields);
  };
}
