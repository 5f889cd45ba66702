/**
 * proxy.ts itself, called as Next.js calls it, under the configurations the e2e server does not
 * run with (TRUST_PROXY=true, REQUIRE_HTTPS=true). The e2e tests cover the default configuration
 * through a real server and browser.
 */
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HSTS_VALUE, nonceFromCsp } from "@/lib/security-headers";

const saved = { ...process.env };

async function loadProxy(env: Record<string, string>) {
  Object.assign(process.env, env);
  vi.resetModules(); // proxy.ts caches its configuration per process
  return (await import("@/proxy")).proxy;
}

afterEach(() => {
  for (const key of ["APP_URL", "REQUIRE_HTTPS", "TRUST_PROXY"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const req = (url: string, headers: Record<string, string> = {}) =>
  new NextRequest(url, { headers });

describe("proxy", () => {
  it("passes the CSP and nonce to Next.js on the request, and the same CSP on the response", async () => {
    const proxy = await loadProxy({ APP_URL: "http://localhost:3000", TRUST_PROXY: "false" });
    const res = proxy(req("http://localhost:3000/c/demo"));
    const csp = res.headers.get("content-security-policy")!;
    const nonce = nonceFromCsp(csp)!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // How NextResponse.next({ request: { headers } }) hands request headers over to Next.js.
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("x-middleware-override-headers")?.split(",")).toEqual(
      expect.arrayContaining(["content-security-policy", "x-nonce"]),
    );
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull();

    const again = proxy(req("http://localhost:3000/c/demo"));
    expect(nonceFromCsp(again.headers.get("content-security-policy")!)).not.toBe(nonce);
  });

  it("ignores X-Forwarded-Proto unless TRUST_PROXY is set", async () => {
    const untrusted = await loadProxy({ APP_URL: "http://localhost:3000", TRUST_PROXY: "false" });
    const spoofed = untrusted(req("https://localhost:3000/", { "x-forwarded-proto": "https" }));
    expect(spoofed.headers.get("strict-transport-security")).toBeNull();
    expect(spoofed.headers.get("content-security-policy")).not.toContain(
      "upgrade-insecure-requests",
    );

    const trusted = await loadProxy({ APP_URL: "https://courts.example.org", TRUST_PROXY: "true" });
    const viaProxy = trusted(req("http://10.0.0.5:3000/", { "x-forwarded-proto": "https" }));
    expect(viaProxy.headers.get("strict-transport-security")).toBe(HSTS_VALUE);
    expect(viaProxy.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const plain = trusted(req("http://10.0.0.5:3000/", { "x-forwarded-proto": "http" }));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  it("redirects plain HTTP to APP_URL with 308 when REQUIRE_HTTPS is set, except health checks", async () => {
    const proxy = await loadProxy({
      APP_URL: "https://courts.example.org",
      REQUIRE_HTTPS: "true",
      TRUST_PROXY: "true",
    });
    const res = proxy(
      req("http://10.0.0.5:3000/c/demo/planning?date=2026-03-29", { host: "evil.example" }),
    );
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(
      "https://courts.example.org/c/demo/planning?date=2026-03-29",
    );
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");

    const secure = proxy(req("http://10.0.0.5:3000/c/demo", { "x-forwarded-proto": "https" }));
    expect(secure.status).toBe(200);
    expect(secure.headers.get("x-middleware-next")).toBe("1");

    const probe = proxy(req("http://10.0.0.5:3000/api/health"));
    expect(probe.headers.get("x-middleware-next")).toBe("1");
    expect(probe.headers.get("location")).toBeNull();
  });

  it("answers absurdly long URLs with 414 and all headers", async () => {
    const proxy = await loadProxy({ APP_URL: "http://localhost:3000", TRUST_PROXY: "false" });
    const res = proxy(req(`http://localhost:3000/c/demo/planning?date=${"9".repeat(5000)}`));
    expect(res.status).toBe(414);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toMatch(/^URI Too Long/);
    expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
    expect(res.headers.get("x-middleware-next")).toBeNull();
  });
});
