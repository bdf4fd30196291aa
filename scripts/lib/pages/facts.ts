// What a saved page states, as data: a fact names a node of the spec (subject), what about it (key),
// and the value the page gives. Parsers produce facts; check.ts looks them up.

/** Which operation a fact is about. */
export type OperationRef =
  | { page: string } // the operation whose x-doc-page (or x-doc-page-copies) names this page
  | { method: string; path: string }
  | { all: true }; // every operation of the API

export type Subject =
  | { kind: "root" }
  | { kind: "operation"; op: OperationRef }
  | { kind: "parameter"; op: OperationRef; in: string; name: string }
  | { kind: "body"; op: OperationRef; body: "request" | "response"; field?: string }
  | { kind: "model"; model: string; field?: string }
  | { kind: "scheme"; header: string }
  | { kind: "doc-header"; op: OperationRef; in: "request" | "response"; name: string }
  | { kind: "response-header"; op: OperationRef; name: string };

/**
 * How the spec's value must relate to the page's: equal (deep), contains (text, whitespace
 * flattened), prefix (text of a cut copy), has (a list holding the value), in (one of the page's
 * values), subset (every spec value among the page's).
 */
export type Match = "equal" | "contains" | "prefix" | "has" | "in" | "subset";

export interface Fact {
  /** Repo-relative page file, e.g. `openapi/cro-dispatch/pages/cro-get-contact.txt`. */
  page: string;
  line: number;
  /** The fact in words, e.g. `query parameter page_limit: maximum`. */
  what: string;
  subject: Subject;
  /**
   * A dotted path under the subject's node (`schema.maxLength`, `x-doc-constraints`), or a computed
   * value: `$exists`, `$required`, `$types`, `$propertyNames`, `$propertyCount`, `$paramNames.<in>`,
   * `$examples`, `$mediaTypes`, `$security`, `$urls`, `$path`, `$method`, `$allowed`, `$models`,
   * `$strings`, `$exampleValues` (see check.ts).
   */
  key: string;
  expected: unknown;
  match?: Match;
  /** A reference fact also holds when the node records the value in x-reference-value (the page won). */
  fromReference?: boolean;
}

export interface Finding {
  fact: Fact;
  /** `missing`: the spec lacks the node or the value; `differs`: it states another value. */
  status: "missing" | "differs";
  actual?: unknown;
  /** Where the spec writes the node (or its nearest existing parent). */
  source: { file: string; line: number };
}

/** Something a page or reference lists that the specs leave out on purpose: printed, not a finding. */
export interface Note {
  page: string;
  line: number;
  text: string;
}

export interface PageFacts {
  facts: Fact[];
  notes: Note[];
}
