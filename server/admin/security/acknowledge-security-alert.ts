import "server-only";
import { clubDateTime } from "@/lib/security-alerts-page";
import { AcknowledgeSecurityAlertInput } from "@/schemas/security-alerts";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";

/**
 * A manager acknowledges one security alert of the club with a note (3–1000 characters, their
 * own words: what they checked or did). In one transaction the alert records when, by whom and
 * the note, and the audit event `security.alert.acknowledged` (kind, severity, source, note) is
 * written. An alert of another club, or of the deployment, is "not found"; one already
 * acknowledged is refused, naming who did it and when. Acknowledging does not close an alert:
 * the detector keeps counting while it lasts.
 */
export async function acknowledgeSecurityAlert(
  slug: string,
  input: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<{ alertId: string }> {
  const { club, user } = await requireClubPermission(slug, "acknowledgeSecurityAlerts");
  const { alertId, note } = parseInput(AcknowledgeSecurityAlertInput, input);
  return db.$transaction(async (tx) => {
    const alert = await tx.securityAlert.findFirst({
      where: { id: alertId, clubId: club.id },
      select: {
        kind: true,
        severity: true,
        source: true,
        acknowledgedAt: true,
        acknowledgedByUser: { select: { name: true } },
      },
    });
    if (!alert) throw notFoundError("security alert", { inClub: true });
    if (alert.acknowledgedAt) {
      const by = alert.acknowledgedByUser ? ` by ${alert.acknowledgedByUser.name}` : "";
      const on = clubDateTime(alert.acknowledgedAt.toISOString(), club.timeZone);
      throw new AppError("CONFLICT", `This alert was already acknowledged${by} on ${on}.`);
    }
    const at = new Date();
    // Conditional: of two managers acknowledging at once, one wins and the other is told.
    const { count } = await tx.securityAlert.updateMany({
      where: { id: alertId, clubId: club.id, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedBy: user.userId, acknowledgementNote: note },
    });
    if (count !== 1)
      throw new AppError("CONFLICT", "This alert was just acknowledged by someone else.");
    await recordAuditEvent(
      {
        action: "security.alert.acknowledged",
        clubId: club.id,
        actorId: user.userId,
        targetType: "security_alert",
        targetId: alertId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { kind: alert.kind, severity: alert.severity, source: alert.source, note },
      },
      tx,
    );
    return { alertId };
  });
}
