/**
 * A TypeScript language service over a small program of in-memory files that import the package
 * entries by name (`vendor-api-clients/jtl-erp-v1` → src/jtl-erp-v1/index.ts), as a user's editor
 * sees them: quick info at a marker, and the diagnostics of a file.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** In-memory files live here, so NodeNext resolution treats them as ESM (the root package.json says "module"). */
const VIRTUAL = path.join(ROOT, "test", "types", "__virtual__");
const ENTRIES = ["jtl-erp-v1", "jtl-erp-v2", "cro-dispatch", "core"];

export interface Service {
  /** The quick info text at the end of the first occurrence of `marker` in `file` (what an editor's hover shows). */
  quickInfo(file: string, marker: string): string;
  /** Each diagnostic of `file` as `line: message` (messages flattened, as `tsc` prints them). */
  diagnostics(file: string): string[];
}

/** Builds the service; `extra` options (e.g. exactOptionalPropertyTypes) go on top of a strict NodeNext project. */
export function languageService(files: Record<string, string>, extra: ts.CompilerOptions = {}): Service {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    resolveJsonModule: true,
    types: ["node"],
    paths: Object.fromEntries(ENTRIES.map((entry) => [`vendor-api-clients/${entry}`, [path.join(ROOT, "src", entry, "index.ts")]])),
    ...extra,
  };
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(VIRTUAL, name), text]));
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [...virtual.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = virtual.get(file) ?? ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => virtual.has(file) || ts.sys.fileExists(file),
    readFile: (file) => virtual.get(file) ?? ts.sys.readFile(file),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const fullName = (file: string) => {
    const name = path.join(VIRTUAL, file);
    if (!virtual.has(name)) throw new Error(`no in-memory file "${file}"; the files are ${Object.keys(files).join(", ")}`);
    return name;
  };
  return {
    quickInfo(file, marker) {
      const name = fullName(file);
      const at = virtual.get(name)!.indexOf(marker);
      if (at < 0) throw new Error(`marker "${marker}" is not in ${file}`);
      const info = service.getQuickInfoAtPosition(name, at + marker.length - 1);
      return ts.displayPartsToString(info?.displayParts);
    },
    diagnostics(file) {
      const name = fullName(file);
      return [...service.getSyntacticDiagnostics(name), ...service.getSemanticDiagnostics(name)].map((d) => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    },
  };
}
