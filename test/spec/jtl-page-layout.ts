// Parser for the saved JTL doc pages (the layout of pages 000/001 and of the jtl-v2-* copies): the
// curl sample, the JSON sample after it, and the field lists of the Authorizations, Headers, Path
// Parameters and Response sections. Copies may be cut off anywhere; what is cut is reported as such.

export interface JtlField {
  name: string;
  type: string;
  format?: string;
  /** `undefined` when the copy is cut off before the flag could be read ("req"). */
  required: boolean | undefined;
  description?: string;
  example?: string;
}

export interface CurlSample {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The parsed `--data` body, if the sample sends one. */
  body?: unknown;
}

export interface JtlPage {
  lines: string[];
  /** The title printed right above the curl sample, if the copy has one. */
  title?: string;
  curl: CurlSample;
  /** The JSON sample printed after the curl sample (a response or an error body), if complete. */
  sample?: unknown;
  /** The copy has the full layout (Authorizations, Headers, ... sections), not only code samples. */
  full: boolean;
  section(start: string, ends: string[]): JtlField[];
  /** The line right after `Response`: the response's description, if the copy shows one. */
  responseDescription?: string;
}

const TYPE = /^(string|integer|boolean|number|object|array)(?:<([^>]+)>)?$/;
const SECTIONS = ["Authorizations", "Headers", "Path Parameters", "Query Parameters", "Body", "Response"];

function curlOf(lines: string[]): { curl: CurlSample; end: number } {
  const start = lines.findIndex((l) => l.startsWith("curl --request"));
  if (start < 0) throw new Error("page has no curl sample");
  let end = start;
  let inData = false;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    end = i;
    if (inData) {
      if (l.startsWith("'")) break;
      continue;
    }
    if (/--data '\s*$/.test(l)) {
      inData = true;
      continue;
    }
    if (!l.trimEnd().endsWith("\\")) break;
  }
  const text = lines.slice(start, end + 1).join("\n");
  const method = /curl --request (\w+)/.exec(text)![1]!;
  const url = /--url (\S+)/.exec(text)![1]!;
  const headers: Record<string, string> = {};
  for (const m of text.matchAll(/--header '([^:']+): ([^']*)'/g)) headers[m[1]!] = m[2]!;
  const data = /--data '\s*\n([\s\S]*?)\n'/.exec(text);
  return { curl: { method, url, headers, body: data ? JSON.parse(data[1]!) : undefined }, end };
}

/** The JSON block starting at the first line after `from` that opens with `{` or `[`, if it closes. */
function jsonAfter(lines: string[], from: number): unknown {
  const start = lines.findIndex((l, i) => i > from && /^[[{]/.test(l));
  if (start < 0 || start > from + 1) return undefined;
  const close = lines[start] === "[" ? "]" : "}";
  const end = lines.findIndex((l, i) => i > start && l === close);
  return end < 0 ? undefined : JSON.parse(lines.slice(start, end + 1).join("\n"));
}

/** Fields in the layout: name, `type<format>`, optional `header`, optional `required`, description, `Example:` value. */
function fieldsOf(lines: string[]): JtlField[] {
  const fields: JtlField[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const name = lines[i]!;
    const t = TYPE.exec(lines[i + 1] ?? "");
    if (!name || !t || TYPE.test(name) || name === "header") continue;
    let j = i + 2;
    if (lines[j] === "header") j++;
    let required: boolean | undefined = false;
    if (lines[j] === "required") {
      required = true;
      j++;
    } else if (lines[j] && "required".startsWith(lines[j]!) && lines.slice(j + 1).every((l) => l === "")) {
      required = undefined; // the copy ends inside the flag
    }
    while (lines[j] === "") j++;
    const isNextField = (k: number) => TYPE.test(lines[k + 1] ?? "") && lines[k] !== "";
    const description = required !== undefined && lines[j] && !isNextField(j) && lines[j] !== "Example:" ? lines[j] : undefined;
    const next = lines.findIndex((_, k) => k > i + 1 && isNextField(k));
    const exAt = lines.indexOf("Example:", j);
    const example = exAt > 0 && (next < 0 || exAt < next) ? lines.slice(exAt + 1).find((l) => l) : undefined;
    fields.push({ name, type: t[1]!, format: t[2], required, description, example });
  }
  return fields;
}

export function parseJtlPage(text: string): JtlPage {
  const lines = text.split("\n").map((l) => l.trimEnd());
  const { curl, end } = curlOf(lines);
  const curlAt = lines.findIndex((l) => l.startsWith("curl --request"));
  const above = lines[curlAt - 1]?.trim();
  const title = above && !above.startsWith("Saved from") && !above.startsWith("Source:") ? above : undefined;
  const trimmed = lines.map((l) => l.trim());
  const full = trimmed.includes("Authorizations");
  const section = (start: string, ends: string[]) => {
    const from = trimmed.indexOf(start);
    if (from < 0) return [];
    const rest = trimmed.slice(from + 1);
    const to = rest.findIndex((l) => ends.includes(l));
    return fieldsOf(to < 0 ? rest : rest.slice(0, to));
  };
  const responseAt = trimmed.lastIndexOf("Response");
  const responseDescription = responseAt >= 0 ? trimmed.slice(responseAt + 1).find((l) => l) : undefined;
  return { lines: trimmed, title, curl, sample: jsonAfter(lines, end), full, section, responseDescription };
}

/** The section names that end a section of this layout, minus the ones before `start`. */
export const endsAfter = (start: string): string[] => SECTIONS.slice(SECTIONS.indexOf(start) + 1).concat("Documentation Index");
