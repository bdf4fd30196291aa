/**
 * The docs copy of an API's bundled spec (generated/<api>/openapi.json is never changed): every
 * operation gets its code samples (Redoc's `x-codeSamples`) and a line naming its client method and
 * standalone function, and every header a factory option sets says so in its description.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { deref } from "../lib/json-pointer.js";
import type { OpenApiDocument } from "../steps/load.js";
import { readFactory, type FactoryInfo, type NamedHeader } from "./client-options.js";
import { codeSamples, typeScriptSample, type SampleContext } from "./code-samples.js";
import { operationCalls, type OperationCall } from "./operation-calls.js";

/** An API's docs copy and what the index page says about it. */
export interface DocsSpec {
  api: string;
  spec: OpenApiDocument & Record<string, any>;
  factory: FactoryInfo;
  entry: string;
  calls: OperationCall[];
  /** The TypeScript sample of the first operation (in the generator's order), for the index page. */
  firstSample: string;
}

/** Builds the docs copy of `api` from generated/<api>/openapi.json and src/<api>/index.ts under `root`. */
export async function docsSpec(root: string, api: string): Promise<DocsSpec> {
  const specFile = join(root, "generated", api, "openapi.json");
  const spec = JSON.parse(await readFile(specFile, "utf8")) as DocsSpec["spec"];
  const factory = await readFactory(join(root, "src", api, "index.ts"));
  const packageJson = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
  if (!(`./${api}` in packageJson.exports)) throw new Error(`package.json has no "./${api}" export for the ${api} code samples`);
  const entry = `${packageJson.name}/${api}`;

  const context: SampleContext = { entry, factory, baseUrl: serverUrl(spec), ...securityOf(spec) };
  const calls = operationCalls(spec, specFile);
  for (const call of calls) {
    call.node["x-codeSamples"] = codeSamples(call, context);
    const method = `client.${call.resourcePath.join(".")}`;
    const usage = `Call it as \`${method}(params)\` on a \`${factory.name}\` client, or as \`${call.operation.name}(client, params)\`.`;
    call.node.description = call.node.description ? `${usage}\n\n${call.node.description}` : usage;
  }
  markClientHeaders(spec, factory);
  const first = calls[0];
  if (!first) throw new Error(`${specFile} has no operations`);
  return { api, spec, factory, entry, calls, firstSample: typeScriptSample(first, context) };
}

function serverUrl(spec: Record<string, any>): string {
  const server = spec.servers?.[0];
  if (!server?.url) throw new Error(`${spec.info?.title ?? "the spec"} has no servers[0].url for the curl samples`);
  // Server variables take their defaults, as the client's default base URL does.
  return String(server.url).replace(/\{(\w+)\}/g, (whole: string, name: string) => server.variables?.[name]?.default ?? whole);
}

/** Which credentials the document's security requirements ask for. */
function securityOf(spec: Record<string, any>): Pick<SampleContext, "apiKeyHeaders" | "bearer"> {
  const schemes = spec.components?.securitySchemes ?? {};
  const required = new Set<string>((spec.security ?? []).flatMap((requirement: object) => Object.keys(requirement)));
  const apiKeyHeaders: string[] = [];
  let bearer = false;
  for (const name of required) {
    const scheme = deref<Record<string, any>>(spec, schemes[name]);
    if (scheme?.type === "apiKey" && scheme.in === "header") apiKeyHeaders.push(scheme.name);
    if (scheme?.type === "oauth2" || scheme?.type === "openIdConnect" || (scheme?.type === "http" && /^bearer$/i.test(scheme.scheme)))
      bearer = true;
  }
  return { apiKeyHeaders, bearer };
}

/** Prefixes the description of every header parameter and API-key scheme a factory option sets. */
function markClientHeaders(spec: Record<string, any>, factory: FactoryInfo): void {
  const byHeader = new Map(factory.headers.map((named) => [named.header.toLowerCase(), named]));
  const mark = (node: Record<string, any>, headerName: string) => {
    const named = byHeader.get(headerName.toLowerCase());
    if (!named || node["x-set-by-client"]) return;
    node["x-set-by-client"] = { factory: factory.name, option: named.option };
    const note = setByNote(factory.name, named);
    node.description = node.description ? `${note}\n\n${node.description}` : note;
  };
  const parameters = [
    ...Object.values<any>(spec.components?.parameters ?? {}),
    ...Object.values<any>(spec.paths ?? {}).flatMap((item) => [
      ...(item.parameters ?? []),
      ...Object.values<any>(item).flatMap((operation) => (Array.isArray(operation?.parameters) ? operation.parameters : [])),
    ]),
  ];
  for (const parameter of parameters) if (!parameter.$ref && parameter.in === "header") mark(parameter, parameter.name);
  for (const scheme of Object.values<any>(spec.components?.securitySchemes ?? {})) {
    if (scheme.type === "apiKey" && scheme.in === "header") mark(scheme, scheme.name);
  }
}

function setByNote(factoryName: string, named: NamedHeader): string {
  const set = `Set by \`${factoryName}({ ${named.option} })\`.`;
  return named.defaultValue === undefined ? set : `${set} The client sends \`${named.defaultValue}\` when \`${named.option}\` is left out.`;
}
