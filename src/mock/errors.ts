/**
 * The two ways a mock server refuses to start: a spec it cannot serve, or options it cannot honour.
 * Both carry a message that names what is wrong and where; neither ever quotes a secret.
 */

/** The spec cannot be served as documented (unknown API, invalid example, unknown security scheme). */
export class MockSpecError extends Error {
  override readonly name = "MockSpecError";
}

/** An option passed to `createMockServer` or the CLI is out of range or malformed. */
export class MockConfigError extends Error {
  override readonly name = "MockConfigError";
}
