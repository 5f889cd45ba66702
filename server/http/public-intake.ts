import "server-only";
/**
 * The gate of the unauthenticated endpoints that store what they receive (the PayPal webhook, the
 * Paybox IPN, CSP reports): a per-address rate limit in PostgreSQL, the media type, a size limit,
 * strict UTF-8 and no control characters, all checked before anything is stored. A message
 * refused here is answered with a 4xx naming the problem and stored nowhere
 * (docs/decisions/016-hostile-input.md). A value of an admitted body that carries an injection
 * probe is recorded as a security signal, and the body is admitted or refused all the same.
 */
import { hasBodyControlCharacter } from "@/lib/hostile-input";
import { readLimitedBody } from "@/lib/read-limited-body";
import {
  findProbeInFields,
  findProbeInJson,
  type FieldProbe,
} from "@/lib/security/probe-signatures";
import { clientIp } from "@/server/auth/request-context";
import { hitRateLimit } from "@/server/rate-limit/consume-rate-limit";
import { LIMITS } from "@/server/rate-limit/limits";
import { recordRequestProbe } from "@/server/security/record-request-probe";

export type IntakeLimit = keyof Pick<typeof LIMITS, "webhooksPerIp" | "cspReportsPerIp">;

export type Intake =
  { ok: true; bytes: Uint8Array; text: string } | { ok: false; response: Response };

function refusal(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(header: string | null): string | null {
  return header?.split(";")[0]?.trim().toLowerCase() || null;
}

/** Counts one request of the caller's address; a refusal when it is over the limit. */
export async function throttleByAddress(
  request: Request,
  name: IntakeLimit,
): Promise<Response | null> {
  const { limit, windowMs } = LIMITS[name];
  const hit = await hitRateLimit(`${name}:${clientIp(request.headers) ?? "unknown"}`, windowMs);
  if (hit.count <= limit) return null;
  const seconds = Math.max(1, Math.ceil((hit.resetAt.getTime() - Date.now()) / 1000));
  return refusal(429, `Too many requests from this address: at most ${limit} a minute.`, {
    "Retry-After": String(seconds),
  });
}

/** Text with a control character that is not JSON or form whitespace. */
export function textProblem(text: string): string | null {
  return hasBodyControlCharacter(text) ? "The body contains a control character." : null;
}

/** The first probe in the values of a JSON or form body (invalid JSON has none). */
function probeInBody(type: string, text: string): FieldProbe | null {
  if (type === "application/x-www-form-urlencoded") {
    return findProbeInFields(new URLSearchParams(text).entries());
  }
  if (type === "application/json") {
    try {
      return findProbeInJson(JSON.parse(text));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Admits a request body: rate limit, then one of `types`, at most `maxBytes`, strict UTF-8 and no
 * control character in the raw text.
 */
export async function admitBody(
  request: Request,
  options: { limit: IntakeLimit; types: readonly string[]; maxBytes: number },
): Promise<Intake> {
  const throttled = await throttleByAddress(request, options.limit);
  if (throttled) return { ok: false, response: throttled };
  const type = mediaTypeOf(request.headers.get("content-type"));
  if (type === null || !options.types.includes(type)) {
    return {
      ok: false,
      response: refusal(415, `Content-Type must be ${options.types.join(" or ")}.`),
    };
  }
  const body = await readLimitedBody(request, options.maxBytes);
  if (!body.ok) {
    return {
      ok: false,
      response: refusal(413, `The body is limited to ${options.maxBytes} bytes.`),
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body.bytes);
  } catch {
    return { ok: false, response: refusal(400, "The body is not valid UTF-8.") };
  }
  const probe = probeInBody(type, text);
  if (probe) await recordRequestProbe(request, probe);
  const problem = textProblem(text);
  if (problem) return { ok: false, response: refusal(400, problem) };
  return { ok: true, bytes: body.bytes, text };
}

export { refusal as intakeRefusal };
