// Shared helpers for the mock server tests: start a server for an API, call an operation by id
// with real HTTP (global fetch, loopback), and check every answer against the spec with an ajv
// instance of our own, independent of the server's code.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";
import { pointerSegment as escapePointer, resolvePointer } from "../../scripts/lib/json-pointer.js";
import { createMockServer, type MockServer, type MockServerOptions } from "../../src/mock/index.js";
import type { Api } from "../spec/helpers.js";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const TENANT = "3f0b6a0e-8d5c-4c1e-9a57-2b1f6f4d9c21";
export const CUSTOMER_UUID = "b45f6432-2462-4c6f-b00f-1d9d01000000";
/** A JWT-shaped token (uppercase letters, three dot-separated parts), as CRO's IdP issues. */
export const CRO_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJKb2huIn0.Xk4Q_bW-3cZ9";

/** A valid set of required headers and credentials per API. */
export const VALID_HEADERS: Record<Api, Record<string, string>> = {
  "jtl-erp-v1": {
    authorization: "Bearer v1-secret-token",
    "x-api-key": "v1-secret-key",
    "x-tenant-id": TENANT,
    "x-appid": "MockTest/1.0",
    "x-appversion": "1.0.0",
  },
  "jtl-erp-v2": { authorization: "Bearer v2-secret-token", "x-tenant-id": TENANT },
  "cro-dispatch": { authorization: `Bearer ${CRO_TOKEN}`, "x-tenant-id": "1207" },
};

const specs = new Map<Api, Promise<any>>();

/** The bundled spec the server ships with (generated/<api>/openapi.json), or a fresh bundle before generation. */
export function specOf(api: Api): Promise<any> {
  let spec = specs.get(api);
  if (!spec) {
    const file = path.join(ROOT, "generated", api, "openapi.json");
    // Before `npm run generate` has run, bundle from openapi/ (redocly is loaded only then).
    spec = existsSync(file)
      ? Promise.resolve(JSON.parse(readFileSync(file, "utf8")))
      : import("../spec/helpers.js").then((h) => h.bundleApi(api));
    specs.set(api, spec);
  }
  return spec.then((s) => structuredClone(s));
}

/** The answer of one call, decoded. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: any;
}

/** A started server plus helpers bound to its spec. */
export interface MockApi {
  server: MockServer;
  doc: any;
  /** Calls an operation by id; throws if a documented answer does not match the spec (own ajv). */
  call(operationId: string, init?: CallInit): Promise<Answer>;
  /** Raw fetch against the server; the answer is checked like `call`'s against `template`'s operation (or as unrouted). */
  fetch(path: string, init?: RequestInit, template?: string): Promise<Answer>;
}

/** What to send with `call`. */
export interface CallInit {
  path?: Record<string, string | number>;
  query?: Record<string, string | number>;
  /** Replaces the valid default headers entirely when `replaceHeaders` is true, else merged over them. */
  headers?: Record<string, string>;
  replaceHeaders?: boolean;
  /** Header names to drop from the valid defaults. */
  omit?: string[];
  /** Sent as JSON (with content-type application/json) unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  signal?: AbortSignal;
}

/** Starts a mock server for `api` on 127.0.0.1, port 0. */
export async function mockApi(api: Api, options: Omit<MockServerOptions, "api" | "spec"> & { spec?: object } = {}): Promise<MockApi> {
  const doc = options.spec ?? (await specOf(api));
  const server = await createMockServer({ ...options, spec: doc });
  const check = answerChecker(doc);
  const ops = operationsOf(doc);

  const request = async (method: string, url: string, init: RequestInit, template: string | undefined): Promise<Answer> => {
    const res = await fetch(url, { ...init, method });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const answer = { status: res.status, headers: res.headers, text, json };
    check(method.toLowerCase(), template, answer);
    return answer;
  };

  return {
    server,
    doc,
    async call(operationId, init = {}) {
      const op = ops.get(operationId);
      if (!op) throw new Error(`no operation ${operationId}`);
      const pathText = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(init.path?.[name] ?? "")));
      const query = new URLSearchParams(Object.entries(init.query ?? {}).map(([k, v]) => [k, String(v)]));
      const url = `${server.url}${pathText}${query.size ? `?${query}` : ""}`;
      const headers: Record<string, string> = init.replaceHeaders ? { ...init.headers } : { ...VALID_HEADERS[api], ...init.headers };
      for (const name of init.omit ?? []) delete headers[name];
      let body: string | undefined = init.rawBody;
      if (body === undefined && init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      return request(op.method, url, { headers, body, signal: init.signal ?? null }, op.path);
    },
    fetch(p, init = {}, template) {
      return request(init.method ?? "GET", `${server.url}${p}`, init, template);
    },
  };
}

function operationsOf(doc: any): Map<string, { method: string; path: string }> {
  const ops = new Map<string, { method: string; path: string }>();
  for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (op && typeof op === "object" && typeof op.operationId === "string")
        ops.set(op.operationId, { method: method.toUpperCase(), path: p });
    }
  }
  return ops;
}

const uriPointer = (pointer: string) => pointer.split("/").map(encodeURIComponent).join("/");

/**
 * An independent check of every answer: a documented status must carry its documented body shape
 * (and required headers); an undocumented one must be problem+json (or the injected HTML page).
 */
export function answerChecker(doc: any): (method: string, template: string | undefined, answer: Answer) => void {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const addFormats: (a: Ajv2020) => unknown = (formatsPlugin as any).default ?? formatsPlugin;
  addFormats(ajv);
  ajv.addFormat("decimal", { type: "number", validate: () => true });
  ajv.addSchema(doc, "doc");
  const deref = (node: any, pointer: string): [any, string] => {
    while (node?.$ref) {
      pointer = node.$ref.slice(1);
      node = resolvePointer(doc, node.$ref);
    }
    return [node, pointer];
  };
  return (method, template, answer) => {
    const where = `${method.toUpperCase()} ${template ?? "(unrouted)"} → ${answer.status}`;
    const op = template ? doc.paths[template]?.[method] : undefined;
    // An exact status first, then its range (2XX), then default, as OpenAPI resolves them.
    const statusKey = [String(answer.status), `${String(answer.status)[0]}XX`, "default"].find((key) => op?.responses?.[key] !== undefined);
    const raw = statusKey === undefined ? undefined : op.responses[statusKey];
    if (!raw) {
      const type = answer.headers.get("content-type") ?? "";
      if (answer.text && !/^(application\/problem\+json|text\/html)/.test(type))
        throw new Error(`${where}: undocumented status with ${type} body`);
      return;
    }
    const base = `/paths/${escapePointer(template!)}/${method}/responses/${statusKey}`;
    const [response, pointer] = deref(raw, base);
    for (const [name, h] of Object.entries<any>(response.headers ?? {})) {
      const [header] = deref(h, "");
      if (header.required && answer.headers.get(name) === null) throw new Error(`${where}: required header ${name} missing`);
    }
    const media = response.content?.["application/json"];
    if (!media) {
      if (answer.text) throw new Error(`${where}: documented without a body, but one was sent`);
      return;
    }
    const validate =
      ajv.getSchema(`doc#${uriPointer(`${pointer}/content/application~1json/schema`)}`) ??
      ajv.compile({ $ref: `doc#${uriPointer(`${pointer}/content/application~1json/schema`)}` });
    if (!validate(answer.json))
      throw new Error(`${where}: body does not match its schema: ${ajv.errorsText(validate.errors)}\n${answer.text}`);
  };
}

/** Polls (one loop turn at a time, up to `ms`) until `predicate` holds. */
export async function eventually(predicate: () => boolean, ms = 1000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}
