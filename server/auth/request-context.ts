import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { appOrigin } from "@/server/auth/auth-settings";

export type RequestContext = { ip: string | null; userAgent: string | null };

type HeaderSource = Pick<Headers, "get">;

/**
 * The client address. Next.js fills X-Forwarded-For with the socket address only when the client
 * sent none, so without a trusted reverse proxy (TRUST_PROXY=false) a client can choose it: the
 * per-address throttles then rest on the global and per-account ones. Behind the proxy, its
 * rightmost entry is the address the proxy saw.
 */
export function clientIp(h: HeaderSource): string | null {
  const xff = h.get("x-forwarded-for");
  const entries = xff
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const raw = env().TRUST_PROXY
    ? (entries?.at(-1) ?? h.get("x-real-ip"))
    : (entries?.at(-1) ?? null);
  if (!raw) return null;
  const ip = raw.replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
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
