/**
 * Runs the generator (scripts/generate.ts, same options) as one esbuild bundle instead of under
 * tsx. tsx's loader costs every run about a quarter of a second and 80 MB, which is most of the
 * generator's own overhead on a small spec. The bundle is rebuilt whenever one of its inputs
 * changed, so editing the generator needs no extra step.
 *
 *   node scripts/generate-cli.mjs [the options of scripts/generate.ts]
 *
 * Packages stay external: each still loads only when a step needs it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const ENTRY = path.join(ROOT, "scripts", "generate.ts");
const OUT = path.join(ROOT, ".cache", "generate-cli");
const META = path.join(OUT, "meta.json");
/** Where esbuild is told the bundle goes; it is written to OUT/<content hash>/ instead. */
const STAGE = path.join(OUT, "build");

/** The bundle to run: the last one built, if none of its inputs changed since. */
function currentBundle() {
  if (!existsSync(META)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(META, "utf8"));
    const file = path.join(OUT, meta.bundle, "generate.js");
    if (!existsSync(file)) return undefined;
    for (const [input, stamp] of Object.entries(meta.inputs)) if (stampOf(path.join(ROOT, input)) !== stamp) return undefined;
    return file;
  } catch {
    return undefined; // an unreadable record is rebuilt, never trusted
  }
}

/** A file's content hash: a copy of the repository (tests make them) can reuse the bundle. */
function stampOf(file) {
  try {
    return createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return "missing";
  }
}

async function build() {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [ENTRY],
    write: false,
    outdir: STAGE,
    bundle: true,
    splitting: true, // every lazily imported step stays a chunk of its own, loaded only when used
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: "silent", // a failure is reported below, once
    packages: "external",
    // Paths are rebuilt from the repository root at run time, so the bundle works wherever the
    // repository is (and a copy of it can reuse the bundle).
    banner: {
      js: [
        'import * as __path from "node:path";',
        'import { pathToFileURL as __pathToFileURL } from "node:url";',
        'const __repositoryRoot = __path.resolve(import.meta.dirname, "..", "..", "..");',
      ].join("\n"),
    },
    plugins: [
      {
        name: "generator-bundle",
        setup(b) {
          const fromRoot = (file) => `__path.join(__repositoryRoot, ${JSON.stringify(path.relative(ROOT, file))})`;
          b.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, "utf8")
              .replaceAll("import.meta.dirname", fromRoot(path.dirname(args.path)))
              .replaceAll("import.meta.url", `__pathToFileURL(${fromRoot(args.path)}).href`);
            return { contents: source, loader: "ts" };
          });
        },
      },
    ],
  });
  const hash = createHash("sha256");
  for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
  const bundle = `generate-${hash.digest("hex").slice(0, 16)}`;
  const inputs = { [path.relative(ROOT, import.meta.filename)]: stampOf(import.meta.filename) };
  for (const input of Object.keys(result.metafile.inputs)) inputs[input] = stampOf(path.join(ROOT, input));
  // Written aside and renamed, so a run started meanwhile (tests start several) never reads half a bundle.
  const temp = path.join(OUT, `.${process.pid}.tmp`);
  rmSync(temp, { recursive: true, force: true });
  for (const file of result.outputFiles) {
    const target = path.join(temp, path.relative(STAGE, file.path));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  if (existsSync(path.join(OUT, bundle))) rmSync(temp, { recursive: true, force: true });
  else renameSync(temp, path.join(OUT, bundle));
  writeFileSync(`${temp}.json`, JSON.stringify({ bundle, inputs }, null, 2));
  renameSync(`${temp}.json`, META);
  // A run loads chunks lazily, so an older bundle is removed only long after it was replaced.
  const hour = Date.now() - 3_600_000;
  for (const old of readdirSync(OUT)) {
    if (old !== bundle && old.startsWith("generate-") && statSync(path.join(OUT, old)).mtimeMs < hour)
      rmSync(path.join(OUT, old), { recursive: true, force: true });
  }
  return path.join(OUT, bundle, "generate.js");
}

let bundle = currentBundle();
if (!bundle) {
  try {
    bundle = await build();
  } catch (error) {
    // A generator source that does not parse (mid-edit, say): where, not esbuild's stack.
    const [first] = error.errors ?? [];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : "";
    console.error(`generate: the generator itself does not build: ${where}${first?.text ?? error.message}`);
    process.exit(1);
  }
}
await import(pathToFileURL(bundle).href);
