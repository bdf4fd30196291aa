/**
 * Maps a request's method and path to an operation of the spec: path templates compiled to
 * regular expressions, concrete paths tried before templated ones (OpenAPI's matching rule),
 * and the servers' base path ("/erp") optional.
 */
import type { OperationInfo, SpecIndex } from "./spec.js";

/** What a request path resolves to. */
export type RouteMatch =
  | { kind: "operation"; operation: OperationInfo; pathParams: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "no-route" };

/** Finds the operation for a method and a (decoded-on-demand) URL path. */
export interface Router {
  match(method: string, pathname: string): RouteMatch;
}

interface Template {
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly literalLength: number;
  readonly byMethod: Map<string, OperationInfo>;
}

/** Compiles the routing table of an indexed spec. */
export function createRouter(index: SpecIndex): Router {
  const templates = new Map<string, Template>();
  for (const op of index.operations) {
    let t = templates.get(op.path);
    if (!t) {
      const names: string[] = [];
      const source = op.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(name);
          return "([^/]+)";
        })
        .join("");
      t = { regex: new RegExp(`^${source}$`), names, literalLength: op.path.replace(/\{[^}]+\}/g, "").length, byMethod: new Map() };
      templates.set(op.path, t);
    }
    t.byMethod.set(op.method, op);
  }
  // More literal characters first: "/customers/me" wins over "/customers/{id}".
  const ordered = [...templates.values()].sort((a, b) => b.literalLength - a.literalLength || a.names.length - b.names.length);

  const basePaths = [...index.basePaths].sort((a, b) => b.length - a.length);

  return {
    match(method, pathname) {
      const candidates = [pathname];
      for (const base of basePaths) {
        if (pathname === base || pathname.startsWith(`${base}/`)) candidates.push(pathname.slice(base.length) || "/");
      }
      let allowed: string[] | undefined;
      for (const candidate of candidates) {
        for (const t of ordered) {
          const m = t.regex.exec(candidate);
          if (!m) continue;
          const op = t.byMethod.get(method.toLowerCase());
          if (op) {
            const pathParams: Record<string, string> = {};
            t.names.forEach((name, i) => {
              pathParams[name] = decodeSegment(m[i + 1] ?? "");
            });
            return { kind: "operation", operation: op, pathParams };
          }
          allowed ??= [...t.byMethod.keys()].map((k) => k.toUpperCase());
        }
      }
      return allowed ? { kind: "method-not-allowed", allowed } : { kind: "no-route" };
    },
  };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // malformed percent-encoding: validated as sent
  }
}
