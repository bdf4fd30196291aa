/** A loopback HTTP server for runtime tests: records every request and answers with a handler. */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  /** The raw request target, exactly as it arrived on the wire. */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (request: SeenRequest, response: http.ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Number of sockets the server saw close (a timed-out request must close its socket). */
  readonly closedSockets: () => number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let closed = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res, requests.length - 1)).catch((error: unknown) => {
        res.destroy(error as Error);
      });
    });
  });
  server.on("connection", (socket) => socket.on("close", () => closed++));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    closedSockets: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON body. */
export function json(response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Answers with a raw body and content type. */
export function raw(
  response: http.ServerResponse,
  status: number,
  contentType: string | undefined,
  body: string,
  headers: http.OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, { ...(contentType ? { "content-type": contentType } : {}), ...headers });
  response.end(body);
}
