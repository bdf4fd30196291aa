/**
 * A loopback redirect receiver for command-line and desktop apps (RFC 8252 §7.3): listens on
 * 127.0.0.1, takes exactly one callback on its path, answers the browser with a short page, and
 * closes. Node only, hence its own entry (`vendor-api-clients/loopback`).
 *
 * ```ts
 * const receiver = await receiveRedirect({ path: "/callback" });
 * const flow = croAuthorizationCode({ clientId, redirectUri: receiver.redirectUri });
 * const request = await flow.start();
 * openBrowser(request.url);
 * const tokens = await flow.finish(await receiver.callback, request);
 * ```
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ClientConfigError, SignInError } from "../core/errors.js";

/** Options of {@link receiveRedirect}. */
export interface ReceiveRedirectOptions {
  /** Port on 127.0.0.1 (default 0: any free port; register a fixed one if your server requires it). */
  port?: number;
  /** The callback path (default "/callback"). Requests to other paths get a 404 and are ignored. */
  path?: string;
  /** Give up after this many ms (default 300 000); the callback promise rejects with a SignInError (reason "timeout"). */
  timeoutMs?: number;
  /** Stops waiting; the callback promise rejects with a SignInError (reason "aborted"). */
  signal?: AbortSignal;
  /** The page shown in the browser after the callback (plain text; default: "Signed in. You can close this window."). */
  message?: string;
}

/** A listening receiver. */
export interface RedirectReceiver {
  /** The redirect URI to register and pass to the flow, e.g. `http://127.0.0.1:53682/callback`. */
  readonly redirectUri: string;
  /** Resolves with the full callback URL once the browser arrives; the server is closed by then. */
  readonly callback: Promise<URL>;
  /** Stops listening early (the callback promise rejects with a SignInError, reason "aborted"). */
  close(): Promise<void>;
}

/** Starts listening on 127.0.0.1 for one authorization callback. */
export async function receiveRedirect(options: ReceiveRedirectOptions = {}): Promise<RedirectReceiver> {
  const path = options.path ?? "/callback";
  if (typeof path !== "string" || !path.startsWith("/"))
    throw new ClientConfigError(`path must start with "/", got ${JSON.stringify(path)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ClientConfigError(`port must be an integer 0..65535, got ${String(port)}`);
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!(timeoutMs > 0) || timeoutMs >= 2 ** 31) throw new ClientConfigError("timeoutMs must be a positive number below 2^31");
  const message = options.message ?? "Signed in. You can close this window.";

  let settle!: { resolve: (url: URL) => void; reject: (error: Error) => void };
  const callback = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  callback.catch(() => {}); // A caller that never awaits must not see an unhandled rejection.

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://127.0.0.1`);
    if (request.method !== "GET" || url.pathname !== path) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" }).end(message);
    finish(() => settle.resolve(new URL(`${redirectUri}${url.search}`)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new ClientConfigError(`Could not listen on 127.0.0.1:${port} for the sign-in callback (${error.code ?? error.message})`)),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  let done = false;
  const timer = setTimeout(
    () => finish(() => settle.reject(new SignInError(`No sign-in callback arrived at ${redirectUri} within ${timeoutMs} ms`, "timeout"))),
    timeoutMs,
  );
  const onAbort = () =>
    finish(() => settle.reject(new SignInError(`Stopped waiting for the sign-in callback at ${redirectUri}`, "aborted")));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  function finish(outcome: () => void): Promise<void> {
    if (done) return closed;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    outcome();
    closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    return closed;
  }
  let closed: Promise<void> = Promise.resolve();

  return {
    redirectUri,
    callback,
    close: () => finish(() => settle.reject(new SignInError(`Stopped waiting for the sign-in callback at ${redirectUri}`, "aborted"))),
  };
}
