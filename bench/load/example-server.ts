/**
 * The healthy server of the load benchmark: one node:http server per API on 127.0.0.1, each
 * answering every operation with its documented success status and the spec's first example (no
 * validation, no state), so the server costs little and the client's cost shows. Run as a child
 * process by bench/load/run.ts, it prints `{ "<api>": "<url>" }` as one JSON line and serves until
 * its stdin closes.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { deref } from "../../scripts/lib/json-pointer.js";

const APIS = ["jtl-erp-v1", "jtl-erp-v2", "cro-dispatch"] as const;
const METHODS = ["get", "put", "post", "delete", "patch"];

type Json = Record<string, any>;

/** A prebuilt answer for one operation. */
interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** Routes of one API, from generated/<api>/openapi.json. */
function routesOf(api: string): Route[] {
  const doc = JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.json`, import.meta.url), "utf8")) as Json;
  const routes: Route[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const status = Object.keys(op.responses)
        .filter((s) => /^2\d\d$/.test(s))
        .sort()[0];
      if (status === undefined) throw new Error(`${api} ${op.operationId}: no 2xx response`);
      const response = deref<Json>(doc, op.responses[status]) as Json;
      const headers: Record<string, string> = {};
      for (const [name, raw] of Object.entries<any>(response.headers ?? {})) {
        const header = deref<Json>(doc, raw) as Json;
        const example = header.example ?? deref<Json>(doc, Object.values<any>(header.examples ?? {})[0])?.value;
        if (example !== undefined) headers[name] = String(example);
      }
      const media = response.content?.["application/json"] as Json | undefined;
      let body: string | undefined;
      if (media && status !== "204") {
        const example = media.example ?? deref<Json>(doc, Object.values<any>(media.examples ?? {})[0])?.value;
        if (example === undefined) throw new Error(`${api} ${op.operationId}: the ${status} answer has no example`);
        body = JSON.stringify(example);
        headers["content-type"] = "application/json";
      }
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      routes.push({ method: method.toUpperCase(), pattern, status: Number(status), headers, body });
    }
  }
  return routes;
}

async function serve(api: string): Promise<{ url: string; server: http.Server }> {
  const routes = routesOf(api);
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0]!;
    const route = routes.find((r) => r.method === request.method && r.pattern.test(path));
    // Drain the request body before answering, as a real server would.
    request.resume();
    request.on("end", () => {
      if (!route) {
        response.writeHead(404, { "content-type": "application/problem+json" });
        response.end(JSON.stringify({ title: "Not Found", status: 404 }));
        return;
      }
      const headers =
        route.body === undefined ? route.headers : { ...route.headers, "content-length": String(Buffer.byteLength(route.body)) };
      response.writeHead(route.status, headers);
      response.end(route.body);
    });
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const started = await Promise.all(APIS.map(serve));
process.stdout.write(`${JSON.stringify(Object.fromEntries(APIS.map((api, i) => [api, started[i]!.url])))}\n`);
// The parent closes our stdin when it is done (or dies): then close and exit.
process.stdin.resume();
process.stdin.on("end", () => {
  for (const { server } of started) server.closeAllConnections();
  Promise.all(started.map(({ server }) => new Promise((resolve) => server.close(resolve)))).then(() => process.exit(0));
});
