// One finding as one line: `<page>:<line>: <fact> — spec <file>:<line> says <value>` (or "lacks it").
import type { Finding } from "./facts.js";

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

/** How the page's value is introduced, by how it must match the spec's. */
const LEAD: Record<string, string> = { equal: "", has: "", contains: "contains ", prefix: "starts with ", in: "one of ", subset: "only " };

export function formatFinding(f: Finding): string {
  const { fact } = f;
  const expected = fact.key === "$exists" ? "" : ` ${LEAD[fact.match ?? "equal"]}${show(fact.expected)}`;
  const where = `spec ${f.source.file}:${f.source.line}`;
  const says = f.status === "missing" ? `${where} lacks it` : `${where} says ${show(f.actual)}`;
  return `${fact.page}:${fact.line}: ${fact.what}${expected} — ${says}`;
}
