import "server-only";
import { UpdateMembershipInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";
import { assertOwnershipChangeAllowed, lockClubOwners } from "@/server/admin/members/owner-guard";

/**
 * Sets a member's role, tier and end of validity. Managers and owners only; the membership and
 * the tier must belong to the club the caller was authorised for (any other id is "not found").
 * Only an owner touches the owner role; the last owner stays an owner.
 */
export async function updateMembership(
  slug: string,
  raw: unknown,
  ctx: RequestContext,
): Promise<{ membershipId: string }> {
  const access = await requireClubPermission(slug, "manageMembers");
  const input = parseInput(UpdateMembershipInput, raw);
  const clubId = access.club.id;
  return db.$transaction(async (tx) => {
    await lockClubOwners(tx, clubId);
    const before = await tx.membership.findFirst({
      where: { id: input.membershipId, clubId },
      select: { id: true, userId: true, role: true, status: true, validUntil: true, tierId: true },
    });
    if (!before) throw notFoundError("member", { inClub: true });
    if (input.tierId) {
      const tier = await tx.membershipTier.findFirst({
        where: { id: input.tierId, clubId },
        select: { id: true },
      });
      if (!tier)
        throw new AppError("BAD_REQUEST", "Unknown tier.", { tierId: "Choose one from the list." });
    }
    const validUntil = input.validUntil ? new Date(input.validUntil) : null;
    await assertOwnershipChangeAllowed(tx, {
      club: access.club,
      membershipId: before.id,
      actorRole: access.role,
      before,
      after: { role: input.role, status: before.status, validUntil },
    });
    await tx.membership.update({
      where: { id: before.id },
      data: { role: input.role, tierId: input.tierId, validUntil },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "admin.member.updated",
        clubId,
        actorId: access.user.userId,
        targetType: "membership",
        targetId: before.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: {
          userId: before.userId,
          before: {
            role: before.role,
            tierId: before.tierId,
            validUntil: before.validUntil?.toISOString().slice(0, 10) ?? null,
          },
          after: { role: input.role, tierId: input.tierId, validUntil: input.validUntil },
        },
      },
      tx,
    );
    return { membershipId: before.id };
  });
}
