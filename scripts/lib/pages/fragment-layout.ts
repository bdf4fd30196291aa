// The layout of page 003: a title, then the page's text fragments one per line — descriptions,
// "Model Class:" lines and example values — with no field names. Each fragment must appear in the spec.
import type { Fact, PageFacts } from "./facts.js";

const EXAMPLE = /^(".*"|\d+|true|false)$/;

/** A page of bare fragments: "Model Class:" lines, but neither a curl sample nor the CRO site's field lines. */
export const isFragmentPage = (text: string) =>
  text.includes("\nModel Class: ") && !text.includes("curl --request") && !/ (String|Integer|Boolean), (Required|Optional)$/m.test(text);

export function fragmentFacts(page: string, name: string, text: string): PageFacts {
  const lines = text.split("\n").map((l) => l.trim());
  const facts: Fact[] = [];
  const titleAt = lines.findIndex(Boolean);
  facts.push({
    page,
    line: titleAt + 1,
    what: "summary",
    subject: { kind: "operation", op: { page: name } },
    key: "summary",
    expected: lines[titleAt],
  });
  lines.forEach((l, i) => {
    if (!l || i === titleAt) return;
    const model = /^Model Class: (\w+)$/.exec(l);
    if (model)
      facts.push({
        page,
        line: i + 1,
        what: `model ${model[1]}`,
        subject: { kind: "model", model: model[1]! },
        key: "$exists",
        expected: true,
      });
    else if (EXAMPLE.test(l))
      facts.push({
        page,
        line: i + 1,
        what: "example value on the page",
        subject: { kind: "root" },
        key: "$exampleValues",
        expected: JSON.parse(l),
        match: "has",
      });
    else facts.push({ page, line: i + 1, what: "text on the page", subject: { kind: "root" }, key: "$strings", expected: l, match: "has" });
  });
  return { facts, notes: [] };
}
