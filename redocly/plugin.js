// House lint rules for the transcribed specs. Loaded by redocly.yaml (`plugins:`),
// referenced there as `house/<rule>`. Every rule takes options from redocly.yaml;
// the defaults below are what the house uses.
import fs from "node:fs";
import path from "node:path";

/** operationId must match `pattern` (default: camelCase, ASCII letters and digits). */
function OperationIdCase(opts) {
  const pattern = new RegExp(opts.pattern ?? "^[a-z][a-zA-Z0-9]*$");
  return {
    Operation(op, { report, location }) {
      if (typeof op.operationId !== "string") return; // operation-operationId reports absence
      if (!pattern.test(op.operationId)) {
        report({
          message: `operationId "${op.operationId}" is not camelCase (must match ${pattern}).`,
          location: location.child(["operationId"]),
        });
      }
    },
  };
}

/** Every operation has at least `min` tags (default 1). */
function OperationTagged(opts) {
  const min = opts.min ?? 1;
  return {
    Operation(op, { report, location }) {
      const count = Array.isArray(op.tags) ? op.tags.length : 0;
      if (count < min) {
        report({
          message: `Operation must have at least ${min} tag(s); it has ${count}.`,
          location: op.tags ? location.child(["tags"]) : location.key(),
        });
      }
    },
  };
}

/**
 * Every operation records where it was transcribed from: `x-doc-page` naming a saved page in the
 * API's `pagesDir` folder (the nearest folder of that name above the operation's file), or
 * `x-source` with one of `sources`.
 */
function OperationSource(opts) {
  const pageKey = opts.pageExtension ?? "x-doc-page";
  const sourceKey = opts.sourceExtension ?? "x-source";
  const sources = opts.sources ?? ["reference"];
  const pagesDir = opts.pagesDir;
  const pagesFolderOf = (file) => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, pagesDir);
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) return undefined;
    }
  };
  return {
    Operation(op, { report, location }) {
      const page = op[pageKey];
      const source = op[sourceKey];
      if (page === undefined && source === undefined) {
        report({
          message: `Operation must record its source: \`${pageKey}\` (the doc page it was transcribed from) or \`${sourceKey}\` (one of: ${sources.join(", ")}).`,
          location: location.key(),
        });
        return;
      }
      if (page !== undefined) {
        if (typeof page !== "string" || page.trim() === "") {
          report({ message: `\`${pageKey}\` must be a page file name.`, location: location.child([pageKey]) });
        } else if (pagesDir) {
          const folder = pagesFolderOf(location.source.absoluteRef);
          if (!folder || !fs.existsSync(path.join(folder, page))) {
            report({
              message: `\`${pageKey}\` names "${page}", which is not a saved page in ${folder ? path.relative(process.cwd(), folder) : `a ${pagesDir}/ folder of this API`}.`,
              location: location.child([pageKey]),
            });
          }
        }
      }
      if (source !== undefined && !sources.includes(source)) {
        report({
          message: `\`${sourceKey}\` must be one of: ${sources.join(", ")}; got ${JSON.stringify(source)}.`,
          location: location.child([sourceKey]),
        });
      }
    },
  };
}

/** Every schema property has a non-empty description (next to a `$ref`, too). */
function PropertyDescription() {
  return {
    Schema(schema, { report, location }) {
      if (!schema || typeof schema.properties !== "object" || schema.properties === null) return;
      for (const [name, prop] of Object.entries(schema.properties)) {
        const d = prop && typeof prop === "object" ? prop.description : undefined;
        if (typeof d !== "string" || d.trim() === "") {
          report({
            message: `Property "${name}" has no description.`,
            location: location.child(["properties", name]).key(),
          });
        }
      }
    },
  };
}

/** Every parameter has an `example` (or `examples`). */
function ParameterExample() {
  return {
    Parameter(param, { report, location }) {
      if (param.example === undefined && param.examples === undefined && param.schema?.example === undefined) {
        report({ message: `Parameter "${param.name}" has no example.`, location: location.key() });
      }
    },
  };
}

/** Every request and response body (media type with a schema) has `example` or `examples`. */
function MediaTypeExample() {
  return {
    MediaType(mt, { report, location }) {
      if (mt.schema && mt.example === undefined && mt.examples === undefined) {
        report({ message: "Body has a schema but no example.", location: location.key() });
      }
    },
  };
}

/**
 * Examples must be realistic: no placeholder strings such as `<string>` copied from a page's
 * sample (`placeholder` option: regex).
 */
function NoPlaceholderExamples(opts) {
  const placeholder = new RegExp(opts.placeholder ?? "^<[^<>]*>$");
  const check = (value, report, loc) => {
    if (typeof value === "string" && placeholder.test(value)) {
      report({ message: `Example value "${value}" is a placeholder, not a realistic example.`, location: loc });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        check(v, report, loc.child([i]));
      });
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) check(v, report, loc.child([k]));
    }
  };
  return {
    Schema(schema, { report, location }) {
      if (schema && "example" in schema) check(schema.example, report, location.child(["example"]));
    },
    Example(ex, { report, location }) {
      if (ex && "value" in ex) check(ex.value, report, location.child(["value"]));
    },
    Parameter(p, { report, location }) {
      if ("example" in p) check(p.example, report, location.child(["example"]));
    },
  };
}

export default function housePlugin() {
  return {
    id: "house",
    rules: {
      oas3: {
        "operation-id-camel-case": OperationIdCase,
        "operation-tagged": OperationTagged,
        "operation-source": OperationSource,
        "property-description": PropertyDescription,
        "parameter-example": ParameterExample,
        "media-type-example": MediaTypeExample,
        "no-placeholder-examples": NoPlaceholderExamples,
      },
    },
  };
}
