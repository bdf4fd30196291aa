// The facts of an API's reference.md: every operation its tables list must be in the spec (so a
// future gap is reported here, not in prose that goes stale), and, where the reference is JTL's own
// OpenAPI file in tables (v1), every stated parameter, response and model field. Reference facts
// also hold where the spec keeps the reference's value in x-reference-value (a page won).
import type { Fact, Note, PageFacts, Subject } from "./facts.js";
import { parseReferenceText, type RefLimits, type RefType } from "./reference-tables.js";

export interface ReferenceOperation {
  line: number;
  method: string;
  path: string;
  /** The table is marked as listed only ("listed only, not detailed here"): not transcribed on purpose. */
  listedOnly: boolean;
  /** The request body model the row names, if any. */
  bodyModel?: string;
}

const METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/** Every row of every markdown table with a `method` and a `path` column. */
export function referenceOperations(md: string): ReferenceOperation[] {
  const lines = md.split("\n");
  const out: ReferenceOperation[] = [];
  let heading = "";
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith("#")) heading = l;
    if (!l.startsWith("|") || !lines[i + 1]?.startsWith("|---")) continue;
    const header = l.split("|").map((c) => c.trim().toLowerCase());
    const m = header.indexOf("method");
    const p = header.indexOf("path");
    const b = header.indexOf("body");
    if (m < 0 || p < 0) continue;
    for (i += 2; i < lines.length && lines[i]!.startsWith("|"); i++) {
      const cells = lines[i]!.split(/(?<!\\)\|/).map((c) => c.trim());
      const method = cells[m] ?? "";
      if (!METHOD.test(method)) continue;
      const bodyModel = b >= 0 ? /`(\w+)`/.exec(cells[b] ?? "")?.[1] : undefined;
      out.push({
        line: i + 1,
        method: method.toLowerCase(),
        path: (cells[p] ?? "").replace(/`/g, ""),
        listedOnly: /listed only/i.test(heading),
        bodyModel,
      });
    }
    i--;
  }
  return out;
}

const refName = (t: RefType) => t.ref;

export function referenceFacts(page: string, md: string): PageFacts & { outOfScopeModels: Set<string> } {
  const facts: Fact[] = [];
  const notes: Note[] = [];
  const add = (line: number, what: string, subject: Subject, key: string, expected: unknown, match?: Fact["match"]) =>
    facts.push({ page, line, what, subject, key, expected, match, fromReference: true });

  const ops = referenceOperations(md);
  for (const o of ops) {
    const label = `${o.method.toUpperCase()} ${o.path}`;
    if (o.listedOnly) notes.push({ page, line: o.line, text: `${label} is not transcribed (the reference lists it only)` });
    else add(o.line, `operation ${label}`, { kind: "operation", op: { method: o.method, path: o.path } }, "$exists", true);
  }
  const outOfScopeModels = new Set(ops.filter((o) => o.listedOnly && o.bodyModel).map((o) => o.bodyModel!));

  // JTL's OpenAPI file in tables: its parameters, responses and models too.
  if (md.includes("\n## Headers on every operation")) {
    const ref = parseReferenceText(md);
    const typeFacts = (line: number, what: string, subject: Subject, t: RefType, typed: boolean) => {
      const s = typed ? "schema." : "";
      if (t.ref) return add(line, `${what}: model`, subject, typed ? "schema.$refName" : "$refName", refName(t));
      add(line, `${what}: type`, subject, `${s}type`, t.type);
      add(line, `${what}: format`, subject, `${s}format`, t.format);
      if (t.items?.ref) add(line, `${what}: items`, subject, `${s}$itemsRefName`, t.items.ref);
      if (t.items?.type) add(line, `${what}: items`, subject, `${s}items.type`, t.items.type);
      if (t.additionalProperties)
        add(line, `${what}: additionalProperties`, subject, `${s}additionalProperties.type`, t.additionalProperties.type);
    };
    const limitFacts = (line: number, what: string, subject: Subject, l: RefLimits, typed: boolean) => {
      const s = typed ? "schema." : "";
      if (l.minLength !== undefined) add(line, `${what}: minLength`, subject, `${s}minLength`, l.minLength);
      if (l.maxLength !== undefined) add(line, `${what}: maxLength`, subject, `${s}maxLength`, l.maxLength);
      if (l.readOnly) add(line, `${what}: readOnly`, subject, `${s}readOnly`, true);
      if (l.enum) add(line, `${what}: enum`, subject, `${s}enum`, l.enum);
      if (l.enumNames) add(line, `${what}: x-enumNames`, subject, `${s}x-enumNames`, l.enumNames);
    };
    for (const r of ref.operations) {
      const op = { method: r.method, path: r.path };
      const label = `#${r.n} ${r.method.toUpperCase()} ${r.path}`;
      const operation: Subject = { kind: "operation", op };
      add(r.line, `${label}: summary`, operation, "summary", r.summary);
      if (r.description) add(r.line, `${label}: description`, operation, "description", r.description, "contains");
      if (r.operationId) add(r.line, `${label}: operationId`, operation, "x-reference-operation-id", r.operationId);
      for (const p of r.parameters) {
        const where = `${label}: ${p.in} parameter ${p.name}`;
        const subject: Subject = { kind: "parameter", op, in: p.in, name: p.name };
        add(p.line, where, subject, "$exists", true);
        add(p.line, `${where}: required`, subject, "$required", p.required);
        typeFacts(p.line, where, subject, p.type, true);
        limitFacts(p.line, where, subject, p, true);
        if (p.description) add(p.line, `${where}: description`, subject, "description", p.description, "contains");
      }
      if (r.body) {
        const body: Subject = { kind: "body", op, body: "request" };
        add(r.line, `${label}: request body model`, body, "$ref-model", r.body.model);
        add(r.line, `${label}: request body required`, operation, "requestBody.required", true);
        if (r.body.description)
          add(r.line, `${label}: request body description`, operation, "requestBody.description", r.body.description, "contains");
      } else add(r.line, `${label}: no request body`, operation, "requestBody", undefined);
      for (const resp of r.responses) {
        const where = `${label}: response ${resp.status}`;
        add(resp.line, where, operation, `$response.${resp.status}`, true);
        if (resp.description)
          add(resp.line, `${where}: description`, operation, `$responseDescription.${resp.status}`, resp.description, "contains");
        add(
          resp.line,
          `${where}: model`,
          operation,
          `$responseModel.${resp.status}`,
          resp.model && `${resp.array ? "array of " : ""}${resp.model}`,
        );
      }
      add(r.line, `${label}: scopes`, operation, "$apiKeyScopes", r.scopes);
      add(r.line, `${label}: security, OAuth2 together with the API key`, operation, "$security", "apiKey+oauth2", "has");
    }
    for (const m of ref.models) {
      const model: Subject = { kind: "model", model: m.name };
      add(m.line, `model ${m.name}`, model, "$exists", true);
      add(m.line, `model ${m.name}: type`, model, "type", "object");
      if (m.description) add(m.line, `model ${m.name}: description`, model, "description", m.description, "contains");
      add(m.line, `model ${m.name}: required fields`, model, "$requiredNames", [...m.required].sort());
      for (const f of m.fields) {
        const where = `${m.name}.${f.name}`;
        const subject: Subject = { kind: "model", model: m.name, field: f.name };
        add(f.line, where, subject, "$exists", true);
        add(f.line, `${where}: required`, subject, "$required", f.required);
        typeFacts(f.line, where, subject, f.type, false);
        limitFacts(f.line, where, subject, f, false);
        if (f.description) add(f.line, `${where}: description`, subject, "description", f.description, "contains");
        if (f.example !== undefined) add(f.line, `${where}: example`, subject, "example", f.example);
      }
    }
  }
  return { facts, notes, outOfScopeModels };
}
