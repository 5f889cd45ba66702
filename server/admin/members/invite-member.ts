import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
import { canGrant } from "@/lib/auth/capabilities";
import { InviteMemberInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import { assertInvitationBudget, createInvitation } from "@/server/admin/members/create-invitation";

/**
 * A manager invites someone by email: an invitation with a single-use link (only its hash is
 * stored), emailed unless the anti-bombing throttle holds it back. Only an owner can invite an
 * owner. The tier must be one of this club's.
 */
export async function inviteMember(
  slug: string,
  raw: unknown,
  ctx: RequestContext,
): Promise<{ invitationId: string; emailed: boolean; email: string }> {
  const access = await requireClubPermission(slug, "manageMembers");
  const input = parseInput(InviteMemberInput, raw);
  if (!canGrant(access.role, input.role))
    throw new AppError("BAD_REQUEST", "Only an owner can invite an owner.", {
      role: "Only an owner can invite an owner.",
    });
  return db.$transaction(async (tx) => {
    await assertTierOfClub(tx, input.tierId, access.club.id);
    const member = await tx.membership.findFirst({
      where: { clubId: access.club.id, user: { email: input.email }, status: { not: "ENDED" } },
      select: { id: true },
    });
    if (member)
      throw new AppError("CONFLICT", "This person is already a member of the club.", {
        email: "Already a member of the club: change them in the list below.",
      });
    await assertInvitationBudget(tx, access.club.id, 1);
    const created = await createInvitation(tx, {
      clubId: access.club.id,
      inviter: { id: access.user.userId, name: access.user.name },
      email: input.email,
      name: input.name,
      role: input.role as Role,
      tierId: input.tierId,
      validUntil: input.validUntil,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    await recordAuditEvent(
      {
        action: "admin.member.invited",
        clubId: access.club.id,
        actorId: access.user.userId,
        targetType: "invitation",
        targetId: created.invitationId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: {
          email: input.email,
          role: input.role,
          tierId: input.tierId,
          validUntil: input.validUntil,
          emailed: created.emailed,
        },
      },
      tx,
    );
    return { ...created, email: input.email };
  });
}

async function assertTierOfClub(
  tx: Pick<Prisma.TransactionClient, "membershipTier">,
  tierId: string | null,
  clubId: string,
): Promise<void> {
  if (!tierId) return;
  const tier = await tx.membershipTier.findFirst({
    where: { id: tierId, clubId },
    select: { id: true },
  });
  if (!tier)
    throw new AppError("BAD_REQUEST", "Unknown tier.", { tierId: "Choose one from the list." });
}
