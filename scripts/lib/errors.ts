/**
 * The one error type every pipeline step throws: it says which step failed, in
 * which file, where (line:col or JSON pointer), and what. The driver prints it
 * in one line, never as a stack trace (unless --verbose).
 */
import path from "node:path";

export class PipelineError extends Error {
  override name = "PipelineError";

  constructor(
    /** The step that failed: load, lint, bundle, types, collect, emit, format, write. */
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

/** 1-based `line:col` of a character offset. */
export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `${line}:${col}`;
}
