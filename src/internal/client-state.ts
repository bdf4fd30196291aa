/**
 * The runtime object behind every `Client`: its configuration lives in a private field, so no
 * inspect option (not even showHidden) can print a credential, and `callOperation` reads it back
 * with a brand check.
 */
import type { Client as FetchClient } from "openapi-fetch";
import type { CallOutcome } from "../core/api-promise.js";
import type { CallOptions, HeaderRecord, ResponseCheck } from "../core/options.js";
import { ClientConfigError } from "../core/errors.js";
import type { LogSink } from "./call-log.js";
import { INSPECT } from "./inspect.js";
import type { OperationPlan } from "./operation-plan.js";
import type { RedactorCache } from "./secret-redactor.js";

export type { ResponseCheck };

/** The params object of an operation, as the runtime reads it. */
export interface RequestParams {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly header?: HeaderRecord;
  readonly body?: unknown;
}

/** What openapi-fetch resolves a request with. */
export interface FetchResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Sends one request of the plan through openapi-fetch's entry named for its method (`GET`,
 * `POST`, …): its generic `request()` upper-cases the method and copies `init` again on every call.
 */
export function sendRequest(state: ClientState, plan: OperationPlan, init: object): Promise<FetchResult> {
  return (state.fetchClient[plan.method] as (path: string, init: object) => Promise<FetchResult>)(plan.meta.path, init);
}

/** A checked request and what the client does with it: one attempt, or attempts with retries, timeouts and token refresh. */
export type Send = (
  state: ClientState,
  plan: OperationPlan,
  params: RequestParams,
  options: CallOptions | undefined,
) => Promise<CallOutcome>;

/** Everything a call needs from its client. */
export interface ClientState {
  /** Shown by toString/inspect, e.g. "JtlErpV2Client". */
  readonly name: string;
  readonly baseUrl: string;
  readonly fetchClient: FetchClient<any>;
  /** What kind of auth the client uses, for inspect output (no secrets). */
  readonly authKind: string;
  /** Lower-cased names of the headers the client sends on every request. */
  readonly defaultHeaderNames: ReadonlySet<string>;
  /** Cuts the client's secrets (static token, secret-looking default headers, a provider's held secrets) out of errors. */
  readonly redaction: RedactorCache;
  readonly pathSerializer: (pathname: string, pathParams: Record<string, unknown>) => string;
  /** Loads the compiled response checker on first use; undefined when validation is off. */
  readonly responseCheck: (() => Promise<ResponseCheck>) | undefined;
  /** Sends a call whose arguments passed the checks. */
  readonly send: Send;
  /** Writes the client's log lines; undefined when logging is off. */
  readonly log: LogSink | undefined;
  /** True when the client sends a credential of its own (auth, or a secret-looking default header such as x-api-key). */
  readonly sendsCredential: boolean;
  /** A client like this one with some options replaced (`withOptions`). */
  readonly copy: (options: object) => object;
}

/** The object every factory returns (before resources are attached). */
export class ClientObject {
  readonly #state: ClientState;

  constructor(state: ClientState) {
    this.#state = state;
  }

  /** The state of a client, or a clear error for anything that is not one. */
  static stateOf(client: unknown): ClientState {
    if (typeof client === "object" && client !== null && #state in client) return (client as ClientObject).#state;
    throw new ClientConfigError(
      "The first argument must be a client from createClient(), createBasicClient() or an API factory such as createJtlErpV2Client()",
    );
  }

  /**
   * A copy of this client with some options replaced: the same auth (token provider and its token
   * cache included) unless `auth` is among them; headers are merged over the current ones.
   */
  withOptions(options: object): object {
    return this.#state.copy(options);
  }

  /** `[JtlErpV2Client https://api.jtl-cloud.com/erp]`. */
  toString(): string {
    return `[${this.#state.name} ${this.#state.baseUrl}]`;
  }

  /** Base URL, default header names (never values) and the kind of auth. */
  toJSON(): { name: string; baseUrl: string; defaultHeaders: string[]; auth: string } {
    return {
      name: this.#state.name,
      baseUrl: this.#state.baseUrl,
      defaultHeaders: [...this.#state.defaultHeaderNames],
      auth: this.#state.authKind,
    };
  }

  [INSPECT](): string {
    const { name, baseUrl, defaultHeaders, auth } = this.toJSON();
    return `${name} { baseUrl: ${JSON.stringify(baseUrl)}, defaultHeaders: [${defaultHeaders.join(", ")}], auth: ${auth} }`;
  }
}
