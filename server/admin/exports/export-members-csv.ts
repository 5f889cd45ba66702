import "server-only";
import { toCsv } from "@/lib/csv";
import { todayIn } from "@/lib/time";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

export const MEMBER_EXPORT_COLUMNS = [
  "Name",
  "Email",
  "Role",
  "Tier",
  "Status",
  "Valid until",
  "Member since",
] as const;

/**
 * Every membership of the club as CSV (lib/csv.ts: formula-safe, RFC 4180, BOM): a member who
 * calls themselves `=HYPERLINK(…)` comes out as inert text. Managers and owners only; audited.
 */
export async function exportMembersCsv(
  slug: string,
  ctx: RequestContext,
): Promise<{ filename: string; body: string }> {
  const access = await requireClubPermission(slug, "exportData");
  const clubId = access.club.id;
  const members = await db.membership.findMany({
    where: { clubId },
    orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
    select: {
      role: true,
      status: true,
      validUntil: true,
      createdAt: true,
      tier: { select: { name: true } },
      user: { select: { name: true, email: true } },
    },
  });
  const rows = members.map((m) => [
    m.user.name,
    m.user.email,
    m.role,
    m.tier?.name ?? "",
    m.status,
    m.validUntil?.toISOString().slice(0, 10) ?? "",
    todayIn(access.club.timeZone, m.createdAt),
  ]);
  await recordAuditEvent({
    action: "admin.export.members",
    clubId,
    actorId: access.user.userId,
    targetType: "club",
    targetId: clubId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: { rows: rows.length },
  });
  return {
    filename: `${access.club.slug}-members-${todayIn(access.club.timeZone)}.csv`,
    body: toCsv(MEMBER_EXPORT_COLUMNS, rows),
  };
}
