/**
 * The server checks its own answers: a documented status must carry its documented body shape
 * and required headers. A mismatch is recorded as a violation `in: "response"`, never hidden.
 */
import { coerceText } from "./params.js";
import type { Outcome } from "./respond.js";
import type { SchemaValidator } from "./schemas.js";
import type { RequestProblem } from "./validate.js";

/** How `outcome` departs from the response it claims to be; empty for an undocumented status. */
export function conformanceProblems(schemas: SchemaValidator, outcome: Outcome): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const documented = outcome.documented;
  if (!documented) return problems;
  const schema = documented.media?.schema;
  if (schema && outcome.body !== undefined) {
    for (const p of schemas.check(schema, outcome.body)) {
      problems.push({ in: "response", where: p.pointer, message: `response ${outcome.status} body${p.pointer} ${p.message}` });
    }
  }
  for (const h of documented.response.headers) {
    const value = outcome.headers[h.name];
    if (value === undefined) {
      if (h.required)
        problems.push({ in: "response", where: h.name, message: `response ${outcome.status} lacks required header ${h.name}` });
    } else if (h.schema) {
      // Header values are text on the wire; compare them as the type their schema names.
      for (const p of schemas.check(h.schema, coerceText(h.schema.schema, value))) {
        problems.push({ in: "response", where: h.name, message: `response header ${h.name} ${p.message}` });
      }
    }
  }
  return problems;
}
