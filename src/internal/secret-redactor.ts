/**
 * Cutting the secrets a client holds out of what an error keeps: by value, in every form a server
 * may echo them in (raw, percent- or form-encoded, JSON-escaped, base64 as inside a Basic header),
 * not only by header name. The matcher is built once per set of secrets, never per call.
 */

/** Secrets shorter than this are not searched for (cutting out "a" would mangle any text). */
export const MIN_SECRET_LENGTH = 6;
/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

const utf8 = new TextEncoder();

function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

/**
 * The base64 characters that depend on the secret alone, for each of the three offsets it can sit
 * at inside longer encoded text (`base64("client-id:" + secret)` in a Basic header): the characters
 * that mix in a neighbouring byte are left off, so the core matches whatever surrounds it.
 */
function base64Cores(secret: string): string[] {
  const bytes = utf8.encode(secret);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = base64Of(padded);
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/**
 * RFC 6749 appendix B form encoding as OAuth libraries apply it to a Basic header's id and secret:
 * like encodeURIComponent, but `-_.!~*'()` escaped too and a space as `+`.
 */
function oauthFormEncode(secret: string): string {
  return encodeURIComponent(secret).replace(/[-_.!~*'()]|%20/g, (part) =>
    part === "%20" ? "+" : `%${part.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Every form of one secret worth searching for. */
export function secretForms(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const texts = [
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    oauthFormEncode(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  // Base64 of the raw text and of its encoded forms (a Basic header encodes the form-encoded secret).
  const unique = [...new Set(texts)];
  const forms = [...unique, ...unique.flatMap(base64Cores)];
  return forms.filter((text) => text.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Header names whose values are secrets: cut out of errors by value wherever they turn up. */
export const SECRET_HEADER_NAME = /authorization|api[-_]?key|token|secret|cookie|password/i;

/** The values of the secret-looking headers of a header object (empty when there are none). */
export function secretHeaderValues(headers: { readonly [name: string]: unknown } | undefined): string[] {
  const values: string[] = [];
  if (headers === undefined || headers === null) return values;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || value === null || !SECRET_HEADER_NAME.test(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) values.push(String(item));
  }
  return values;
}

/** Header names never kept on an error: they set or carry credentials. */
const DROPPED_HEADERS = new Set(["set-cookie", "set-cookie2"]);

/** Cuts a fixed set of secrets out of text, decoded bodies and headers. */
export class Redactor {
  /** The redactor of no secrets. */
  static readonly none = new Redactor([]);

  readonly #pattern: RegExp | undefined;
  readonly #forms: readonly string[];

  /** Builds the matcher for these secrets (undefined, empty and short ones are skipped). */
  static of(secrets: readonly (string | undefined)[]): Redactor {
    const usable = secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= MIN_SECRET_LENGTH);
    return usable.length === 0 ? Redactor.none : new Redactor(usable);
  }

  private constructor(secrets: readonly string[]) {
    // Longest first, so a secret's longer form wins over a shorter one it contains.
    const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
    this.#forms = forms;
    this.#pattern = forms.length === 0 ? undefined : new RegExp(forms.map(escapeRegExp).join("|"), "g");
  }

  /** The text with every form of every secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    if (this.#pattern === undefined) return text;
    return text.replace(this.#pattern, REDACTED);
  }

  /** True when the text holds no form of any secret (a cheap test before copying a decoded body). */
  isClean(text: string): boolean {
    return this.#forms.every((form) => !text.includes(form));
  }

  /**
   * A decoded body with the secrets cut out of every string (keys too). `raw` is the text it was
   * decoded from: when it holds no secret and no escape that could hide one, the body is returned as is.
   */
  redactBody(body: unknown, raw: string | undefined): unknown {
    if (this.#pattern === undefined) return body;
    if (raw !== undefined && !raw.includes("\\") && this.isClean(raw)) return body;
    return this.#redactValue(body);
  }

  /** A copy with every string redacted; a loop, not recursion, so no nesting depth overflows the stack. */
  #redactValue(root: unknown): unknown {
    const result: { value?: unknown } = {};
    const work: [value: unknown, assign: (copy: unknown) => void][] = [[root, (copy) => (result.value = copy)]];
    while (work.length > 0) {
      const [value, assign] = work.pop()!;
      if (typeof value === "string") {
        assign(this.redact(value));
      } else if (Array.isArray(value)) {
        const copy: unknown[] = new Array(value.length);
        assign(copy);
        value.forEach((item, i) => {
          work.push([item, (inner) => (copy[i] = inner)]);
        });
      } else if (typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
        const copy: Record<string, unknown> = {};
        assign(copy);
        for (const [key, member] of Object.entries(value)) {
          const safeKey = this.redact(key);
          // Defined, not assigned: a "__proto__" key stays a key and never sets a prototype.
          Object.defineProperty(copy, safeKey, { value: undefined, enumerable: true, writable: true, configurable: true });
          work.push([member, (inner) => (copy[safeKey] = inner)]);
        }
      } else {
        assign(value);
      }
    }
    return result.value;
  }

  /** A copy of response headers to keep on an error: no Set-Cookie, secrets cut out of every value. */
  redactHeaders(headers: Headers): Headers {
    const kept = new Headers();
    headers.forEach((value, name) => {
      if (!DROPPED_HEADERS.has(name)) kept.append(name, this.redact(value));
    });
    return kept;
  }
}

/**
 * The redactor of one client: its fixed secrets (static token, secret-looking default headers)
 * plus the ones that change (the access token of a call, the refresh token a provider holds). The
 * last matcher is kept and rebuilt only when one of them changed.
 */
export class RedactorCache {
  readonly #fixed: readonly string[];
  readonly #held: (() => readonly (string | undefined)[]) | undefined;
  #key: string | undefined;
  #last: Redactor = Redactor.none;

  constructor(fixed: readonly string[], held?: () => readonly (string | undefined)[]) {
    this.#fixed = fixed;
    this.#held = held;
  }

  /** The redactor for a call that went out with `token` (and any other secrets that call carried). */
  for(token?: string, extra: readonly string[] = []): Redactor {
    const changing = [token, ...(this.#held?.() ?? []), ...extra];
    const key = changing.map((secret) => secret ?? "").join("\u0000");
    if (key !== this.#key) {
      this.#last = Redactor.of([...this.#fixed, ...changing]);
      this.#key = key;
    }
    return this.#last;
  }
}
