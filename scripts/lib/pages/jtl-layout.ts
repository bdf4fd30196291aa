// The layout of JTL's doc pages (v2 pages 000/001, v1 page 002, the jtl-v2-* copies): a curl sample,
// the JSON sample after it, and field lists under Authorizations, Headers, Path Parameters, Body,
// Response and "Model Class:" lines. Copies may be cut off anywhere; what is cut states nothing.
import type { Fact, OperationRef, PageFacts } from "./facts.js";

export interface JtlField {
  name: string;
  /** 1-based line of the field's name. */
  line: number;
  type: string;
  format?: string;
  /** `undefined` when the copy is cut off before the flag could be read ("req"). */
  required: boolean | undefined;
  description?: string;
  descriptionLine: number;
  example?: string;
  exampleLine: number;
}

export interface CurlSample {
  line: number;
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
  sampleLine: number;
  /** The copy has the full layout (Authorizations, Headers, ... sections), not only code samples. */
  full: boolean;
  section(start: string, ends: string[]): JtlField[];
  /** The line right after `Response`: the response's description, if the copy shows one. */
  responseDescription?: string;
  responseLine: number;
  /** Each "Model Class: X" line with the fields up to the next one. */
  modelClasses: { name: string; line: number; fields: JtlField[] }[];
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
  return { curl: { line: start + 1, method, url, headers, body: data ? JSON.parse(data[1]!) : undefined }, end };
}

/** The JSON block starting at the first line after `from` that opens with `{` or `[`, if it closes. */
function jsonAfter(lines: string[], from: number): { value: unknown; line: number } {
  const start = lines.findIndex((l, i) => i > from && /^[[{]/.test(l));
  if (start < 0 || start > from + 1) return { value: undefined, line: 0 };
  const close = lines[start] === "[" ? "]" : "}";
  const end = lines.findIndex((l, i) => i > start && l === close);
  return { value: end < 0 ? undefined : JSON.parse(lines.slice(start, end + 1).join("\n")), line: start + 1 };
}

/** Fields in the layout: name, `type<format>`, optional `header`, optional `required`, description, `Example:` value. */
function fieldsOf(lines: string[], offset: number): JtlField[] {
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
    const exampleLine = offset + (exAt > 0 ? lines.findIndex((l, k) => k > exAt && l) : -1) + 1;
    fields.push({
      name,
      line: offset + i + 1,
      type: t[1]!,
      format: t[2],
      required,
      description,
      descriptionLine: offset + j + 1,
      example,
      exampleLine,
    });
  }
  return fields;
}

export function parseJtlPage(text: string): JtlPage {
  const lines = text.split("\n").map((l) => l.trimEnd());
  const { curl, end } = curlOf(lines);
  const curlAt = curl.line - 1;
  const above = lines[curlAt - 1]?.trim();
  const title = above && !above.startsWith("Saved from") && !above.startsWith("Source:") ? above : undefined;
  const trimmed = lines.map((l) => l.trim());
  const full = trimmed.includes("Authorizations");
  const section = (start: string, ends: string[]) => {
    const from = trimmed.indexOf(start);
    if (from < 0) return [];
    const rest = trimmed.slice(from + 1);
    const to = rest.findIndex((l) => ends.includes(l));
    return fieldsOf(to < 0 ? rest : rest.slice(0, to), from + 1);
  };
  const responseAt = trimmed.lastIndexOf("Response");
  const descAt = responseAt < 0 ? -1 : trimmed.findIndex((l, i) => i > responseAt && l);
  const starts = trimmed.flatMap((l, i) => (l.startsWith("Model Class: ") ? [i] : []));
  const modelClasses = starts.map((s, k) => ({
    name: trimmed[s]!.slice("Model Class: ".length),
    line: s + 1,
    fields: fieldsOf(trimmed.slice(s + 1, starts[k + 1] ?? trimmed.length), s + 1),
  }));
  const sample = jsonAfter(lines, end);
  return {
    lines: trimmed,
    title,
    curl,
    sample: sample.value,
    sampleLine: sample.line,
    full,
    section,
    responseDescription: descAt < 0 ? undefined : trimmed[descAt],
    responseLine: descAt + 1,
    modelClasses,
  };
}

/** The section names that end a section of this layout, minus the ones before `start`. */
export const endsAfter = (start: string): string[] => SECTIONS.slice(SECTIONS.indexOf(start) + 1).concat("Documentation Index");

/** Is this page in the JTL layout? */
export const isJtlPage = (text: string) => /^curl --request \w+ \\$/m.test(text) && text.includes("--url https://api.jtl-cloud.com/");

/** Every fact a JTL page states. `page` is the repo-relative file; `name` its file name (for x-doc-page). */
export function jtlFacts(page: string, name: string, text: string): PageFacts {
  const p = parseJtlPage(text);
  const op: OperationRef = { page: name };
  const facts: Fact[] = [];
  const add = (line: number, what: string, subject: Fact["subject"], key: string, expected: unknown, match?: Fact["match"]) =>
    facts.push({ page, line, what, subject, key, expected, match });
  const operation = { kind: "operation", op } as const;

  add(p.curl.line, "operation transcribed from this page", operation, "$exists", true);
  add(p.curl.line, "method", operation, "$method", p.curl.method.toLowerCase());
  add(p.curl.line, "server and path", operation, "$urls", p.curl.url, "has");
  if (p.title) add(p.curl.line - 1, "summary", operation, "summary", p.title);

  for (const [header, value] of Object.entries(p.curl.headers)) {
    const line = p.curl.line + p.lines.slice(p.curl.line - 1).findIndex((l) => l.includes(`--header '${header}:`));
    if (header === "Authorization") {
      add(line, "Authorization header format", { kind: "scheme", header }, "x-doc-header.format", value);
    } else if (header === "Content-Type") {
      add(line, "request media type", operation, "$mediaTypes", [value]);
    } else if (header === "x-api-key") {
      add(line, "API key scheme", { kind: "scheme", header }, "type", "apiKey");
      add(line, "security: OAuth2 together with the API key", operation, "$security", "apiKey+oauth2", "has");
    } else {
      add(line, `header ${header}`, { kind: "parameter", op, in: "header", name: header }, "$exists", true);
    }
  }

  const body = p.curl.body as Record<string, unknown> | undefined;
  if (body === undefined) add(p.curl.line, "no request body", operation, "requestBody", undefined);
  else {
    add(p.curl.line, "request body fields", { kind: "body", op, body: "request" }, "$propertyNames", Object.keys(body).sort());
    for (const [key, value] of Object.entries(body)) {
      const line = p.curl.line + p.lines.slice(p.curl.line - 1).findIndex((l) => l.startsWith(`"${key}":`));
      add(line, `request body ${key}: type`, { kind: "body", op, body: "request", field: key }, "type", typeof value);
    }
  }

  if (p.full) {
    for (const a of p.section("Authorizations", endsAfter("Authorizations"))) {
      const scheme = { kind: "scheme", header: a.name } as const;
      add(a.line, `authorization ${a.name}`, scheme, "$exists", true);
      if (a.required !== undefined) add(a.line, `authorization ${a.name}: required`, scheme, "$headerRequired", a.required);
      if (a.description) add(a.line, `authorization ${a.name}: description`, scheme, "description", a.description, "contains");
    }
    for (const f of p.section("Headers", endsAfter("Headers")))
      fieldFacts(f, "header", { kind: "parameter", op, in: "header", name: f.name });
    for (const f of p.section("Path Parameters", endsAfter("Path Parameters"))) {
      fieldFacts(f, "path parameter", { kind: "parameter", op, in: "path", name: f.name });
    }
    if (p.lines.includes("Path Parameters")) {
      const listed = p.section("Path Parameters", endsAfter("Path Parameters"));
      add(
        p.lines.indexOf("Path Parameters") + 1,
        "path parameters, no more",
        operation,
        "$paramNames.path",
        listed.map((f) => f.name).sort(),
      );
    }
    // A Response section without a "Model Class" line lists the response's own fields.
    const responseFields = p.section("Response", []).filter((f) => f.name !== p.responseDescription);
    const classes = p.modelClasses.map((m) => m.name);
    if (p.responseDescription && (responseFields.length > 0 || classes.length > 0) && !p.responseDescription.startsWith("Model Class:")) {
      add(p.responseLine, "response description", { kind: "body", op, body: "response" }, "description", p.responseDescription, "contains");
    }
    const responseAt = p.lines.lastIndexOf("Response");
    if (responseFields.length > 0 && !p.modelClasses.some((m) => m.line > responseAt)) {
      add(
        p.responseLine,
        "response fields, no more",
        { kind: "body", op, body: "response", field: responseFields[0]!.name },
        "$propertyCount",
        responseFields.length,
      );
      for (const f of responseFields) fieldFacts(f, "response field", { kind: "body", op, body: "response", field: f.name });
    }
  }
  for (const m of p.modelClasses) {
    add(m.line, `model ${m.name}`, { kind: "model", model: m.name }, "$exists", true);
    if (m.fields.length === 0) continue;
    add(
      m.line,
      `model ${m.name}: its fields, no more`,
      { kind: "model", model: m.name },
      "$propertyNames",
      m.fields.map((f) => f.name).sort(),
    );
    for (const f of m.fields) fieldFacts(f, `${m.name}`, { kind: "model", model: m.name, field: f.name });
  }

  const sample = p.sample as any;
  if (Array.isArray(sample) && sample[0]) {
    const response = { kind: "body", op, body: "response" } as const;
    add(
      p.sampleLine,
      "response sample: an array of items with these keys",
      { ...response, field: Object.keys(sample[0])[0] },
      "$propertyNames",
      Object.keys(sample[0]).sort(),
    );
    if (sample[0].id !== undefined)
      add(p.sampleLine, "response sample: an example with its first item's id", response, "$exampleFirstIds", sample[0].id, "has");
  } else if (sample && typeof sample === "object" && Object.keys(sample).some((k) => /^errorcode$/i.test(k))) {
    // An error sample: the shape of a documented error response (or, printed with no status, of x-error-body).
    add(p.sampleLine, "error sample's fields", operation, "$errorBodies", Object.keys(sample).sort(), "has");
  }
  return { facts, notes: [] };

  function fieldFacts(f: JtlField, label: string, subject: Fact["subject"]) {
    const what = `${label} ${f.name}`;
    add(f.line, what, subject, "$exists", true);
    const typed = subject.kind === "parameter" ? "schema." : "";
    if (f.required !== undefined) add(f.line, `${what}: required`, subject, "$required", f.required);
    add(f.line + 1, `${what}: type`, subject, `${typed}type`, f.type);
    add(f.line + 1, `${what}: format`, subject, `${typed}format`, f.format);
    if (f.description) add(f.descriptionLine, `${what}: description`, subject, "description", f.description, "contains");
    if (f.example) add(f.exampleLine, `${what}: example`, subject, "example", JSON.parse(f.example));
  }
}
