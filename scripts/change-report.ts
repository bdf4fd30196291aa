/**
 * `npm run changes`: what the regenerated specs change for callers, compared with the committed
 * output (`git show <base>:generated/<api>/openapi.json`, base HEAD by default). Prints one summary
 * line per API, writes the full list as Markdown for review, and with `--changeset` proposes a
 * changeset with the semver bump. `npm run generate` runs it after every generation.
 *
 *   tsx scripts/change-report.ts [--base <git rev>] [--out <file.md>] [--changeset] [--fail-on-breaking]
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { listApis } from "./lib/apis.js";
import { bumpOf, specChanges, type Bump, type SpecChange } from "./lib/spec-changes.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const GENERATED = path.join(ROOT, "generated");

interface ApiReport {
  api: string;
  /** Undefined when the base has no such API (new) or no git history is there to compare with. */
  baseline: "found" | "new" | "unavailable";
  changes: SpecChange[];
  bump: Bump;
}

/** The command line, or undefined (after saying why) when it cannot be read. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        base: { type: "string", default: "HEAD" },
        out: { type: "string", default: path.join("reports", "spec-changes.md") },
        changeset: { type: "boolean", default: false },
        "fail-on-breaking": { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`changes: ${(error as Error).message}`);
    return undefined;
  }
}

function main(): number {
  const args = parseOptions();
  if (!args) return 2;
  const reports = apis().map((api) => reportFor(api, args.base!));
  for (const report of reports) console.log(summaryLine(report));
  const out = path.resolve(ROOT, args.out!);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, markdown(reports, args.base!));
  console.log(`changes: details in ${path.relative(process.cwd(), out)}`);
  if (reports.some((r) => r.changes.length > 0)) {
    console.log("changes: the TypeScript surface may have changed too: `npm run api:report` refreshes api/ (npm run build checks it)");
  }
  if (args.changeset) {
    const file = writeChangeset(reports);
    console.log(file ? `changes: proposed ${path.relative(process.cwd(), file)}` : "changes: nothing to release, no changeset written");
  }
  const breaking = reports.some((r) => r.bump === "major");
  return args["fail-on-breaking"] && breaking ? 1 : 0;
}

/** The APIs (redocly.yaml's `apis:`, scripts/lib/apis.ts) that have generated output to compare. */
function apis(): string[] {
  return listApis(ROOT)
    .filter((api) => existsSync(path.join(api.generatedDir, "openapi.json")))
    .map((api) => api.name);
}

function reportFor(api: string, base: string): ApiReport {
  const text = readFileSync(path.join(GENERATED, api, "openapi.json"), "utf8");
  const previous = committed(api, base);
  if (previous === "unavailable") return { api, baseline: "unavailable", changes: [], bump: "none" };
  // The usual case, an unchanged spec, costs one comparison rather than a diff.
  if (previous === text) return { api, baseline: "found", changes: [], bump: "none" };
  const current = JSON.parse(text);
  const changes = specChanges(previous === undefined ? { openapi: current.openapi, paths: {} } : JSON.parse(previous), current);
  return { api, baseline: previous === undefined ? "new" : "found", changes, bump: bumpOf(changes) };
}

/** The bundled spec's text at `base`; undefined when the API is new there, "unavailable" without git. */
function committed(api: string, base: string): string | undefined | "unavailable" {
  const file = `generated/${api}/openapi.json`;
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { cwd: ROOT, stdio: "ignore" });
  } catch {
    return "unavailable";
  }
  try {
    return execFileSync("git", ["show", `${base}:${file}`], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

function counts(changes: readonly SpecChange[]): string {
  const n = (impact: SpecChange["impact"]) => changes.filter((c) => c.impact === impact).length;
  return `${n("breaking")} breaking, ${n("addition")} additions, ${n("docs")} docs-only`;
}

function summaryLine(report: ApiReport): string {
  if (report.baseline === "unavailable") return `changes: ${report.api}: no git history to compare with`;
  if (report.changes.length === 0) return `changes: ${report.api}: no change for callers`;
  return `changes: ${report.api}: ${report.baseline === "new" ? "new API, " : ""}${counts(report.changes)} → ${report.bump}`;
}

function markdown(reports: readonly ApiReport[], base: string): string {
  const lines = [`# What the spec changes mean for callers`, "", `Compared with the generated output at \`${base}\`.`, ""];
  for (const report of reports) {
    lines.push(`## ${report.api}`, "");
    if (report.baseline === "unavailable") {
      lines.push("No git history to compare with.", "");
      continue;
    }
    if (report.changes.length === 0) {
      lines.push("No change for callers.", "");
      continue;
    }
    lines.push(`${counts(report.changes)}; semver: **${report.bump}**.`, "", "| impact | operation | change |", "|---|---|---|");
    for (const change of report.changes) {
      const op = change.operationId ? `${change.operation} (\`${change.operationId}\`)` : change.operation;
      lines.push(`| ${change.impact} | ${cell(op)} | ${cell(change.text)} |`);
    }
    lines.push("");
  }
  lines.push("The TypeScript surface diff: `npm run api:report`, then `git diff etc/ api/`.", "");
  return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Proposes `.changeset/spec-<hash>.md` for the largest bump; returns its path, or undefined when nothing changed. */
function writeChangeset(reports: readonly ApiReport[]): string | undefined {
  const order: Bump[] = ["none", "patch", "minor", "major"];
  const bump = reports.reduce<Bump>((max, r) => (order.indexOf(r.bump) > order.indexOf(max) ? r.bump : max), "none");
  if (bump === "none") return undefined;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string };
  const body = reports
    .filter((r) => r.changes.length)
    .map(
      (r) =>
        `${r.api}: ${counts(r.changes)}.\n${r.changes
          .filter((c) => c.impact !== "docs")
          .map((c) => `- ${c.operation}: ${c.text}`)
          .join("\n")}`,
    )
    .join("\n\n");
  const text = `---\n${JSON.stringify(pkg.name)}: ${bump}\n---\n\n${body}\n`;
  const dir = path.join(ROOT, ".changeset");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `spec-${createHash("sha256").update(text).digest("hex").slice(0, 8)}.md`);
  writeFileSync(file, text);
  return file;
}

process.exitCode = main();
