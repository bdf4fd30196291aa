/**
 * The one error type every pipeline step throws: it says which step failed, in
 * which file, where (line:col or JSON pointer), and what. The driver prints it
 * in one line, never as a stack trace (unless --verbose).
 */
import path from "node:path";

export class PipelineError extends Error {
  override name = "PipelineError";

  constructor(
    /** The step that failed: load, lint, bundle, types, collect, emit, write. */
    readonly step: string,
    message: string,
    /** The file the problem is in, as given or relative to the working directory. */
    readonly file?: string,
    /** `line:col` in the file, or a JSON pointer (`#/paths/~1users/get`). */
    readonly where?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `step: file:where: message`, the form every failure is printed in. */
  format(): string {
    const file = this.file && path.isAbsolute(this.file) ? path.relative(process.cwd(), this.file) || this.file : this.file;
    const place = [file, this.where].filter(Boolean).join(this.where?.startsWith("#") ? " at " : ":");
    return `${this.step} failed${place ? ` in ${place}` : ""}: ${this.message}`;
  }
}

/** Encodes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A JSON pointer from segments: `["paths", "/users", "get"]` → `#/paths/~1users/get`. */
export function pointer(segments: readonly (string | number)[]): string {
  return `#/${segments.map(pointerSegment).join("/")}`;
}
