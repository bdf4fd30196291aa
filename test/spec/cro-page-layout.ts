// Parser for the saved CRO doc pages in both of the site's layouts: page 004's (`name Type, Flag`
// on one line, `•` bullets, blank lines) and the compact one (name and `Type, Flag` on two lines,
// `-` bullets). Copies may be cut off; the field a copy ends in is marked `cut`.

export interface CroField {
  name: string;
  /** "String", "Integer", "Boolean" or "Array[Model]", as printed. */
  docType: string;
  /** `undefined` when the page prints no flag (page 004's response fields, a cut copy). */
  required: boolean | undefined;
  description?: string;
  constraints: string[];
  defaultValue?: string;
  /** The copy ends inside this field. */
  cut: boolean;
}

export interface CroPage {
  lines: string[];
  title: string;
  method?: string;
  path?: string;
  description?: string;
  roles: string[];
  noBreakingChanges: boolean;
  /** "Refer to X for more details." names. */
  models: string[];
  section(start: string): CroField[];
  has(line: string): boolean;
  /** JSON blocks printed on the page (request/response samples, model templates); `undefined` for a cut one. */
  jsonBlocks: (unknown | undefined)[];
  /** `Name: value` lines of the recorded sample response. */
  sampleResponseHeaders: Record<string, string>;
}

const FIELD = /^(\S+) (String|Integer|Boolean|Array\[\w+\])(?:, (Required|Optional))?$/;
const TYPE_LINE = /^(String|Integer|Boolean|Array\[\w+\])(?:, (Required|Optional))?$/;
const SECTIONS = ["Path Parameters", "Query Parameters", "Request Headers", "Request Body", "Response", "Response Headers", "Response Body", "Code Samples", "Fields", "Examples", "Breaking Changes", "Request"];

/** Lines trimmed, blank ones dropped, bullets as `• text`, a compact `name` + `Type, Flag` pair joined. */
function normalise(text: string): string[] {
  const raw = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    const next = raw[i + 1] ?? "";
    if (/^[\w-]+$/.test(l) && TYPE_LINE.test(next)) {
      out.push(`${l} ${next}`);
      i++;
    } else if (/^[-•] /.test(l)) out.push(`• ${l.slice(2).trim()}`);
    else out.push(l);
  }
  return out;
}

function jsonBlocks(text: string): (unknown | undefined)[] {
  const lines = text.split("\n").map((l) => l.trim());
  const blocks: (unknown | undefined)[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "{") continue;
    let depth = 0;
    let end = -1;
    for (let k = i; k < lines.length && end < 0; k++) {
      for (const ch of lines[k]!.replace(/"(?:[^"\\]|\\.)*"/g, "")) {
        if (ch === "{" || ch === "[") depth++;
        if (ch === "}" || ch === "]") depth--;
      }
      if (depth === 0) end = k;
    }
    if (end < 0) {
      blocks.push(undefined);
      break;
    }
    blocks.push(JSON.parse(lines.slice(i, end + 1).join("\n")));
    i = end;
  }
  return blocks;
}

export function parseCroPage(text: string): CroPage {
  const lines = normalise(text).filter((l) => !l.startsWith("Source:") && !l.startsWith("Saved from a stored copy") && l !== "Skip to main content");
  const title = lines[0]!;
  let method: string | undefined;
  let path: string | undefined;
  const m = /^(GET|POST|PUT|PATCH|DELETE)(?: (\S+))?$/.exec(lines[1] ?? "");
  let at = 2;
  if (m) {
    method = m[1];
    path = m[2] ?? lines[at++];
  }
  const description = m ? lines[at] : lines[1];
  const rolesAt = lines.findIndex((l) => l.startsWith("Users with the following roles"));
  const roles = rolesAt < 0 ? [] : lines.slice(rolesAt + 1, lines.findIndex((l, i) => i > rolesAt && SECTIONS.includes(l)));
  const breakingAt = lines.indexOf("Breaking Changes");
  const section = (start: string): CroField[] => {
    const from = lines.indexOf(start);
    if (from < 0) return [];
    const rest = lines.slice(from + 1);
    const to = rest.findIndex((l) => SECTIONS.includes(l));
    const body = to < 0 ? rest : rest.slice(0, to);
    const reachesEnd = to < 0;
    return body.flatMap((l, i) => {
      const f = FIELD.exec(l);
      if (!f) return [];
      const after = body.slice(i + 1);
      const next = after.findIndex((x) => FIELD.test(x));
      const own = next < 0 ? after : after.slice(0, next);
      const cut = reachesEnd && next < 0;
      const constraints = own.filter((x) => x.startsWith("• ")).map((x) => x.slice(2));
      const defaultValue = own.find((x) => x.startsWith("Default Value: "))?.slice("Default Value: ".length);
      const description = own.find((x) => !x.startsWith("• ") && !x.startsWith("Default Value") && !x.startsWith("One of the following"));
      return [{ name: f[1]!, docType: f[2]!, required: f[3] === undefined ? undefined : f[3] === "Required", description, constraints, defaultValue, cut }];
    });
  };
  const sampleResponseHeaders: Record<string, string> = {};
  for (const l of lines) {
    const h = /^(Access-Control-[\w-]+|Allow|Content-Length|Date|Server|X-API-VERSION|X-REQUEST-ID): (.*)$/.exec(l);
    if (h) sampleResponseHeaders[h[1]!] = h[2]!;
  }
  return {
    lines,
    title,
    method,
    path,
    description,
    roles,
    noBreakingChanges: breakingAt >= 0 && lines[breakingAt + 1] === "No breaking changes.",
    models: [...text.matchAll(/Refer to (\w+) for more details/g)].map((x) => x[1]!),
    section,
    has: (line) => lines.includes(line),
    jsonBlocks: jsonBlocks(text),
    sampleResponseHeaders,
  };
}

/** The page's type word as JSON Schema types. */
export function schemaTypeOf(docType: string): string {
  if (docType.startsWith("Array[")) return "array";
  return ({ String: "string", Integer: "integer", Boolean: "boolean" } as Record<string, string>)[docType]!;
}

/** The limits a constraint bullet states, as JSON Schema keywords. */
export function limitsOf(constraint: string): Record<string, number> {
  const range = /^At least (\d+)(?: and no more than|\s*characters, not more than) (\d+)/.exec(constraint);
  if (range) return { minLength: Number(range[1]), maxLength: Number(range[2]) };
  const le = /^Less than or equal to (\d+)\.$/.exec(constraint);
  if (le) return { maximum: Number(le[1]) };
  const ge = /^Greater than or equal to (\d+)\.$/.exec(constraint);
  if (ge) return { minimum: Number(ge[1]) };
  const long = /^No longer than (\d+) characters\.$/.exec(constraint);
  if (long) return { maxLength: Number(long[1]) };
  return {};
}
