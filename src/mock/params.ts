/**
 * Reads parameters from a request and coerces their text to the type their schema names
 * ("42" → 42 for an integer), so ajv can then check type, format, range and enum.
 */
import type { IncomingHttpHeaders } from "node:http";
import { isObject, resolveRef, type JsonObject, type ParameterInfo } from "./spec.js";

/** The parts of a request parameters are read from. */
export interface ParameterSource {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** The raw text of a parameter (several values for a repeated query key), or undefined when absent. */
export function rawParameter(p: ParameterInfo, source: ParameterSource): string | string[] | undefined {
  switch (p.in) {
    case "path":
      return source.pathParams[p.name];
    case "query": {
      const all = source.query.getAll(p.name);
      return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
    }
    case "header": {
      const value = source.headers[p.name.toLowerCase()]; // Node lower-cases incoming header names
      return Array.isArray(value) ? value.join(", ") : value;
    }
    case "cookie":
      return cookiesOf(source.headers).get(p.name);
  }
}

/** Parses the Cookie header into name → value. */
export function cookiesOf(headers: IncomingHttpHeaders): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (headers.cookie ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return cookies;
}

/** Converts the raw text to the value the schema describes (arrays split per style), leaving text that does not convert. */
export function coerceParameter(doc: JsonObject, p: ParameterInfo, raw: string | string[]): unknown {
  const schema = p.schema?.schema;
  if (!isObject(schema)) return Array.isArray(raw) ? raw : raw;
  if (typesOf(schema).includes("array")) {
    const parts = Array.isArray(raw) ? raw : p.explode && p.in === "query" ? [raw] : raw.split(",");
    const items = resolveRef(doc, schema.items, "").node;
    return parts.map((part) => coerceScalar(part, isObject(items) ? items : {}));
  }
  return coerceScalar(Array.isArray(raw) ? (raw[0] ?? "") : raw, schema);
}

/** Converts a header's text to the type its schema names (response headers are checked this way too). */
export function coerceText(schema: unknown, text: string): unknown {
  return isObject(schema) ? coerceScalar(text, schema) : text;
}

function typesOf(schema: JsonObject): string[] {
  return Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === "string" ? [schema.type] : [];
}

function coerceScalar(text: string, schema: JsonObject): unknown {
  const types = typesOf(schema);
  if (types.includes("integer") && /^[+-]?\d+$/.test(text)) return Number(text);
  if (types.includes("number") && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  if (types.includes("null") && text === "null") return null;
  return text;
}
