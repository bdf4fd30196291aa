/**
 * Writes (default) or checks (`--check`) the API report of every entry point in package.json's
 * `exports`: one API Extractor run per entry over the compiled dist/ declarations, with the shared
 * settings of api-extractor.json. The reports are checked in under api/, so a spec or runtime change
 * shows its effect on users in review.
 *
 *   tsx scripts/api-report.ts              update api/<entry>.api.md (and drop reports of removed entries)
 *   tsx scripts/api-report.ts --check      exit 1 naming every stale, missing or orphaned report
 *   --reports DIR                          compare against DIR instead of api/ (tests)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { CompilerState, Extractor, ExtractorConfig, ExtractorLogLevel, type ExtractorMessage } from "@microsoft/api-extractor";
import { replaceFolder } from "./lib/stage-and-swap.js";

const root = resolve(import.meta.dirname, "..");
const configFile = join(root, "api-extractor.json");
const packageJsonFile = join(root, "package.json");

/** One entry point of the package and where its report lives. */
interface EntryPoint {
  /** The import specifier users write: "vendor-api-clients", "vendor-api-clients/mock". */
  readonly specifier: string;
  /** Absolute path of its .d.ts in dist/. */
  readonly declarations: string;
  /** Report file base name: "vendor-api-clients" for ".", else the subpath ("jtl-erp-v2"). */
  readonly reportName: string;
}

/** Every `exports` entry with a `types` condition, in the order package.json lists them. */
function entryPoints(): EntryPoint[] {
  const pkg = JSON.parse(readFileSync(packageJsonFile, "utf8")) as { name: string; exports: Record<string, unknown> };
  const entries: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const types = typeof target === "object" && target !== null ? (target as { types?: unknown }).types : undefined;
    if (typeof types !== "string") continue;
    const name = subpath === "." ? pkg.name : subpath.replace(/^\.\//, "");
    entries.push({
      specifier: subpath === "." ? pkg.name : `${pkg.name}/${name}`,
      declarations: join(root, types),
      reportName: name.replaceAll("/", "-"),
    });
  }
  return entries;
}

/** The result of one entry's run. */
interface EntryResult {
  readonly entry: EntryPoint;
  readonly changed: boolean;
  readonly problems: string[];
  readonly diff: string | undefined;
}

/** Runs API Extractor for one entry: in check mode it only compares, else it rewrites the report. */
function runEntry(entry: EntryPoint, reportFolder: string, check: boolean, compilerState: CompilerState): EntryResult {
  const configObject = ExtractorConfig.loadFile(configFile);
  configObject.mainEntryPointFilePath = entry.declarations;
  configObject.apiReport = { ...configObject.apiReport, enabled: true, reportFileName: entry.reportName, reportFolder };
  const config = ExtractorConfig.prepare({ configObject, configObjectFullPath: configFile, packageJsonFullPath: packageJsonFile });
  const problems: string[] = [];
  let diff: string | undefined;
  const result = Extractor.invoke(config, {
    localBuild: !check,
    printApiReportDiff: check,
    compilerState,
    messageCallback: (message: ExtractorMessage) => {
      message.handled = true;
      // Report changes are this script's own output; everything else that is a warning or error is a problem.
      if (message.messageId === "console-api-report-diff") diff = message.text;
      else if (/^console-api-report-/.test(message.messageId)) return;
      else if (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) {
        const where = message.sourceFilePath ? `${relative(root, message.sourceFilePath)}:${message.sourceFileLine ?? 0}: ` : "";
        problems.push(`${where}${message.text} (${message.messageId})`);
      }
    },
  });
  return { entry, changed: result.apiReportChanged, problems, diff };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: "boolean" }, reports: { type: "string" } } });
  const check = values.check === true;
  const finalFolder = resolve(values.reports ?? join(root, "api"));
  if (check) return run(true, finalFolder, finalFolder);
  // Rewrites happen in a staging copy swapped in at the end, so a failure never leaves api/ half-updated.
  await replaceFolder(finalFolder, (staging) => run(false, staging, finalFolder), { startFrom: "copy" });
}

function run(check: boolean, reportFolder: string, finalFolder: string): void {
  const entries = entryPoints();
  const missing = entries.filter((entry) => !existsSync(entry.declarations));
  if (missing.length > 0) {
    throw new Error(
      `${missing.map((entry) => relative(root, entry.declarations)).join(", ")} not found: run \`npm run build\` (or \`npm run compile\`) first`,
    );
  }
  if (!check) mkdirSync(reportFolder, { recursive: true });

  const started = performance.now();
  // One TypeScript program for every entry: API Extractor can share it between runs.
  const first = entries[0];
  if (!first) throw new Error("package.json exports lists no entry point with a `types` condition");
  const compilerState = CompilerState.create(
    ExtractorConfig.prepare({
      configObject: { ...ExtractorConfig.loadFile(configFile), mainEntryPointFilePath: first.declarations },
      configObjectFullPath: configFile,
      packageJsonFullPath: packageJsonFile,
    }),
    { additionalEntryPoints: entries.map((entry) => entry.declarations) },
  );
  const existed = new Set(entries.filter((entry) => existsSync(join(reportFolder, `${entry.reportName}.api.md`))));
  const results = entries.map((entry) => runEntry(entry, reportFolder, check, compilerState));

  const expected = new Set(entries.map((entry) => `${entry.reportName}.api.md`));
  const orphans = existsSync(reportFolder)
    ? readdirSync(reportFolder).filter((file) => file.endsWith(".api.md") && !expected.has(file))
    : [];
  const shortFolder = finalFolder.startsWith(root + sep) ? relative(root, finalFolder) || "." : finalFolder;
  let failed = false;
  for (const { entry, changed, problems, diff } of results) {
    const file = `${shortFolder}/${entry.reportName}.api.md`;
    for (const problem of problems) console.error(`api-report: ${entry.specifier}: ${problem}`);
    failed ||= problems.length > 0;
    if (!changed) continue;
    if (check) {
      failed = true;
      const what = existed.has(entry)
        ? `is stale: the public API of ${entry.specifier} changed`
        : `is missing (entry point ${entry.specifier})`;
      console.error(`api-report: ${file} ${what}; run \`npm run api:report\` and commit the file`);
      const diffLines = existed.has(entry) && diff ? diff.split("\n") : [];
      if (diffLines.length > 0)
        console.error(diffLines.slice(0, 80).join("\n") + (diffLines.length > 80 ? `\n… (${diffLines.length - 80} more lines)` : ""));
    } else {
      console.log(`api-report: ${existed.has(entry) ? "updated" : "created"} ${file}`);
    }
  }
  for (const orphan of orphans) {
    if (check) {
      failed = true;
      console.error(
        `api-report: ${shortFolder}/${orphan} belongs to no entry of package.json exports; run \`npm run api:report\` to remove it`,
      );
    } else {
      rmSync(join(reportFolder, orphan));
      console.log(`api-report: removed ${shortFolder}/${orphan} (no such entry point)`);
    }
  }
  const ms = Math.round(performance.now() - started);
  if (!check && failed) throw new Error("API Extractor reported problems; api/ is unchanged");
  if (failed) process.exitCode = 1;
  else console.log(`api-report: ${entries.length} entry points ${check ? "match" : "written to"} ${shortFolder}/  ${ms} ms`);
}

main().catch((error: unknown) => {
  console.error(`api-report: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
