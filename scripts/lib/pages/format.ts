// One finding as one line: `<page>:<line>: <fact> — spec <file>:<line> says <value>` (or "lacks it").
import type { Finding } from "./facts.js";

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

export function formatFinding(f: Finding): string {
  const { fact } = f;
  const expected = fact.key === "$exists" ? "" : ` ${fact.match && fact.match !== "equal" ? `${fact.match} ` : ""}${show(fact.expected)}`;
  const where = `spec ${f.source.file}:${f.source.line}`;
  const says = f.status === "missing" ? `${where} lacks it` : `${where} says ${show(f.actual)}`;
  return `${fact.page}:${fact.line}: ${fact.what}${expected} — ${says}`;
}
