/**
 * No import cycle among the runtime's source files, type-only imports included: a cycle between
 * `core/` and `internal/` made every declaration file depend on every other, and kept the public
 * option types from living in one place. Reads the sources, so it fails on the edit that adds one.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");
/** Every relative specifier of `import … from`, `export … from`, `import type …` and `import("…")`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The src/ files a file imports (relative specifiers that land in src/, `.js` read as `.ts`). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, "utf8");
  const targets = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) {
    const target = path.resolve(path.dirname(file), (match[1] as string).replace(/\.js$/, ".ts"));
    if (known.has(target)) targets.add(target);
  }
  return [...targets];
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("import cycles in src/", () => {
  it("finds a cycle when there is one (the scan itself works)", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(importCycles(graph)).toEqual([["a", "b", "c"]]);
  });

  it("has none, type-only imports included", () => {
    const files = sourceFiles(SRC);
    const known = new Set(files);
    const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
    const cycles = importCycles(graph).map((component) => component.map((file) => path.relative(SRC, file)));
    expect(cycles).toEqual([]);
  });

  it("keeps the public option types in a leaf file that imports no other source file", () => {
    const leaf = path.join(SRC, "core/options.ts");
    expect(importsOf(leaf, new Set(sourceFiles(SRC)))).toEqual([]);
  });
});
