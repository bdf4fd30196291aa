/**
 * Prints the few kinds of TypeScript statement the emitters build (imports, type aliases,
 * functions, an empty export, text written as is) in ts-morph's printStructure layout, without
 * loading ts-morph: it brings its own copy of the TypeScript compiler, which cost a small spec's
 * generation about half a second and 70 MB beside the copy openapi-typescript already loads.
 */

/** `import [type] { a, type B } from "x";` */
export interface ImportStatement {
  kind: "import";
  moduleSpecifier: string;
  isTypeOnly?: boolean;
  namedImports: (string | { name: string; isTypeOnly?: boolean })[];
}

/** `/** docs *\/ [export] type Name<P> = type;` */
export interface TypeAliasStatement {
  kind: "typeAlias";
  name: string;
  type: string;
  isExported?: boolean;
  docs?: string[];
  typeParameters?: TypeParameter[];
  /** Text written before the declaration (a blank line: "\n"). */
  leadingTrivia?: string;
}

/** `/** docs *\/ [export] function name<P>(params): returnType { statements }` */
export interface FunctionStatement {
  kind: "function";
  name: string;
  isExported?: boolean;
  docs?: string[];
  typeParameters?: TypeParameter[];
  parameters: { name: string; type: string; isRestParameter?: boolean }[];
  returnType: string;
  statements: string[];
}

/** `export { };`, which makes an otherwise empty file a module. */
export interface EmptyExportStatement {
  kind: "emptyExport";
}

export interface TypeParameter {
  name: string;
  constraint?: string;
  default?: string;
}

/** A statement: a structure, or text written as is. */
export type Statement = string | ImportStatement | TypeAliasStatement | FunctionStatement | EmptyExportStatement;

/** The file's text: statements one per line, a blank line around each function, one final newline. */
export function printStatements(statements: readonly Statement[]): string {
  let out = "";
  for (const statement of statements) {
    if (out !== "") {
      // After a closing brace, and before a function, a blank line; otherwise a line break.
      if (lastNonWhitespace(out) === "}" || (typeof statement !== "string" && statement.kind === "function")) out = blankLineIfLastNot(out);
      else if (!out.endsWith("\n")) out += "\n";
    }
    out += print(statement);
  }
  return out.replace(/\n*$/, "\n");
}

function print(statement: Statement): string {
  if (typeof statement === "string") return statement;
  switch (statement.kind) {
    case "import": {
      const names = statement.namedImports.map((entry) =>
        typeof entry === "string" ? entry : `${entry.isTypeOnly ? "type " : ""}${entry.name}`,
      );
      return `import${statement.isTypeOnly ? " type" : ""} { ${names.join(", ")} } from ${quote(statement.moduleSpecifier)};`;
    }
    case "typeAlias":
      return (
        (statement.leadingTrivia ?? "") +
        docs(statement.docs) +
        `${statement.isExported ? "export " : ""}type ${statement.name}${typeParameters(statement.typeParameters)} = ${statement.type};`
      );
    case "function": {
      const parameters = statement.parameters.map((p) => `${p.isRestParameter ? "..." : ""}${p.name}: ${p.type}`).join(", ");
      const body = statement.statements.map((line) => `  ${line}\n`).join("");
      return (
        docs(statement.docs) +
        `${statement.isExported ? "export " : ""}function ${statement.name}${typeParameters(statement.typeParameters)}(${parameters}): ${statement.returnType} {\n${body}}`
      );
    }
    case "emptyExport":
      return "export { };";
  }
}

function typeParameters(parameters: readonly TypeParameter[] | undefined): string {
  if (!parameters?.length) return "";
  const each = parameters.map((p) => `${p.name}${p.constraint ? ` extends ${p.constraint}` : ""}${p.default ? ` = ${p.default}` : ""}`);
  return `<${each.join(", ")}>`;
}

/** JSDoc blocks: `/** text *\/` for one line, else one ` * ` line each; each block on its own line. */
function docs(blocks: readonly string[] | undefined): string {
  return (blocks ?? [])
    .map((text) => {
      const lines = text.split(/\r?\n/);
      if (lines.length <= 1) return `/** ${lines[0]} */\n`;
      const body = lines.slice(lines[0] === "" ? 1 : 0).map((line) => ` *${line.length > 0 ? ` ${line}` : ""}\n`);
      return `/**\n${body.join("")} */\n`;
    })
    .join("");
}

/** A double-quoted string literal, escaped the way ts-morph's writer escapes a module specifier. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\\n")}"`;
}

function lastNonWhitespace(text: string): string | undefined {
  return /(\S)\s*$/.exec(text)?.[1];
}

function blankLineIfLastNot(text: string): string {
  if (text.endsWith("\n\n")) return text;
  return text.endsWith("\n") ? `${text}\n` : `${text}\n\n`;
}
