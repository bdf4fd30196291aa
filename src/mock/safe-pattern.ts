/**
 * Applies a spec's regular expressions in time linear in the input: a pattern such as `^(a+)+$`
 * backtracks exponentially in JavaScript's engine, and a request carrying a long value would
 * stop the whole server. Patterns are compiled to a Thompson NFA and run as a set of states, so
 * each input character is looked at once per state. What is matched per character (a literal,
 * `.`, a class, `\d`, `\p{L}`) is still decided by JavaScript's engine, on that one character
 * only, so the meaning of a pattern is JavaScript's. Lookarounds and backreferences cannot be run
 * this way; such a pattern is refused when the server starts.
 */

/** Thrown for a pattern the linear matcher cannot apply (the message says why). */
export class UnsafePatternError extends Error {
  override readonly name = "UnsafePatternError";
}

/** A compiled pattern; `test` searches like RegExp.prototype.test (no `g`/`y` state). */
export interface SafePattern {
  test(input: string): boolean;
  readonly source: string;
  readonly flags: string;
  toString(): string;
}

/** Largest compiled program: counted repeats (`(x{1,100}){1,100}`) are expanded, and this stops that growing without end. */
const MAX_PROGRAM = 20_000;

type Node =
  | { kind: "char"; test: (ch: string) => boolean }
  | { kind: "assert"; at: "start" | "end" | "word" | "notWord" }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "repeat"; node: Node; min: number; max: number }; // max Infinity for * + {n,}

type Instr =
  | { op: "char"; test: (ch: string) => boolean }
  | { op: "assert"; at: "start" | "end" | "word" | "notWord" }
  | { op: "split"; a: number; b: number }
  | { op: "jump"; to: number }
  | { op: "match" };

/** Compiles `source` with `flags` (only "u" and "i" are honoured); throws SyntaxError or UnsafePatternError. */
export function compileSafePattern(source: string, flags = "u"): SafePattern {
  const unknown = flags.replace(/[iu]/g, "");
  if (unknown) throw new UnsafePatternError(`pattern /${source}/: flag "${unknown}" is not supported by the mock's linear matcher`);
  new RegExp(source, flags); // JavaScript's own syntax check, so the parser below only sees valid patterns
  const unicode = flags.includes("u");
  const program = emit(new Parser(source, flags).parse());
  return {
    source,
    flags,
    test: (input) => run(program, unicode ? Array.from(input) : input.split("")),
    toString: () => `/${source}/${flags}`,
  };
}

/**
 * ajv's `code.regExp` hook: every `pattern` and `patternProperties` of a schema goes through the
 * linear matcher. (`code` names it for ajv's standalone code, which the mock does not emit.)
 */
export const safeRegExpEngine = Object.assign((pattern: string, u: string): SafePattern => compileSafePattern(pattern, u), {
  code: "safeRegExpEngine",
});

class Parser {
  private i = 0;
  private readonly unicode: boolean;
  private readonly cache = new Map<string, (ch: string) => boolean>();

  constructor(
    private readonly src: string,
    private readonly flags: string,
  ) {
    this.unicode = flags.includes("u");
  }

  parse(): Node {
    const node = this.disjunction();
    if (this.i < this.src.length) throw new UnsafePatternError(`pattern /${this.src}/: unexpected "${this.src[this.i]}" at ${this.i}`);
    return node;
  }

  private unsupported(what: string): never {
    throw new UnsafePatternError(`pattern /${this.src}/ uses ${what}, which the mock cannot apply in linear time`);
  }

  private disjunction(): Node {
    const options = [this.alternative()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.alternative());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.term());
    return { kind: "seq", items };
  }

  private term(): Node {
    const c = this.src[this.i]!;
    if (c === "^" || c === "$") {
      this.i++;
      return { kind: "assert", at: c === "^" ? "start" : "end" };
    }
    if (c === "\\" && (this.src[this.i + 1] === "b" || this.src[this.i + 1] === "B")) {
      this.i += 2;
      return { kind: "assert", at: this.src[this.i - 1] === "b" ? "word" : "notWord" };
    }
    return this.quantified(this.atom());
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    if (c === "(") return this.group();
    if (c === "[") return this.charNode(this.classSource());
    if (c === "\\") return this.charNode(this.escapeSource());
    const ch = this.unicode ? String.fromCodePoint(this.src.codePointAt(this.i)!) : c;
    this.i += ch.length;
    return this.charNode(ch === "." ? "." : ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"));
  }

  private group(): Node {
    this.i++; // (
    if (
      this.src.startsWith("?=", this.i) ||
      this.src.startsWith("?!", this.i) ||
      this.src.startsWith("?<=", this.i) ||
      this.src.startsWith("?<!", this.i)
    ) {
      this.unsupported("a lookaround");
    }
    if (this.src.startsWith("?:", this.i)) this.i += 2;
    else if (this.src.startsWith("?<", this.i)) this.i = this.src.indexOf(">", this.i) + 1; // named group: its name does not matter here
    const inner = this.disjunction();
    if (this.src[this.i] !== ")") throw new UnsafePatternError(`pattern /${this.src}/: unclosed group`);
    this.i++;
    return inner;
  }

  /** The source of a character class `[...]`, escapes included. */
  private classSource(): string {
    const start = this.i;
    this.i++; // [
    if (this.src[this.i] === "^") this.i++;
    while (this.i < this.src.length && this.src[this.i] !== "]") this.i += this.src[this.i] === "\\" ? 2 : 1;
    this.i++; // ]
    return this.src.slice(start, this.i);
  }

  /** The source of one escape (`\d`, `\x41`, `\u{1F600}`, `\p{L}`, `\.`); backreferences are refused. */
  private escapeSource(): string {
    const start = this.i;
    const next = this.src[this.i + 1] ?? "";
    if (/[1-9]/.test(next) || (next === "k" && (this.unicode || this.src.includes("(?<")))) this.unsupported("a backreference");
    if (next === "x" && /^[0-9a-f]{2}$/i.test(this.src.slice(this.i + 2, this.i + 4))) this.i += 4;
    else if (next === "c") this.i += 3;
    else if (next === "u" && this.unicode && this.src[this.i + 2] === "{") this.i = this.src.indexOf("}", this.i) + 1;
    else if (next === "u" && /^[0-9a-f]{4}$/i.test(this.src.slice(this.i + 2, this.i + 6))) {
      this.i += 6;
      // Under u, a surrogate pair written as two \u escapes is one character.
      const high = /^[dD][89abAB]/.test(this.src.slice(start + 2));
      if (this.unicode && high && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/.test(this.src.slice(this.i, this.i + 6))) this.i += 6;
    } else if ((next === "p" || next === "P") && this.unicode) this.i = this.src.indexOf("}", this.i) + 1;
    else this.i += 2;
    return this.src.slice(start, this.i);
  }

  /** A one-character test decided by JavaScript's engine on that character alone (constant time per call). */
  private charNode(atomSource: string): Node {
    let test = this.cache.get(atomSource);
    if (!test) {
      const regex = new RegExp(`^(?:${atomSource})$`, this.flags);
      test = (ch: string) => regex.test(ch);
      this.cache.set(atomSource, test);
    }
    return { kind: "char", test };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node; // Annex B: a brace that is not a quantifier is a literal (the syntax check allowed it)
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return node;
    if (this.src[this.i] === "?") this.i++; // lazy or greedy: the same strings match
    return { kind: "repeat", node, min, max };
  }
}

/** Emits the NFA program of a node (Thompson's construction); counted repeats are unrolled. */
function emit(root: Node): Instr[] {
  const program: Instr[] = [];
  const push = (instr: Instr): number => {
    if (program.length >= MAX_PROGRAM)
      throw new UnsafePatternError(`the pattern expands to more than ${MAX_PROGRAM} states (counted repeats)`);
    program.push(instr);
    return program.length - 1;
  };
  const gen = (node: Node): void => {
    switch (node.kind) {
      case "char":
        push({ op: "char", test: node.test });
        return;
      case "assert":
        push({ op: "assert", at: node.at });
        return;
      case "seq":
        node.items.forEach(gen);
        return;
      case "alt": {
        const jumps: number[] = [];
        node.options.forEach((option, k) => {
          if (k < node.options.length - 1) {
            const split = push({ op: "split", a: 0, b: 0 });
            program[split] = { op: "split", a: split + 1, b: 0 };
            gen(option);
            jumps.push(push({ op: "jump", to: 0 }));
            (program[split] as { b: number }).b = program.length;
          } else gen(option);
        });
        for (const j of jumps) (program[j] as { to: number }).to = program.length;
        return;
      }
      case "repeat": {
        for (let k = 0; k < node.min; k++) gen(node.node);
        if (node.max === Infinity) {
          const split = push({ op: "split", a: 0, b: 0 });
          gen(node.node);
          push({ op: "jump", to: split });
          program[split] = { op: "split", a: split + 1, b: program.length };
        } else {
          const splits: number[] = [];
          for (let k = node.min; k < node.max; k++) {
            splits.push(push({ op: "split", a: 0, b: 0 }));
            gen(node.node);
          }
          for (const s of splits) program[s] = { op: "split", a: s + 1, b: program.length };
        }
        return;
      }
    }
  };
  gen(root);
  push({ op: "match" });
  return program;
}

const WORD = /^[A-Za-z0-9_]$/;

/** Runs the program over the characters as a set of states (unanchored search, like RegExp#test). */
function run(program: readonly Instr[], chars: readonly string[]): boolean {
  const seen = new Uint32Array(program.length); // generation marks: a state enters a set once per step
  let generation = 0;
  const isWord = (at: number) => at >= 0 && at < chars.length && WORD.test(chars[at]!);

  /** Adds `pc` and every state reachable from it without reading a character; true when one is the match. */
  const add = (list: number[], start: number, pos: number): boolean => {
    const stack = [start];
    while (stack.length) {
      const pc = stack.pop()!;
      if (seen[pc] === generation) continue;
      seen[pc] = generation;
      const instr = program[pc]!;
      switch (instr.op) {
        case "match":
          return true;
        case "jump":
          stack.push(instr.to);
          break;
        case "split":
          stack.push(instr.b, instr.a);
          break;
        case "assert": {
          const ok =
            instr.at === "start"
              ? pos === 0
              : instr.at === "end"
                ? pos === chars.length
                : (isWord(pos - 1) !== isWord(pos)) === (instr.at === "word");
          if (ok) stack.push(pc + 1);
          break;
        }
        case "char":
          list.push(pc);
          break;
      }
    }
    return false;
  };

  let threads: number[] = []; // states to resume at `pos`, each just past the character it read
  for (let pos = 0; ; pos++) {
    generation++;
    const states: number[] = [];
    for (const pc of threads) if (add(states, pc, pos)) return true;
    if (add(states, 0, pos)) return true; // a match may also start here
    if (pos === chars.length) return false;
    const ch = chars[pos]!;
    threads = [];
    for (const pc of states) if ((program[pc] as { test: (ch: string) => boolean }).test(ch)) threads.push(pc + 1);
  }
}
