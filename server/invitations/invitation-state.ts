import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { sha256Hex } from "@/server/auth/crypto-tokens";

const SELECT = {
  id: true,
  clubId: true,
  email: true,
  name: true,
  role: true,
  tierId: true,
  validUntil: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  club: { select: { slug: true, name: true } },
} as const;

export type LiveInvitation = Prisma.MembershipInvitationGetPayload<{ select: typeof SELECT }>;

/** The invitation of a token if it is still usable (not accepted, revoked or expired). */
export async function findLiveInvitation(
  tx: Pick<Prisma.TransactionClient, "membershipInvitation">,
  token: string,
  now = new Date(),
): Promise<LiveInvitation | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const found = await tx.membershipInvitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: SELECT,
  });
  if (!found || found.acceptedAt || found.revokedAt || found.expiresAt <= now) return null;
  return found;
}

/** Marks the invitation used, atomically: false if another request used it first. */
export async function markInvitationAccepted(
  tx: Pick<Prisma.TransactionClient, "membershipInvitation">,
  id: string,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const { count } = await tx.membershipInvitation.updateMany({
    where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: userId },
  });
  return count === 1;
}

/** Creates the membership the invitation describes, or renews an ended one. */
export async function joinClub(
  tx: Pick<Prisma.TransactionClient, "membership">,
  invitation: LiveInvitation,
  userId: string,
): Promise<string> {
  const data = {
    role: invitation.role,
    tierId: invitation.tierId,
    validUntil: invitation.validUntil,
    status: "ACTIVE" as const,
  };
  const m = await tx.membership.upsert({
    where: { userId_clubId: { userId, clubId: invitation.clubId } },
    create: { userId, clubId: invitation.clubId, ...data },
    update: data,
    select: { id: true },
  });
  return m.id;
}
