// Reads the tables of the JTL v1 reference.md (JTL's own OpenAPI document, transcribed to markdown
// tables) into plain records: operations with their parameters, bodies, responses and scopes,
// the headers every operation takes, and the models with their fields; each with its line.
import fs from "node:fs";

/** A type as the tables write it, read into the OpenAPI keywords it stands for. */
export interface RefType {
  type?: string;
  format?: string;
  /** Target model of a `$ref` (the property itself, or the items of an array). */
  ref?: string;
  items?: { type?: string; ref?: string };
  additionalProperties?: { type: string };
}

export interface RefLimits {
  minLength?: number;
  maxLength?: number;
  readOnly?: boolean;
  enum?: unknown[];
  enumNames?: string[];
}

export interface RefParameter extends RefLimits {
  line: number;
  name: string;
  in: string;
  type: RefType;
  required: boolean;
  description: string;
}

export interface RefResponse {
  line: number;
  status: string;
  description: string;
  /** The body model; undefined for "(no schema)". */
  model?: string;
  array: boolean;
}

export interface RefOperation {
  line: number;
  n: number;
  method: string;
  path: string;
  summary: string;
  operationId: string;
  description: string;
  parameters: RefParameter[];
  body?: { model: string; description: string };
  responses: RefResponse[];
  scopes: string[];
}

export interface RefField extends RefLimits {
  line: number;
  name: string;
  type: RefType;
  required: boolean;
  description: string;
  /** The example as JSON, undefined when the table gives none. */
  example?: unknown;
}

export interface RefModel {
  line: number;
  name: string;
  description?: string;
  required: string[];
  fields: RefField[];
}

export interface ReferenceTables {
  headers: RefParameter[];
  operations: RefOperation[];
  models: RefModel[];
}

/** The cells of a table row, unescaped (`\|` is a literal bar inside a cell). */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/ (?<!\\)\| /)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

const code = (s: string) => s.replace(/`/g, "");

/** The body rows of the first table after `heading` (header and separator rows skipped), each with its 1-based line. */
function tableAfter(md: string, heading: string, from = 0): (string[] & { line: number })[] {
  const at = md.indexOf(`\n${heading}\n`, from);
  if (at < 0) throw new Error(`reference.md: no section "${heading}"`);
  const first = md.slice(0, at + heading.length + 2).split("\n").length;
  const lines = md.slice(at + heading.length + 2).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("|"));
  return lines.slice(start + 2, end < 0 ? undefined : end).map((l, i) => Object.assign(cells(l), { line: first + start + 2 + i }));
}

/** `integer<int32>`, `[`Model`](#model)`, `array of [`Model`](#model)`, `object (additionalProperties: string)`. */
export function parseType(text: string): RefType {
  let m: RegExpExecArray | null;
  if ((m = /^\[`(\w+)`\]\(#\w+\)$/.exec(text))) return { ref: m[1]! };
  if ((m = /^array of \[`(\w+)`\]\(#\w+\)$/.exec(text))) return { type: "array", items: { ref: m[1]! } };
  if ((m = /^array of (\w+)$/.exec(text))) return { type: "array", items: { type: m[1]! } };
  if ((m = /^object \(additionalProperties: (\w+)\)$/.exec(text))) return { type: "object", additionalProperties: { type: m[1]! } };
  if ((m = /^(\w+)(?:<([\w-]+)>)?$/.exec(text))) return m[2] ? { type: m[1]!, format: m[2] } : { type: m[1]! };
  throw new Error(`reference.md: unknown type "${text}"`);
}

/** `minLength 1; maxLength 255`, `readOnly`, `enum [1, 2]; x-enumNames ["A", "B"]`. */
export function parseLimits(text: string): RefLimits {
  const limits: RefLimits = {};
  for (const part of text.split(/;\s*/).filter(Boolean)) {
    let m: RegExpExecArray | null;
    if ((m = /^minLength (\d+)$/.exec(part))) limits.minLength = Number(m[1]);
    else if ((m = /^maxLength (\d+)$/.exec(part))) limits.maxLength = Number(m[1]);
    else if (part === "readOnly") limits.readOnly = true;
    else if ((m = /^enum (\[.*\])$/.exec(part))) limits.enum = JSON.parse(m[1]!);
    else if ((m = /^x-enumNames (\[.*\])$/.exec(part))) limits.enumNames = JSON.parse(m[1]!);
    else throw new Error(`reference.md: unknown limit "${part}"`);
  }
  return limits;
}

/** A response body cell: `application/json` [`Model`](#model), array of …, or (no schema). */
function parseBody(text: string): { model?: string; array: boolean } {
  const m = /\[`(\w+)`\]/.exec(text);
  return { model: m?.[1], array: /array of/.test(text) };
}

/** `""` in a description cell means the file gives an empty description. */
const description = (text: string) => (text === '`""`' ? "" : text);

export function parseReference(file: string): ReferenceTables {
  return parseReferenceText(fs.readFileSync(file, "utf8"));
}

export function parseReferenceText(md: string): ReferenceTables {
  const headers = tableAfter(md, "## Headers on every operation (identical on all 37)").map((row): RefParameter => {
    const [name = "", where = "", type = "", required = "", desc = ""] = row;
    return {
      line: row.line,
      name: code(name),
      in: where,
      type: parseType(type),
      required: required === "yes",
      description: desc,
    };
  });

  const operations = new Map<number, RefOperation>();
  for (const row of tableAfter(md, "## Operations")) {
    const [n = "", method = "", path = "", summary = "", , body = "", , scopes = ""] = row;
    operations.set(Number(n), {
      line: row.line,
      n: Number(n),
      method: method.toLowerCase(),
      path: code(path),
      summary,
      operationId: "",
      description: "",
      parameters: [],
      body: body ? { model: parseBody(body).model!, description: "" } : undefined,
      responses: [],
      scopes: scopes
        .split(",")
        .map((s) => code(s).trim())
        .filter(Boolean),
    });
  }
  const op = (n: string) => {
    const found = operations.get(Number(n));
    if (!found) throw new Error(`reference.md: row for unknown operation #${n}`);
    return found;
  };
  for (const [n = "", operationId = "", , desc = "", , bodyInfo = ""] of tableAfter(md, "### Operation details")) {
    const o = op(n);
    o.operationId = code(operationId);
    o.description = desc;
    if (o.body) o.body.description = JSON.parse(bodyInfo.slice(bodyInfo.indexOf(",") + 1).trim());
  }
  for (const row of tableAfter(md, "### Parameters (other than the common headers)")) {
    const [n = "", name = "", where = "", type = "", required = "", limits = "", desc = ""] = row;
    op(n).parameters.push({
      line: row.line,
      name: code(name),
      in: where,
      type: parseType(type),
      required: required === "yes",
      description: desc,
      ...parseLimits(limits),
    });
  }
  for (const row of tableAfter(md, "### Responses")) {
    const [n = "", status = "", desc = "", body = ""] = row;
    op(n).responses.push({ line: row.line, status, description: description(desc), ...parseBody(body) });
  }

  const models: RefModel[] = [];
  const modelsAt = md.indexOf("\n## Models\n");
  for (const part of md.slice(modelsAt).split(/^### /m).slice(1)) {
    const name = part.slice(0, part.indexOf("\n")).trim();
    const meta = part.split("\n").find((l) => l.startsWith("type `")) ?? "";
    const required = /required (\[[^\]]*\])/.exec(meta);
    const headingAt = md.indexOf(`\n### ${name}\n`, modelsAt);
    const fields = tableAfter(md, `### ${name}`, modelsAt).map((row): RefField => {
      const [field = "", type = "", req = "", limits = "", desc = "", example = ""] = row;
      return {
        line: row.line,
        name: code(field),
        type: parseType(type),
        required: req === "yes",
        description: desc,
        example: example ? JSON.parse(example.replace(/^`|`$/g, "")) : undefined,
        ...parseLimits(limits),
      };
    });
    models.push({
      line: md.slice(0, headingAt + 1).split("\n").length,
      name,
      description: /description "([^"]*)"/.exec(meta)?.[1],
      required: required ? JSON.parse(required[1]!) : [],
      fields,
    });
  }
  return { headers, operations: [...operations.values()], models };
}
