import "server-only";
import type { CspViolationReport } from "@/schemas/csp-report";
import { db } from "@/server/db";
import { logger } from "@/server/logger";

/**
 * Storage limits, global to the deployment and enforced in PostgreSQL (so they hold across any
 * number of app instances): reports are anonymous, so a flood must not be able to fill the disk.
 * Worst case: 1,000 rows a day × 30 days of retention, each under 7 KB.
 */
export const CSP_STORE_LIMIT_PER_MINUTE = 30;
export const CSP_STORE_LIMIT_PER_DAY = 1_000;
export const CSP_RETENTION_DAYS = 30;

/**
 * Advisory lock (two-int4 form: its key space is separate from the single-bigint locks) that
 * serializes report writers, so that concurrent requests cannot both see room under the limit.
 */
const LOCK_CLASS = 0x63737072; // "cspr"
const LOCK_ID = 1;

/** Column widths of csp_violation (prisma/schema.prisma). */
const MAX = {
  uri: 2000,
  directive: 100,
  sample: 200,
  userAgent: 400,
} as const;

const INT4_MAX = 2_147_483_647;

/**
 * Cuts a string to the column width, counted in characters as PostgreSQL counts them (code
 * points, so a surrogate pair is never split), and removes NUL, which PostgreSQL text rejects.
 */
function clean(value: string | null, max: number): string | null {
  if (value === null) return null;
  const chars = Array.from(value.replaceAll("\0", ""));
  return chars.length <= max ? chars.join("") : chars.slice(0, max).join("");
}

/**
 * Keeps origin and path of an absolute URL and drops query and fragment: URLs can carry tokens
 * (password reset, email verification) that must not end up in a table many people can read.
 * Keywords such as `inline`, `eval` or `self` are kept as they are.
 */
export function redactUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") {
      return `${url.origin}${url.pathname}${url.search || url.hash ? "?…" : ""}`;
    }
    if (url.protocol === "data:" || url.protocol === "blob:") return url.protocol.slice(0, -1);
    return value;
  } catch {
    return value;
  }
}

function lineNumber(value: number | null): number | null {
  return value !== null && Number.isInteger(value) && value >= 0 && value <= INT4_MAX
    ? value
    : null;
}

export type RecordCspResult = { stored: number; dropped: number };

/**
 * Stores the violations of one report request, within the global storage limits, and logs each
 * stored one. Reports beyond the limits are dropped silently (the browser gets the same answer),
 * and rows older than the retention period are deleted on the way.
 */
export async function recordCspViolations(
  reports: readonly CspViolationReport[],
  context: { userAgent: string | null },
): Promise<RecordCspResult> {
  if (reports.length === 0) return { stored: 0, dropped: 0 };

  const rows = reports.map((r) => ({
    documentUri: clean(redactUrl(r.documentUri), MAX.uri),
    effectiveDirective: clean(r.effectiveDirective, MAX.directive),
    blockedUri: clean(redactUrl(r.blockedUri), MAX.uri),
    sourceFile: clean(redactUrl(r.sourceFile), MAX.uri),
    lineNumber: lineNumber(r.lineNumber),
    sample: clean(r.sample, MAX.sample),
    userAgent: clean(r.userAgent ?? context.userAgent, MAX.userAgent),
  }));

  const stored = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${LOCK_ID}::int4)`;
    await tx.$executeRaw`
      DELETE FROM csp_violation
      WHERE received_at < now() - make_interval(days => ${CSP_RETENTION_DAYS}::int4)`;
    const [usage] = await tx.$queryRaw<{ last_minute: number; last_day: number }[]>`
      SELECT count(*) FILTER (WHERE received_at > now() - interval '1 minute')::int4 AS last_minute,
             count(*)::int4 AS last_day
      FROM csp_violation
      WHERE received_at > now() - interval '1 day'`;
    const room = Math.max(
      0,
      Math.min(
        CSP_STORE_LIMIT_PER_MINUTE - (usage?.last_minute ?? 0),
        CSP_STORE_LIMIT_PER_DAY - (usage?.last_day ?? 0),
      ),
    );
    const accepted = rows.slice(0, room);
    if (accepted.length > 0) await tx.cspViolation.createMany({ data: accepted });
    return accepted;
  });

  for (const row of stored) logger.warn({ cspViolation: row }, "CSP violation reported");
  const dropped = rows.length - stored.length;
  if (dropped > 0)
    logger.debug({ dropped }, "CSP violation reports over the storage limit dropped");
  return { stored: stored.length, dropped };
}
