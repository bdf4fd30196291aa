/**
 * The fetch wrapper handed to openapi-fetch. It remembers which errors came from fetch itself
 * (network failures, as opposed to middleware or serializer bugs), holds every response to the
 * client's body size limit, and reads each error response's body once, as text: openapi-fetch
 * reads error bodies and JSON.parses them, losing the exact text that decoding and excerpts need,
 * and keeping a clone beside it would hold the body twice.
 */

const fetchFailures = new WeakSet<object>();
const errorBodies = new WeakMap<Response, string>();

/** A response body was larger than the client's `maxResponseBytes`; the call maps it to a ResponseTooLargeError. */
export class BodyTooLarge extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly limit: number,
  ) {
    super(`the response body is larger than ${limit} bytes`);
  }
}

/** Statuses whose Response may not be given a body. */
function isNullBodyStatus(status: number): boolean {
  return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
}

/** A Response with another body and everything else (status, headers, url) of the original. */
function withBody(original: Response, body: BodyInit | null): Response {
  const copy = new Response(isNullBodyStatus(original.status) ? null : body, {
    status: original.status,
    statusText: original.statusText,
    headers: original.headers,
  });
  // The Response constructor cannot set url; callers read it from `.withResponse()`.
  Object.defineProperty(copy, "url", { value: original.url });
  return copy;
}

/** The body as text, failing (and cancelling the rest) once it passes `limit` bytes; 0 = no limit. */
async function readText(response: Response, limit: number): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (limit > 0 && bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(response.status, response.headers, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** A body stream that errors with BodyTooLarge once more than `limit` bytes went through it. */
function limitedStream(response: Response, limit: number): ReadableStream<Uint8Array> {
  let bytes = 0;
  return (response.body as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(new BodyTooLarge(response.status, response.headers, limit));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * The response with its body held to `limit` bytes (a larger declared length fails at once, an
 * undeclared one as it streams), for readers other than the API client's (the token helpers).
 */
export async function limitBody(response: Response, limit: number): Promise<Response> {
  if (response.body === null) return response;
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await response.body.cancel().catch(() => undefined);
    throw new BodyTooLarge(response.status, response.headers, limit);
  }
  return lengthIsFinal(response, declared) ? response : withBody(response, limitedStream(response, limit));
}

/**
 * True when Content-Length is the size fetch will deliver: not when the body is compressed (fetch
 * decompresses it, and a small compressed body can unpack to gigabytes).
 */
function lengthIsFinal(response: Response, declared: string | null): boolean {
  if (declared === null) return false;
  const encoding = response.headers.get("content-encoding");
  return encoding === null || encoding.trim().toLowerCase() === "identity";
}

async function settleBody(response: Response, limit: number): Promise<Response> {
  if (response.body === null) return response;
  const declared = response.headers.get("content-length");
  if (limit > 0 && declared !== null && Number(declared) > limit) {
    await response.body.cancel().catch(() => undefined);
    throw new BodyTooLarge(response.status, response.headers, limit);
  }
  if (!response.ok) {
    const text = await readText(response, limit);
    const copy = withBody(response, text === "" ? null : text);
    errorBodies.set(copy, text);
    return copy;
  }
  // With a Content-Length within the limit, fetch itself stops at it: only an undeclared (or compressed) length is counted.
  if (limit > 0 && !lengthIsFinal(response, declared)) return withBody(response, limitedStream(response, limit));
  return response;
}

function markFetchFailure(error: unknown): never {
  if (typeof error === "object" && error !== null) fetchFailures.add(error);
  throw error;
}

/** Wraps a fetch function (created once per client, not per call); `maxResponseBytes` 0 means no limit. */
export function wrapFetch(
  fetch: (request: Request, init?: RequestInit) => Promise<Response>,
  maxResponseBytes: number,
): (request: Request, init?: RequestInit) => Promise<Response> {
  const settled = (response: Response) => settleBody(response, maxResponseBytes);
  return (request, init) => {
    let pending: Promise<Response>;
    try {
      pending = fetch(request, init);
    } catch (error) {
      // A fetch that throws synchronously failed just the same.
      if (typeof error === "object" && error !== null) fetchFailures.add(error);
      return Promise.reject(error);
    }
    return pending.then(settled, markFetchFailure);
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

/** The exact body text of an error response, as the wrapper read it; undefined when it did not. */
export function errorBodyText(response: Response): string | undefined {
  const text = errorBodies.get(response);
  errorBodies.delete(response);
  return text;
}

/** Forgets the text of an error body that will not be read (the call is retried). */
export function discardErrorBody(response: Response): void {
  errorBodies.delete(response);
}
