/**
 * Next 16 Proxy (formerly middleware.ts), Node.js runtime. It runs on every request — pages, API
 * routes, `/_next/static` assets, public files, 404s — and only sets headers, rejects absurd URLs
 * and redirects to HTTPS. It is never the only authorization check (docs/architecture.md).
 * It also notices injection and scanning probes in the address (lib/security/probe-signatures.ts)
 * and records them after the response, without changing it (server/security/record-probe.ts).
 * The rules live in lib/security-headers.ts; docs/decisions/001-proxy-ts-security-headers.md
 * explains them.
 */
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { clientAddress } from "@/lib/client-address";
import { parseEnv, type Env } from "@/lib/env-schema";
import { findProbeInUrl, type UrlProbe } from "@/lib/security/probe-signatures";
import { planSecurity, type SecurityConfig } from "@/lib/security-headers";
import { planningQueryProblem } from "@/schemas/planning";

let cached: SecurityConfig | undefined;

function securityConfig(): SecurityConfig {
  if (!cached) {
    const env: Env = parseEnv(process.env);
    cached = {
      appUrl: env.APP_URL,
      requireHttps: env.REQUIRE_HTTPS,
      trustProxy: env.TRUST_PROXY,
      dev: env.NODE_ENV === "development",
      paymentSandboxOrigins: env.PAYMENT_SANDBOX_ORIGINS,
    };
  }
  return cached;
}

/**
 * Records a probe once the response is on its way. The recorder (and with it Prisma) is loaded
 * only on a match, so the proxy stays light for every ordinary request.
 */
async function recordUrlProbe(request: NextRequest, probe: UrlProbe, trustProxy: boolean) {
  try {
    const { recordProbe } = await import("@/server/security/record-probe");
    await recordProbe({
      kind: probe.kind,
      signature: probe.signature,
      where: probe.where,
      field: probe.field,
      value: probe.value,
      route: request.nextUrl.pathname,
      source: clientAddress(request.headers, { trustProxy }),
    });
  } catch (err) {
    // recordProbe logs its own failures; this is the import failing.
    console.error("proxy: probe not recorded", err);
  }
}

export function proxy(
  request: NextRequest,
  event?: Pick<NextFetchEvent, "waitUntil">,
): NextResponse {
  const security = securityConfig();
  const plan = planSecurity(request, security);

  const probe = findProbeInUrl(request.nextUrl.pathname, request.nextUrl.searchParams);
  if (probe) {
    const recording = recordUrlProbe(request, probe, security.trustProxy);
    if (event) event.waitUntil(recording);
  }

  let response: NextResponse;
  switch (plan.action.kind) {
    case "reject":
      response = new NextResponse(plan.action.body, {
        status: plan.action.status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
      break;
    case "redirect":
      response = NextResponse.redirect(plan.action.location, plan.action.status);
      break;
    case "next": {
      // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts;
      // server components can read it from `x-nonce`.
      const requestHeaders = new Headers(request.headers);
      requestHeaders.set("Content-Security-Policy", plan.csp);
      requestHeaders.set("x-nonce", plan.nonce);
      // A page cannot set its own HTTP status in Next 16: a planning URL with a bad date is
      // rendered by its page (which explains the problem) with the 400 status set here.
      const badQuery = planningQueryProblem(request.nextUrl) !== null;
      response = NextResponse.next({
        ...(badQuery ? { status: 400 } : {}),
        request: { headers: requestHeaders },
      });
      break;
    }
  }
  for (const [name, value] of plan.responseHeaders) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every path, including /_next/static, /_next/image, favicon, public files, API routes and
  // prefetches: each response must carry the headers.
  matcher: "/:path*",
};
