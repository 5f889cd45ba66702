/**
 * The client address Courtside sees (docs/decisions/015-secrets-at-rest-and-client-address.md).
 * Next.js fills `X-Forwarded-For` with the socket address only when the request has none, so a
 * client-sent header would survive into route handlers and server actions, which cannot see the
 * socket. scripts/serve.ts therefore rewrites the header from the socket before Next.js runs:
 *
 * - TRUST_PROXY=false: the socket address, whatever the client sent;
 * - TRUST_PROXY=true: only the rightmost entry, the hop our reverse proxy appended (the entries
 *   before it were written by the client and prove nothing); the socket address when the
 *   request carries none. `X-Real-IP` is dropped unless behind the proxy.
 *
 * clientAddress() then reads the single entry (through server/auth/request-context.ts#clientIp
 * everywhere but proxy.ts, which cannot import server-only modules statically).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export type ClientAddressOptions = { trustProxy: boolean };

/** The one `X-Forwarded-For` entry the app may trust, or null when there is none. */
export function trustedForwardedFor(
  forwardedFor: string | string[] | undefined,
  remoteAddress: string | undefined,
  options: ClientAddressOptions,
): string | null {
  if (options.trustProxy) {
    const joined = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
    const last = joined
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return remoteAddress ?? null;
}

/**
 * The client address of a request whose headers were rewritten as above: the single
 * `X-Forwarded-For` entry (the last one, should there be several), `X-Real-IP` only behind the
 * proxy; null when there is none or it is not an IP address.
 */
export function clientAddress(
  h: { get(name: string): string | null },
  options: ClientAddressOptions,
): string | null {
  const entries = h
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const raw = entries?.at(-1) ?? (options.trustProxy ? h.get("x-real-ip") : null);
  if (!raw) return null;
  const ip = raw.replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}

/** Sets the client address headers of a request from its socket (see above), in place. */
export function rewriteClientAddress(req: IncomingMessage, options: ClientAddressOptions): void {
  const address = trustedForwardedFor(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    options,
  );
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  if (!options.trustProxy) delete req.headers["x-real-ip"];
}

/** Wraps a request handler (Next.js's) so that it only ever sees the rewritten headers. */
export function withClientAddress(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  options: ClientAddressOptions,
): RequestListener {
  return (req, res) => {
    rewriteClientAddress(req, options);
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}
