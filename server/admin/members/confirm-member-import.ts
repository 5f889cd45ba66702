import "server-only";
import { previewMemberImport } from "@/lib/member-import";
import { MemberImportInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import { assertInvitationBudget, createInvitation } from "@/server/admin/members/create-invitation";
import { loadImportContext } from "@/server/admin/members/import-context";

/**
 * Imports a previewed members CSV: the rows are checked again inside the transaction (the club
 * may have changed since the preview) and, only if every row is valid, each becomes an invitation
 * with its role, tier and validity — all or nothing. Links are emailed to each address within its
 * per-recipient throttle (a bulk import is one manager's deliberate act, so the per-address limit
 * of strangers does not apply).
 */
export async function confirmMemberImport(
  slug: string,
  raw: unknown,
  ctx: RequestContext,
): Promise<{ invited: number; emailed: number }> {
  const access = await requireClubPermission(slug, "manageMembers");
  const parsed = parseInput(MemberImportInput, raw);
  const clubId = access.club.id;
  return db.$transaction(
    async (tx) => {
      // One import at a time per club, so two imports cannot both invite one address.
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(7402, hashtext(${clubId}))) l`;
      const preview = previewMemberImport(
        parsed.csv,
        await loadImportContext(tx, access.club, access.role),
      );
      if (!preview.valid)
        throw new AppError(
          "UNPROCESSABLE",
          preview.fileError ??
            "Some rows have problems (the club may have changed since the preview): nothing was imported. Check the file again.",
        );
      await assertInvitationBudget(tx, clubId, preview.rows.length);
      let emailed = 0;
      for (const row of preview.rows) {
        const result = await createInvitation(tx, {
          clubId,
          inviter: { id: access.user.userId, name: access.user.name },
          email: row.email,
          name: row.name,
          role: row.role,
          tierId: row.tierId,
          validUntil: row.validUntil,
          ip: null,
          userAgent: ctx.userAgent,
        });
        if (result.emailed) emailed++;
      }
      await recordAuditEvent(
        {
          action: "admin.member.imported",
          clubId,
          actorId: access.user.userId,
          targetType: "club",
          targetId: clubId,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          details: {
            invited: preview.rows.length,
            emailed,
            rows: preview.rows.map((r) => ({ email: r.email, role: r.role, tierId: r.tierId })),
          },
        },
        tx,
      );
      return { invited: preview.rows.length, emailed };
    },
    { timeout: 60_000 },
  );
}
