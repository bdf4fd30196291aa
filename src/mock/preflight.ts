/**
 * Start-up checks, so a spec the server cannot serve faithfully fails at start and not on a
 * request: every schema compiles, and every example (bodies and response headers) matches its
 * schema; the error names each example that does not.
 */
import { MockSpecError } from "./errors.js";
import type { SchemaValidator } from "./schemas.js";
import type { MediaInfo, SpecIndex } from "./spec.js";

/** Throws a MockSpecError for a schema ajv cannot compile or an example that does not match its schema. */
export function assertServable(index: SpecIndex, schemas: SchemaValidator): void {
  for (const op of index.operations) {
    for (const p of op.parameters) if (p.schema) schemas.prepare(p.schema);
    for (const m of op.requestBody?.content ?? []) if (m.schema) schemas.prepare(m.schema);
    for (const r of op.responses) {
      for (const m of r.content) if (m.schema) schemas.prepare(m.schema);
      for (const h of r.headers) if (h.schema) schemas.prepare(h.schema);
    }
  }

  const failures: string[] = [];
  const checkMedia = (label: string, media: readonly MediaInfo[]) => {
    for (const m of media) {
      if (!m.schema) continue;
      for (const [name, value] of m.examples) {
        const problems = schemas.check(m.schema, value);
        if (problems.length) failures.push(`example "${name}" of ${label} (${m.mediaType}): ${describe(problems)}`);
      }
    }
  };
  for (const op of index.operations) {
    if (op.requestBody) checkMedia(`${op.operationId} request body`, op.requestBody.content);
    for (const response of op.responses) {
      checkMedia(`${op.operationId} response ${response.status}`, response.content);
      for (const h of response.headers) {
        if (!h.schema || !h.example) continue;
        const problems = schemas.check(h.schema, h.example.value);
        if (problems.length)
          failures.push(`example of header ${h.name} in ${op.operationId} response ${response.status}: ${describe(problems)}`);
      }
    }
  }
  if (failures.length) throw new MockSpecError(`the spec has examples that do not match their schemas:\n- ${failures.join("\n- ")}`);
}

function describe(problems: readonly { pointer: string; message: string }[]): string {
  return problems.map((p) => `${p.pointer || "(root)"} ${p.message}`).join("; ");
}
