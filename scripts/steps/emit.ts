/**
 * Emit step: builds operations.ts (one thin wrapper per operation),
 * resources.ts (the wrappers grouped for the factories) and models.ts (one
 * type per component schema) with ts-morph, each file from one structure in
 * one call — no per-node manipulation, no type checker.
 *
 * Spec text only ever reaches the output inside comments (via `comment()`) or
 * string literals (via JSON.stringify); names come from naming.ts.
 */
import { printStructure, StructureKind, type StatementStructures } from "ts-morph";
import { compare, propertyKey } from "../lib/naming.js";
import type { Collected, ModelInfo, OperationInfo, ResourceGroup } from "../lib/records.js";

/** What the emitters need besides the records. */
export interface EmitOptions {
  /** Module specifier of the runtime, relative to the output folder (`../../src/core/index.js`). */
  runtimeImport: string;
  /** Link target of each operation's published docs, or undefined for no link. */
  docsUrl?: (operation: OperationInfo) => string | undefined;
}

/** A statement as ts-morph takes it: a structure, or text written as is. */
type Statement = string | StatementStructures;

// printStructure writes text straight from the structures: no source file is parsed or kept.
function print(statements: Statement[]): string {
  const text = printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
  return text.replace(/\n*$/, "\n");
}

/** Makes spec text safe inside a JSDoc block: no comment terminator, one kind of newline. */
export function comment(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .trim();
}

/** Spec text for a one-line comment. */
function oneLine(text: string): string {
  return comment(text).replace(/\s+/g, " ");
}

/** operations.ts: for each operation its record, its types and its wrapper function. */
export function emitOperations(operations: readonly OperationInfo[], options: EmitOptions): string {
  if (operations.length === 0) return print([{ kind: StructureKind.ExportDeclaration }]);
  const paged = operations.some((op) => op.paging);
  const statements: Statement[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: options.runtimeImport,
      namedImports: [
        "callOperation",
        ...(paged ? ["callPagedOperation"] : []),
        ...["ApiPromise", "Client", "ErrorBodies", "OperationArgs", "OperationMeta", "OperationParams"]
          .concat(operations.some((op) => !op.models.success) ? ["SuccessBody"] : [])
          .concat(paged ? ["PagedApiPromise", "PageItem"] : [])
          .sort(compare)
          .map((name) => ({ name, isTypeOnly: true })),
      ],
    },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: ["paths"] },
  ];
  const models = modelsUsed(operations);
  if (models.length > 0) {
    statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./models.js", namedImports: models });
  }
  operations.forEach((op, i) => {
    statements.push(...operationStatements(op, options, i === 0));
  });
  return print(statements);
}

/** The models the wrappers name (request and success bodies), sorted. */
function modelsUsed(operations: readonly OperationInfo[]): string[] {
  const names = new Set<string>();
  for (const op of operations) for (const name of [op.models.request, op.models.success]) if (name) names.add(name);
  return [...names].sort(compare);
}

/** The OperationParams instance an operation's params type flattens. */
function paramsOf(op: OperationInfo): string {
  return op.models.request
    ? `OperationParams<${op.typeName}Operation, D, ${op.models.request}>`
    : `OperationParams<${op.typeName}Operation, D>`;
}

/** The success body as signatures name it: the model when the body is exactly one, else `XxxResponse`. */
function successType(op: OperationInfo): string {
  return op.models.success ?? `${op.typeName}Response`;
}

/** What a wrapper returns: a paged list operation's promise also iterates its items across pages (x-pagination). */
function returnType(op: OperationInfo): string {
  const T = op.typeName;
  return op.paging
    ? `PagedApiPromise<${successType(op)}, ${T}Errors, PageItem<${successType(op)}, ${JSON.stringify(op.paging.items)}>>`
    : `ApiPromise<${successType(op)}, ${T}Errors>`;
}

function operationStatements(op: OperationInfo, options: EmitOptions, first: boolean): Statement[] {
  const T = op.typeName;
  const generic = [{ name: "D", constraint: "string", default: "never" }];
  return [
    (first ? "\n" : "") + metaStatement(op),
    {
      kind: StructureKind.TypeAlias,
      name: `${T}Operation`,
      type: `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]`,
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      docs: [`Parameters of {@link ${op.name}}, grouped as in the spec: \`{ path, query, header, body }\`.`],
      name: `${T}Params`,
      typeParameters: generic,
      // Written as a mapped type (not a bare alias of OperationParams) so hovers name it `${T}Params<…>`.
      type: `{ [K in keyof ${paramsOf(op)}]: ${paramsOf(op)}[K] }`,
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      docs: [`Success body of {@link ${op.name}}.`],
      name: `${T}Response`,
      type: op.models.success ?? `SuccessBody<${T}Operation>`,
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      docs: [`Documented error bodies of {@link ${op.name}}, by status.`],
      name: `${T}Errors`,
      type: `ErrorBodies<${T}Operation>`,
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      docs: [operationDoc(op, options)],
      name: op.name,
      typeParameters: generic,
      // `params` is optional exactly when nothing in it is required for this client (OperationArgs).
      parameters: [
        { name: "client", type: "Client<paths, D>" },
        { name: "[params, options]", isRestParameter: true, type: `OperationArgs<${T}Params<D>>` },
      ],
      returnType: returnType(op),
      statements: [`return ${op.paging ? "callPagedOperation" : "callOperation"}(client, ${op.metaName}, params, options);`],
    },
  ];
}

// Object literals are written as text: ts-morph re-indents multi-line initializers.
function metaStatement(op: OperationInfo): string {
  const responses = op.responses.map(([status, media]) => `${JSON.stringify(status)}: ${JSON.stringify(media)}`);
  const request = op.request ? `{ mediaType: ${JSON.stringify(op.request.mediaType)}, required: ${op.request.required} }` : "null";
  return [
    `/** Operation record of {@link ${op.name}}: what the runtime needs to send and decode the call. */`,
    `const ${op.metaName} = {`,
    `  operationId: ${JSON.stringify(op.operationId ?? op.name)},`,
    `  method: ${JSON.stringify(op.method)},`,
    `  path: ${JSON.stringify(op.path)},`,
    `  request: ${request},`,
    `  responses: ${responses.length ? `{ ${responses.join(", ")} }` : "{}"},`,
    ...(op.requiredHeaders.length ? [`  requiredHeaders: [${op.requiredHeaders.map((h) => JSON.stringify(h)).join(", ")}],`] : []),
    ...(op.paging
      ? [
          `  paging: { ${Object.entries(op.paging)
            .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
            .join(", ")} },`,
        ]
      : []),
    "} as const satisfies OperationMeta;",
  ].join("\n");
}

// One string, not ts-morph's `tags`: its tag printer mangles a description that contains "/*".
function operationDoc(op: OperationInfo, options: EmitOptions): string {
  const parts = [op.summary, op.description].filter((p): p is string => Boolean(p)).map(comment);
  parts.push(`\`${op.method.toUpperCase()} ${oneLine(op.path)}\``);
  const tags: string[] = [];
  if (op.deprecated) tags.push("@deprecated The spec marks this operation deprecated.");
  const url = options.docsUrl?.(op);
  if (url) tags.push(`@see {@link ${url} | Published docs}`);
  return [parts.join("\n\n"), ...tags].join("\n");
}

/**
 * resources.ts: what the API's factory needs from the spec: the operations grouped by
 * resource (for `bindResources`) and the servers (the first is the default base URL).
 */
export function emitResources(
  { resources: tree, operations, servers, oauth2Flows, title }: Collected,
  options: Pick<EmitOptions, "runtimeImport">,
): string {
  const serversText = [
    "",
    `/** The spec's server URLs, in the spec's order; the first is the client's default base URL. */`,
    `export const servers = [${servers.map((url) => JSON.stringify(url)).join(", ")}] as const;`,
    "",
    `/** The spec's OAuth2 flows by security scheme: token, authorization and refresh URLs (the auth helpers' defaults). */`,
    `export const oauth2Flows = ${objectLiteral(oauth2Flows, "")} as const;`,
  ].join("\n");
  const boundDoc = [
    `/**`,
    ` * The operations of ${oneLine(title)} grouped by resource, bound to a client that sets the`,
    ` * headers \`D\` (the API's factory types its client with this).`,
    ` */`,
  ].join("\n");
  if (operations.length === 0) {
    return print([
      "export const resources = {} as const;",
      `\n${boundDoc}\nexport interface Resources<_D extends string = never> {}`,
      "\nexport const operationIds: ReadonlyMap<Function, string> = new Map<Function, string>();",
      serversText,
    ]);
  }
  const paged = operations.some((op) => op.paging);
  // The bound signatures name success models only; request models sit inside the params types.
  const models = [...new Set(operations.flatMap((op) => (op.models.success ? [op.models.success] : [])))].sort(compare);
  return print([
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: options.runtimeImport,
      namedImports: ["ApiPromise", "OperationArgs"].concat(paged ? ["PagedApiPromise", "PageItem"] : []).sort(compare),
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./operations.js",
      namedImports: [
        ...operations.map((op) => ({ name: op.name })),
        ...operations.flatMap((op) => [
          { name: `${op.typeName}Errors`, isTypeOnly: true },
          { name: `${op.typeName}Params`, isTypeOnly: true },
          ...(op.models.success ? [] : [{ name: `${op.typeName}Response`, isTypeOnly: true }]),
        ]),
      ],
    },
    ...(models.length > 0
      ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./models.js", namedImports: models } as const]
      : []),
    [
      "",
      `/** Every operation of ${oneLine(title)}, grouped by resource; the API's factory binds them to a client. */`,
      `export const resources = ${groupText(tree, "")} as const;`,
      "",
      boundDoc,
      `export interface Resources<D extends string = never> ${boundGroupText(tree, "")}`,
      "",
      // One set() per operation: an array literal of [function, id] pairs made tsc compare every
      // pair of operation types (seconds for 37 operations, out of memory for thousands).
      "const operationIdOf = new Map<Function, string>();",
      ...operations.map((op) => `operationIdOf.set(${op.name}, ${JSON.stringify(op.operationId ?? op.name)});`),
      `/** The operationId each operation function's errors carry (\`isErrorOf\` matches an error to its function by it). */`,
      `export const operationIds: ReadonlyMap<Function, string> = operationIdOf;`,
    ].join("\n"),
    serversText,
  ]);
}

/** The bound tree's type: one method per operation, its params computed for the client's headers D. */
function boundGroupText(group: ResourceGroup, indent: string): string {
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [key, child] of [...group.children].sort(([a], [b]) => compare(a, b))) {
    if (child.kind === "group") {
      lines.push(`${inner}readonly ${propertyKey(key)}: ${boundGroupText(child, inner)};`);
    } else {
      const op = child.operation;
      lines.push(`${inner}${leafComment(op)}`);
      lines.push(`${inner}${propertyKey(key)}(...[params, options]: OperationArgs<${op.typeName}Params<D>>): ${returnType(op)};`);
    }
  }
  return `{\n${lines.join("\n")}\n${indent}}`;
}

function leafComment(op: OperationInfo): string {
  const title = op.summary ? `${oneLine(op.summary)} — ` : "";
  const deprecated = op.deprecated ? " @deprecated" : "";
  return `/** ${title}\`${op.method.toUpperCase()} ${oneLine(op.path)}\` ({@link ${op.name}}).${deprecated} */`;
}

function groupText(group: ResourceGroup, indent: string): string {
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [key, child] of [...group.children].sort(([a], [b]) => compare(a, b))) {
    if (child.kind === "group") {
      lines.push(`${inner}${propertyKey(key)}: ${groupText(child, inner)},`);
    } else {
      lines.push(`${inner}${leafComment(child.operation)}`);
      lines.push(`${inner}${propertyKey(key)}: ${child.operation.name},`);
    }
  }
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** A nested record of strings as a TypeScript object literal (keys quoted only when needed). */
function objectLiteral(value: Record<string, unknown>, indent: string): string {
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  const lines = entries.map(([key, item]) => {
    const text = typeof item === "string" ? JSON.stringify(item) : objectLiteral(item as Record<string, unknown>, inner);
    return `${inner}${propertyKey(key)}: ${text},`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** models.ts: one exported type per component schema. */
export function emitModels(models: readonly ModelInfo[]): string {
  if (models.length === 0) return print([{ kind: StructureKind.ExportDeclaration }]);
  return print([
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: ["components"] },
    ...models.map(
      (model, i): Statement => ({
        kind: StructureKind.TypeAlias,
        leadingTrivia: i === 0 ? "\n" : undefined,
        isExported: true,
        docs: [model.description ? comment(model.description) : `The \`${oneLine(model.schemaName)}\` schema.`],
        name: model.name,
        type: `components["schemas"][${JSON.stringify(model.schemaName)}]`,
      }),
    ),
  ]);
}
