/**
 * Every response kind carries every security header (ADR 001),
 * checked against the production build over real HTTP. The e2e server runs with TRUST_PROXY unset,
 * so here HSTS must never appear, even when a client claims `X-Forwarded-Proto: https`; HSTS with a
 * trusted proxy and the HTTPS redirect are tested on proxy.ts itself
 * (test/integration/proxy.test.ts) and in lib/security-headers.test.ts.
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

const EXPECTED: Record<string, string | RegExp> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "x-frame-options": "DENY",
  "x-xss-protection": "0",
  "reporting-endpoints": 'csp="/api/csp-report"',
  "permissions-policy":
    /^(?=.*\bcamera=\(\))(?=.*\bmicrophone=\(\))(?=.*\bgeolocation=\(\))(?=.*\bpayment=\(\))(?=.*\busb=\(\))/,
};

function cspDirectives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((d) => {
      const [name = "", ...rest] = d.trim().split(/\s+/);
      return [name, rest.join(" ")];
    }),
  );
}

/** Asserts every header of a plain-HTTP response and returns its CSP nonce. */
function expectSecurityHeaders(res: APIResponse, what: string): string {
  const h = res.headers();
  for (const [name, value] of Object.entries(EXPECTED)) {
    if (typeof value === "string") expect(h[name], `${what}: ${name}`).toBe(value);
    else expect(h[name], `${what}: ${name}`).toMatch(value);
  }
  const csp = h["content-security-policy"];
  expect(csp, `${what}: CSP`).toBeTruthy();
  const d = cspDirectives(csp!);
  const nonce = /^'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'$/.exec(
    d.get("script-src") ?? "",
  )?.[1];
  expect(nonce, `${what}: script-src ${d.get("script-src")}`).toBeTruthy();
  expect(Object.fromEntries(d), `${what}: CSP directives`).toEqual({
    "default-src": "'self'",
    "script-src": `'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src": `'self' 'nonce-${nonce}'`,
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "report-uri": "/api/csp-report",
    "report-to": "csp",
  });
  // Plain HTTP: no HSTS, no upgrade-insecure-requests (checked by the exact match above).
  expect(h["strict-transport-security"], `${what}: HSTS over plain HTTP`).toBeUndefined();
  for (const banned of ["expect-ct", "x-powered-by", "server", "x-nonce"]) {
    expect(h[banned], `${what}: ${banned}`).toBeUndefined();
  }
  expect(
    Object.keys(h).filter((k) => k.startsWith("x-middleware")),
    `${what}: internal headers`,
  ).toEqual([]);
  return nonce!;
}

async function firstScriptSrc(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  const src = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(src, "a /_next/static script on /").toBeTruthy();
  return src!;
}

test.describe("security headers", () => {
  test("home page", async ({ request }) => {
    const res = await request.get("/");
    expect(res.status()).toBe(200);
    expectSecurityHeaders(res, "/");
  });

  test("club page /c/demo", async ({ request }) => {
    const res = await request.get("/c/demo");
    expect(res.status()).toBeLessThan(500);
    expectSecurityHeaders(res, "/c/demo");
  });

  test("planning page /c/demo/planning", async ({ request }) => {
    const res = await request.get("/c/demo/planning");
    expect(res.status()).toBeLessThan(500);
    expectSecurityHeaders(res, "/c/demo/planning");
  });

  test("API route /api/health", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(await res.json()).toMatchObject({ status: "ok", live: true, database: { ready: true } });
    expectSecurityHeaders(res, "/api/health");
  });

  test("API route /api/health/live", async ({ request }) => {
    const res = await request.get("/api/health/live");
    expect(res.status()).toBe(200);
    expectSecurityHeaders(res, "/api/health/live");
  });

  test("static asset under /_next/static", async ({ request }) => {
    const src = await firstScriptSrc(request);
    const res = await request.get(src);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/javascript/);
    expectSecurityHeaders(res, src);
  });

  test("favicon and other root files", async ({ request }) => {
    for (const path of ["/favicon.ico", "/robots.txt"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBeLessThan(500);
      expectSecurityHeaders(res, path);
    }
  });

  test("404 page", async ({ request }) => {
    const res = await request.get("/no-such-page");
    expect(res.status()).toBe(404);
    expectSecurityHeaders(res, "404");
  });

  test("client navigation (RSC) and prefetch requests", async ({ request }) => {
    const variants: Record<string, string>[] = [
      { RSC: "1" },
      { RSC: "1", "Next-Router-Prefetch": "1" },
      { Purpose: "prefetch" },
    ];
    for (const headers of variants) {
      const res = await request.get("/", { headers });
      expect(res.status()).toBe(200);
      expectSecurityHeaders(res, `/ with ${JSON.stringify(headers)}`);
    }
  });

  test("POST /api/csp-report", async ({ request }) => {
    const res = await request.post("/api/csp-report", {
      headers: { "Content-Type": "application/csp-report" },
      data: JSON.stringify({
        "csp-report": {
          "document-uri": "http://localhost/__csp-test/headers",
          "effective-directive": "img-src",
          "blocked-uri": "https://example.invalid/x.png",
        },
      }),
    });
    expect(res.status()).toBe(204);
    expectSecurityHeaders(res, "POST /api/csp-report");

    const wrongType = await request.post("/api/csp-report", {
      headers: { "Content-Type": "application/json" },
      data: "{}",
    });
    expect(wrongType.status()).toBe(415);
    expectSecurityHeaders(wrongType, "POST /api/csp-report 415");
  });

  test("an overlong URL gets 414 with a plain explanation, and every header", async ({
    request,
  }) => {
    const res = await request.get(`/c/demo/planning?date=${"2".repeat(5000)}`);
    expect(res.status()).toBe(414);
    expect(res.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toMatch(/^URI Too Long/);
    expectSecurityHeaders(res, "414");
  });

  test("a fresh nonce per request, stamped on every script of the page", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await request.get("/");
      const nonce = expectSecurityHeaders(res, "/");
      nonces.add(nonce);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, "script tag nonce").toContain(`nonce="${nonce}"`);
      // No other nonce anywhere in the page.
      const all = new Set([...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]));
      expect([...all]).toEqual([nonce]);
    }
    expect(nonces.size).toBe(3);
  });

  test("X-Forwarded-Proto from an untrusted client gives no HSTS (TRUST_PROXY unset)", async ({
    request,
  }) => {
    for (const path of ["/", "/api/health"]) {
      const res = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
      expect(res.status()).toBe(200);
      expectSecurityHeaders(res, `${path} with X-Forwarded-Proto: https`);
    }
  });

  test("the browser gets the same headers and the page's scripts carry the CSP nonce", async ({
    page,
  }) => {
    const res = await page.goto("/");
    expect(res).not.toBeNull();
    const csp = (await res!.allHeaders())["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    // Browsers hide the nonce attribute from the DOM but keep the `nonce` property.
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    // The app hydrated (its scripts ran under the CSP): Next's router is there.
    await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
  });
});
