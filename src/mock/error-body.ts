/**
 * The body of an error the mock itself decides (a rejected request, an unknown id), in the shape
 * the API documents for that status, read from its schema rather than written per API: a message
 * field gets what went wrong, a title field the status text, a status field the code, a map or
 * list of field errors one entry per problem. Other fields keep the response's documented example
 * value when it is a code or a structure ("ValidationFailed", "", {}), never when it is prose
 * ("The request body failed validation."): prose there describes the example's problem, not
 * this one, so such a field is left out (or empty where required).
 */
import { STATUS_CODES } from "node:http";
import type { Sampler } from "./sample.js";
import { decodePointerSegment, isObject, resolveRef, type JsonObject } from "./spec.js";
import type { RequestProblem } from "./validate.js";

type Role = "message" | "title" | "status" | "problemMap" | "problemList";

const MESSAGE = ["message", "errormessage", "detail", "details", "errordescription", "description"];
const TITLE = ["title", "error", "reason", "statustext"];
const STATUS = ["status", "statuscode", "httpstatus"];
const PROBLEM_LIST = ["errors", "validationerrors", "violations", "problems", "fielderrors", "invalidparams", "invalidfields"];
const FIELD = ["field", "property", "propertyname", "name", "path", "pointer", "parameter", "param", "key"];

const normal = (name: string) => name.toLowerCase().replace(/[_-]/g, "");

/** What one documented error response offers to build a body from. */
export interface ErrorShape {
  readonly schema: unknown;
  /** The response's documented example, if any (its fields that do not describe the error are kept). */
  readonly example: unknown;
}

/** The error body, or undefined when the schema is not an object this can fill (the caller falls back). */
export function errorBody(
  doc: JsonObject,
  sampler: Sampler,
  shape: ErrorShape,
  status: number,
  message: string,
  problems: readonly RequestProblem[],
): unknown {
  const schema = resolveRef(doc, shape.schema, "").node;
  if (!isObject(schema)) return undefined;
  const properties = propertiesOf(doc, schema);
  if (properties.size === 0) return undefined;
  const example = isObject(shape.example) ? shape.example : {};
  const roles = rolesOf(doc, properties);
  if (
    ![...roles.values()].includes("message") &&
    ![...roles.values()].includes("problemMap") &&
    ![...roles.values()].includes("problemList")
  )
    return undefined;

  const body: JsonObject = {};
  for (const [name, prop] of properties) {
    const role = roles.get(name);
    if (role === "message") body[name] = message;
    else if (role === "title") body[name] = STATUS_CODES[status] ?? "Error";
    else if (role === "status") body[name] = status;
    else if (role === "problemMap") body[name] = problemMap(problems);
    else if (role === "problemList") body[name] = problemList(doc, prop, problems);
    else if (name in example && !isProse(example[name])) body[name] = structuredClone(example[name]);
  }
  return sampler.fill(body, schema);
}

/** Free text (words with spaces), as opposed to a code such as "ValidationFailed" or an empty value. */
function isProse(value: unknown): boolean {
  return typeof value === "string" && /\S\s+\S/.test(value);
}

/** Field key of a problem, as ASP.NET-style APIs name them: "BillingAddress.City", "Items[0].Name", a parameter's name. */
export function fieldOf(problem: RequestProblem): string {
  if (problem.in !== "body") return problem.where;
  const parts = problem.where.split("/").slice(1).map(decodePointerSegment);
  if (parts.length === 0) return "body";
  return parts.reduce((key, part) => (/^\d+$/.test(part) ? `${key}[${part}]` : key ? `${key}.${part}` : part), "");
}

function problemMap(problems: readonly RequestProblem[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const p of problems) {
    const key = fieldOf(p);
    map[key] = map[key] ? `${map[key]}; ${p.message}` : p.message;
  }
  return map;
}

function problemList(doc: JsonObject, prop: unknown, problems: readonly RequestProblem[]): unknown[] {
  const items = resolveRef(doc, (resolveRef(doc, prop, "").node as JsonObject).items, "").node;
  if (!isObject(items) || !isObject(items.properties)) return problems.map((p) => p.message);
  const keys = Object.keys(items.properties);
  const field = keys.find((k) => FIELD.includes(normal(k)));
  const text = keys.find((k) => MESSAGE.includes(normal(k)) || normal(k) === "error" || normal(k) === "reason");
  return problems.map((p) => ({ ...(field ? { [field]: fieldOf(p) } : {}), ...(text ? { [text]: p.message } : {}) }));
}

/** The role each property plays, by name and type; the first fitting property of a role takes it. */
function rolesOf(doc: JsonObject, properties: ReadonlyMap<string, unknown>): Map<string, Role> {
  const roles = new Map<string, Role>();
  const taken = new Set<Role>();
  const assign = (name: string, role: Role) => {
    if (taken.has(role) || roles.has(name)) return;
    roles.set(name, role);
    taken.add(role);
  };
  const typed = [...properties].map(([name, prop]) => {
    const s = resolveRef(doc, prop, "").node;
    const schema = isObject(s) ? s : {};
    const types = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === "string" ? [schema.type] : [];
    return { name, schema, types, key: normal(name) };
  });
  // A map of field → text (additionalProperties a string schema) is the clearest sign; then the names.
  for (const p of typed) {
    const extra = resolveRef(doc, p.schema.additionalProperties, "").node;
    if (p.types.includes("object") && isObject(extra) && extra.type === "string") assign(p.name, "problemMap");
  }
  for (const p of typed) {
    if (p.types.includes("array") && PROBLEM_LIST.includes(p.key)) assign(p.name, "problemList");
    else if (p.types.includes("string") && MESSAGE.includes(p.key)) assign(p.name, "message");
    else if (p.types.includes("string") && TITLE.includes(p.key)) assign(p.name, "title");
    else if (p.types.some((t) => t === "integer" || t === "number") && STATUS.includes(p.key)) assign(p.name, "status");
  }
  return roles;
}

function propertiesOf(doc: JsonObject, schema: JsonObject, depth = 0): Map<string, unknown> {
  const out = new Map<string, unknown>(isObject(schema.properties) ? Object.entries(schema.properties) : []);
  if (Array.isArray(schema.allOf) && depth < 8) {
    for (const part of schema.allOf) {
      const s = resolveRef(doc, part, "").node;
      if (isObject(s)) for (const [k, v] of propertiesOf(doc, s, depth + 1)) if (!out.has(k)) out.set(k, v);
    }
  }
  return out;
}
