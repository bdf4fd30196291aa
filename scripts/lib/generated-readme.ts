/** What generated/ holds besides one folder per API: its README, written by the generator. */

/** The files the pipeline writes for one API; nothing else may sit in an output folder it replaces. */
export const API_FILES = ["models.ts", "openapi.json", "operations.ts", "resources.ts", "types.ts"];

/** generated/README.md, exactly. */
export const GENERATED_README = `# generated/ — do not edit

Every file here is written by \`npm run generate\` from the specs under \`openapi/\`.
Change the spec (or the script under \`scripts/\`), then regenerate. CI fails when
this folder differs from what the specs produce (\`npm run generate -- --check\`).

Per API: \`openapi.json\` (the bundled spec), \`types.ts\` (openapi-typescript),
\`operations.ts\` (one wrapper per operation), \`resources.ts\` (the wrappers grouped
for the factories), \`models.ts\` (one type per component schema).
`;
