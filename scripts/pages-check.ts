// npm run pages:check [-- --api <name>] [--json]: every fact the saved vendor pages state that the
// spec lacks or states differently, with the page's and the spec's file:line. Exit 1 on findings.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatFinding } from "./lib/pages/format.js";
import { apisIn, checkApi, type ApiResult } from "./lib/pages/run.js";
import { PagesCheckError } from "./lib/pages/spec.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: npm run pages:check [-- --api <name>] [--json] [--root <a copy of the repo>]";

function parseArgs(argv: string[]): { api?: string; json: boolean; root: string } {
  const out: { api?: string; json: boolean; root: string } = { json: false, root: ROOT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") out.json = true;
    else if (a === "--api" || a === "--root") {
      const v = argv[++i];
      if (!v || v.startsWith("--")) throw new PagesCheckError(`${a} needs a value\n${USAGE}`);
      if (a === "--api") out.api = v;
      else out.root = path.resolve(v);
    } else throw new PagesCheckError(`unknown argument "${a}"\n${USAGE}`);
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const apis = apisIn(args.root);
  if (args.api && !apis.includes(args.api)) throw new PagesCheckError(`unknown API "${args.api}"; the APIs are ${apis.join(", ")}`);
  const started = performance.now();
  const results: ApiResult[] = [];
  for (const api of args.api ? [args.api] : apis) results.push(await checkApi(args.root, api));
  const seconds = (performance.now() - started) / 1000;
  const findings = results.flatMap((r) => r.findings);
  if (args.json) {
    console.log(
      JSON.stringify(
        {
          apis: results.map((r) => ({
            api: r.api,
            pages: r.pages.length,
            facts: r.facts,
            findings: r.findings,
            recorded: r.recorded,
            notes: r.notes,
            unparsed: r.unparsed,
          })),
          seconds,
        },
        null,
        2,
      ),
    );
    return findings.length ? 1 : 0;
  }
  for (const r of results) {
    for (const f of r.findings) console.log(formatFinding(f));
    for (const n of r.notes) console.log(`${n.page}:${n.line}: note: ${n.text}`);
  }
  const perApi = results
    .map(
      (r) =>
        `${r.api} ${r.facts} facts from ${r.pages.length - r.unparsed.length} pages${r.unparsed.length ? ` (${r.unparsed.length} guide pages not parsed)` : ""}`,
    )
    .join("; ");
  console.log(
    `pages:check: ${findings.length === 0 ? "no findings" : `${findings.length} finding${findings.length === 1 ? "" : "s"}`} (${perApi}) in ${seconds.toFixed(1)} s`,
  );
  return findings.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`pages:check: ${e instanceof PagesCheckError ? e.message : ((e as Error).message ?? String(e))}`);
    process.exit(2);
  },
);
