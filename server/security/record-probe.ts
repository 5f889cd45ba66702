import "server-only";
/**
 * Records an injection or scanning probe seen at a boundary (issue 14 §2) as a `security_signal`
 * row, for the threat-detection worker to count per source. Detection is
 * lib/security/probe-signatures.ts; the callers are proxy.ts (address), runFormAction, readJsonBody
 * and public-intake (bodies). Recording never throws to its caller and never changes the
 * response: a failure is logged and forgotten. The evidence never holds a secret: secret fields
 * are not even scanned.
 */
import { clubSlugOfPath, type ProbeKind } from "@/lib/security/probe-signatures";
import { db } from "@/server/db";
import { logger } from "@/server/logger";

export type ProbeRecord = {
  kind: ProbeKind;
  signature: string;
  where: "path" | "query" | "body";
  /** The query parameter or body field (its path in JSON); null for the path. */
  field: string | null;
  /** The request's pathname (for a server action, the page it was posted from), if known. */
  route: string | null;
  /** The client address (lib/client-address.ts), or null when unknown. */
  source: string | null;
  /** The value that matched; stored shortened, without control characters. */
  value: string;
  /** The club, when the caller knows it; otherwise read from a `/c/<slug>/` route. */
  clubSlug?: string | null;
};

const MAX_ROUTE = 200;
const MAX_SAMPLE = 120;
const MAX_FIELD = 100;
const MAX_SOURCE = 160;

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** A surrogate without its pair (JSON can carry one; jsonb refuses it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control characters out, well-formed UTF-16, at most `max` code points. */
function clean(value: string, max: number): string {
  const chars = Array.from(value.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD"));
  return chars.length <= max ? chars.join("") : chars.slice(0, max).join("");
}

export async function recordProbe(probe: ProbeRecord): Promise<void> {
  try {
    const route = probe.route === null ? null : clean(probe.route, MAX_ROUTE);
    const slug = probe.clubSlug ?? (route === null ? null : clubSlugOfPath(route));
    const club = slug ? await db.club.findUnique({ where: { slug }, select: { id: true } }) : null;
    await db.securitySignal.create({
      data: {
        kind: `probe.${probe.kind}`,
        source: probe.source ? clean(probe.source, MAX_SOURCE) : "unknown",
        clubId: club?.id ?? null,
        route,
        evidence: {
          signature: probe.signature,
          where: probe.where,
          field: probe.field === null ? null : clean(probe.field, MAX_FIELD),
          sample: clean(probe.value, MAX_SAMPLE),
        },
      },
    });
  } catch (err) {
    logger.error({ err, probe: { kind: probe.kind, where: probe.where } }, "probe not recorded");
  }
}
