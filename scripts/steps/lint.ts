/**
 * Lint step: runs Redocly's linter in-process with the API's rules from
 * redocly.yaml (the same rules `npm run lint` applies), or Redocly's
 * `recommended` ruleset for a `--input --lint` run. Any error fails the step;
 * the message lists every problem as file:line:col.
 */
import path from "node:path";
import { createConfig, getLineColLocation, lint, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { PipelineError } from "../lib/errors.js";

/** Lints `file` with `config` (one API's rules); throws a PipelineError listing every error. */
export async function lintDocument(file: string, config: Config): Promise<{ warnings: number }> {
  const problems = await lint({ ref: file, config });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const first = locate(errors[0]!);
    const list = errors.map((p) => `  ${formatProblem(p)}`).join("\n");
    throw new PipelineError("lint", `${errors.length} problem${errors.length === 1 ? "" : "s"}:\n${list}`, first.file, first.where);
  }
  return { warnings: problems.length };
}

/** The configuration for linting a document that is not one of ours. */
export function recommendedConfig(): Promise<Config> {
  return createConfig({ extends: ["recommended"] });
}

/** `file:line:col  rule  message` for one Redocly problem. */
export function formatProblem(problem: NormalizedProblem): string {
  const { file, where } = locate(problem);
  return `${file}${where ? `:${where}` : ""}  ${problem.ruleId}  ${problem.message}`;
}

/** The file (relative to the working directory) and line:col a Redocly problem points at. */
export function locate(problem: NormalizedProblem): { file?: string; where?: string } {
  const location = problem.location[0];
  if (!location) return {};
  const file = path.relative(process.cwd(), location.source.absoluteRef) || location.source.absoluteRef;
  try {
    const { start } = getLineColLocation(location);
    return { file, where: `${start.line}:${start.col}` };
  } catch {
    return { file, where: location.pointer };
  }
}
