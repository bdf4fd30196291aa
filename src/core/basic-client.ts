/**
 * `createBasicClient`: the smallest client the operations accept. Same checks, typed errors,
 * decoding and redaction as `createClient`, but each call is one request: no retries, no timeout
 * of its own and no token refresh, so an app that does not need them does not bundle them.
 */
import type { Client } from "./client.js";
import { ClientConfigError } from "./errors.js";
import { checkToken } from "../internal/auth-handler.js";
import type { BaseClientOptions } from "./options.js";
import { setUpClient } from "../internal/client-setup.js";
import { ClientObject } from "../internal/client-state.js";
import { BASE_OPTIONS } from "../internal/option-names.js";
import { RedactorCache } from "../internal/secret-redactor.js";
import { sendOnce } from "../internal/send-once.js";

/** Options of `createBasicClient`: base URL, fetch, headers, middleware, name, and a bearer token. */
export interface BasicClientOptions extends BaseClientOptions {
  /** Bearer auth: a static access token, or a (possibly async) function returning one, called before every request (cache inside it). */
  auth?: string | (() => string | Promise<string>);
}

/**
 * Creates a basic client. `D` states which headers `options.headers` sets; the operations then
 * treat those headers as optional. Cancel a call with `options.signal`; for retries, timeouts,
 * OAuth2 token refresh or response validation use `createClient` or an API factory.
 */
export function createBasicClient<Paths extends {}, D extends string = never>(options: BasicClientOptions): Client<Paths, D> {
  if (typeof options !== "object" || options === null) throw new ClientConfigError("createBasicClient needs an options object");
  const auth = options.auth;
  if (auth !== undefined && typeof auth !== "string" && typeof auth !== "function") {
    throw new ClientConfigError("auth must be a token string or a function returning a token (use createClient for a TokenProvider)");
  }
  if (typeof auth === "string") {
    try {
      checkToken(auth, "the auth option");
    } catch (error) {
      throw new ClientConfigError((error as Error).message);
    }
  }
  const setup = setUpClient(
    options,
    [...BASE_OPTIONS, "auth"],
    typeof auth === "string" ? { header: `Bearer ${auth}`, token: auth } : undefined,
  );
  const client = new ClientObject({
    name: options.name ?? "BasicClient",
    baseUrl: setup.baseUrl,
    fetchClient: setup.fetchClient,
    authKind: auth === undefined ? "none" : typeof auth === "string" ? "static bearer token" : "token function",
    defaultHeaderNames: setup.defaultHeaderNames,
    redaction: new RedactorCache(setup.secrets),
    pathSerializer: setup.pathSerializer,
    responseCheck: undefined,
    log: setup.log,
    sendsCredential: auth !== undefined || setup.secrets.length > 0,
    copy: (more) => createBasicClient({ ...options, ...more, headers: { ...options.headers, ...(more as BasicClientOptions).headers } }),
    send: sendOnce(typeof auth === "function" ? auth : undefined),
  });
  return client as unknown as Client<Paths, D>;
}
