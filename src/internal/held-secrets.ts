/**
 * The key under which a token provider from the OAuth2 helpers hands its client the secrets it
 * holds (client secret, current refresh token), so the client can cut them out of its errors too.
 * A module-private symbol: never serialised, never shown by inspect, unknown to other code.
 */
export const HELD_SECRETS: unique symbol = Symbol("held secrets") as never;

/** Something that can list the secrets it holds right now. */
export interface HoldsSecrets {
  [HELD_SECRETS](): readonly (string | undefined)[];
}

/** The provider's held-secrets function, when it has one. */
export function heldSecretsOf(value: unknown): (() => readonly (string | undefined)[]) | undefined {
  if (typeof value !== "object" || value === null || !(HELD_SECRETS in value)) return undefined;
  const held = (value as HoldsSecrets)[HELD_SECRETS];
  return typeof held === "function" ? () => held.call(value) : undefined;
}
