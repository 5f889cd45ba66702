import "server-only";
import { DeactivateMembershipInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";
import { assertOwnershipChangeAllowed, lockClubOwners } from "@/server/admin/members/owner-guard";

/**
 * Ends a membership (status ENDED: the person keeps their account and history, loses access to
 * the club; the database trigger ends their sessions). Managers and owners only, scoped to the
 * authorised club; never the last owner.
 */
export async function deactivateMembership(
  slug: string,
  raw: unknown,
  ctx: RequestContext,
): Promise<{ membershipId: string }> {
  const access = await requireClubPermission(slug, "manageMembers");
  const parsed = parseInput(DeactivateMembershipInput, raw);
  const clubId = access.club.id;
  return db.$transaction(async (tx) => {
    await lockClubOwners(tx, clubId);
    const before = await tx.membership.findFirst({
      where: { id: parsed.membershipId, clubId },
      select: { id: true, userId: true, role: true, status: true, validUntil: true },
    });
    if (!before) throw notFoundError("member", { inClub: true });
    if (before.status === "ENDED") return { membershipId: before.id };
    await assertOwnershipChangeAllowed(tx, {
      club: access.club,
      membershipId: before.id,
      actorRole: access.role,
      before,
      after: null,
    });
    await tx.membership.update({
      where: { id: before.id },
      data: { status: "ENDED" },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "admin.member.deactivated",
        clubId,
        actorId: access.user.userId,
        targetType: "membership",
        targetId: before.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { userId: before.userId, role: before.role, previousStatus: before.status },
      },
      tx,
    );
    return { membershipId: before.id };
  });
}
