import { describe, expect, it } from "vitest";
import { clientAddressOf, trustedProxyHops } from "./client-address";

describe("clientAddressOf", () => {
  it("takes the entry npm start's server appended, not what the client claimed", () => {
    expect(clientAddressOf("127.0.0.1")).toBe("127.0.0.1");
    expect(clientAddressOf("6.6.6.6, 1.2.3.4, 203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:192.0.2.4")).toBe("192.0.2.4");
    expect(clientAddressOf(null)).toBe("unknown");
  });

  it("skips one entry per trusted reverse proxy", () => {
    const env = { TRUSTED_PROXY_HOPS: "1" };
    expect(clientAddressOf("6.6.6.6, 198.51.100.20, 10.0.0.2", env)).toBe("198.51.100.20");
    expect(clientAddressOf("10.0.0.2", env)).toBe("10.0.0.2");
    expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: "-1" })).toThrow('TRUSTED_PROXY_HOPS must be a whole number from 0 to 10, got "-1".');
    expect(trustedProxyHops({})).toBe(0);
  });
});
