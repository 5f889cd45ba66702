import "server-only";
import {
  DETECTORS,
  DIGEST_EVERY_MS,
  START_EMAILS_PER_WINDOW,
  emailDue,
  isDetectorKind,
  type Detector,
} from "@/lib/security/detectors";
import { isActiveMembership } from "@/lib/membership";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { enqueueEmail } from "@/server/mail/enqueue-email";

export type NotifyResult = { started: number; digests: number; deferred: number };

type Recipients = { to: string[]; clubName: string | null; timeZone?: string; url?: string };

const NO_CLUB = "00000000-0000-0000-0000-000000000000";

/**
 * Emails due alerts through the outbox (docs/decisions/023-threat-detection.md): a start email when
 * an alert opens, then a digest at most every 15 minutes while it grows (lib/security/detectors.ts
 * emailDue). Club-scoped alerts go to the club's security contact and its active owners,
 * deployment-scoped ones to the operator. At most START_EMAILS_PER_WINDOW start emails per scope
 * in a window: an attacker who opens alerts from many sources cannot flood anyone; the others wait
 * for the next window. Each alert is emailed in its own transaction, its row locked (SKIP LOCKED).
 */
export async function notifySecurityAlerts(
  operatorEmail: string,
  now = new Date(),
): Promise<NotifyResult> {
  const result: NotifyResult = { started: 0, digests: 0, deferred: 0 };
  const digestBefore = new Date(now.getTime() - DIGEST_EVERY_MS);
  const candidates = await db.securityAlert.findMany({
    where: {
      OR: [
        { emailsSent: 0, closedAt: null },
        { lastEmailAt: { lte: digestBefore } },
        { lastEmailAt: null, emailsSent: { gt: 0 } },
      ],
    },
    select: { id: true, count: true, emailedCount: true },
    orderBy: { firstSeen: "asc" },
    take: 500,
  });
  for (const c of candidates) {
    if (c.count <= c.emailedCount) continue;
    const outcome = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM security_alert WHERE id = ${c.id}::uuid FOR UPDATE SKIP LOCKED`;
      if (!locked.length) return null;
      const alert = await tx.securityAlert.findUniqueOrThrow({
        where: { id: c.id },
        include: {
          club: { select: { name: true, slug: true, timeZone: true, securityContactEmail: true } },
        },
      });
      const due = emailDue(alert, now);
      if (!due) return null;
      if (due === "start") {
        const started = await tx.$queryRaw<Array<{ n: number }>>`
          SELECT count(*)::int AS n FROM security_alert
           WHERE COALESCE(club_id, ${NO_CLUB}::uuid) = COALESCE(${alert.clubId}::uuid, ${NO_CLUB}::uuid)
             AND first_email_at > ${digestBefore}`;
        if ((started[0]?.n ?? 0) >= START_EMAILS_PER_WINDOW) return "deferred" as const;
      }

      let recipients: Recipients;
      if (alert.clubId && alert.club) {
        const owners = await tx.membership.findMany({
          where: { clubId: alert.clubId, role: "OWNER", status: "ACTIVE" },
          select: { status: true, validUntil: true, user: { select: { email: true } } },
        });
        const to = new Set<string>([alert.club.securityContactEmail.toLowerCase()]);
        for (const o of owners) {
          if (isActiveMembership(o, alert.club.timeZone, now)) to.add(o.user.email.toLowerCase());
        }
        recipients = {
          to: [...to],
          clubName: alert.club.name,
          timeZone: alert.club.timeZone,
          url: `${env().APP_URL.replace(/\/$/, "")}/c/${alert.club.slug}/admin/security`,
        };
      } else {
        recipients = { to: [operatorEmail], clubName: null };
      }

      const detector: Detector | undefined = isDetectorKind(alert.kind)
        ? DETECTORS[alert.kind]
        : undefined;
      const latest = (alert.evidence as { latest?: Record<string, unknown> } | null)?.latest ?? {};
      const details: Array<[string, string]> = [
        ["Severity", alert.severity],
        [detector?.sourceLabel ?? "Source", alert.source.slice(0, 300)],
        ["Events", String(alert.count)],
        ["First seen", alert.firstSeen.toISOString()],
        ["Last seen", alert.lastSeen.toISOString()],
        ...Object.entries(latest)
          .filter(([, v]) => v !== null && v !== undefined && v !== "")
          .slice(0, 12)
          .map(([k, v]): [string, string] => [
            k.slice(0, 60),
            (typeof v === "string" ? v : JSON.stringify(v)).slice(0, 300),
          ]),
      ];
      for (const to of recipients.to) {
        await enqueueEmail(tx, {
          to,
          template: "security-alert",
          category: "security",
          clubId: alert.clubId,
          data: {
            title: (detector?.title ?? alert.kind).slice(0, 120),
            summary: `${alert.summary}. One event is ${detector?.explain ?? alert.kind}.`.slice(
              0,
              1000,
            ),
            details,
            at: alert.lastSeen.toISOString(),
            ...(recipients.timeZone ? { timeZone: recipients.timeZone } : {}),
            audience: alert.clubId ? "club" : "operator",
            digest: due === "digest",
            count: alert.count,
            ...(recipients.url ? { auditUrl: recipients.url } : {}),
          },
        });
      }
      await tx.securityAlert.update({
        where: { id: alert.id },
        data: {
          emailsSent: { increment: 1 },
          emailedCount: alert.count,
          lastEmailAt: now,
          ...(due === "start" ? { firstEmailAt: now } : {}),
        },
      });
      return due;
    });
    if (outcome === "start") result.started += 1;
    else if (outcome === "digest") result.digests += 1;
    else if (outcome === "deferred") result.deferred += 1;
  }
  return result;
}
