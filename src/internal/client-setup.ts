/**
 * What every kind of client does with its options before it can send anything: check the base
 * URL, headers and fetch, collect the values to keep out of error messages, and build the
 * openapi-fetch instance with a path serializer that encodes each parameter as one segment.
 */
import createFetchClient, { type Client as FetchClient } from "openapi-fetch";
import type { BaseClientOptions } from "../core/options.js";
import { ClientConfigError } from "../core/errors.js";
import { logSink, type LogSink } from "./call-log.js";
import { unknownOption } from "./option-names.js";
import { followSameOriginRedirects } from "./follow-redirects.js";
import { serializeQuery } from "./query-serializer.js";
import { checkHeaders, createPathSerializer } from "./request-checks.js";
import { secretHeaderValues } from "./secret-redactor.js";
import { wrapFetch } from "./transport.js";
import { USER_AGENT } from "./version.js";

/** The default `maxResponseBytes`: far above any page this API serves, far below what exhausts memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A checked client set-up, before the kind of client adds its own behaviour. */
export interface ClientSetup {
  readonly baseUrl: string;
  /** The caller's fetch wrapped by `wrapFetch` (body limit, error bodies) and `followSameOriginRedirects`. */
  readonly fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  readonly fetchClient: FetchClient<any>;
  readonly pathSerializer: (pathname: string, pathParams: Record<string, unknown>) => string;
  readonly defaultHeaderNames: ReadonlySet<string>;
  readonly secrets: readonly string[];
  /** The `logger`/`logLevel` sink, undefined when logging is off. */
  readonly log: LogSink | undefined;
}

function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string" || baseUrl === "") throw new ClientConfigError("baseUrl must be a non-empty string");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ClientConfigError("baseUrl must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ClientConfigError(`baseUrl must use http or https, got ${url.protocol}`);
  // Never echo it: a URL with userinfo carries a password.
  if (url.username || url.password) throw new ClientConfigError("baseUrl must not contain credentials; use the auth option");
  if (url.search || url.hash) throw new ClientConfigError("baseUrl must not have a query or fragment");
  return baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl;
}

/**
 * Checks the shared options and builds the openapi-fetch instance. `staticAuth` is a static bearer
 * token's header and token, sent as a default header and redacted from excerpts.
 */
export function setUpClient(
  options: BaseClientOptions,
  known: readonly string[],
  staticAuth?: { header: string; token: string },
): ClientSetup {
  const unknown = unknownOption(options, known, "option");
  if (unknown !== undefined) throw new ClientConfigError(unknown);
  const baseUrl = checkBaseUrl(options.baseUrl);
  try {
    checkHeaders(undefined, "default", options.headers);
  } catch (error) {
    throw new ClientConfigError((error as Error).message);
  }
  const headers: Record<string, unknown> = {};
  for (const name in options.headers) {
    const value = options.headers[name];
    if (value === undefined || value === null) continue;
    headers[name] = value;
  }
  const secrets = secretHeaderValues(options.headers);
  if (staticAuth !== undefined) {
    headers["authorization"] = staticAuth.header;
    secrets.push(staticAuth.token);
  }
  const defaultHeaderNames = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  // Browsers drop user-agent, and any other header of ours would make every request a CORS preflight.
  if (!defaultHeaderNames.has("user-agent") && typeof (globalThis as { document?: unknown }).document === "undefined") {
    headers["user-agent"] = USER_AGENT;
  }
  const baseFetch = options.fetch ?? globalThis.fetch;
  if (typeof baseFetch !== "function") throw new ClientConfigError("fetch must be a function (no global fetch found)");
  const pathSerializer = createPathSerializer();
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxResponseBytes !== "number" || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 0) {
    throw new ClientConfigError("maxResponseBytes must be a non-negative integer (0 turns the limit off)");
  }
  const fetch = wrapFetch(followSameOriginRedirects(baseFetch), maxResponseBytes);
  // redirect "manual": fetch would follow a redirect to another origin with the client's headers.
  const fetchClient = createFetchClient<any>({
    baseUrl,
    fetch,
    headers: headers as Record<string, string>,
    pathSerializer,
    querySerializer: serializeQuery,
    redirect: "manual",
  });
  if (options.middleware !== undefined) {
    if (!Array.isArray(options.middleware)) throw new ClientConfigError("middleware must be an array");
    fetchClient.use(...options.middleware);
  }
  return {
    baseUrl,
    fetch,
    fetchClient,
    pathSerializer,
    defaultHeaderNames,
    secrets,
    log: logSink(options.logger, options.logLevel),
  };
}
