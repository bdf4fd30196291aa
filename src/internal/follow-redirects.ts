/**
 * Redirects, followed by the client itself rather than by fetch: fetch would carry every header
 * but `Authorization` to another origin (an API key among them) and would follow https → http.
 * Requests go out with `redirect: "manual"`; a redirect within the same origin (scheme, host and
 * port) is followed up to MAX_REDIRECTS hops with the same headers; one to another origin is not
 * followed at all, so the caller gets the 3xx answer and nothing the client set leaves its origin.
 */

/** Same-origin hops followed before the last 3xx answer is handed back as it is. */
export const MAX_REDIRECTS = 5;

type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * The request for the next hop, as fetch would make it (303, and 301/302 after a POST, become a GET
 * without body), or undefined when the hop would need the request body again: it was sent as a
 * stream and cannot be replayed, so the 3xx answer is handed back instead.
 */
function nextRequest(request: Request, status: number, target: URL): Request | undefined {
  const toGet = (status === 303 && request.method !== "HEAD") || ((status === 301 || status === 302) && request.method === "POST");
  if (!toGet && request.body !== null) return undefined;
  const headers = new Headers(request.headers);
  if (toGet) {
    for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) headers.delete(name);
  }
  return new Request(target, { method: toGet ? "GET" : request.method, headers, redirect: "manual" });
}

/** Wraps a fetch so that it follows same-origin redirects only (created once per client). */
export function followSameOriginRedirects(fetch: Fetch): Fetch {
  return async (request, init) => {
    // A middleware may hand over a Request of its own, made with the default "follow".
    let current = request.redirect === "manual" ? request : new Request(request, { redirect: "manual" });
    let response = await fetch(current, init);
    for (let hops = 0; isRedirect(response.status) && hops < MAX_REDIRECTS; hops++) {
      const location = response.headers.get("location");
      if (location === null) break;
      let target: URL;
      try {
        target = new URL(location, current.url);
      } catch {
        break;
      }
      if (target.origin !== new URL(current.url).origin) break;
      const next = nextRequest(current, response.status, target);
      if (next === undefined) break;
      await response.body?.cancel().catch(() => undefined);
      current = next;
      response = await fetch(current, init);
    }
    return response;
  };
}
