/**
 * Identifier rules for generated code. Names come from specs written by
 * strangers (operationIds with spaces, dots, dashes, leading digits, reserved
 * words), so every name is rebuilt from its words and checked; nothing from a
 * spec reaches the output as code except through these functions or
 * JSON.stringify.
 */

/** Words of JavaScript and TypeScript that cannot (or should not) name a value or type. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN " +
    "Infinity globalThis any boolean never number object string symbol unknown bigint"
  ).split(" "),
);

const WORD = /[\p{L}\p{Nd}]+/gu;

/** The words of a name: split on anything that is not a letter or digit, and on lower→upper humps. */
export function words(text: string): string[] {
  const parts = text.normalize("NFC").match(WORD) ?? [];
  return parts.flatMap((part) => part.split(/(?<=[\p{Ll}\p{Nd}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `get users/{id}` → `getUsersId`; `HTTPStatus` → `httpStatus`; empty when `text` has no letters or digits. */
export function camelCase(text: string): string {
  const [first = "", ...rest] = words(text);
  const head = /^\p{Lu}+$/u.test(first) ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  return head + rest.map(capitalize).join("");
}

/** `createCustomerContact` → `CreateCustomerContact`. */
export function pascalCase(text: string): string {
  return capitalize(camelCase(text));
}

/**
 * A safe value or function name from `text`: camelCased, prefixed when it starts
 * with a digit (`2fa` → `op2fa`), suffixed with `_` when reserved (`delete` → `delete_`).
 * Returns "" when `text` has no letters or digits.
 */
export function safeCamel(text: string, digitPrefix = "op"): string {
  let name = camelCase(text);
  if (name === "") return "";
  if (/^\p{Nd}/u.test(name)) name = digitPrefix + capitalize(name);
  return RESERVED.has(name) ? `${name}_` : name;
}

/** A safe type name from `text`: PascalCased, prefixed with `T` when it starts with a digit. */
export function safePascal(text: string): string {
  const name = pascalCase(text);
  if (name === "") return "";
  return /^\p{Nd}/u.test(name) ? `T${name}` : name;
}

/** A property key as written in an object literal or type: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[\p{L}$_][\p{L}\p{Nd}$_]*$/u.test(name) ? name : JSON.stringify(name);
}

/**
 * Hands out names in one namespace, deterministically: the first claim of a
 * name wins; later claims get the lowest free numeric suffix (`getUser2`).
 * A claim takes a group of names derived from one base (a function and its
 * types), all or none.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** True when `name` is already handed out or reserved. */
  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Claims `derive(base)` (or `derive(base + n)` for the lowest free n ≥ 2); returns the base used. */
  claim(base: string, derive: (base: string) => string[] = (b) => [b]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      const names = derive(candidate);
      if (names.every((name) => !this.taken.has(name)) && new Set(names).size === names.length) {
        for (const name of names) this.taken.add(name);
        return candidate;
      }
    }
  }
}

/** Code-point order, independent of locale: the same input sorts the same everywhere. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
