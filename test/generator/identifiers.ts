// The identifier check: every name that generated code refers to must be one the same file
// declares (function, const, type, parameter, type parameter) or imports. A name from a spec that
// slipped into code unquoted (an operationId, a description) shows up as an undeclared reference.
import ts from "typescript";

/** Identifiers that are names of something, not references to it. */
function isNameOnly(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent)) return parent.name === node;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return parent.propertyName === node;
  if (ts.isBindingElement(parent)) return parent.propertyName === node;
  // `as const` parses as a reference to a type named `const`.
  if (ts.isTypeReferenceNode(parent) && ts.isConstTypeReference(parent)) return true;
  return false;
}

/** The names a file declares or imports (module-wide: generated files have no shadowing). */
function declaredNames(file: ts.SourceFile): Set<string> {
  const declared = new Set<string>();
  const bind = (name: ts.BindingName | undefined) => {
    if (!name) return;
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) declared.add(node.name.text);
    else if (ts.isImportClause(node) && node.name) declared.add(node.name.text);
    else if (ts.isVariableDeclaration(node) || ts.isParameter(node)) bind(node.name);
    else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isEnumDeclaration(node) ||
        ts.isTypeParameterDeclaration(node)) &&
      node.name
    ) {
      declared.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return declared;
}

/** The JavaScript built-ins the generator writes on purpose (resources.ts's `operationIds` map). */
const BUILT_INS = new Set(["Map", "ReadonlyMap", "Function"]);

/** Names `text` refers to that it neither declares nor imports, in order of first use. */
export function undeclaredIdentifiers(text: string): string[] {
  const file = ts.createSourceFile("generated.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = declaredNames(file);
  const undeclared = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && !isNameOnly(node) && !declared.has(node.text) && !BUILT_INS.has(node.text)) undeclared.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...undeclared];
}
