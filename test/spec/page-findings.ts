// The page-vs-spec tests' view of pages:check: the facts and findings of one saved page, from the same
// engine the command runs (scripts/lib/pages), so each page layout has one parser.
import { formatFinding } from "../../scripts/lib/pages/format.js";
import { checkApi, type ApiResult } from "../../scripts/lib/pages/run.js";
import { type Api, ROOT } from "./helpers.js";

const runs = new Map<Api, Promise<ApiResult>>();

/** pages:check for one API of the repo, run once per test file. */
export const checkedApi = (api: Api): Promise<ApiResult> => {
  if (!runs.has(api)) runs.set(api, checkApi(ROOT, api));
  return runs.get(api)!;
};

/** What pages:check reports for one saved page (file name under openapi/<api>/pages/), as printed. */
export async function findingsOf(api: Api, page: string): Promise<string[]> {
  const result = await checkedApi(api);
  return result.findings.filter((f) => f.fact.page === `openapi/${api}/pages/${page}`).map(formatFinding);
}

/** Whether pages:check read the page with one of its layouts. */
export async function isParsed(api: Api, page: string): Promise<boolean> {
  const result = await checkedApi(api);
  const rel = `openapi/${api}/pages/${page}`;
  return result.pages.includes(rel) && !result.unparsed.includes(rel);
}
