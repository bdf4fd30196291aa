/**
 * The embedded mock API (`vendor-api-clients/mock`): a loopback server driven by a bundled
 * OpenAPI document, for tests, demos, and trying a client without vendor credentials.
 */
export { createMockServer, type MockServer, type MockServerOptions } from "./server.js";
export { FAULT_KINDS, type FaultKind, type FaultOptions } from "./faults.js";
export type { CorsOption } from "./cors.js";
export type { NextResponse } from "./forced.js";
export type { RecordedRequest } from "./record.js";
export type { Violation, ViolationIn } from "./validate.js";
export { MockConfigError, MockSpecError } from "./errors.js";
export { listBundledApis } from "./spec.js";
