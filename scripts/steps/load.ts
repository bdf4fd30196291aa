/**
 * Step 1 of a `--input` run (and the guard of every run): read one OpenAPI file
 * from disk, parse it as JSON or YAML, and check that it is an OpenAPI 3.0/3.1
 * document. Every failure names the file and, for syntax errors, line:col.
 */
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { lineCol, PipelineError } from "../lib/errors.js";

/** A parsed OpenAPI document: the plain object and the text it came from. */
export interface LoadedDocument {
  file: string;
  text: string;
  doc: OpenApiDocument;
}

/** The parts of an OpenAPI document the pipeline reads; everything else passes through. */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Reads and parses `file`; throws PipelineError for a missing, empty, malformed or non-OpenAPI file. */
export async function loadDocument(file: string): Promise<LoadedDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : String(code ?? error);
    throw new PipelineError("load", why, file);
  }
  return { file, text, doc: parseOpenApi(text, file) };
}

/** Parses OpenAPI text (JSON or YAML) and checks its version. */
export function parseOpenApi(text: string, file: string): OpenApiDocument {
  if (text.trim() === "") throw new PipelineError("load", "the file is empty", file);
  const value = looksLikeJson(text, file) ? parseJson(text, file) : parseYaml(text, file);
  return checkOpenApi(value, file);
}

function looksLikeJson(text: string, file: string): boolean {
  return /\.json$/i.test(file) || /^\s*[{[]/.test(text);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 says "... in JSON at position N" (sometimes with "(line L column C)").
    const position = /position (\d+)/.exec(message);
    const where = position ? lineCol(text, Number(position[1])) : undefined;
    throw new PipelineError("load", `invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, "")}`, file, where);
  }
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    const where = first.linePos?.[0] ? `${first.linePos[0].line}:${first.linePos[0].col}` : lineCol(text, first.pos[0]);
    throw new PipelineError("load", `invalid YAML: ${first.message.split("\n")[0]}`, file, where);
  }
  return document.toJS({ maxAliasCount: 10_000 });
}

function checkOpenApi(value: unknown, file: string): OpenApiDocument {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new PipelineError("load", `not an OpenAPI document: the top level is ${describe(value)}, not an object`, file);
  }
  const record = value as Record<string, unknown>;
  if (typeof record.swagger === "string" || typeof record.swagger === "number") {
    throw new PipelineError(
      "load",
      `Swagger ${String(record.swagger)} is not supported; only OpenAPI 3.0 and 3.1 are. Convert it first (for example with swagger2openapi).`,
      file,
      "#/swagger",
    );
  }
  if (!("openapi" in record)) {
    throw new PipelineError("load", "not an OpenAPI document: it has no `openapi` version field", file, "#/");
  }
  const version = String(record.openapi);
  if (!/^3\.[01](\.\d+)?$/.test(version)) {
    throw new PipelineError("load", `OpenAPI ${version} is not supported; only 3.0 and 3.1 are`, file, "#/openapi");
  }
  if (record.paths !== undefined && (typeof record.paths !== "object" || record.paths === null || Array.isArray(record.paths))) {
    throw new PipelineError("load", "`paths` must be an object", file, "#/paths");
  }
  return { ...record, openapi: version } as OpenApiDocument;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
