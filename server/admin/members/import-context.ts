import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
import { can } from "@/lib/auth/capabilities";
import type { ImportContext } from "@/lib/member-import";
import { todayIn } from "@/lib/time";

/** What an import's rows are checked against: the club's tiers, members and open invitations. */
export async function loadImportContext(
  tx: Pick<Prisma.TransactionClient, "membershipTier" | "membership" | "membershipInvitation">,
  club: { id: string; timeZone: string },
  actorRole: Role,
): Promise<ImportContext> {
  const [tiers, members, invitations] = await Promise.all([
    tx.membershipTier.findMany({ where: { clubId: club.id }, select: { id: true, name: true } }),
    tx.membership.findMany({
      where: { clubId: club.id, status: { not: "ENDED" } },
      select: { user: { select: { email: true } } },
    }),
    tx.membershipInvitation.findMany({
      where: { clubId: club.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { email: true },
    }),
  ]);
  return {
    tiers,
    existingMembers: new Set([
      ...members.map((m) => m.user.email.toLowerCase()),
      ...invitations.map((i) => i.email.toLowerCase()),
    ]),
    actorIsOwner: can(actorRole, "manageOwners"),
    today: todayIn(club.timeZone),
  };
}
