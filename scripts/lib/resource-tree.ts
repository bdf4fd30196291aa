/**
 * Places every operation in the resource tree the factories expose
 * (`erp.customers.contacts.create`). The group is the path's static segments
 * (leading version segment dropped); the method follows the HTTP method
 * (GET item → get, GET collection → list, POST → create, PATCH → update,
 * PUT → replace, DELETE → delete). `x-client-method` overrides the place.
 * A place two operations want, or a method name that is also a group, falls
 * back to the operation's function name, so nothing is ever dropped.
 */
import { camelCase, compare, NameRegistry } from "./naming.js";
import type { OperationInfo, ResourceGroup } from "./records.js";

const VERBS: Record<string, { item: string; collection: string }> = {
  get: { item: "get", collection: "list" },
  post: { item: "create", collection: "create" },
  patch: { item: "update", collection: "update" },
  put: { item: "replace", collection: "replace" },
  delete: { item: "delete", collection: "delete" },
};

/** The place an operation asks for: groups, then the method name. */
export function desiredPlace(operation: OperationInfo): string[] {
  if (operation.clientMethod) {
    const parts = operation.clientMethod.split(".").map((part) => camelCase(part));
    if (parts.length > 0 && parts.every(Boolean)) return parts;
  }
  const lastSegment = operation.path.split("/").filter(Boolean).pop() ?? "";
  const verbs = VERBS[operation.method];
  const verb = verbs ? (lastSegment.includes("{") ? verbs.item : verbs.collection) : operation.method;
  return [...resourceGroups(operation.path), verb];
}

/** Builds the tree for `operations` (already uniquely named). */
export function buildResourceTree(operations: readonly OperationInfo[]): ResourceGroup {
  const places = operations.map((operation) => ({ operation, place: desiredPlace(operation) }));
  const key = (parts: string[]) => parts.join("\u0000");

  const wanted = new Map<string, number>();
  const groupPaths = new Set<string>();
  for (const { place } of places) {
    wanted.set(key(place), (wanted.get(key(place)) ?? 0) + 1);
    for (let i = 1; i < place.length; i++) groupPaths.add(key(place.slice(0, i)));
  }

  const root: ResourceGroup = { kind: "group", children: new Map() };
  const groupAt = (parts: string[]): ResourceGroup => {
    let node = root;
    for (const part of parts) {
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = { kind: "group", children: new Map() }));
      node = child as ResourceGroup;
    }
    return node;
  };
  for (const { place } of places) groupAt(place.slice(0, -1));

  const fallbacks: typeof places = [];
  for (const entry of places) {
    const k = key(entry.place);
    if (wanted.get(k) === 1 && !groupPaths.has(k)) {
      groupAt(entry.place.slice(0, -1)).children.set(entry.place.at(-1)!, { kind: "leaf", operation: entry.operation });
    } else {
      fallbacks.push(entry);
    }
  }

  // Clashing operations keep their group and are named after their function instead.
  fallbacks.sort((a, b) => compare(a.operation.name, b.operation.name));
  const registries = new Map<ResourceGroup, NameRegistry>();
  for (const { operation, place } of fallbacks) {
    const group = groupAt(place.slice(0, -1));
    let registry = registries.get(group);
    if (!registry) registries.set(group, (registry = new NameRegistry(group.children.keys())));
    group.children.set(registry.claim(operation.name), { kind: "leaf", operation });
  }
  return root;
}

/** The resource group of a path: its static segments, camelCased, without a leading version segment. */
export function resourceGroups(path: string): string[] {
  const statics = path
    .split("/")
    .filter((segment) => segment !== "" && !segment.includes("{"))
    .map((segment) => camelCase(segment))
    .filter(Boolean);
  const firstSegment = path.split("/").filter(Boolean)[0] ?? "";
  if (/^v\d+(\.\d+)*$/i.test(firstSegment) && statics[0] === camelCase(firstSegment)) statics.shift();
  return statics;
}
