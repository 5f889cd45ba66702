import "server-only";
/**
 * Helpers for the JSON route handlers (app/api/…): who is calling, reading a bounded JSON body,
 * the CSRF check of mutations, and turning errors into JSON answers. Route handlers stay thin:
 *
 *   export async function POST(request: Request, ctx) {
 *     return jsonRoute(async () => {
 *       const session = await requireApiSession(request);   // 401 JSON, never a redirect
 *       assertSameOrigin(request.headers);                  // 403 on a cross-site request
 *       const body = await readJsonBody(request, 8 * 1024); // 413 / 400
 *       return Response.json(await someUseCase(session, body), { status: 201 });
 *     });
 *   }
 */
import { cookieNames } from "@/server/auth/auth-settings";
import { decodeSessionJwt, validateSession, type ValidSession } from "@/server/auth/sessions";
import { controlCharacterPath } from "@/lib/hostile-input";
import { readLimitedBody } from "@/lib/read-limited-body";
import { findProbeInJson } from "@/lib/security/probe-signatures";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { recordRequestProbe } from "@/server/security/record-request-probe";

export { assertSameOrigin, contextFrom } from "@/server/auth/request-context";

const NO_STORE = { "Cache-Control": "no-store" } as const;

function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * The signed-in user of a route handler's request, or null: the same session cookie, JWT
 * decoding and database validation as getSession() (server/auth/get-session.ts), read from the
 * Request itself so that it needs no request-scoped globals.
 */
export async function apiSession(request: Request): Promise<ValidSession | null> {
  const jwt = cookieValue(request.headers.get("cookie"), cookieNames().session);
  if (!jwt) return null;
  const claims = await decodeSessionJwt(jwt);
  if (!claims) return null;
  return validateSession(claims);
}

/** Like apiSession, but a 401 JSON answer (not a redirect) when nobody is signed in. */
export async function requireApiSession(request: Request): Promise<ValidSession> {
  const session = await apiSession(request);
  if (!session) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  return session;
}

/**
 * Reads a JSON body of at most `maxBytes`. An empty body gives `emptyValue` (when allowed), a
 * body of another media type, invalid UTF-8, invalid JSON or a control character in a string is
 * a 400 naming the problem, an oversized one a 413.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
  options: { emptyValue?: unknown } = {},
): Promise<unknown> {
  const body = await readLimitedBody(request, maxBytes);
  if (!body.ok) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is limited to ${maxBytes} bytes.`);
  }
  if (body.bytes.byteLength === 0 && "emptyValue" in options) return options.emptyValue;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("BAD_REQUEST", "Send the body as JSON (Content-Type: application/json).", {
      body: "must be JSON",
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes)) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.", {
      body: "must be valid JSON",
    });
  }
  const probe = findProbeInJson(value);
  if (probe) await recordRequestProbe(request, probe);
  // NUL (which PostgreSQL text refuses) and the other controls, in any string or key, whatever
  // the schema (docs/decisions/016-hostile-input.md).
  const field = controlCharacterPath(value);
  if (field !== null) {
    throw new AppError("BAD_REQUEST", `Invalid input — ${field}: contains a control character`, {
      [field]: "contains a control character",
    });
  }
  return value;
}

/** A JSON answer that is never cached. */
export function json(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
) {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: { ...NO_STORE, ...init.headers },
  });
}

/** Runs a handler; an AppError becomes its JSON answer, anything else a logged, opaque 500. */
export async function jsonRoute(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    if (err instanceof AppError) {
      const headers: Record<string, string> = {};
      if (err.status === 503) headers["Retry-After"] = "1";
      return json(err.toJSON(), { status: err.status, headers });
    }
    logger.error({ err }, "unexpected error in a JSON route");
    return json(
      { code: "INTERNAL", message: "Something went wrong on our side." },
      { status: 500 },
    );
  }
}
