import { describe, expect, it } from "vitest";
import { clientIp } from "./request-context";

const h = (init: Record<string, string>) => new Headers(init);
const direct = { trustProxy: false };
const proxied = { trustProxy: true };

describe("clientIp", () => {
  it("reads the single X-Forwarded-For entry scripts/serve.ts leaves", () => {
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.7" }), direct)).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:198.51.100.2" }), direct)).toBe("198.51.100.2");
    expect(clientIp(h({ "x-forwarded-for": "2001:db8::1" }), proxied)).toBe("2001:db8::1");
  });

  it("takes the rightmost entry if several ever reach it", () => {
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), proxied)).toBe("203.0.113.9");
  });

  it("uses X-Real-IP only behind the proxy", () => {
    expect(clientIp(h({ "x-real-ip": "203.0.113.5" }), direct)).toBeNull();
    expect(clientIp(h({ "x-real-ip": "203.0.113.5" }), proxied)).toBe("203.0.113.5");
  });

  it("refuses what is not an address", () => {
    expect(clientIp(h({ "x-forwarded-for": "<script>" }), direct)).toBeNull();
    expect(clientIp(h({}), direct)).toBeNull();
  });
});
