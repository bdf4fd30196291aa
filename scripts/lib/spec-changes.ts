/**
 * What a spec change means for callers of the generated client. The structural diff comes from
 * api-smart-diff (it follows `$ref`s, so a model change shows on every operation that uses it);
 * this module names each change in the client's terms (operation, parameter, request or response
 * field) and classifies it for TypeScript callers, which differs from the wire view in places: a
 * removed optional request field is harmless on the wire but breaks every caller that sends it,
 * because the params type no longer has it.
 */
import { apiDiff, type Diff } from "api-smart-diff";
import { atPath, deref } from "./json-pointer.js";

/** How a change affects callers: breaks compiling or working code, adds something, or only docs. */
export type Impact = "breaking" | "addition" | "docs";

/** One change as the report lists it. */
export interface SpecChange {
  /** `METHOD /path`, or `/path` for a change to every operation of a path. */
  readonly operation: string;
  readonly operationId: string | undefined;
  readonly impact: Impact;
  /** What changed, in the client's terms: "request field `Department` renamed to `Dept`". */
  readonly text: string;
}

/** The bump a set of changes implies (semver): breaking → major, additions → minor, docs → patch. */
export type Bump = "major" | "minor" | "patch" | "none";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const DOC_KEYS = new Set(["description", "summary", "example", "examples", "title", "externalDocs", "tags"]);

/** Every change from `before` to `after` (bundled documents), one entry per operation affected. */
export function specChanges(before: unknown, after: unknown): SpecChange[] {
  const diffs = apiDiff(before, after).filter((diff) => diff.path[0] === "paths");
  const changes = diffs.map((diff) => describe(diff, before, after));
  return dedupe(mergeRenames(changes, diffs)).sort(
    (a, b) => impactRank(a.impact) - impactRank(b.impact) || a.operation.localeCompare(b.operation) || a.text.localeCompare(b.text),
  );
}

/** The semver bump the changes imply. */
export function bumpOf(changes: readonly SpecChange[]): Bump {
  if (changes.some((c) => c.impact === "breaking")) return "major";
  if (changes.some((c) => c.impact === "addition")) return "minor";
  return changes.length ? "patch" : "none";
}

function impactRank(impact: Impact): number {
  return impact === "breaking" ? 0 : impact === "addition" ? 1 : 2;
}

interface Located {
  change: SpecChange;
  /** For rename detection: the container of a removed/added property and its name. */
  property?: { parent: string; name: string; action: "add" | "remove"; schema: unknown };
}

function describe(diff: Diff, before: unknown, after: unknown): Located {
  const [, urlPath, method, ...rest] = diff.path.map(String);
  const isOperation = METHODS.has(method!);
  const operation = isOperation ? `${method!.toUpperCase()} ${urlPath}` : urlPath!;
  const trail = isOperation ? rest : [method!, ...rest];
  const opNode = (doc: unknown) =>
    (isOperation ? atPath(doc, ["paths", urlPath!, method!]) : undefined) as { operationId?: string } | undefined;
  const operationId = opNode(after)?.operationId ?? opNode(before)?.operationId;
  const make = (impact: Impact, text: string): Located => ({ change: { operation, operationId, impact, text } });
  const last = trail.at(-1) ?? "";

  if (trail.length === 0) {
    if (diff.action === "add") return make("addition", isOperation ? "operation added" : "path added");
    if (diff.action === "remove") return make("breaking", isOperation ? "operation removed" : "path removed");
  }
  if (trail[0] === "x-pagination") {
    return make(
      diff.action === "remove" ? "breaking" : "addition",
      diff.action === "remove" ? "paged iteration removed" : "paged iteration (for await … of) offered or changed",
    );
  }
  const docKey = trail.find((segment) => DOC_KEYS.has(segment) || segment.startsWith("x-"));
  if (docKey !== undefined || diff.type === "annotation") {
    const key = docKey ?? last;
    const subject = subjectOf(trail.slice(0, docKey === undefined ? undefined : trail.indexOf(docKey)), diff, before, after);
    return make(
      "docs",
      `${subject ? `${subject}: ` : ""}${key} ${diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed"}`,
    );
  }
  if (trail[0] === "deprecated") return make("addition", diff.after === true ? "operation deprecated" : "operation no longer deprecated");

  const side = trail[0] === "responses" ? "response" : "request";
  const subject = subjectOf(trail, diff, before, after);
  const propertyAt = trail.lastIndexOf("properties");
  const isProperty = propertyAt >= 0 && propertyAt === trail.length - 2;
  const isParameter = trail[0] === "parameters" && trail.length === 2;

  // Whole properties and parameters.
  if ((isProperty || isParameter) && (diff.action === "add" || diff.action === "remove")) {
    const value = diff.action === "add" ? diff.after : diff.before;
    const located = (impact: Impact, text: string): Located => ({
      ...make(impact, text),
      ...(isProperty && {
        property: {
          parent: `${operation} ${trail.slice(0, -1).join("/")}`,
          name: last,
          action: diff.action as "add" | "remove",
          schema: value,
        },
      }),
    });
    if (diff.action === "add") {
      const required = isParameter ? (value as { required?: boolean })?.required === true : diff.type === "breaking";
      if (side === "request" && required) return located("breaking", `${subject} added, required: every call must send it`);
      return located("addition", `${subject} added`);
    }
    return located(
      "breaking",
      side === "request" ? `${subject} removed: callers that send it no longer compile` : `${subject} removed: callers that read it break`,
    );
  }

  // `required` lists: the subject is the object holding the list; the value names the field.
  if (trail.at(-2) === "required" || last === "required") {
    const nowRequired = diff.action === "add" || (last === "required" && diff.after === true);
    const field = trail.at(-2) === "required" ? childField(subject, String(diff.action === "add" ? diff.after : diff.before)) : subject;
    if (side === "request")
      return make(nowRequired ? "breaking" : "addition", `${field} ${nowRequired ? "is now required" : "is now optional"}`);
    return make(
      nowRequired ? "addition" : "breaking",
      `${field} ${nowRequired ? "is now always present" : "may now be absent: callers that rely on it break"}`,
    );
  }

  // Enum values.
  if (trail.includes("enum")) {
    const value = JSON.stringify(diff.action === "add" ? diff.after : diff.before);
    if (diff.action === "add") {
      return side === "request"
        ? make("addition", `${subject} accepts ${value}`)
        : make("breaking", `${subject} may now be ${value}: exhaustive checks over its values break`);
    }
    if (diff.action === "remove") {
      return side === "request"
        ? make("breaking", `${subject} no longer accepts ${value}`)
        : make("addition", `${subject} is never ${value} any more`);
    }
  }

  // Statuses.
  if (trail[0] === "responses" && trail.length === 2) {
    const success = /^2/.test(trail[1]!);
    if (diff.action === "add")
      return make(success ? "breaking" : "addition", `status ${trail[1]} documented${success ? ": the success type widens" : ""}`);
    if (diff.action === "remove") return make(success ? "breaking" : "addition", `status ${trail[1]} no longer documented`);
  }

  const detail = `${subject}: ${last} ${verb(diff)}`;
  return make(diff.type === "breaking" ? "breaking" : "addition", detail);
}

/** "request field `Address`" + "City" → "request field `Address.City`"; "request body" + "City" → "request field `City`". */
function childField(subject: string, name: string): string {
  const nested = /^(.*) field `(.*)`$/.exec(subject);
  if (nested) return `${nested[1]} field \`${nested[2]}${nested[2]!.endsWith("[]") ? "" : "."}${name}\``;
  return `${subject.replace(/ body$/, "")} field \`${name}\``;
}

function verb(diff: Diff): string {
  const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v).slice(0, 60));
  if (diff.action === "add") return `added (${show(diff.after)})`;
  if (diff.action === "remove") return `removed (was ${show(diff.before)})`;
  return `changed from ${show(diff.before)} to ${show(diff.after)}`;
}

/** "request field `Address.City`", "response 200 field `[].Fax`", "query parameter `q`", "request body". */
function subjectOf(trail: string[], diff: Diff, before: unknown, after: unknown): string {
  let place: string;
  let rest: string[];
  if (trail[0] === "parameters") {
    const parameter = (diff.action === "remove" ? null : findParameter(after, diff)) ?? findParameter(before, diff);
    place = parameter ? `${parameter.in} parameter \`${parameter.name}\`` : "parameter";
    return place;
  }
  if (trail[0] === "requestBody") {
    place = "request";
    rest = trail.slice(trail.indexOf("schema") + 1);
    if (!trail.includes("schema")) return "request body";
  } else if (trail[0] === "responses") {
    place = `response ${trail[1] ?? ""}`.trim();
    rest = trail.includes("schema") ? trail.slice(trail.indexOf("schema") + 1) : [];
    if (!trail.includes("schema")) return trail.length > 2 ? `${place} ${trail.slice(2).join(" ")}` : place;
  } else {
    return trail.length ? trail.join(" ") : "";
  }
  const field: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "properties" && rest[i + 1] !== undefined) field.push(rest[++i]!);
    else if (rest[i] === "items") field.push("[]");
  }
  const name = field.join(".").replace(/\.\[\]/g, "[]");
  return name && name !== "[]" ? `${place} field \`${name}\`` : `${place} body`;
}

/** The parameter a diff under `parameters/<i>` is about, looked up in `doc` (refs followed). */
function findParameter(doc: unknown, diff: Diff): { name: string; in: string } | undefined {
  const index = diff.path.indexOf("parameters");
  const node = deref(doc, atPath(doc, diff.path.slice(0, index + 2).map(String)));
  return node && typeof node === "object" && "name" in node ? (node as { name: string; in: string }) : undefined;
}

/** A removed and an added property with the same schema under the same object: one rename. */
function mergeRenames(located: Located[], _diffs: Diff[]): SpecChange[] {
  const out: SpecChange[] = [];
  const used = new Set<Located>();
  for (const removed of located) {
    if (removed.property?.action !== "remove" || used.has(removed)) continue;
    const added = located.find(
      (entry) =>
        !used.has(entry) &&
        entry.property?.action === "add" &&
        entry.property.parent === removed.property!.parent &&
        sameSchema(entry.property.schema, removed.property!.schema),
    );
    if (!added) continue;
    used.add(removed).add(added);
    const subject = removed.change.text.replace(/ removed: .*$/, "");
    out.push({
      ...removed.change,
      impact: "breaking",
      text: `${subject} renamed to \`${added.property!.name}\`: callers that send or read it break`,
    });
  }
  for (const entry of located) if (!used.has(entry)) out.push(entry.change);
  return out;
}

function sameSchema(a: unknown, b: unknown): boolean {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !DOC_KEYS.has(k) && !k.startsWith("x-"))
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function dedupe(changes: SpecChange[]): SpecChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.operation}\u0000${c.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
