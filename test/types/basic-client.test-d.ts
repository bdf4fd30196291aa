/** A basic client is a `Client` like any other: the operations accept it, and `D` makes defaulted headers optional. */
import { describe, expectTypeOf, it } from "vitest";
import { createBasicClient, type BasicClientOptions, type Client, type WithRequestId } from "../../src/core/index.js";
import { getCustomerContact, type CustomerContact, type paths } from "../../src/jtl-erp-v2/index.js";

const path = { customerId: "c", customerContactId: "k" };

describe("createBasicClient", () => {
  it("returns a Client of the given paths and defaulted headers", () => {
    expectTypeOf(createBasicClient<paths, "x-tenant-id">({ baseUrl: "https://example.com" })).toEqualTypeOf<Client<paths, "x-tenant-id">>();
  });

  it("works with the generated operations; the header stated in D may be left out", () => {
    const withTenant = createBasicClient<paths, "x-tenant-id">({ baseUrl: "https://example.com", headers: { "x-tenant-id": "t" } });
    expectTypeOf(getCustomerContact(withTenant, { path })).resolves.toEqualTypeOf<WithRequestId<CustomerContact>>();
    const bare = createBasicClient<paths>({ baseUrl: "https://example.com" });
    // @ts-expect-error: without D the required x-tenant-id header must be passed per call.
    void getCustomerContact(bare, { path });
    void getCustomerContact(bare, { path, header: { "x-tenant-id": "t" } });
  });

  it("takes a token string or function, not a TokenProvider", () => {
    expectTypeOf<{ baseUrl: string; auth: () => Promise<string> }>().toMatchTypeOf<BasicClientOptions>();
    expectTypeOf<{ baseUrl: string; auth: { getToken(): string } }>().not.toMatchTypeOf<BasicClientOptions>();
  });
});
