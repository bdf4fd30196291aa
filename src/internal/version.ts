/**
 * This package's name and version, sent as `user-agent`. A constant rather than a read of
 * package.json, so bundles carry 30 bytes instead of the manifest; test/runtime/user-agent.test.ts
 * fails the moment it and package.json disagree.
 */
export const PACKAGE_VERSION = "0.1.0";
/** What the `user-agent` header says. */
export const USER_AGENT = `vendor-api-clients/${PACKAGE_VERSION}`;
