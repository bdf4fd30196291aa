/**
 * How a client authenticates: a static bearer token, a function that returns one, or a
 * `TokenProvider` (what the OAuth2 helpers return) that can also drop a token the API refused.
 * The types live with the other option types in ./options.ts.
 */
export type { Auth, TokenProvider } from "./options.js";
