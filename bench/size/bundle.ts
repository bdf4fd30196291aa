/**
 * Bundles one small app with esbuild (bundled, minified, ESM for the browser) and measures it.
 *
 * - `measureStartup`: the code the app loads at start, as one file. Every dynamic `import()` is left
 *   as an import (a bundler that splits code, as app bundlers do, turns it into a chunk fetched on
 *   first use), so what remains is exactly what statically reachable code costs; the metafile lists
 *   each input's bytes. With `{ inlineDynamicImports: true }` it is esbuild's plain single-file build,
 *   which pulls dynamically imported modules into the one output.
 * - `measureLazyChunks`: the same app with code splitting: the chunks reached only by dynamic import.
 *
 * Bare specifiers resolve from the repository root, so `vendor-api-clients/<entry>` is the built
 * dist/ through package.json `exports` (a package may import itself by name). Gzip is level 9.
 */
import { gzipSync } from "node:zlib";
import { build, type BuildOptions, type Plugin } from "esbuild";

/** One input file's share of the start-up code. */
export interface InputShare {
  /** The input's path relative to the repository (node_modules/… for dependencies). */
  readonly input: string;
  /** Bytes it contributes to the minified output. */
  readonly minifiedBytes: number;
}

/** What an app costs at start. */
export interface StartupSize {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** Inputs in the output, largest first. */
  readonly inputs: readonly InputShare[];
  /** The specifiers left as dynamic imports (empty when they were inlined). */
  readonly dynamicImports: readonly string[];
}

/** A chunk only a dynamic import reaches. */
export interface LazyChunk {
  readonly inputs: readonly string[];
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

const gzipLength = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

function options(source: string, root: string): BuildOptions {
  return {
    stdin: { contents: source, resolveDir: root, sourcefile: "app.js", loader: "js" },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    outdir: `${root}/bench/.out/size`,
    write: false,
    metafile: true,
    logLevel: "silent",
  };
}

/** Leaves every dynamic import in the output as it is, recording its specifier. */
function keepDynamicImports(seen: Set<string>): Plugin {
  return {
    name: "keep-dynamic-imports",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        seen.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
}

/** Replaces each built module whose path ends with a key by the given source: a what-if measurement. */
function stubModules(stubs: Readonly<Record<string, string>>): Plugin {
  return {
    name: "stub-modules",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\/dist\/src\/.*\.js$|\/node_modules\/openapi-fetch\/dist\/index\.mjs$/ }, (args) => {
        const key = Object.keys(stubs).find((suffix) => args.path.endsWith(suffix));
        return key === undefined ? undefined : { contents: stubs[key], loader: "js", resolveDir: pluginBuild.initialOptions.absWorkingDir };
      });
    },
  };
}

/**
 * Bundles `source` (an ES module, resolved from `root`) into one file and measures it. `stubs`
 * swaps built modules (by path suffix) for other source, to measure what a feature costs.
 */
export async function measureStartup(
  source: string,
  root: string,
  { inlineDynamicImports = false, stubs = {} }: { inlineDynamicImports?: boolean; stubs?: Readonly<Record<string, string>> } = {},
): Promise<StartupSize> {
  const dynamicImports = new Set<string>();
  const plugins = [stubModules(stubs), ...(inlineDynamicImports ? [] : [keepDynamicImports(dynamicImports)])];
  const result = await build({ ...options(source, root), plugins });
  const [output] = result.outputFiles ?? [];
  const meta = Object.values(result.metafile?.outputs ?? {}).find((entry) => entry.entryPoint !== undefined);
  if (!output || !meta) throw new Error("esbuild produced no output");
  return {
    minifiedBytes: output.contents.length,
    gzipBytes: gzipLength(output.contents),
    inputs: Object.entries(meta.inputs)
      .filter(([, share]) => share.bytesInOutput > 0)
      .map(([input, share]) => ({ input, minifiedBytes: share.bytesInOutput }))
      .sort((a, b) => b.minifiedBytes - a.minifiedBytes),
    dynamicImports: [...dynamicImports].sort(),
  };
}

/** Bundles `source` with code splitting and returns the chunks that only dynamic imports reach. */
export async function measureLazyChunks(source: string, root: string): Promise<LazyChunk[]> {
  const result = await build({ ...options(source, root), splitting: true });
  const outputs = result.metafile?.outputs ?? {};
  const entry = Object.keys(outputs).find((output) => outputs[output]?.entryPoint !== undefined);
  // The start-up chunks: the entry and the closure of its static imports.
  const startup = new Set<string>();
  const visit = (output: string) => {
    if (startup.has(output)) return;
    startup.add(output);
    for (const imported of outputs[output]?.imports ?? [])
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  if (entry !== undefined) visit(entry);
  const contents = new Map((result.outputFiles ?? []).map((file) => [file.path.slice(root.length + 1), file.contents]));
  return Object.keys(outputs)
    .filter((output) => output.endsWith(".js") && !startup.has(output))
    .map((output) => {
      const bytes = contents.get(output) ?? new Uint8Array();
      return { inputs: Object.keys(outputs[output]?.inputs ?? {}), minifiedBytes: bytes.length, gzipBytes: gzipLength(bytes) };
    });
}
