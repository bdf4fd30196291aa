/**
 * Request bodies a hostile client cannot use against the server: reading stops at the size limit
 * (a declared Content-Length past it is not read at all), and a JSON text nested deeper than
 * any API's body is refused before anything recurses into it.
 */
import type { IncomingMessage } from "node:http";

/** The default largest request body, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** JSON nested deeper than this is refused: no documented body comes near it, and recursion over it would overflow the stack. */
export const MAX_JSON_DEPTH = 100;

/** What arrived: the bytes (all of them, or those up to the limit), and whether the limit was passed. */
export interface ReadBody {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/**
 * Reads the body up to `max` bytes. Past it, reading stops and the request is left paused (the
 * server answers 413 and closes the connection); a client that goes away mid-upload leaves what arrived.
 */
export function readBody(req: IncomingMessage, max: number): Promise<ReadBody> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve({ bytes: Buffer.alloc(0), tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (tooLarge: boolean) => {
      if (settled) return;
      settled = true;
      req.off("data", onData).off("end", onEnd).off("error", onEnd).off("close", onEnd);
      if (tooLarge) req.pause();
      resolve({ bytes: Buffer.concat(chunks), tooLarge });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) done(true);
      else chunks.push(chunk);
    };
    const onEnd = () => done(false);
    req.on("data", onData).once("end", onEnd).once("error", onEnd).once("close", onEnd);
  });
}

/** True when the JSON text nests arrays/objects deeper than `max` (one linear scan, strings skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
