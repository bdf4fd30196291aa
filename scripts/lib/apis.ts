/**
 * The one list of this repository's APIs: the `apis:` entries of redocly.yaml, which Redocly's
 * lint and bundle read too. Scripts and tests ask here instead of scanning folders; the runtime's
 * side is src/mock's `listBundledApis` (the APIs whose bundled spec is under generated/).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** The repository root (this file is scripts/lib/apis.ts). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");

/** One API of the repository. */
export interface ApiEntry {
  /** Its name: the redocly.yaml alias, the folder under openapi/ and generated/, the package subpath. */
  readonly name: string;
  /** Absolute path of its root OpenAPI file. */
  readonly specFile: string;
  /** The root file relative to the repository root, `/`-separated (`openapi/jtl-erp-v1/openapi.yaml`). */
  readonly source: string;
  /** Absolute path of its spec folder (`openapi/<api>/`). */
  readonly specDir: string;
  /** Absolute path of its generated folder (`generated/<api>/`). */
  readonly generatedDir: string;
}

/** Every API listed under `apis:` in `<root>/redocly.yaml`, sorted by name; throws naming the file when it cannot be read. */
export function listApis(root: string = REPO_ROOT): ApiEntry[] {
  const config = path.join(root, "redocly.yaml");
  if (!existsSync(config)) throw new Error(`${config} not found: it lists the APIs under \`apis:\``);
  let apis: unknown;
  try {
    apis = (parse(readFileSync(config, "utf8")) as { apis?: unknown } | null)?.apis;
  } catch (error) {
    throw new Error(`${config}: invalid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!apis || typeof apis !== "object" || Array.isArray(apis)) throw new Error(`${config} has no \`apis:\` map`);
  return Object.entries(apis as Record<string, { root?: unknown }>)
    .map(([name, entry]) => {
      if (typeof entry?.root !== "string") throw new Error(`${config}: apis.${name} has no \`root\` file`);
      const specFile = path.resolve(root, entry.root);
      return {
        name,
        specFile,
        source: path.relative(root, specFile).split(path.sep).join("/"),
        specDir: path.dirname(specFile),
        generatedDir: path.join(root, "generated", name),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The names of every API (see listApis). */
export function apiNames(root: string = REPO_ROOT): string[] {
  return listApis(root).map((api) => api.name);
}
