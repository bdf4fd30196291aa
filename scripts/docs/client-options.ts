/**
 * Which header each factory option sets, read from the factory itself (src/<api>/index.ts), so
 * the docs never restate the mapping by hand: the `namedHeaders` object a factory passes to
 * `createApiClient` maps header names to option names, and `opt === undefined ? DEFAULT : opt`
 * means the client sends DEFAULT when the option is left out.
 */
import { readFile } from "node:fs/promises";
import ts from "typescript";

/** One header the factory sets from a named option. */
export interface NamedHeader {
  header: string;
  option: string;
  /** What the client sends when the option is left out (a string constant of the module). */
  defaultValue: string | undefined;
}

/** An API's factory: its exported name and the headers its options set. */
export interface FactoryInfo {
  name: string;
  headers: NamedHeader[];
}

/** Reads the factory of `file` (an API's src/<api>/index.ts); throws naming the file when its shape is not recognised. */
export async function readFactory(file: string): Promise<FactoryInfo> {
  const source = ts.createSourceFile(file, await readFile(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const fail = (what: string): never => {
    throw new Error(`${file}: cannot read the factory's option → header table: ${what}`);
  };
  const constants = stringConstants(source);
  const factories = source.statements.filter(
    (s): s is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(s) &&
      !!s.name &&
      /^create\w+Client$/.test(s.name.text) &&
      !!s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
  );
  if (factories.length !== 1) fail(`expected one exported create…Client function, found ${factories.length}`);
  const factory = factories[0]!;
  const options = destructuredOptions(factory);
  const namedHeaders = findNamedHeaders(factory) ?? fail(`no createApiClient({ namedHeaders: { … } }) call in ${factory.name!.text}`);

  const headers: NamedHeader[] = [];
  for (const property of namedHeaders.properties) {
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (!value || !property.name) return fail(`unexpected ${ts.SyntaxKind[property.kind]} in namedHeaders`);
    const header = propertyName(property.name) ?? fail(`a namedHeaders key that is not a plain name`);
    const used = identifiers(value).filter((name) => options.has(name));
    if (used.length === 0) fail(`namedHeaders["${header}"] uses no option`);
    const option = options.get(used[0]!)!;
    const defaulted = ts.isConditionalExpression(value) && ts.isIdentifier(value.whenTrue) ? constants.get(value.whenTrue.text) : undefined;
    headers.push({ header, option, defaultValue: defaulted });
  }
  return { name: factory.name!.text, headers };
}

/** Local name → option name of `const { a, b: c, ...rest } = options` in the factory. */
function destructuredOptions(factory: ts.FunctionDeclaration): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name)) {
      for (const element of node.name.elements) {
        if (element.dotDotDotToken || !ts.isIdentifier(element.name)) continue;
        const option = element.propertyName ? propertyName(element.propertyName) : element.name.text;
        if (option) names.set(element.name.text, option);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(factory);
  return names;
}

function findNamedHeaders(factory: ts.FunctionDeclaration): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && propertyName(node.name) === "namedHeaders" && ts.isObjectLiteralExpression(node.initializer)) {
      found = node.initializer;
    }
    if (!found) ts.forEachChild(node, visit);
  };
  visit(factory);
  return found;
}

/** Top-level `const NAME = "text"` (optionally typed). */
function stringConstants(source: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && ts.isStringLiteralLike(declaration.initializer)) {
        constants.set(declaration.name.text, declaration.initializer.text);
      }
    }
  }
  return constants;
}

function identifiers(node: ts.Node): string[] {
  const found: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) found.push(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function propertyName(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return undefined;
}
