/**
 * The records the collect step hands the emitters: one per operation and per component schema,
 * the resource tree, and the spec-wide values (title, servers, OAuth2 flows), every name decided.
 */

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Everything the emitters need to know about one operation. */
export interface OperationInfo {
  /** The wrapper function's name (unique in the API). */
  name: string;
  /** PascalCase stem of the operation's type names (`XxxParams`, `XxxResponse`, …). */
  typeName: string;
  /** Name of the module-private operation record (`xxxMeta`). */
  metaName: string;
  operationId: string | undefined;
  method: HttpMethod;
  path: string;
  /** JSON pointer of the operation in the bundled document. */
  pointer: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  /** The request body's media type (JSON preferred) and whether the body is required; null without a body. */
  request: { mediaType: string; required: boolean } | null;
  /** Documented statuses in order (2xx…5xx, ranges, default) with the media type of each body, null when none. */
  responses: [status: string, mediaType: string | null][];
  /** Header parameters the spec marks required, as named in the spec (sorted). */
  requiredHeaders: string[];
  /** Whether each parameter group (and the body) has a required member. */
  required: { path: boolean; query: boolean; header: boolean; body: boolean };
  /** `x-client-method`: the operation's chosen place in the resource tree (`customers.contacts.create`). */
  clientMethod: string | undefined;
  /** `x-pagination`: how a list operation pages (checked against its query parameters and answer). */
  paging: PagingRule | undefined;
  /** The model (models.ts type name) that is the request body and the success body, when one component schema is exactly that. */
  models: { request: string | undefined; success: string | undefined };
}

/** The paging rule as the runtime's operation record carries it (src/core/operation-types.ts). */
export interface PagingRule {
  pageParam: string;
  sizeParam?: string;
  firstPage: number;
  items: string;
  hasNextPage?: string;
  nextPage?: string;
  totalPages?: string;
}

/** One component schema, exported under a type name. */
export interface ModelInfo {
  name: string;
  schemaName: string;
  description: string | undefined;
}

/** A node of the resource tree: groups hold groups and operations. */
export interface ResourceGroup {
  kind: "group";
  children: Map<string, ResourceGroup | ResourceLeaf>;
}

/** A leaf of the resource tree: one operation under a method name. */
export interface ResourceLeaf {
  kind: "leaf";
  operation: OperationInfo;
}

/** The URLs of every OAuth2 flow, by security scheme and flow name (`{ oauth2: { clientCredentials: { tokenUrl } } }`). */
export type OAuth2Flows = Record<string, Record<string, Record<string, string>>>;

/** Everything the emitters need from one document, in one value. */
export interface Collected {
  /** The API's title (`info.title`, else the job's name). */
  title: string;
  /** Every operation, sorted by function name. */
  operations: OperationInfo[];
  /** Every component schema, sorted by schema name. */
  models: ModelInfo[];
  /** The operations placed in the client's resource tree. */
  resources: ResourceGroup;
  /** `servers[].url`, in the spec's order. */
  servers: string[];
  oauth2Flows: OAuth2Flows;
}
