/**
 * Stoplight Prism as a second, independent mock: `prism mock <spec> -h 127.0.0.1 -p 0 --errors`
 * as a child process, its log read line by line. Prism answers an invalid request with 422 (or
 * the spec's 4xx) and logs each violation as a `[VALIDATOR]` error or warning; those lines are
 * the problems this target reports.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Mark, Target } from "./run-case.js";
import { ROOT } from "./spec-operations.js";

const PRISM_CLI = path.join(ROOT, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const ANSI = /\x1b\[[0-9;]*m/g;
/** A log line that reports a violation or a failed request: validator errors and warnings, terminated requests. */
const PROBLEM = /\[VALIDATOR\]\s+(?:✖|⚠)|✖\s+error|Violation:/;
/** A log line that ends the handling of one request. */
const DONE = /> Responding with "\d+"|Request terminated with error/;

/** A running Prism mock server. */
export interface PrismServer {
  /** http://127.0.0.1:<port>: Prism serves the spec's paths without the server's base path. */
  readonly url: string;
  /** Every log line so far, ANSI colours removed. */
  readonly lines: readonly string[];
  /** The log lines that report problems. */
  problems(): string[];
  /** Requests Prism has finished answering (or refusing). */
  completed(): number;
  /** Stops Prism; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** Starts `prism mock` for a bundled spec on a free loopback port; rejects if it is not listening within `timeoutMs`. */
export async function startPrism(specFile: string, timeoutMs = 45_000): Promise<PrismServer> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [PRISM_CLI, "mock", specFile, "-h", "127.0.0.1", "-p", "0", "--errors", "-m", "false"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  // Kept as the lines arrive: the runner polls them after every request, and rescanning a log of
  // thousands of lines each time made the replay quadratic.
  const problems: string[] = [];
  let completed = 0;
  let partial = "";
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    for (const raw of parts) {
      const line = raw.replace(ANSI, "");
      lines.push(line);
      if (PROBLEM.test(line)) problems.push(line);
      if (DONE.test(line)) completed++;
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If the test process ends without afterAll (a crash, process.exit), Prism must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killTimer);
    process.removeListener("exit", killOnExit);
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${lines.join("\n")}`)), timeoutMs);
      const check = () => {
        const listening = lines.map((l) => /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(l)).find(Boolean);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      };
      child.stdout.on("data", check);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited with ${code} before listening:\n${lines.join("\n")}`));
      });
    });
    return {
      url,
      lines,
      problems: () => [...problems],
      completed: () => completed,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Prism as a contract target. Its log trails its answers, so problems are read once Prism has
 * logged as many finished requests as the client has sent (`sentCount`). Prism writes a request's
 * violations before the line that ends it; a line that came later still would be caught by the
 * suite's last check of the whole log, so no grace period is waited out per call.
 */
export function prismTarget(prism: PrismServer, sentCount: () => number): Target {
  const problemLines = () => prism.problems();
  return {
    name: "Prism",
    baseUrl: prism.url,
    bareBaseUrl: prism.url,
    mark: (): Mark => ({ requests: prism.completed(), problems: problemLines().length }),
    problemsSince: async (mark) => {
      const deadline = Date.now() + 5_000;
      while (prism.completed() < sentCount() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      return problemLines().slice(mark.problems);
    },
  };
}
