// The one checker: looks every fact up in the bundled spec and returns what the spec lacks or states
// differently, with the source file:line of the node. Recorded exceptions count as agreement:
// x-doc-required (a page's flag where copies disagree), x-doc-example (an example invalid for its
// type), x-doc-type (the page's type wording) and, for reference facts, x-reference-value.
import type { Fact, Finding, OperationRef, Subject } from "./facts.js";
import type { Spec, SpecPath } from "./spec.js";

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

interface Resolved {
  /** The path to the subject's node, or to the nearest existing parent when `missing`. */
  path: SpecPath;
  node: any;
  /** The schema holding a property (for `$required`). */
  parent?: any;
  missing?: boolean;
}

const flat = (s: unknown) => (typeof s === "string" ? s.replace(/\s+/g, " ").trim() : s);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function operations(spec: Spec): { path: SpecPath; op: any; params: { path: SpecPath; node: any }[] }[] {
  return Object.entries<any>(spec.doc.paths ?? {}).flatMap(([p, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => {
        const path: SpecPath = ["paths", p, m];
        const params = [
          ...(item.parameters ?? []).map((_: unknown, i: number) => ["paths", p, "parameters", i] as SpecPath),
          ...(item[m].parameters ?? []).map((_: unknown, i: number) => [...path, "parameters", i] as SpecPath),
        ].map((pp) => ({ path: pp, node: spec.at(pp) }));
        return { path, op: item[m], params };
      }),
  );
}

function findOperations(spec: Spec, ref: OperationRef) {
  const all = operations(spec);
  if ("all" in ref) return all;
  if ("page" in ref) return all.filter(({ op }) => op["x-doc-page"] === ref.page || (op["x-doc-page-copies"] ?? []).includes(ref.page));
  return all.filter(({ path }) => path[1] === ref.path && path[2] === ref.method.toLowerCase());
}

/** The JSON body schema of the request or of the first 2xx response; an array's items for fields. */
function bodyPath(spec: Spec, opPath: SpecPath, which: "request" | "response"): SpecPath | undefined {
  if (which === "request") return spec.at([...opPath, "requestBody"]) ? [...opPath, "requestBody"] : undefined;
  const status = Object.keys(spec.at([...opPath, "responses"]) ?? {}).find((s) => s.startsWith("2"));
  return status ? [...opPath, "responses", status] : undefined;
}

function resolveOne(spec: Spec, s: Subject, op?: { path: SpecPath; params: { path: SpecPath; node: any }[] }): Resolved {
  switch (s.kind) {
    case "root":
      return { path: [], node: spec.doc };
    case "operation":
      return { path: op!.path, node: spec.at(op!.path) };
    case "parameter": {
      const p = op!.params.find((x) => x.node?.in === s.in && x.node?.name === s.name);
      return p ? { path: p.path, node: p.node } : { path: [...op!.path, "parameters"], node: undefined, missing: true };
    }
    case "body": {
      const at = bodyPath(spec, op!.path, s.body);
      if (!at) return { path: op!.path, node: undefined, missing: true };
      const media = [...at, "content", "application/json", "schema"];
      let schemaPath = media;
      if (spec.at(media)?.type === "array" && s.field !== undefined) schemaPath = [...media, "items"];
      if (s.field === undefined)
        return spec.at(schemaPath)
          ? { path: at, node: spec.at(at), parent: spec.at(schemaPath) }
          : { path: at, node: undefined, missing: true };
      const fieldPath = [...schemaPath, "properties", s.field];
      const node = spec.at(fieldPath);
      return node ? { path: fieldPath, node, parent: spec.at(schemaPath) } : { path: schemaPath, node: undefined, missing: true };
    }
    case "model": {
      const modelPath = ["components", "schemas", s.model];
      const model = spec.at(modelPath);
      if (!model) return { path: ["components", "schemas"], node: undefined, missing: true };
      if (s.field === undefined) return { path: modelPath, node: model };
      const fieldPath = [...modelPath, "properties", s.field];
      const node = spec.at(fieldPath);
      return node ? { path: fieldPath, node, parent: model } : { path: modelPath, node: undefined, missing: true };
    }
    case "scheme": {
      const schemes = spec.doc.components?.securitySchemes ?? {};
      const name = Object.keys(schemes).find(
        (k) => schemes[k].name === s.header || schemes[k]["x-doc-header"]?.name?.toLowerCase() === s.header.toLowerCase(),
      );
      return name
        ? { path: ["components", "securitySchemes", name], node: schemes[name] }
        : { path: ["components", "securitySchemes"], node: undefined, missing: true };
    }
    case "doc-header": {
      const list: any[] = spec.at([...op!.path, "x-doc-headers"]) ?? [];
      const i = list.findIndex((h) => h.name === s.name && h.in === s.in);
      return i >= 0 ? { path: [...op!.path, "x-doc-headers", i], node: list[i] } : { path: op!.path, node: undefined, missing: true };
    }
    case "response-header": {
      const at = bodyPath(spec, op!.path, "response");
      const headerPath = at && [...at, "headers", s.name];
      const node = headerPath && spec.at(headerPath);
      return node ? { path: headerPath!, node } : { path: at ?? op!.path, node: undefined, missing: true };
    }
  }
}

/** Every node a subject names (one per operation for `{ all: true }`); a missing operation resolves as missing. */
function resolve(spec: Spec, s: Subject): Resolved[] {
  if (s.kind === "root" || s.kind === "model" || s.kind === "scheme") return [resolveOne(spec, s)];
  const ops = findOperations(spec, s.op);
  if (ops.length === 0) return [{ path: ["paths"], node: undefined, missing: true }];
  const all = ops.map((op) => resolveOne(spec, s, op));
  // A header record applies where an operation keeps one (operations without a request body have none).
  return s.kind === "doc-header" && "all" in s.op ? all.filter((r) => !r.missing) : all;
}

function collect(node: unknown, pick: (key: string, value: unknown) => boolean, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const n of node) collect(n, pick, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (pick(k, v)) out.push(v);
      collect(v, pick, out);
    }
  }
  return out;
}

const memo = new WeakMap<object, Map<string, unknown>>();
function cached<T>(spec: Spec, key: string, make: () => T): T {
  let m = memo.get(spec.doc);
  if (!m) memo.set(spec.doc, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** The value a fact's key reads from a resolved node; `$exists` is true exactly when the node is there. */
function read(spec: Spec, r: Resolved, key: string): unknown {
  const n = r.node;
  const schema = n?.schema ? spec.at([...r.path, "schema"]) : n;
  switch (key) {
    case "$exists":
      return n !== undefined;
    case "$required":
      if (n?.["x-doc-required"] !== undefined) return n["x-doc-required"];
      if (r.parent) return (r.parent.required ?? []).includes(String(r.path[r.path.length - 1]));
      return n?.required ?? false;
    case "$types":
      return [schema?.type].flat().filter(Boolean);
    case "$propertyNames":
      return Object.keys(r.parent?.properties ?? n?.properties ?? {}).sort();
    case "$propertyCount":
      return Object.keys(r.parent?.properties ?? n?.properties ?? {}).length;
    case "$examples": {
      const media = n?.content?.["application/json"];
      if (!media) return [];
      return [
        ...(media.example === undefined ? [] : [media.example]),
        ...Object.values<any>(media.examples ?? {}).map((e) => (e.$ref ? spec.at(e.$ref.slice(2).split("/")) : e).value),
      ];
    }
    case "$mediaTypes":
      return Object.keys(spec.at([...r.path, "requestBody"])?.content ?? {});
    case "$security":
      return (n?.security ?? spec.doc.security ?? []).map((req: object) => Object.keys(req).sort().join("+"));
    case "$urls":
      return (spec.doc.servers ?? []).map((s: any) => s.url + r.path[1]);
    case "$path":
      return r.path[1];
    case "$method":
      return r.path[2];
    case "$allowed":
      return Object.keys(spec.doc.paths[r.path[1]!] ?? {})
        .filter((k) => METHODS.includes(k))
        .sort();
    case "$models":
      return [...Object.keys(spec.doc.components?.schemas ?? {}), ...Object.values(n?.["x-doc-models"] ?? {})];
    case "$strings":
      return cached(spec, "strings", () => collect(spec.doc, (_, v) => typeof v === "string").concat());
    case "$exampleValues":
      return cached(spec, "examples", () => collect(spec.doc, (k) => k === "example" || k === "x-doc-example"));
  }
  const refNameOf = (raw: any) => (typeof raw?.$ref === "string" ? raw.$ref.replace(/^#\/components\/schemas\//, "") : undefined);
  const raw = (p: SpecPath) => (p.length ? spec.at(p.slice(0, -1))?.[p[p.length - 1]!] : spec.doc);
  switch (key) {
    case "$refName":
      return refNameOf(raw(r.path));
    case "schema.$refName":
      return refNameOf(raw([...r.path, "schema"]));
    case "$itemsRefName":
      return refNameOf(n?.items);
    case "schema.$itemsRefName":
      return refNameOf(schema?.items);
    case "$ref-model": {
      const schemas = spec.doc.components?.schemas ?? {};
      return Object.keys(schemas).find((k) => schemas[k] === r.parent);
    }
    case "$docPages":
      return [n?.["x-doc-page"]].flat();
    case "$constraints":
      return n?.["x-doc-constraints"] ?? [];
    case "$exampleFirstIds":
      return (read(spec, r, "$examples") as any[]).map((v) => (Array.isArray(v) ? v[0]?.id : v?.id));
    case "$errorBodies": {
      // The error body shapes the operation documents: x-error-body, and every non-2xx JSON response.
      const shapes = [
        n?.["x-error-body"],
        ...Object.entries<any>(n?.responses ?? {})
          .filter(([s]) => !s.startsWith("2"))
          .map(([s]) => spec.at([...r.path, "responses", s, "content", "application/json", "schema"])),
      ];
      return shapes.filter(Boolean).map((x) => Object.keys(x.properties ?? {}).sort());
    }
    case "$headerRequired":
      return n?.["x-doc-header"]?.required ?? n?.["x-doc-required"];
    case "$requiredNames":
      return [...(n?.required ?? [])].sort();
    case "$apiKeyScopes":
      return (n?.security ?? spec.doc.security ?? []).find((s: object) => "apiKey" in s)?.apiKey;
  }
  const response = /^\$(response|responseDescription|responseModel)\.(.+)$/.exec(key);
  if (response) {
    const at = [...r.path, "responses", response[2]!];
    const resolved = spec.at(at);
    if (response[1] === "response") return resolved !== undefined;
    if (response[1] === "responseDescription") return raw(at)?.description ?? resolved?.description;
    const schemaAt = [...at, "content", "application/json", "schema"];
    const body = spec.at(schemaAt);
    if (!body) return undefined;
    return body.type === "array" ? `array of ${refNameOf(body.items)}` : refNameOf(raw(schemaAt));
  }
  if (key.startsWith("$paramNames.")) {
    const where = key.slice("$paramNames.".length);
    const op = operations(spec).find((o) => o.path.join("\0") === r.path.join("\0"));
    return (op?.params ?? [])
      .filter((p) => p.node?.in === where)
      .map((p) => p.node.name)
      .sort();
  }
  return n === undefined ? undefined : spec.at(keyPath(r, key));
}

/** Where a key's value is written: the key's own line when the node has it. */
function keyPath(r: Resolved, key: string): SpecPath {
  if (key.startsWith("$")) return r.path;
  return [...r.path, ...key.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k))];
}

function agrees(actual: unknown, f: Fact): boolean {
  const e = f.expected;
  switch (f.match ?? "equal") {
    case "equal":
      return same(actual, e);
    case "contains":
      return typeof actual === "string" && typeof e === "string" && (flat(actual) as string).includes(flat(e) as string);
    case "prefix":
      return typeof actual === "string" && typeof e === "string" && actual.startsWith(e);
    case "has":
      return (
        Array.isArray(actual) &&
        (f.key === "$strings" ? actual.some((s) => typeof s === "string" && s.includes(e as string)) : actual.some((a) => same(a, e)))
      );
    case "in":
      return Array.isArray(e) && e.some((x) => same(x, actual));
    case "subset":
      return Array.isArray(actual) && Array.isArray(e) && actual.every((a) => e.some((x) => same(x, a)));
  }
}

/** Which recorded exception makes the fact hold: the node keeps the page's (or reference's) value beside the spec's. */
export type RecordedMark = "x-doc-example" | "x-doc-type" | "x-reference-value";

function excepted(r: Resolved, f: Fact): RecordedMark | undefined {
  const n = r.node;
  if (!n || typeof n !== "object") return undefined;
  const last = f.key.split(".").at(-1)!;
  if (last === "example" && n["x-doc-example"] !== undefined && same(n["x-doc-example"], f.expected)) return "x-doc-example";
  if (
    (last === "type" || f.key === "$types") &&
    n["x-doc-type"] !== undefined &&
    agrees(n["x-doc-type"], { ...f, match: f.key === "$types" ? "equal" : f.match })
  )
    return "x-doc-type";
  if (f.fromReference) {
    const recorded = n["x-reference-value"]?.[last.replace(/^\$/, "")];
    if (recorded !== undefined && agrees(recorded, f)) return "x-reference-value";
  }
  return undefined;
}

/**
 * The facts the spec lacks or states differently. `onRecorded` hears of each fact that holds only
 * through a recorded exception (x-reference-value, x-doc-example, x-doc-type), so none goes unnoticed.
 */
export function checkFacts(spec: Spec, facts: Fact[], onRecorded?: (fact: Fact, mark: RecordedMark) => void): Finding[] {
  const findings: Finding[] = [];
  for (const f of facts) {
    for (const r of resolve(spec, f.subject)) {
      if (r.missing) {
        if (f.key === "$exists" && f.expected === false) continue;
        findings.push({ fact: f, status: "missing", source: spec.locate(r.path) });
        continue;
      }
      const actual = read(spec, r, f.key);
      if (agrees(actual, f)) continue;
      const mark = excepted(r, f);
      if (mark) {
        onRecorded?.(f, mark);
        continue;
      }
      // Text or an example looked for anywhere in the spec: absent, and the whole spec is no value to print.
      const anywhere = f.key === "$strings" || f.key === "$exampleValues";
      const status = anywhere || actual === undefined || (f.key === "$exists" && actual === false) ? "missing" : "differs";
      findings.push({ fact: f, status, actual: anywhere ? undefined : actual, source: spec.locate(keyPath(r, f.key)) });
    }
  }
  return findings;
}
