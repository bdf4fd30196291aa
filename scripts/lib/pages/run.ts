// Reads every saved page of each API, turns it into facts with its layout's parser and checks them
// against the API's bundled spec.
import fs from "node:fs";
import path from "node:path";
import { apiNames } from "../apis.js";
import { checkFacts, type RecordedMark } from "./check.js";
import { croFacts, isCroPage } from "./cro-layout.js";
import type { Fact, Finding, Note, PageFacts } from "./facts.js";
import { fragmentFacts, isFragmentPage } from "./fragment-layout.js";
import { isJtlPage, jtlFacts } from "./jtl-layout.js";
import { referenceFacts } from "./reference.js";
import { loadSpec, PagesCheckError } from "./spec.js";

export interface ApiResult {
  api: string;
  pages: string[];
  facts: number;
  findings: Finding[];
  /** Facts that hold only through a recorded exception (the spec keeps the page's or reference's value beside its own). */
  recorded: { fact: Fact; mark: RecordedMark }[];
  notes: Note[];
  /** Pages whose layout no parser reads (guides): no fact of theirs is checked. */
  unparsed: string[];
}

/** The APIs of the repository at `root` (redocly.yaml's `apis:`, scripts/lib/apis.ts). */
export function apisIn(root: string): string[] {
  try {
    return apiNames(root);
  } catch (error) {
    throw new PagesCheckError((error as Error).message);
  }
}

function read(root: string, rel: string): string {
  try {
    return fs.readFileSync(path.join(root, rel), "utf8");
  } catch {
    throw new PagesCheckError(`cannot read page ${rel}`);
  }
}

/** The facts of one saved page, by its layout; `undefined` when no parser reads it. */
export function factsOfPage(rel: string, text: string, context: { outOfScopeModels: Set<string> }): PageFacts | undefined {
  const name = path.basename(rel);
  try {
    if (isJtlPage(text)) return jtlFacts(rel, name, text);
    if (isFragmentPage(text)) return fragmentFacts(rel, name, text);
    if (isCroPage(text)) return croFacts(rel, name, text, context);
  } catch (e) {
    throw new PagesCheckError(`cannot read page ${rel}: ${(e as Error).message}`);
  }
  return undefined;
}

export async function checkApi(root: string, api: string): Promise<ApiResult> {
  const spec = await loadSpec(root, api);
  const pagesRel = path.join("openapi", api, "pages");
  const dir = path.join(root, pagesRel);
  if (!fs.existsSync(dir)) throw new PagesCheckError(`no saved pages for ${api}: ${pagesRel} does not exist`);
  const files = fs.readdirSync(dir).sort();
  const result: ApiResult = { api, pages: [], facts: 0, findings: [], recorded: [], notes: [], unparsed: [] };
  const all: PageFacts[] = [];
  let outOfScopeModels = new Set<string>();
  if (files.includes("reference.md")) {
    const rel = `${pagesRel}/reference.md`;
    const ref = referenceFacts(rel, read(root, rel));
    outOfScopeModels = ref.outOfScopeModels;
    all.push(ref);
    result.pages.push(rel);
  }
  for (const file of files.filter((f) => f.endsWith(".txt"))) {
    const rel = `${pagesRel}/${file}`;
    result.pages.push(rel);
    const facts = factsOfPage(rel, read(root, rel), { outOfScopeModels });
    if (facts) all.push(facts);
    else result.unparsed.push(rel);
  }
  for (const pf of all) {
    result.facts += pf.facts.length;
    result.findings.push(...checkFacts(spec, pf.facts, (fact, mark) => result.recorded.push({ fact, mark })));
    result.notes.push(...pf.notes);
  }
  return result;
}
