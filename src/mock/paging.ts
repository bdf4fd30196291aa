/**
 * Answers a list operation whose response is a page object ({ Items: [...], TotalItems, PageNumber, ... }):
 * finds the one array property and the paging fields by their usual names, whatever their casing.
 */
import { isObject, resolveRef, type JsonObject } from "./spec.js";

/** Paging fields by role; names compared lower-cased without "_" and "-". */
const FIELD_NAMES = {
  total: ["totalitems", "totalcount", "total", "count", "totalrecords"],
  page: ["pagenumber", "page", "currentpage", "pageindex"],
  size: ["pagesize", "currentlimit", "limit", "perpage", "size"],
  totalPages: ["totalpages", "pagecount"],
  hasNext: ["hasnextpage", "hasnext"],
  hasPrevious: ["haspreviouspage", "hasprevious", "hasprevpage"],
  next: ["nextpagenumber", "nextpage"],
  previous: ["previouspagenumber", "previouspage", "prevpage"],
} as const;

const QUERY_PAGE = ["pagenumber", "page", "pageindex"];
const QUERY_SIZE = ["pagesize", "pagelimit", "limit", "perpage", "size"];
const DEFAULT_PAGE_SIZE = 50;

const normal = (name: string) => name.toLowerCase().replace(/[_-]/g, "");

/** The name of the single array-typed property of an object schema, if there is exactly one. */
export function itemsPropertyOf(doc: JsonObject, schema: JsonObject): string | undefined {
  const props = isObject(schema.properties) ? Object.entries(schema.properties) : [];
  const arrays = props.filter(([, p]) => {
    const s = resolveRef(doc, p, "").node;
    return isObject(s) && (s.type === "array" || (Array.isArray(s.type) && s.type.includes("array")));
  });
  return arrays.length === 1 ? arrays[0]![0] : undefined;
}

/** One page of `records` as the page object (1-based page numbers; default size 50). */
export function pageObject(schema: JsonObject, itemsProperty: string, records: unknown[], query: Record<string, unknown>): JsonObject {
  const pick = (names: readonly string[]) => Object.entries(query).find(([k]) => names.includes(normal(k)))?.[1];
  const size = positive(pick(QUERY_SIZE)) ?? DEFAULT_PAGE_SIZE;
  const page = positive(pick(QUERY_PAGE)) ?? 1;
  const total = records.length;
  const totalPages = Math.ceil(total / size);
  const values: Record<keyof typeof FIELD_NAMES, number | boolean | undefined> = {
    total,
    page,
    size,
    totalPages,
    hasNext: page < totalPages,
    hasPrevious: page > 1,
    next: page < totalPages ? page + 1 : undefined,
    previous: page > 1 ? page - 1 : undefined,
  };
  const out: JsonObject = { [itemsProperty]: records.slice((page - 1) * size, page * size) };
  for (const key of Object.keys(isObject(schema.properties) ? schema.properties : {})) {
    const role = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).find((r) =>
      (FIELD_NAMES[r] as readonly string[]).includes(normal(key)),
    );
    if (role && values[role] !== undefined) out[key] = values[role];
  }
  return out;
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}
