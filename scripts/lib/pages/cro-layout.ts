// The CRO doc site's layouts: request pages (page 004's `name Type, Flag` on one line with `•`
// bullets, and the compact copies with name and `Type, Flag` on two lines and `-` bullets) and
// model pages (a template and a Fields list). Copies may be cut off; the field a copy ends in is `cut`.
import type { Fact, OperationRef, PageFacts, Subject } from "./facts.js";

export interface CroField {
  name: string;
  line: number;
  /** "String", "Integer", "Boolean" or "Array[Model]", as printed. */
  docType: string;
  /** `undefined` when the page prints no flag (page 004's response fields, a cut copy). */
  required: boolean | undefined;
  description?: string;
  descriptionLine: number;
  constraints: string[];
  constraintLines: number[];
  defaultValue?: string;
  /** The copy ends inside this field. */
  cut: boolean;
}

/** A line with its 1-based number in the saved file. */
interface Line {
  text: string;
  line: number;
}

export interface CroPage {
  lines: string[];
  lineNo(i: number): number;
  title: string;
  method?: string;
  path?: string;
  description?: string;
  roles: string[];
  noBreakingChanges: boolean;
  /** "Refer to X for more details." names. */
  models: string[];
  section(start: string): CroField[];
  has(line: string): boolean;
  /** JSON blocks printed on the page (request/response samples, model templates); `undefined` for a cut one. */
  jsonBlocks: { value: unknown | undefined; line: number }[];
  /** `Name: value` lines of the recorded sample response. */
  sampleResponseHeaders: Record<string, { value: string; line: number }>;
}

const FIELD = /^(\S+) (String|Integer|Boolean|Array\[\w+\])(?:, (Required|Optional))?$/;
const TYPE_LINE = /^(String|Integer|Boolean|Array\[\w+\])(?:, (Required|Optional))?$/;
const SECTIONS = [
  "Path Parameters",
  "Query Parameters",
  "Request Headers",
  "Request Body",
  "Response",
  "Response Headers",
  "Response Body",
  "Code Samples",
  "Fields",
  "Examples",
  "Breaking Changes",
  "Request",
];

/** Is this a page of the CRO doc site (page 004 included)? */
export const isCroPage = (text: string) =>
  /docs\.crosoftware\.net|Users with the following roles/.test(text) || /^\S+ (String|Integer|Boolean), (Required|Optional)$/m.test(text);

/** Lines trimmed, blank ones dropped, bullets as `• text`, a compact `name` + `Type, Flag` pair joined. */
function normalise(text: string): Line[] {
  const raw = text
    .split("\n")
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text);
  const out: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    const next = raw[i + 1]?.text ?? "";
    if (/^[\w-]+$/.test(l.text) && TYPE_LINE.test(next)) {
      out.push({ text: `${l.text} ${next}`, line: l.line });
      i++;
    } else if (/^[-•] /.test(l.text)) out.push({ text: `• ${l.text.slice(2).trim()}`, line: l.line });
    else out.push(l);
  }
  return out;
}

function jsonBlocks(text: string): { value: unknown | undefined; line: number }[] {
  const lines = text.split("\n").map((l) => l.trim());
  const blocks: { value: unknown | undefined; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "{") continue;
    let depth = 0;
    let end = -1;
    for (let k = i; k < lines.length && end < 0; k++) {
      for (const ch of lines[k]!.replace(/"(?:[^"\\]|\\.)*"/g, "")) {
        if (ch === "{" || ch === "[") depth++;
        if (ch === "}" || ch === "]") depth--;
      }
      if (depth === 0) end = k;
    }
    if (end < 0) {
      blocks.push({ value: undefined, line: i + 1 });
      break;
    }
    blocks.push({ value: JSON.parse(lines.slice(i, end + 1).join("\n")), line: i + 1 });
    i = end;
  }
  return blocks;
}

export function parseCroPage(text: string): CroPage {
  const all = normalise(text).filter(
    (l) => !l.text.startsWith("Source:") && !l.text.startsWith("Saved from a stored copy") && l.text !== "Skip to main content",
  );
  const lines = all.map((l) => l.text);
  const lineNo = (i: number) => all[i]?.line ?? 0;
  const title = lines[0]!;
  let method: string | undefined;
  let path: string | undefined;
  const m = /^(GET|POST|PUT|PATCH|DELETE)(?: (\S+))?$/.exec(lines[1] ?? "");
  let at = 2;
  if (m) {
    method = m[1];
    path = m[2] ?? lines[at++];
  }
  const description = m ? lines[at] : lines[1];
  const rolesAt = lines.findIndex((l) => l.startsWith("Users with the following roles"));
  const roles =
    rolesAt < 0
      ? []
      : lines.slice(
          rolesAt + 1,
          lines.findIndex((l, i) => i > rolesAt && SECTIONS.includes(l)),
        );
  const breakingAt = lines.indexOf("Breaking Changes");
  const section = (start: string): CroField[] => {
    const from = lines.indexOf(start);
    if (from < 0) return [];
    const rest = all.slice(from + 1);
    const to = rest.findIndex((l) => SECTIONS.includes(l.text));
    const body = to < 0 ? rest : rest.slice(0, to);
    const reachesEnd = to < 0;
    return body.flatMap((l, i) => {
      const f = FIELD.exec(l.text);
      if (!f) return [];
      const after = body.slice(i + 1);
      const next = after.findIndex((x) => FIELD.test(x.text));
      const own = next < 0 ? after : after.slice(0, next);
      const cut = reachesEnd && next < 0;
      const bullets = own.filter((x) => x.text.startsWith("• "));
      const defaultValue = own.find((x) => x.text.startsWith("Default Value: "))?.text.slice("Default Value: ".length);
      const desc = own.find(
        (x) => !x.text.startsWith("• ") && !x.text.startsWith("Default Value") && !x.text.startsWith("One of the following"),
      );
      return [
        {
          name: f[1]!,
          line: l.line,
          docType: f[2]!,
          required: f[3] === undefined ? undefined : f[3] === "Required",
          description: desc?.text,
          descriptionLine: desc?.line ?? l.line,
          constraints: bullets.map((x) => x.text.slice(2)),
          constraintLines: bullets.map((x) => x.line),
          defaultValue,
          cut,
        },
      ];
    });
  };
  const sampleResponseHeaders: CroPage["sampleResponseHeaders"] = {};
  for (const l of all) {
    const h = /^(Access-Control-[\w-]+|Allow|Content-Length|Date|Server|X-API-VERSION|X-REQUEST-ID): (.*)$/.exec(l.text);
    if (h) sampleResponseHeaders[h[1]!] = { value: h[2]!, line: l.line };
  }
  return {
    lines,
    lineNo,
    title,
    method,
    path,
    description,
    roles,
    noBreakingChanges: breakingAt >= 0 && lines[breakingAt + 1] === "No breaking changes.",
    models: [...text.matchAll(/Refer to (\w+) for more details/g)].map((x) => x[1]!),
    section,
    has: (line) => lines.includes(line),
    jsonBlocks: jsonBlocks(text),
    sampleResponseHeaders,
  };
}

/** The page's type word as JSON Schema types. */
export function schemaTypeOf(docType: string): string {
  if (docType.startsWith("Array[")) return "array";
  return ({ String: "string", Integer: "integer", Boolean: "boolean" } as Record<string, string>)[docType]!;
}

/** The limits a constraint bullet states, as JSON Schema keywords. */
export function limitsOf(constraint: string): Record<string, number> {
  const range = /^At least (\d+)(?: and no more than|\s*characters, not more than) (\d+)/.exec(constraint);
  if (range) return { minLength: Number(range[1]), maxLength: Number(range[2]) };
  const le = /^Less than or equal to (\d+)\.$/.exec(constraint);
  if (le) return { maximum: Number(le[1]) };
  const ge = /^Greater than or equal to (\d+)\.$/.exec(constraint);
  if (ge) return { minimum: Number(ge[1]) };
  const long = /^No longer than (\d+) characters\.$/.exec(constraint);
  if (long) return { maxLength: Number(long[1]) };
  return {};
}

/** Model pages checked by their own rule rather than as a schema: the common headers, listCustomers' query. */
const NOT_A_SCHEMA = ["StandardRequestHeadersModel", "ListCustomersQueryParamsModel"];

export function croFacts(page: string, name: string, text: string, context: { outOfScopeModels: Set<string> }): PageFacts {
  const p = parseCroPage(text);
  const facts: Fact[] = [];
  const add = (line: number, what: string, subject: Subject, key: string, expected: unknown, match?: Fact["match"]) =>
    facts.push({ page, line, what, subject, key, expected, match });
  const lineOf = (text: string) => p.lineNo(p.lines.indexOf(text));
  const startsLine = (prefix: string) => p.lineNo(p.lines.findIndex((l) => l.startsWith(prefix)));

  /**
   * Type, limits, accepted values, description and constraints of a parameter, header or property.
   * `limits` is where the node keeps its JSON Schema limits: `schema.` (parameters, headers), `` (properties),
   * `x-token-constraints.` (the Authorization header, whose limits are the token's); `typed` adds the type.
   */
  const valueFacts = (subject: Subject, f: CroField, what: string, limits: string, typed = true) => {
    if (typed) add(f.line, `${what}: type`, subject, "$types", schemaTypeOf(f.docType), "has");
    if (f.description) add(f.descriptionLine, `${what}: description`, subject, "description", f.description, "contains");
    // A cut copy shows only the first constraints of its last field, the last one perhaps cut short.
    if (!f.cut) add(f.constraintLines[0] ?? f.line, `${what}: constraints`, subject, "$constraints", f.constraints);
    f.constraints.forEach((c, i) => {
      const line = f.constraintLines[i]!;
      if (f.cut)
        add(
          line,
          `${what}: constraint ${i + 1}`,
          subject,
          `x-doc-constraints.${i}`,
          c,
          i === f.constraints.length - 1 ? "prefix" : "equal",
        );
      for (const [key, value] of Object.entries(limitsOf(c))) add(line, `${what}: ${key}`, subject, `${limits}${key}`, value);
      if (c.startsWith("One of 0, 1, True, False")) {
        add(line, `${what}: accepted values`, subject, "x-accepted-values", ["0", "1", "True", "False"]);
        add(line, `${what}: accepted values, case insensitive`, subject, "x-accepted-values-case-insensitive", true);
      }
    });
  };
  const fieldFacts = (subject: Subject, f: CroField, what: string, limits: string) => {
    add(f.line, what, subject, "$exists", true);
    if (f.required !== undefined) add(f.line, `${what}: required`, subject, "$required", f.required);
    valueFacts(subject, f, what, limits);
  };

  if (p.method) {
    const op: OperationRef = { page: name };
    const operation: Subject = { kind: "operation", op };
    const at = p.lineNo(1);
    add(at, "operation transcribed from this page", operation, "$exists", true);
    add(at, "method", operation, "$method", p.method.toLowerCase());
    add(at, "path", operation, "$path", p.path);
    add(p.lineNo(0), "summary", operation, "summary", p.title);
    if (p.description) add(lineOf(p.description), "description", operation, "description", p.description, "contains");
    const rolesLine = startsLine("Users with the following roles");
    if (rolesLine) {
      add(rolesLine, "roles", operation, "x-roles", p.roles);
      add(rolesLine, "roles in the description", operation, "description", p.roles.join(", "), "contains");
    }
    if (p.noBreakingChanges) add(lineOf("Breaking Changes"), "no breaking changes", operation, "x-breaking-changes", "none");
    else if (p.has("Breaking Changes"))
      add(
        lineOf("Breaking Changes"),
        "breaking change version",
        operation,
        "x-breaking-changes.0.version",
        p.lines[p.lines.indexOf("Breaking Changes") + 1],
      );

    for (const f of p.section("Path Parameters"))
      fieldFacts({ kind: "parameter", op, in: "path", name: f.name }, f, `path parameter ${f.name}`, "schema.");
    if (p.has("No query parameters.")) add(lineOf("No query parameters."), "no query parameters", operation, "$paramNames.query", []);
    const query = p.section("Query Parameters");
    for (const f of query) {
      const subject: Subject = { kind: "parameter", op, in: "query", name: f.name };
      fieldFacts(subject, { ...f, required: f.required ?? false }, `query parameter ${f.name}`, "schema.");
      add(f.line, `query parameter ${f.name}: default`, subject, "x-doc-default", f.defaultValue);
    }
    if (query.length > 0)
      add(lineOf("Query Parameters"), "query parameters, no more", operation, "$paramNames.query", query.map((f) => f.name).sort());

    for (const h of p.section("Request Headers")) {
      const what = `request header ${h.name}`;
      if (h.name.toLowerCase() === "authorization") {
        const scheme: Subject = { kind: "scheme", header: h.name };
        add(h.line, what, scheme, "$exists", true);
        if (h.required !== undefined) add(h.line, `${what}: required`, scheme, "x-doc-header.required", h.required);
        if (h.description) add(h.descriptionLine, `${what}: description`, scheme, "description", h.description, "contains");
        valueFacts(scheme, { ...h, description: undefined }, what, "x-token-constraints.", false);
      } else if (h.name === "Content-Type") {
        const rec: Subject = { kind: "doc-header", op, in: "request", name: h.name };
        add(h.line, what, rec, "$exists", true);
        add(h.line, `${what}: required`, rec, "required", h.required);
        add(h.line, `${what}: default`, rec, "default", h.defaultValue);
        if (h.defaultValue) add(h.line, "request media type", operation, "$mediaTypes", [h.defaultValue]);
      } else fieldFacts({ kind: "parameter", op, in: "header", name: h.name }, { ...h, required: h.required ?? false }, what, "schema.");
    }

    if (p.has("No request body")) add(lineOf("No request body"), "no request body", operation, "requestBody", undefined);
    else if (p.has("Request Body")) {
      const fields = p.section("Request Body");
      const body: Subject = { kind: "body", op, body: "request" };
      add(lineOf("Request Body"), "request body model", body, "$ref-model", p.models, "in");
      for (const f of fields) fieldFacts({ ...body, field: f.name }, f, `request body ${f.name}`, "");
      if (fields.length && !fields.some((f) => f.cut) && !p.lines.at(-1)!.startsWith("notify_on_")) {
        add(lineOf("Request Body"), "request body fields, no more", { ...body, field: fields[0]!.name }, "$propertyCount", fields.length);
      }
    }
    for (const h of p.section("Response Headers")) {
      const what = `response header ${h.name}`;
      if (h.name === "Content-Type") {
        add(h.line, what, { kind: "doc-header", op, in: "response", name: h.name }, "$exists", true);
        continue;
      }
      const header: Subject = { kind: "response-header", op, name: h.name };
      add(h.line, what, header, "$exists", true);
      if (h.description) add(h.descriptionLine, `${what}: description`, header, "description", h.description, "contains");
      valueFacts(header, { ...h, description: undefined }, what, "schema.", false);
    }
    const responseFields = p.section("Response Body");
    if (responseFields.length) {
      const body: Subject = { kind: "body", op, body: "response" };
      add(lineOf("Response Body"), "response body model", body, "$ref-model", p.models, "in");
      for (const f of responseFields) fieldFacts({ ...body, field: f.name }, f, `response body ${f.name}`, "");
    }
    for (const m of new Set(p.models))
      add(lineOf(p.lines.find((l) => l.includes(`Refer to ${m} for more details`))!), `model ${m}`, operation, "$models", m, "has");

    // Samples: the request body sent, the recorded answer, its Allow and X-API-VERSION headers.
    const blocks = [...p.jsonBlocks];
    const recorded = "X-REQUEST-ID" in p.sampleResponseHeaders;
    const sendsBody =
      p.has(`${p.method} ${p.path}/`) && !p.has("No request body") && blocks.length > 0 && !(recorded && blocks.length === 1);
    const sent = sendsBody ? blocks.shift() : undefined;
    if (sent?.value !== undefined) add(sent.line, "request sample", { kind: "body", op, body: "request" }, "$examples", sent.value, "has");
    if (recorded) {
      const answer = blocks[0];
      if (answer?.value !== undefined)
        add(answer.line, "recorded answer", { kind: "body", op, body: "response" }, "$examples", answer.value, "has");
      const allow = p.sampleResponseHeaders.Allow;
      if (allow)
        add(
          allow.line,
          "methods on the path (Allow)",
          operation,
          "$allowed",
          allow.value
            .split(",")
            .map((x) => x.trim().toLowerCase())
            .sort(),
        );
      const version = p.sampleResponseHeaders["X-API-VERSION"];
      if (version)
        add(
          version.line,
          "API version of the recorded answer",
          { kind: "parameter", op, in: "header", name: "x-api-version" },
          "schema.enum",
          version.value,
          "has",
        );
    }
    return { facts, notes: [] };
  }

  const fields = p.section("Fields");
  const template = p.jsonBlocks[0]?.value as Record<string, string> | undefined;
  const templateLine = p.jsonBlocks[0]?.line ?? 0;
  if (!p.has("Fields") || !template) return { facts, notes: [] };
  if (context.outOfScopeModels.has(p.title)) {
    return {
      facts,
      notes: [
        {
          page,
          line: p.lineNo(0),
          text: `model ${p.title} is not transcribed: only operations the reference lists as out of scope use it`,
        },
      ],
    };
  }
  if (p.title === "StandardRequestHeadersModel") {
    // The common request headers: on every operation, or on the security scheme / the Content-Type record.
    const every: OperationRef = { all: true };
    for (const f of fields) {
      const what = `common request header ${f.name}`;
      if (f.name === "authorization") {
        const scheme: Subject = { kind: "scheme", header: f.name };
        add(f.line, `${what}: required`, scheme, "x-doc-header.required", f.required);
        add(f.constraintLines[0] ?? f.line, `${what}: constraints`, scheme, "x-doc-constraints", f.constraints);
      } else if (f.name === "content-type") {
        const rec: Subject = { kind: "doc-header", op: every, in: "request", name: "Content-Type" };
        add(f.descriptionLine, `${what}: description`, rec, "description", f.description);
        add(f.constraintLines[0] ?? f.line, `${what}: constraints`, rec, "constraints", f.constraints);
      } else fieldFacts({ kind: "parameter", op: every, in: "header", name: f.name }, f, what, "schema.");
    }
    return { facts, notes: [] };
  }
  if (NOT_A_SCHEMA.includes(p.title)) return { facts, notes: [] };

  const model: Subject = { kind: "model", model: p.title };
  add(p.lineNo(0), `model ${p.title}`, model, "$exists", true);
  add(p.lineNo(0), `model ${p.title}: x-doc-page`, model, "$docPages", name, "has");
  if (p.description) add(p.lineNo(1), `model ${p.title}: description`, model, "description", p.description, "contains");
  if (p.noBreakingChanges) add(lineOf("Breaking Changes"), `model ${p.title}: no breaking changes`, model, "x-breaking-changes", "none");
  for (const f of fields) fieldFacts({ ...model, field: f.name }, f, `${p.title}.${f.name}`, "");
  const renamed = [...text.matchAll(/was renamed to(\w+)/g)].map((x) => x[1]!);
  add(
    templateLine,
    `model ${p.title}: only the template's fields (and renamed ones)`,
    model,
    "$propertyNames",
    [...Object.keys(template), ...renamed],
    "subset",
  );
  Object.entries(template).forEach(([key, printed], i) => {
    const subject: Subject = { ...model, field: key };
    const line = templateLine + 1 + i;
    add(line, `${p.title}.${key} (template)`, subject, "$exists", true);
    add(
      line,
      `${p.title}.${key} (template): type`,
      subject,
      "$types",
      schemaTypeOf(printed.startsWith("array[") ? "Array[x]" : printed.split(",")[0]!),
      "has",
    );
    add(line, `${p.title}.${key} (template): required`, subject, "$required", !printed.endsWith(", optional"));
  });
  return { facts, notes: [] };
}
