import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { appOrigin } from "@/server/auth/auth-settings";
import { clientAddress } from "@/lib/client-address";

export type RequestContext = { ip: string | null; userAgent: string | null };

type HeaderSource = Pick<Headers, "get">;

/**
 * The client address. scripts/serve.ts rewrites X-Forwarded-For from the socket before Next.js
 * runs (lib/client-address.ts), so it holds a single entry: the socket address, or behind the
 * reverse proxy (TRUST_PROXY=true) the hop the proxy appended. X-Real-IP counts only behind the
 * proxy. `next dev` does no such rewrite: development is not an address-trusting deployment
 * (docs/decisions/015-secrets-at-rest-and-client-address.md).
 */
export function clientIp(
  h: HeaderSource,
  options: { trustProxy: boolean } = { trustProxy: env().TRUST_PROXY },
): string | null {
  return clientAddress(h, options);
}

export function contextFrom(h: HeaderSource): RequestContext {
  return { ip: clientIp(h), userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
}

/**
 * Refuses a cross-site request (CSRF defence for mutations): Fetch Metadata first, then Origin.
 * A request carrying neither comes from a non-browser client and has no ambient cookies to abuse
 * beyond what its sender already holds.
 */
export function assertSameOrigin(h: HeaderSource): void {
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("FORBIDDEN", "Cross-site request refused.");
  }
  const origin = h.get("origin");
  if (origin !== null && origin !== appOrigin()) {
    throw new AppError("FORBIDDEN", "Cross-site request refused.");
  }
}

/** For server actions: refuses cross-site calls and returns the caller's address and agent. */
export async function actionContext(): Promise<RequestContext> {
  const h = await headers();
  assertSameOrigin(h);
  return contextFrom(h);
}
