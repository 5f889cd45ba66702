/**
 * Next 16 Proxy (formerly middleware.ts), Node.js runtime. It runs on every request — pages, API
 * routes, `/_next/static` assets, public files, 404s — and only sets headers, rejects absurd URLs
 * and redirects to HTTPS. It is never the only authorization check (docs/architecture.md).
 * The rules live in lib/security-headers.ts; docs/decisions/001-proxy-ts-security-headers.md
 * explains them.
 */
import { NextResponse, type NextRequest } from "next/server";
import { parseEnv, type Env } from "@/lib/env-schema";
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

export function proxy(request: NextRequest): NextResponse {
  const plan = planSecurity(request, securityConfig());

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
