import "server-only";
import { canGrant } from "@/lib/auth/capabilities";
import { RevokeInvitationInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";

/** Withdraws a pending invitation of the authorised club: its link stops working. */
export async function revokeInvitation(
  slug: string,
  raw: unknown,
  ctx: RequestContext,
): Promise<{ invitationId: string }> {
  const access = await requireClubPermission(slug, "manageMembers");
  const parsed = parseInput(RevokeInvitationInput, raw);
  const clubId = access.club.id;
  return db.$transaction(async (tx) => {
    const invitation = await tx.membershipInvitation.findFirst({
      where: { id: parsed.invitationId, clubId },
      select: { id: true, email: true, role: true },
    });
    if (!invitation) throw notFoundError("invitation", { inClub: true });
    if (!canGrant(access.role, invitation.role))
      throw new AppError("FORBIDDEN", "Only an owner can withdraw an owner's invitation.");
    const { count } = await tx.membershipInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 1)
      await recordAuditEvent(
        {
          action: "admin.member.invitation_revoked",
          clubId,
          actorId: access.user.userId,
          targetType: "invitation",
          targetId: invitation.id,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          details: { email: invitation.email },
        },
        tx,
      );
    return { invitationId: invitation.id };
  });
}
