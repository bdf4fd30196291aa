/**
 * What goes into a cache key: the inputs an output folder depends on. A change to any of them
 * (a spec file or saved page, the lint config or plugin, the generator's own source, the version of
 * a tool it drives, an option that changes the output) makes the next run regenerate.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ApiEntry } from "./apis.js";
import { cacheKey } from "./cache.js";
import { listFiles } from "./output.js";

/** The key of one repository API's output. */
export async function apiCacheKey(root: string, api: ApiEntry, options: Record<string, string>): Promise<string> {
  return cacheKey({ ...(await specInputs(root, api)), ...generatorInputs(root), ...options });
}

/** The key of a `--input` run's output. */
export async function inputCacheKey(root: string, input: string, options: Record<string, string>): Promise<string> {
  const inputBytes = existsSync(input) ? await readFile(input).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  return cacheKey({ input: inputBytes, ...generatorInputs(root), ...options });
}

/** An API's spec folder (saved pages included), redocly.yaml and the lint plugin, by path. */
async function specInputs(root: string, api: ApiEntry): Promise<Record<string, Buffer | string>> {
  const inputs: Record<string, Buffer | string> = {};
  const add = async (file: string) => {
    if (existsSync(file)) inputs[path.relative(root, file)] = await readFile(file);
  };
  for (const name of await listFiles(api.specDir)) await add(path.join(api.specDir, name));
  await add(path.join(root, "redocly.yaml"));
  for (const name of await listFiles(path.join(root, "redocly"))) await add(path.join(root, "redocly", name));
  return inputs;
}

const generatorHashes = new Map<string, Record<string, string>>();
/**
 * The generator's source (the driver, scripts/steps/, the top of scripts/lib/, and the runtime
 * rule it shares), biome.json (the format step's options) and the versions of the tools it drives
 * (@biomejs/biome's is the version of the native binary the format step runs: npm installs the two
 * at the same version).
 */
function generatorInputs(root: string): Record<string, string> {
  const known = generatorHashes.get(root);
  if (known) return known;
  const folder = (dir: string) =>
    readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => path.join(root, dir, entry.name))
      .sort();
  const sources = [
    path.join(root, "scripts", "generate.ts"),
    ...folder(path.join("scripts", "steps")),
    ...folder(path.join("scripts", "lib")),
    path.join(root, "src", "internal", "decode-body.ts"),
    path.join(root, "biome.json"),
  ];
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  const inputs = {
    generator: sources.map((file) => (existsSync(file) ? readFileSync(file, "utf8") : "")).join("\u0000"),
    tools: ["openapi-typescript", "@redocly/openapi-core", "ts-morph", "@biomejs/biome"].map((p) => `${p}@${version(p)}`).join(" "),
  };
  generatorHashes.set(root, inputs);
  return inputs;
}
