/**
 * Emit step: builds operations.ts (one thin wrapper per operation),
 * resources.ts (the wrappers grouped for the factories) and models.ts (one
 * type per component schema), each file from a list of statement structures
 * printed in one call (scripts/lib/print-statements.ts, ts-morph's layout) —
 * no per-node manipulation, no type checker.
 *
 * Spec text only ever reaches the output inside comments (via `comment()`) or
 * string literals (via JSON.stringify); names come from naming.ts.
 */
import { compare, propertyKey } from "../lib/naming.js";
import { printStatements, type Statement } from "../lib/print-statements.js";
import type { Collected, ModelInfo, OperationInfo, ResourceGroup } from "../lib/records.js";

/** What the emitters need besides the records. */
export interface EmitOptions {
  /** Module specifier of the runtime, relative to the output folder (`../../src/core/index.js`). */
  runtimeImport: string;
  /** Link target of each operation's published docs, or undefined for no link. */
  docsUrl?: (operation: OperationInfo) => string | undefined;
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
  if (operations.length === 0) return printStatements([{ kind: "emptyExport" }]);
  const paged = operations.some((op) => op.paging);
  const statements: Statement[] = [
    {
      kind: "import",
      moduleSpecifier: options.runtimeImport,
      namedImports: [
        "callOperation",
        ...(paged ? ["callPagedOperation"] : []),
        ...["ApiPromise", "Client", "ErrorBodies", "OperationArgs", "OperationMeta", "OperationParams", "SuccessBody"]
          .concat(paged ? ["PagedApiPromise", "PageItem"] : [])
          .sort(compare)
          .map((name) => ({ name, isTypeOnly: true })),
      ],
    },
    { kind: "import", isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: ["paths"] },
  ];
  operations.forEach((op, i) => statements.push(...operationStatements(op, options, i === 0)));
  return printStatements(statements);
}

function operationStatements(op: OperationInfo, options: EmitOptions, first: boolean): Statement[] {
  const T = op.typeName;
  const generic = [{ name: "D", constraint: "string", default: "never" }];
  return [
    (first ? "\n" : "") + metaStatement(op),
    {
      kind: "typeAlias",
      name: `${T}Operation`,
      type: `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]`,
    },
    {
      kind: "typeAlias",
      isExported: true,
      docs: [`Parameters of {@link ${op.name}}, grouped as in the spec: \`{ path, query, header, body }\`.`],
      name: `${T}Params`,
      typeParameters: generic,
      type: `OperationParams<${T}Operation, D>`,
    },
    {
      kind: "typeAlias",
      isExported: true,
      docs: [`Success body of {@link ${op.name}}.`],
      name: `${T}Response`,
      type: `SuccessBody<${T}Operation>`,
    },
    {
      kind: "typeAlias",
      isExported: true,
      docs: [`Documented error bodies of {@link ${op.name}}, by status.`],
      name: `${T}Errors`,
      type: `ErrorBodies<${T}Operation>`,
    },
    {
      kind: "function",
      isExported: true,
      docs: [operationDoc(op, options)],
      name: op.name,
      typeParameters: generic,
      // `params` is optional exactly when nothing in it is required for this client (OperationArgs).
      parameters: [
        { name: "client", type: "Client<paths, D>" },
        { name: "[params, options]", isRestParameter: true, type: `OperationArgs<${T}Params<D>>` },
      ],
      // A paged list operation's promise also iterates its items across pages (x-pagination).
      returnType: op.paging
        ? `PagedApiPromise<${T}Response, ${T}Errors, PageItem<${T}Response, ${JSON.stringify(op.paging.items)}>>`
        : `ApiPromise<${T}Response, ${T}Errors>`,
      statements: [`return ${op.paging ? "callPagedOperation" : "callOperation"}(client, ${op.metaName}, params, options);`],
    },
  ];
}

// Object literals are written as text, already laid out.
function metaStatement(op: OperationInfo): string {
  const responses = op.responses.map(([status, media]) => `${JSON.stringify(status)}: ${JSON.stringify(media)}`);
  const request = op.request
    ? `{ mediaType: ${JSON.stringify(op.request.mediaType)}, required: ${op.request.required} }`
    : "null";
  return [
    `/** Operation record of {@link ${op.name}}: what the runtime needs to send and decode the call. */`,
    `const ${op.metaName} = {`,
    `  operationId: ${JSON.stringify(op.operationId ?? op.name)},`,
    `  method: ${JSON.stringify(op.method)},`,
    `  path: ${JSON.stringify(op.path)},`,
    `  request: ${request},`,
    `  responses: ${responses.length ? `{ ${responses.join(", ")} }` : "{}"},`,
    ...(op.requiredHeaders.length ? [`  requiredHeaders: [${op.requiredHeaders.map((h) => JSON.stringify(h)).join(", ")}],`] : []),
    ...(op.paging ? [`  paging: { ${Object.entries(op.paging).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")} },`] : []),
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
export function emitResources({ resources: tree, operations, servers, oauth2Flows, title }: Collected): string {
  const serversText = [
    "",
    `/** The spec's server URLs, in the spec's order; the first is the client's default base URL. */`,
    `export const servers = [${servers.map((url) => JSON.stringify(url)).join(", ")}] as const;`,
    "",
    `/** The spec's OAuth2 flows by security scheme: token, authorization and refresh URLs (the auth helpers' defaults). */`,
    `export const oauth2Flows = ${objectLiteral(oauth2Flows, "")} as const;`,
  ].join("\n");
  if (operations.length === 0) return printStatements(["export const resources = {} as const;", serversText]);
  return printStatements([
    {
      kind: "import",
      moduleSpecifier: "./operations.js",
      namedImports: operations.map((op) => op.name),
    },
    [
      "",
      `/** Every operation of ${oneLine(title)}, grouped by resource; the API's factory binds them to a client. */`,
      `export const resources = ${groupText(tree, "")} as const;`,
    ].join("\n"),
    serversText,
  ]);
}

function groupText(group: ResourceGroup, indent: string): string {
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [key, child] of [...group.children].sort(([a], [b]) => compare(a, b))) {
    if (child.kind === "group") {
      lines.push(`${inner}${propertyKey(key)}: ${groupText(child, inner)},`);
    } else {
      const op = child.operation;
      const title = op.summary ? `${oneLine(op.summary)} — ` : "";
      const deprecated = op.deprecated ? " @deprecated" : "";
      lines.push(`${inner}/** ${title}\`${op.method.toUpperCase()} ${oneLine(op.path)}\` ({@link ${op.name}}).${deprecated} */`);
      lines.push(`${inner}${propertyKey(key)}: ${op.name},`);
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
  if (models.length === 0) return printStatements([{ kind: "emptyExport" }]);
  return printStatements([
    { kind: "import", isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: ["components"] },
    ...models.map(
      (model, i): Statement => ({
        kind: "typeAlias",
        leadingTrivia: i === 0 ? "\n" : undefined,
        isExported: true,
        docs: [model.description ? comment(model.description) : `The \`${oneLine(model.schemaName)}\` schema.`],
        name: model.name,
        type: `components["schemas"][${JSON.stringify(model.schemaName)}]`,
      }),
    ),
  ]);
}
