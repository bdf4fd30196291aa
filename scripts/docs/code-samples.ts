/**
 * The two code samples of an operation: TypeScript with this package (the factory with the options
 * the call needs, the resource method with the required parameters filled from the spec's examples,
 * the typed result) and curl (the same request, with every header the client would send).
 */
import type { FactoryInfo } from "./client-options.js";
import type { OperationCall } from "./operation-calls.js";

/** What the samples of one API share. */
export interface SampleContext {
  /** The import specifier of the API's entry, e.g. `vendor-api-clients/jtl-erp-v1`. */
  entry: string;
  factory: FactoryInfo;
  baseUrl: string;
  /** Header names of the spec's API-key security schemes the document requires (sent as their own header). */
  apiKeyHeaders: string[];
  /** Whether the document requires a bearer token (OAuth2, OpenID Connect or HTTP bearer). */
  bearer: boolean;
}

/** A Redoc `x-codeSamples` entry. */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

const ACCESS_TOKEN = "ACCESS_TOKEN";
const API_KEY = "API_KEY";

/** The TypeScript sample: a complete module that type-checks against the package. */
export function typeScriptSample(call: OperationCall, context: SampleContext): string {
  const { factory } = context;
  const optionFor = (header: string) => factory.headers.find((h) => h.header.toLowerCase() === header.toLowerCase());
  const headersParams = call.required.filter((p) => p.in === "header");
  const options: Entry[] = [];
  for (const parameter of headersParams) {
    const named = optionFor(parameter.name);
    if (named && named.defaultValue === undefined) options.push([named.option, literal(parameter.value, 1)]);
  }
  for (const header of context.apiKeyHeaders) {
    const named = optionFor(header);
    if (named) options.push([named.option, `process.env.${API_KEY}!`]);
  }
  if (context.bearer) options.push(["auth", `process.env.${ACCESS_TOKEN}!`, "// a token, a function returning one, or a token provider"]);

  const groups: Entry[] = [];
  for (const where of ["path", "query", "header"] as const) {
    // Headers a factory option sets are not asked for again.
    const members = call.required.filter((p) => p.in === where && !(where === "header" && optionFor(p.name)));
    if (members.length > 0)
      groups.push([
        where,
        objectLiteral(
          members.map((p) => [p.name, literal(p.value, 2)]),
          1,
        ),
      ]);
  }
  if (call.body) groups.push(["body", literal(call.body.value, 1)]);
  const params = groups.length > 0 ? objectLiteral(groups, 0) : "";

  const method = `client${call.resourcePath.map((part) => (isIdentifier(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join("")}`;
  const responseType = `${call.operation.typeName}Response`;
  const imports = call.returnsData ? `${factory.name}, type ${responseType}` : factory.name;
  const invocation = `await ${method}(${params});`;
  return [
    `import { ${imports} } from "${context.entry}";`,
    "",
    `const client = ${factory.name}(${objectLiteral(options, 0)});`,
    "",
    call.returnsData ? `const result: ${responseType} = ${invocation}` : invocation,
    "",
  ].join("\n");
}

/** The curl sample: the request the TypeScript sample sends. */
export function curlSample(call: OperationCall, context: SampleContext): string {
  const { operation } = call;
  let path = operation.path;
  for (const p of call.required.filter((p) => p.in === "path")) path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.value)));
  const query = call.required
    .filter((p) => p.in === "query")
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(typeof p.value === "string" ? p.value : JSON.stringify(p.value))}`)
    .join("&");
  const url = `${context.baseUrl.replace(/\/$/, "")}${path}${query ? `?${query}` : ""}`;

  const headers: string[] = [];
  const sent = new Set<string>();
  const add = (line: string, name: string) => {
    if (sent.has(name.toLowerCase())) return;
    sent.add(name.toLowerCase());
    headers.push(line);
  };
  if (context.bearer) add(`-H "Authorization: Bearer $${ACCESS_TOKEN}"`, "authorization");
  for (const header of context.apiKeyHeaders) add(`-H "${header}: $${API_KEY}"`, header);
  for (const p of call.required.filter((p) => p.in === "header")) add(shellQuote(`${p.name}: ${String(p.value)}`, "-H"), p.name);
  // Headers the client sends on its own when their option is left out.
  for (const named of context.factory.headers) {
    if (named.defaultValue !== undefined && call.headerNames.some((h) => h.toLowerCase() === named.header.toLowerCase())) {
      add(shellQuote(`${named.header}: ${named.defaultValue}`, "-H"), named.header);
    }
  }
  if (call.body) {
    add(shellQuote(`Content-Type: ${call.body.mediaType}`, "-H"), "content-type");
    headers.push(shellQuote(typeof call.body.value === "string" ? call.body.value : JSON.stringify(call.body.value), "--data"));
  }
  return [`curl -X ${operation.method.toUpperCase()} ${shellQuote(url)}`, ...headers.map((line) => `  ${line}`)].join(" \\\n") + "\n";
}

/** Both samples as Redoc's `x-codeSamples`. */
export function codeSamples(call: OperationCall, context: SampleContext): CodeSample[] {
  return [
    { lang: "TypeScript", label: "TypeScript", source: typeScriptSample(call, context) },
    { lang: "Shell", label: "curl", source: curlSample(call, context) },
  ];
}

function shellQuote(text: string, flag?: string): string {
  const quoted = `'${text.replace(/'/g, `'\\''`)}'`;
  return flag ? `${flag} ${quoted}` : quoted;
}

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/** A property of an object literal: key, code of the value, and an optional trailing comment. */
type Entry = [key: string, value: string, comment?: string];

/** `{ key: value, … }` over several lines (empty braces stay on one). */
function objectLiteral(entries: Entry[], depth: number): string {
  if (entries.length === 0) return "{}";
  const pad = "  ".repeat(depth + 1);
  const lines = entries.map(
    ([key, value, comment]) => `${pad}${isIdentifier(key) ? key : JSON.stringify(key)}: ${value},${comment ? ` ${comment}` : ""}`,
  );
  return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
}

/** A JSON value as a TypeScript literal, short objects and arrays on one line. */
function literal(value: unknown, depth: number): string {
  const oneLine = jsLiteral(value);
  if (oneLine.length + depth * 2 <= 72 || value === null || typeof value !== "object") return oneLine;
  if (Array.isArray(value)) {
    const pad = "  ".repeat(depth + 1);
    return `[\n${value.map((item) => `${pad}${literal(item, depth + 1)},`).join("\n")}\n${"  ".repeat(depth)}]`;
  }
  return objectLiteral(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, literal(item, depth + 1)]),
    depth,
  );
}

function jsLiteral(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([key, item]) => `${isIdentifier(key) ? key : JSON.stringify(key)}: ${jsLiteral(item)}`).join(", ")} }`;
}
