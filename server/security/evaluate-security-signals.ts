import "server-only";
import { Prisma } from "@/generated/prisma/client";
import {
  DETECTORS,
  QUIET_MS,
  alertSummary,
  type Detector,
  type DetectorKind,
} from "@/lib/security/detectors";
import { db } from "@/server/db";

/**
 * The events each detector counts, as rows (at, source, club_id, target, detail) since `since`.
 * They come from what the app already records — the audit log for sign-ins and admin actions —
 * and from security_signal for probes and the database server's log. Constants only: no input is
 * ever spliced into this SQL.
 */
const LOGIN_FAILURES = Prisma.sql`
  SELECT a.at, a.ip,
         CASE WHEN a.target_type = 'user'
              THEN (SELECT u.email::text FROM app_user u WHERE u.id = a.target_id::uuid)
              ELSE lower(a.target_id) END AS account
    FROM audit_event a
   WHERE a.action IN ('auth.login.failed', 'auth.login.throttled', 'auth.login.refused_locked')`;

const actorName = Prisma.sql`COALESCE((SELECT u.email::text FROM app_user u WHERE u.id = a.actor_id), 'unknown')`;

function events(kind: DetectorKind, since: Date): Prisma.Sql {
  switch (kind) {
    case "login.account_burst":
      return Prisma.sql`SELECT f.at, COALESCE(f.account, 'unknown') AS source, NULL::uuid AS club_id,
               COALESCE(f.ip, 'unknown') AS target,
               jsonb_build_object('address', COALESCE(f.ip, 'unknown')) AS detail
          FROM (${LOGIN_FAILURES} AND a.at > ${since}) f`;
    case "login.address_burst":
      return Prisma.sql`SELECT f.at, COALESCE(f.ip, 'unknown') AS source, NULL::uuid AS club_id,
               COALESCE(f.account, 'unknown') AS target,
               jsonb_build_object('account', COALESCE(f.account, 'unknown')) AS detail
          FROM (${LOGIN_FAILURES} AND a.at > ${since}) f`;
    case "login.site_wide":
      return Prisma.sql`SELECT f.at, 'all addresses'::text AS source, NULL::uuid AS club_id,
               COALESCE(f.ip, 'unknown') AS target,
               jsonb_build_object('address', COALESCE(f.ip, 'unknown'), 'account', COALESCE(f.account, 'unknown')) AS detail
          FROM (${LOGIN_FAILURES} AND a.at > ${since}) f`;
    case "login.success_after_failures":
      return Prisma.sql`SELECT s.at, s.account AS source, NULL::uuid AS club_id,
               COALESCE(s.ip, 'unknown') AS target,
               jsonb_build_object('address', COALESCE(s.ip, 'unknown'), 'failures_in_hour_before', s.failures) AS detail
          FROM (SELECT ok.at, ok.ip, u.email::text AS account,
                       (SELECT count(*) FROM (${LOGIN_FAILURES}
                                               AND a.at BETWEEN ok.at - interval '1 hour' AND ok.at) f
                         WHERE f.account = u.email::text)::int AS failures
                  FROM audit_event ok
                  JOIN app_user u ON ok.target_type = 'user' AND u.id = ok.target_id::uuid
                 WHERE ok.action = 'auth.login.succeeded' AND ok.at > ${since}) s
         WHERE s.failures >= 10`;
    case "probe":
      return Prisma.sql`SELECT s.at, s.source, NULL::uuid AS club_id,
               COALESCE(s.route, '') AS target,
               s.evidence || jsonb_build_object('kind', s.kind, 'route', s.route) AS detail
          FROM security_signal s
         WHERE s.kind LIKE 'probe.%' AND s.at > ${since}`;
    case "admin.staff_role_granted":
      return Prisma.sql`SELECT a.at, ${actorName} AS source, a.club_id, COALESCE(a.target_id, '') AS target,
               jsonb_build_object('action', a.action,
                                  'role', COALESCE(a.details->'after'->>'role', a.details->>'role'),
                                  'target', a.target_id) AS detail
          FROM audit_event a
         WHERE a.club_id IS NOT NULL AND a.at > ${since}
           AND ((a.action = 'admin.member.updated'
                 AND a.details->'after'->>'role' IN ('OWNER', 'MANAGER')
                 AND a.details->'before'->>'role' IS DISTINCT FROM a.details->'after'->>'role')
             OR (a.action = 'admin.member.invited' AND a.details->>'role' IN ('OWNER', 'MANAGER')))`;
    case "admin.gateway_changed":
      return Prisma.sql`SELECT a.at, ${actorName} AS source, a.club_id, COALESCE(a.target_id, '') AS target,
               jsonb_build_object('gateway', a.details->>'gateway', 'created', a.details->'created',
                                  'fields', a.details->'changed', 'secrets_replaced', a.details->'secretsReplaced') AS detail
          FROM audit_event a
         WHERE a.action = 'payment.gateway_config.saved' AND a.club_id IS NOT NULL AND a.at > ${since}`;
    case "admin.mass_export":
      return Prisma.sql`SELECT a.at, ${actorName} AS source, a.club_id, a.id::text AS target,
               jsonb_build_object('address', a.ip) AS detail
          FROM audit_event a
         WHERE a.action = 'admin.export.members' AND a.club_id IS NOT NULL AND a.at > ${since}`;
    case "admin.mass_cancellation":
      return Prisma.sql`SELECT a.at, ${actorName} AS source, a.club_id, COALESCE(a.target_id, '') AS target,
               jsonb_build_object('booking', a.target_id) AS detail
          FROM audit_event a
         WHERE a.action = 'booking.cancelled_by_staff' AND a.club_id IS NOT NULL AND a.at > ${since}`;
    default:
      // db.*: one signal of the server's log is one event.
      return Prisma.sql`SELECT s.at, s.source, NULL::uuid AS club_id, s.source AS target, s.evidence AS detail
          FROM security_signal s
         WHERE s.kind = ${kind} AND s.at > ${since}`;
  }
}

export type EvaluateResult = { opened: string[]; updated: number; closed: number };

type Group = {
  source: string;
  club_id: string | null;
  n: number;
  distinct_n: number;
  first_at: Date;
  last_at: Date;
  latest: Prisma.JsonValue;
};

/**
 * One evaluation of every detector (the worker's security job, under its lease): open alerts
 * get the events since they started counted and their last-seen moved; alerts whose source has
 * been quiet for QUIET_MS close; a source whose events in a detector's window reach its threshold
 * opens an alert — counting only events after its previous alert, so a closed alert never
 * reopens on old events. The partial unique index on open alerts makes a second opener a no-op.
 */
export async function evaluateSecuritySignals(now = new Date()): Promise<EvaluateResult> {
  const result: EvaluateResult = { opened: [], updated: 0, closed: 0 };
  for (const kind of Object.keys(DETECTORS) as DetectorKind[]) {
    const d: Detector = DETECTORS[kind];

    // 1. Open alerts: everything since they started.
    const oldest = await db.securityAlert.aggregate({
      where: { kind, closedAt: null },
      _min: { firstSeen: true },
    });
    if (oldest._min.firstSeen) {
      const since = new Date(oldest._min.firstSeen.getTime() - 1);
      const grown = await db.$queryRaw<
        Array<{ id: string; source: string; n: number; last_at: Date; latest: Prisma.JsonValue }>
      >`
        WITH ev AS (${events(kind, since)})
        SELECT sa.id, sa.source, count(*)::int AS n, max(ev.at) AS last_at,
               (array_agg(ev.detail ORDER BY ev.at DESC))[1] AS latest
          FROM security_alert sa
          JOIN ev ON ev.source = sa.source
                 AND ev.club_id IS NOT DISTINCT FROM sa.club_id
                 AND ev.at >= sa.first_seen AND ev.at <= ${now}
         WHERE sa.kind = ${kind} AND sa.closed_at IS NULL
         GROUP BY sa.id, sa.source, sa.count
        HAVING count(*) <> sa.count`;
      for (const g of grown) {
        await db.$executeRaw`
          UPDATE security_alert
             SET count = GREATEST(count, ${g.n}), last_seen = GREATEST(last_seen, ${g.last_at}),
                 summary = ${alertSummary(kind, g.source, g.n)},
                 evidence = jsonb_set(evidence, '{latest}', ${JSON.stringify(g.latest ?? {})}::jsonb)
           WHERE id = ${g.id}::uuid AND closed_at IS NULL`;
        result.updated += 1;
      }
    }

    // 2. Quiet alerts close.
    result.closed += await db.$executeRaw`
      UPDATE security_alert SET closed_at = ${now}
       WHERE kind = ${kind} AND closed_at IS NULL
         AND last_seen < ${new Date(now.getTime() - QUIET_MS)}`;

    // 3. New alerts: a source over the threshold in the window, after its previous alert.
    const since = new Date(now.getTime() - d.windowMs);
    const groups = await db.$queryRaw<Group[]>`
      WITH ev AS (${events(kind, since)}),
      fresh AS (
        SELECT ev.* FROM ev
         WHERE ev.at <= ${now}
           AND ev.at > COALESCE((SELECT max(sa.last_seen) FROM security_alert sa
                                  WHERE sa.kind = ${kind} AND sa.source = ev.source
                                    AND sa.club_id IS NOT DISTINCT FROM ev.club_id), '-infinity'::timestamptz))
      SELECT source, club_id, count(*)::int AS n, count(DISTINCT target)::int AS distinct_n,
             min(at) AS first_at, max(at) AS last_at,
             (array_agg(detail ORDER BY at DESC))[1] AS latest
        FROM fresh
       GROUP BY source, club_id
      HAVING count(*) >= ${d.threshold} AND count(DISTINCT target) >= ${d.minDistinct ?? 1}
         AND NOT EXISTS (SELECT 1 FROM security_alert sa
                          WHERE sa.kind = ${kind} AND sa.source = fresh.source
                            AND sa.club_id IS NOT DISTINCT FROM fresh.club_id AND sa.closed_at IS NULL)`;
    for (const g of groups) {
      const evidence = {
        window_minutes: d.windowMs / 60_000,
        threshold: d.threshold,
        distinct: g.distinct_n,
        latest: g.latest ?? {},
      };
      const inserted = await db.$executeRaw`
        INSERT INTO security_alert (kind, severity, club_id, source, summary, first_seen, last_seen, count, evidence)
        VALUES (${kind}, ${d.severity}, ${g.club_id}::uuid, ${g.source.slice(0, 160)},
                ${alertSummary(kind, g.source, g.n)}, ${g.first_at}, ${g.last_at}, ${g.n},
                ${JSON.stringify(evidence)}::jsonb)
        ON CONFLICT (kind, source, COALESCE(club_id, '00000000-0000-0000-0000-000000000000'::uuid))
          WHERE closed_at IS NULL DO NOTHING`;
      if (inserted) result.opened.push(`${kind} ${g.source}`);
    }
  }
  return result;
}
