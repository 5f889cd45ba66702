import { describe, expect, it } from "vitest";
import {
  buildCsp,
  CSP_REPORT_PATH,
  generateNonce,
  HSTS_VALUE,
  httpsRedirectTarget,
  isHttpsRequest,
  MAX_REQUEST_TARGET_LENGTH,
  nonceFromCsp,
  PERMISSIONS_POLICY,
  planSecurity,
  securityHeaders,
  type SecurityConfig,
} from "./security-headers";

const config: SecurityConfig = {
  appUrl: "https://courts.example.org",
  requireHttps: false,
  trustProxy: false,
  dev: false,
};

function request(url: string, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  return { url, headers: h };
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((d) => {
      const [name = "", ...rest] = d.trim().split(/\s+/);
      return [name, rest.join(" ")];
    }),
  );
}

function header(headers: [string, string][], name: string): string | undefined {
  const found = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase());
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.[1];
}

describe("generateNonce", () => {
  it("is base64 of 16 random bytes", () => {
    const nonce = generateNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("never repeats", () => {
    const seen = new Set(Array.from({ length: 10_000 }, generateNonce));
    expect(seen.size).toBe(10_000);
  });
});

describe("buildCsp", () => {
  it("has every directive of the policy, and nothing permissive", () => {
    const d = directives(buildCsp({ nonce: "abc123==", https: false }));
    expect(Object.fromEntries(d)).toEqual({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-abc123==' 'strict-dynamic'",
      "style-src": "'self' 'nonce-abc123=='",
      "img-src": "'self' data:",
      "font-src": "'self'",
      "connect-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'none'",
      "frame-ancestors": "'none'",
      "form-action": "'self'",
      "report-uri": CSP_REPORT_PATH,
      "report-to": "csp",
    });
  });

  it("adds upgrade-insecure-requests on HTTPS only", () => {
    expect(directives(buildCsp({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(
      true,
    );
    expect(
      directives(buildCsp({ nonce: "n", https: false })).has("upgrade-insecure-requests"),
    ).toBe(false);
  });

  it("never allows unsafe-inline or unsafe-eval outside development", () => {
    for (const https of [true, false]) {
      const csp = buildCsp({ nonce: "n", https });
      expect(csp).not.toContain("unsafe");
      expect(csp).not.toContain("*");
    }
  });

  it("relaxes only what next dev needs in development", () => {
    const d = directives(buildCsp({ nonce: "n", https: false, dev: true }));
    expect(d.get("script-src")).toBe("'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(d.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(d.get("object-src")).toBe("'none'");
  });

  it("gives the nonce back to whoever parses it like Next.js does", () => {
    const nonce = generateNonce();
    expect(nonceFromCsp(buildCsp({ nonce, https: false }))).toBe(nonce);
  });
});

describe("isHttpsRequest", () => {
  const http = "http://app.internal:3000/x";
  const https = "https://app.internal/x";

  it("without TRUST_PROXY, never believes X-Forwarded-Proto", () => {
    expect(isHttpsRequest({ url: http, forwardedProto: "https", trustProxy: false })).toBe(false);
    // Next.js builds an https: URL from that same header, so the URL alone is not proof either.
    expect(isHttpsRequest({ url: https, forwardedProto: "https", trustProxy: false })).toBe(false);
    expect(isHttpsRequest({ url: http, forwardedProto: null, trustProxy: false })).toBe(false);
  });

  it("without TRUST_PROXY, accepts an https URL that no header could have forged", () => {
    expect(isHttpsRequest({ url: https, forwardedProto: null, trustProxy: false })).toBe(true);
    expect(isHttpsRequest({ url: https, forwardedProto: "", trustProxy: false })).toBe(true);
  });

  it("with TRUST_PROXY, follows the proxy's X-Forwarded-Proto", () => {
    expect(isHttpsRequest({ url: http, forwardedProto: "https", trustProxy: true })).toBe(true);
    expect(isHttpsRequest({ url: http, forwardedProto: "HTTPS", trustProxy: true })).toBe(true);
    expect(isHttpsRequest({ url: https, forwardedProto: "http", trustProxy: true })).toBe(false);
    expect(isHttpsRequest({ url: http, forwardedProto: "wss", trustProxy: true })).toBe(false);
  });

  it("with TRUST_PROXY, the last value of a chain (our proxy's) wins", () => {
    expect(isHttpsRequest({ url: http, forwardedProto: "http, https", trustProxy: true })).toBe(
      true,
    );
    expect(isHttpsRequest({ url: http, forwardedProto: "https, http", trustProxy: true })).toBe(
      false,
    );
  });

  it("with TRUST_PROXY and no header, falls back to the URL scheme", () => {
    expect(isHttpsRequest({ url: https, forwardedProto: null, trustProxy: true })).toBe(true);
    expect(isHttpsRequest({ url: http, forwardedProto: null, trustProxy: true })).toBe(false);
  });
});

describe("httpsRedirectTarget", () => {
  it("keeps path and query, takes scheme and host from APP_URL", () => {
    expect(
      httpsRedirectTarget(
        "http://10.0.0.5:3000/c/demo/planning?date=2026-03-29",
        "https://courts.example.org",
      ),
    ).toBe("https://courts.example.org/c/demo/planning?date=2026-03-29");
  });

  it("keeps a non-default port of APP_URL", () => {
    expect(httpsRedirectTarget("http://localhost:3000/", "https://localhost:8443")).toBe(
      "https://localhost:8443/",
    );
  });

  it("never follows the client's Host header or a protocol-relative path (no open redirect)", () => {
    const target = new URL(
      httpsRedirectTarget("http://evil.example//evil.example/x?y=1", "https://courts.example.org"),
    );
    expect(target.host).toBe("courts.example.org");
    expect(target.protocol).toBe("https:");
    expect(target.search).toBe("?y=1");
  });

  it("drops credentials and APP_URL's own path and query", () => {
    expect(httpsRedirectTarget("http://a/b", "https://u:p@courts.example.org/base?x=1")).toBe(
      "https://courts.example.org/b",
    );
  });
});

describe("securityHeaders", () => {
  it("sends every expected header with the expected value", () => {
    const csp = buildCsp({ nonce: "n", https: true });
    const h = securityHeaders({ csp, https: true });
    expect(header(h, "Content-Security-Policy")).toBe(csp);
    expect(header(h, "Reporting-Endpoints")).toBe('csp="/api/csp-report"');
    expect(header(h, "Strict-Transport-Security")).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toBe("max-age=63072000; includeSubDomains; preload");
    expect(header(h, "X-Content-Type-Options")).toBe("nosniff");
    expect(header(h, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(header(h, "Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(header(h, "Cross-Origin-Resource-Policy")).toBe("same-origin");
    expect(header(h, "X-Frame-Options")).toBe("DENY");
    expect(header(h, "X-XSS-Protection")).toBe("0");
    expect(header(h, "Expect-CT")).toBeUndefined();
    expect(header(h, "X-Powered-By")).toBeUndefined();
  });

  it("denies powerful features in Permissions-Policy, payment included", () => {
    const policy = new Map(
      PERMISSIONS_POLICY.split(",").map((p) => p.trim().split("=") as [string, string]),
    );
    for (const feature of [
      "camera",
      "microphone",
      "geolocation",
      "payment",
      "usb",
      "serial",
      "hid",
    ]) {
      expect(policy.get(feature), feature).toBe("()");
    }
    expect([...policy.values()].every((v) => v === "()")).toBe(true);
  });

  it("sends HSTS on HTTPS only", () => {
    const csp = buildCsp({ nonce: "n", https: false });
    expect(
      header(securityHeaders({ csp, https: false }), "Strict-Transport-Security"),
    ).toBeUndefined();
  });
});

describe("planSecurity", () => {
  it("lets a normal request through with a fresh nonce each time", () => {
    const a = planSecurity(request("http://localhost:3000/c/demo"), config);
    const b = planSecurity(request("http://localhost:3000/c/demo"), config);
    expect(a.action).toEqual({ kind: "next" });
    expect(a.nonce).not.toBe(b.nonce);
    expect(nonceFromCsp(a.csp)).toBe(a.nonce);
    expect(header(a.responseHeaders, "Content-Security-Policy")).toBe(a.csp);
  });

  it("sends HSTS behind a trusted proxy that says https, and not when the proxy is not trusted", () => {
    const viaProxy = request("http://localhost:3000/", { "x-forwarded-proto": "https" });
    const trusted = planSecurity(viaProxy, { ...config, trustProxy: true });
    expect(trusted.https).toBe(true);
    expect(header(trusted.responseHeaders, "Strict-Transport-Security")).toBe(HSTS_VALUE);
    expect(trusted.csp).toContain("upgrade-insecure-requests");

    const untrusted = planSecurity(viaProxy, config);
    expect(untrusted.https).toBe(false);
    expect(header(untrusted.responseHeaders, "Strict-Transport-Security")).toBeUndefined();
    expect(untrusted.csp).not.toContain("upgrade-insecure-requests");
  });

  it("redirects plain HTTP with 308 to APP_URL when HTTPS is required", () => {
    const plan = planSecurity(request("http://10.0.0.5:3000/c/demo?x=1"), {
      ...config,
      requireHttps: true,
    });
    expect(plan.action).toEqual({
      kind: "redirect",
      status: 308,
      location: "https://courts.example.org/c/demo?x=1",
    });
    expect(header(plan.responseHeaders, "X-Frame-Options")).toBe("DENY");
    expect(header(plan.responseHeaders, "Strict-Transport-Security")).toBeUndefined();
  });

  it("does not redirect when HTTPS is required and the request is HTTPS", () => {
    const req = request("http://10.0.0.5:3000/c/demo", { "x-forwarded-proto": "https" });
    expect(planSecurity(req, { ...config, requireHttps: true, trustProxy: true }).action).toEqual({
      kind: "next",
    });
  });

  it("keeps the health endpoints reachable over HTTP for load balancers", () => {
    const cfg = { ...config, requireHttps: true };
    expect(planSecurity(request("http://10.0.0.5:3000/api/health"), cfg).action.kind).toBe("next");
    expect(planSecurity(request("http://10.0.0.5:3000/api/health/live"), cfg).action.kind).toBe(
      "next",
    );
    expect(planSecurity(request("http://10.0.0.5:3000/api/health/x"), cfg).action.kind).toBe(
      "redirect",
    );
    expect(planSecurity(request("http://10.0.0.5:3000/api/healthz"), cfg).action.kind).toBe(
      "redirect",
    );
  });

  it("rejects request targets longer than the limit with 414, before redirecting", () => {
    const cfg = { ...config, requireHttps: true };
    const atLimit = "/" + "a".repeat(MAX_REQUEST_TARGET_LENGTH - 1);
    expect(planSecurity(request(`http://localhost${atLimit}`), config).action.kind).toBe("next");
    const tooLong = planSecurity(
      request(`http://localhost/c/demo?q=${"x".repeat(MAX_REQUEST_TARGET_LENGTH)}`),
      cfg,
    );
    expect(tooLong.action).toMatchObject({ kind: "reject", status: 414 });
    expect(tooLong.action.kind === "reject" && tooLong.action.body).toMatch(/URI Too Long/);
    expect(header(tooLong.responseHeaders, "Content-Security-Policy")).toBe(tooLong.csp);
  });
});

describe("payment pages", () => {
  const pay = "http://localhost:3000/c/demo/bookings/5f0c7c1e-0000-4000-8000-000000000001/pay";

  it("only the checkout page gets the gateways' origins", () => {
    const checkout = directives(planSecurity(request(pay), config).csp);
    expect(checkout.get("frame-src")).toBe("https://*.paypal.com https://*.paypalobjects.com");
    expect(checkout.get("connect-src")).toBe(
      "'self' https://*.paypal.com https://*.paypalobjects.com",
    );
    expect(checkout.get("script-src")).toMatch(/'strict-dynamic' https:\/\/\*\.paypal\.com/);
    expect(checkout.get("form-action")).toBe(
      "'self' https://tpeweb.paybox.com https://tpeweb1.paybox.com https://preprod-tpeweb.paybox.com",
    );
    expect(checkout.get("frame-ancestors")).toBe("'none'");
    expect(checkout.get("object-src")).toBe("'none'");

    for (const path of [
      "/c/demo/bookings",
      "/c/demo/bookings/x/pay/more",
      "/c/demo/payments/x",
      "/c/demo/planning",
      "/api/payments/x/paypal/order",
    ]) {
      const csp = planSecurity(request(`http://localhost:3000${path}`), config).csp;
      expect(csp, path).not.toContain("paypal");
      expect(csp, path).not.toContain("paybox");
      expect(directives(csp).get("form-action"), path).toBe("'self'");
    }
  });

  it("lets PayPal's popup keep its opener on the checkout page only", () => {
    const checkout = planSecurity(request(pay), config).responseHeaders;
    expect(header(checkout, "Cross-Origin-Opener-Policy")).toBe("same-origin-allow-popups");
    const other = planSecurity(request("http://localhost:3000/c/demo"), config).responseHeaders;
    expect(header(other, "Cross-Origin-Opener-Policy")).toBe("same-origin");
  });

  it("adds sandbox origins (a staging deployment's fakes) to the checkout page only", () => {
    const staging = { ...config, paymentSandboxOrigins: ["http://127.0.0.1:3107"] };
    const checkout = directives(planSecurity(request(pay), staging).csp);
    expect(checkout.get("form-action")).toContain("http://127.0.0.1:3107");
    expect(checkout.get("frame-src")).toContain("http://127.0.0.1:3107");
    expect(planSecurity(request("http://localhost:3000/c/demo"), staging).csp).not.toContain(
      "127.0.0.1:3107",
    );
  });
});
