/**
 * `callOperation`: what every generated wrapper calls. Checks the arguments, then hands the call to
 * its client's `send`: one attempt for a basic client, retries, timeouts and token refresh for
 * `createClient`. Kept small on purpose: an app that calls one operation bundles this, not the
 * retry machinery, unless its client brings it.
 */
import { ApiPromise, type CallOutcome } from "./api-promise.js";
import type { Client } from "./client.js";
import type { OperationMeta } from "./operation-types.js";
import { checkCall } from "../internal/check-call.js";
import { ClientObject, type RequestParams } from "../internal/client-state.js";
import type { CallOptions } from "./options.js";
import { planOf } from "../internal/operation-plan.js";

export type { CallOptions } from "./options.js";

/**
 * Sends one operation. Generated wrappers call it with their operation record; the type
 * parameters come from the wrapper's return type.
 */
export function callOperation<Data, Errors>(
  client: Client<any>,
  meta: OperationMeta,
  params?: object,
  options?: CallOptions,
): ApiPromise<Data, Errors> {
  return new ApiPromise<Data, Errors>(startCall(client, meta, params, options));
}

/** Checks and sends one call; the outcome promise an `ApiPromise` wraps. */
export async function startCall(
  client: unknown,
  meta: OperationMeta,
  params: object | undefined,
  options: CallOptions | undefined,
): Promise<CallOutcome> {
  const state = ClientObject.stateOf(client);
  const plan = planOf(meta);
  const request = (params ?? {}) as RequestParams;
  checkCall(state, plan, request, options);
  return state.send(state, plan, request, options);
}
