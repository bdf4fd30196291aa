/**
 * Which header each factory option sets, read from the factory's own table (the
 * `*_HEADER_OPTIONS` export of src/<api>/index.ts, from which the factory's types and runtime
 * derive), so the docs never restate the mapping by hand.
 */
import { pathToFileURL } from "node:url";

/** One header the factory sets from a named option. */
export interface NamedHeader {
  header: string;
  option: string;
  /** What the client sends when the option is left out. */
  defaultValue: string | undefined;
}

/** An API's factory: its exported name and the headers its options set. */
export interface FactoryInfo {
  name: string;
  headers: NamedHeader[];
}

/** Reads the factory of `file` (an API's src/<api>/index.ts); throws naming the file when its exports are not recognised. */
export async function readFactory(file: string): Promise<FactoryInfo> {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const fail = (what: string): never => {
    throw new Error(`${file}: cannot read the factory's option → header table: ${what}`);
  };
  const factories = Object.keys(module).filter((name) => /^create\w+Client$/.test(name) && typeof module[name] === "function");
  if (factories.length !== 1) fail(`expected one exported create…Client function, found ${factories.length}`);
  const tables = Object.keys(module).filter((name) => /_HEADER_OPTIONS$/.test(name));
  if (tables.length !== 1) fail(`expected one exported …_HEADER_OPTIONS table, found ${tables.length}`);
  const table = module[tables[0]!];
  if (typeof table !== "object" || table === null) return fail(`${tables[0]} is not an object`);

  const headers = Object.entries(table as Record<string, unknown>).map(([option, entry]): NamedHeader => {
    const { header, default: defaultValue } = (entry ?? {}) as { header?: unknown; default?: unknown };
    if (typeof header !== "string") fail(`${tables[0]}.${option} has no header name`);
    if (defaultValue !== undefined && typeof defaultValue !== "string") fail(`${tables[0]}.${option}.default is not a string`);
    return { header: header as string, option, defaultValue: defaultValue as string | undefined };
  });
  return { name: factories[0]!, headers };
}
