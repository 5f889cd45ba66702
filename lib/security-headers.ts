/**
 * Pure building blocks of the security headers that proxy.ts puts on every response: the CSP with
 * its per-request nonce, HSTS and the HTTPS decision, the HTTP→HTTPS redirect and the early
 * rejection of absurdly long or malformed URLs. No I/O here, so every rule is unit-tested
 * (lib/security-headers.test.ts). See docs/decisions/001-proxy-ts-security-headers.md.
 */

import { addressProblem } from "@/lib/hostile-input";

/** Two years, with subdomains, eligible for the browsers' preload lists. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains; preload";

/** Where browsers post CSP violation reports (app/api/csp-report/route.ts). */
export const CSP_REPORT_PATH = "/api/csp-report";

/** Name of the Reporting API endpoint used by the CSP `report-to` directive. */
export const CSP_REPORT_GROUP = "csp";

/** Longest request target (path + query) we serve; anything longer is answered with 414. */
export const MAX_REQUEST_TARGET_LENGTH = 4096;

/**
 * Paths still served over plain HTTP when REQUIRE_HTTPS is on: load balancers and orchestrators
 * probe the app directly on its HTTP port, behind the TLS terminator. They reveal only
 * up/down and the app version.
 */
export const HTTPS_EXEMPT_PATHS: ReadonlySet<string> = new Set(["/api/health", "/api/health/live"]);

/**
 * Powerful features nobody on Courtside needs. `payment` is denied too for now: the payments
 * feature will allow it (`payment=(self "https://www.paypal.com" …)`) on its own pages only.
 * Only features Chromium recognises are listed, so the browser logs no warnings.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** A fresh CSP nonce: base64 of 16 bytes from the platform's CSPRNG (128 bits of entropy). */
export function generateNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The checkout page (app/c/[club]/bookings/[id]/pay): the only page that talks to the payment
 * gateways. Its CSP adds their origins and nothing else; every other page keeps the strict one.
 */
export const PAYMENT_PAGE_PATH = /^\/c\/[^/]+\/bookings\/[^/]+\/pay\/?$/;

export function isPaymentPage(pathname: string): boolean {
  return PAYMENT_PAGE_PATH.test(pathname);
}

/**
 * PayPal JS SDK v6 (script, its button and card-field iframes, its API calls and images), as
 * PayPal documents for a CSP; docs/payments.md keeps the inventory and the reasons.
 */
export const PAYPAL_ORIGINS = ["https://*.paypal.com", "https://*.paypalobjects.com"] as const;

/** Paybox System hosted payment pages our checkout form posts to (production, backup, preprod). */
export const PAYBOX_PAGE_ORIGINS = [
  "https://tpeweb.paybox.com",
  "https://tpeweb1.paybox.com",
  "https://preprod-tpeweb.paybox.com",
] as const;

export type PaymentCsp = {
  /** Outside production only: sandbox or fake gateway origins (PAYMENT_SANDBOX_ORIGINS). */
  sandboxOrigins: ReadonlyArray<string>;
};

export type CspOptions = {
  nonce: string;
  /** The request reached us over HTTPS: add `upgrade-insecure-requests`. */
  https: boolean;
  /**
   * `next dev` only: React needs `eval` for its debugging stacks, and the dev overlay injects
   * styles without a nonce. Never set in production builds.
   */
  dev?: boolean;
  /** A payment page: the gateways' origins are added (see PAYPAL_ORIGINS, PAYBOX_PAGE_ORIGINS). */
  payment?: PaymentCsp;
};

/** The Content-Security-Policy value for one response. */
export function buildCsp({ nonce, https, dev = false, payment }: CspOptions): string {
  const sandbox = payment ? payment.sandboxOrigins.join(" ") : "";
  const add = (list: ReadonlyArray<string>) =>
    payment ? ` ${[...list, sandbox].filter(Boolean).join(" ")}` : "";
  const paypal = add(PAYPAL_ORIGINS);
  const directives: string[] = [
    "default-src 'self'",
    // With 'strict-dynamic', CSP3 browsers ignore host sources: the PayPal SDK runs because our
    // nonce'd code loads it. The hosts are there for CSP2 browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}${paypal}`,
    // A nonce makes browsers ignore 'unsafe-inline', so development drops the nonce for styles.
    dev
      ? `style-src 'self' 'unsafe-inline'${paypal}`
      : `style-src 'self' 'nonce-${nonce}'${paypal}`,
    `img-src 'self' data:${paypal}`,
    "font-src 'self'",
    `connect-src 'self'${paypal}`,
    ...(payment ? [`frame-src${paypal}`] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `form-action 'self'${add(PAYBOX_PAGE_ORIGINS)}`,
  ];
  if (https) directives.push("upgrade-insecure-requests");
  directives.push(`report-uri ${CSP_REPORT_PATH}`, `report-to ${CSP_REPORT_GROUP}`);
  return directives.join("; ");
}

/** Reads the nonce back out of a CSP value (what Next.js does to stamp its scripts). */
export function nonceFromCsp(csp: string): string | undefined {
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

export type HttpsInput = {
  /** The absolute request URL as Next.js built it. */
  url: string;
  /** The raw `X-Forwarded-Proto` request header, if any. */
  forwardedProto: string | null;
  /** TRUST_PROXY: a reverse proxy we control sits in front and sets X-Forwarded-Proto. */
  trustProxy: boolean;
};

/**
 * Did the request reach us over HTTPS?
 *
 * - TRUST_PROXY=true: our reverse proxy's `X-Forwarded-Proto` decides. When a chain of proxies
 *   appends values (`http, https`), the last one was written by the proxy next to us and wins.
 *   Without the header, the request URL's scheme decides.
 * - TRUST_PROXY=false: the header is never believed. Next.js itself derives the request URL's
 *   scheme from that same client-supplied header, so an `https:` URL only counts when no
 *   `X-Forwarded-Proto` was sent at all (i.e. the socket itself was TLS).
 */
export function isHttpsRequest({ url, forwardedProto, trustProxy }: HttpsInput): boolean {
  const urlIsHttps = new URL(url).protocol === "https:";
  const sent = forwardedProto !== null && forwardedProto.trim() !== "";
  if (trustProxy) {
    if (!sent) return urlIsHttps;
    const last = forwardedProto.split(",").at(-1)?.trim().toLowerCase();
    return last === "https";
  }
  return urlIsHttps && !sent;
}

/**
 * Where a plain-HTTP request is sent when HTTPS is required: the https origin of APP_URL (never
 * the client's Host header, which would make an open redirect), with the same path and query.
 */
export function httpsRedirectTarget(requestUrl: string, appUrl: string): string {
  const from = new URL(requestUrl);
  const to = new URL(appUrl);
  to.protocol = "https:";
  to.username = "";
  to.password = "";
  // Assigning the parts keeps APP_URL's host even for paths like `//evil.example/x`.
  to.pathname = from.pathname;
  to.search = from.search;
  to.hash = "";
  return to.toString();
}

/** Every security header of a response, given its CSP and whether the request used HTTPS. */
export function securityHeaders({
  csp,
  https,
  payment = false,
}: {
  csp: string;
  https: boolean;
  /** A payment page: PayPal's checkout popup must keep its opener (COOP allows popups). */
  payment?: boolean;
}): [string, string][] {
  const headers: [string, string][] = [
    ["Content-Security-Policy", csp],
    ["Reporting-Endpoints", `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["Cross-Origin-Opener-Policy", payment ? "same-origin-allow-popups" : "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["X-Frame-Options", "DENY"],
    // The XSS auditor is gone from every browser, and where it lingered it could be abused to
    // leak data; `0` switches it off explicitly (OWASP, MDN). Expect-CT is deliberately absent.
    ["X-XSS-Protection", "0"],
  ];
  // HSTS is only meaningful (and only honoured) on a secure response.
  if (https) headers.push(["Strict-Transport-Security", HSTS_VALUE]);
  return headers;
}

export type SecurityConfig = {
  appUrl: string;
  requireHttps: boolean;
  trustProxy: boolean;
  dev: boolean;
  /** PAYMENT_SANDBOX_ORIGINS (empty in production). */
  paymentSandboxOrigins?: ReadonlyArray<string>;
};

export type SecurityRequest = {
  url: string;
  headers: { get(name: string): string | null };
};

export type SecurityPlan = {
  nonce: string;
  csp: string;
  https: boolean;
  /** Headers for the response, whatever it turns out to be. */
  responseHeaders: [string, string][];
  action:
    | { kind: "next" }
    | { kind: "redirect"; status: 308; location: string }
    | { kind: "reject"; status: 400 | 414; body: string };
};

/** Everything proxy.ts needs to decide about one request. */
export function planSecurity(request: SecurityRequest, config: SecurityConfig): SecurityPlan {
  const url = new URL(request.url);
  const https = isHttpsRequest({
    url: request.url,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    trustProxy: config.trustProxy,
  });
  const nonce = generateNonce();
  const payment = isPaymentPage(url.pathname);
  const csp = buildCsp({
    nonce,
    https,
    dev: config.dev,
    ...(payment ? { payment: { sandboxOrigins: config.paymentSandboxOrigins ?? [] } } : {}),
  });
  const base = { nonce, csp, https, responseHeaders: securityHeaders({ csp, https, payment }) };

  if (url.pathname.length + url.search.length > MAX_REQUEST_TARGET_LENGTH) {
    return {
      ...base,
      action: {
        kind: "reject",
        status: 414,
        body: `URI Too Long: request URLs are limited to ${MAX_REQUEST_TARGET_LENGTH} characters.\n`,
      },
    };
  }
  // Not valid percent-encoding of UTF-8, or a control character: refused here, once, for every
  // route and page, before Next.js's router decodes the dynamic segments (which throws) and before
  // a NUL reaches PostgreSQL (docs/decisions/016-hostile-input.md).
  const problem = addressProblem(url.pathname, url.search);
  if (problem) {
    return { ...base, action: { kind: "reject", status: 400, body: `Bad Request: ${problem}\n` } };
  }
  if (config.requireHttps && !https && !HTTPS_EXEMPT_PATHS.has(url.pathname)) {
    return {
      ...base,
      action: {
        kind: "redirect",
        status: 308,
        location: httpsRedirectTarget(request.url, config.appUrl),
      },
    };
  }
  return { ...base, action: { kind: "next" } };
}
