/**
 * The fetch wrapper handed to openapi-fetch. It remembers which errors came from fetch itself
 * (network failures, as opposed to middleware or serializer bugs), and keeps a copy of every error
 * response's body: openapi-fetch reads error bodies as text and then JSON.parses them, losing the
 * exact text that decoding and error excerpts need.
 */

const fetchFailures = new WeakSet<object>();
const errorBodies = new WeakMap<Response, Response>();

function keepErrorBody(response: Response): Response {
  // Only non-2xx responses are cloned: the success path stays allocation-free.
  if (!response.ok && response.body !== null) errorBodies.set(response, response.clone());
  return response;
}

function markFetchFailure(error: unknown): never {
  if (typeof error === "object" && error !== null) fetchFailures.add(error);
  throw error;
}

/** Wraps a fetch function (created once per client, not per call). */
export function rememberErrorBodies(
  fetch: (request: Request, init?: RequestInit) => Promise<Response>,
): (request: Request, init?: RequestInit) => Promise<Response> {
  return (request, init) => {
    let pending: Promise<Response>;
    try {
      pending = fetch(request, init);
    } catch (error) {
      // A fetch that throws synchronously failed just the same.
      if (typeof error === "object" && error !== null) fetchFailures.add(error);
      return Promise.reject(error);
    }
    return pending.then(keepErrorBody, markFetchFailure);
  };
}

/**
 * True when the connection failed: fetch itself rejected (DNS, refused, reset, abort…), or undici
 * lost the connection while the body was read, which it reports as TypeError("terminated").
 */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return fetchFailures.has(error) || (error instanceof TypeError && error.message === "terminated");
}

/** The exact body text of an error response, when the wrapper kept a copy; undefined otherwise. */
export async function errorBodyText(response: Response): Promise<string | undefined> {
  const copy = errorBodies.get(response);
  if (copy === undefined) return undefined;
  errorBodies.delete(response);
  return copy.text();
}

/** Releases the kept copy of an error body that will not be read (the call is retried). */
export function discardErrorBody(response: Response): void {
  const copy = errorBodies.get(response);
  if (copy === undefined) return;
  errorBodies.delete(response);
  copy.body?.cancel().catch(() => undefined);
}
