/**
 * Writes an outcome to the socket: whole, or broken on purpose (connection reset before the
 * answer, closed halfway through the body, or a complete message carrying half a JSON body).
 */
import type { ServerResponse } from "node:http";
import type { Outcome } from "./respond.js";
import { isJsonMedia } from "../internal/decode-body.js";

/** The ways a delivery can be broken after the operation ran. */
export type BrokenDelivery = "resetMidBody" | "truncate";

/** The bytes of an outcome's body (undefined when it has none). */
export function bodyBytes(outcome: Outcome): Buffer | undefined {
  if (outcome.body === undefined || outcome.mediaType === undefined) return undefined;
  const text = isJsonMedia(outcome.mediaType) ? JSON.stringify(outcome.body) : String(outcome.body);
  return Buffer.from(text, "utf8");
}

/** Sends the outcome, or breaks it as `broken` says; resolves once the bytes are handed to the socket. */
export function deliver(res: ServerResponse, outcome: Outcome, broken?: BrokenDelivery): Promise<void> {
  const bytes = bodyBytes(outcome) ?? Buffer.alloc(0);
  const headers: Record<string, string> = { ...outcome.headers };
  if (outcome.mediaType && bytes.length > 0) headers["content-type"] = outcome.mediaType;
  // RFC 9110 §8.6: no Content-Length on 1xx, 204 and 304.
  const framed = (length: number) =>
    outcome.status === 204 || outcome.status === 304 || outcome.status < 200 ? headers : { ...headers, "content-length": String(length) };
  return new Promise((resolve) => {
    if (broken === "truncate") {
      const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
      res.writeHead(outcome.status, framed(cut.length));
      res.end(cut, resolve);
    } else if (broken === "resetMidBody") {
      // Content-Length promises the whole body; the socket closes after half of it.
      res.writeHead(outcome.status, framed(bytes.length));
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
        res.socket?.destroy();
        resolve();
      });
    } else {
      res.writeHead(outcome.status, framed(bytes.length));
      res.end(bytes, resolve);
    }
  });
}

/** Resets the connection (TCP RST) before any byte of the answer. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}
