import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
import { appUrl } from "@/server/auth/auth-settings";
import { randomToken, sha256Hex } from "@/server/auth/crypto-tokens";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { AppError } from "@/server/errors";
import { LIMITS } from "@/server/rate-limit/limits";

export const INVITATION_TTL_DAYS = 14;

/**
 * Refuses to send `count` more invitations when the club has reached its daily budget (a stolen
 * manager account cannot turn the club into a mass mailer; each address is also throttled).
 */
export async function assertInvitationBudget(
  tx: Pick<Prisma.TransactionClient, "membershipInvitation">,
  clubId: string,
  count: number,
  now = new Date(),
): Promise<void> {
  const { limit, windowMs } = LIMITS.invitationsPerClub;
  const sent = await tx.membershipInvitation.count({
    where: { clubId, createdAt: { gt: new Date(now.getTime() - windowMs) } },
  });
  if (sent + count > limit)
    throw new AppError(
      "RATE_LIMITED",
      `The club can send at most ${limit} invitations a day (${sent} sent in the last 24 hours). Try again later.`,
    );
}

/**
 * Writes one invitation (revoking earlier pending ones of the same club and address, so only the
 * newest link works) and emails its link if the throttle allows. Shared by the single invite and
 * the CSV import; the caller authorises, validates and audits.
 */
export async function createInvitation(
  tx: Prisma.TransactionClient,
  input: {
    clubId: string;
    inviter: { id: string; name: string };
    email: string;
    name: string | null;
    role: Role;
    tierId: string | null;
    validUntil: string | null;
    /** Null for a bulk import: then only the per-recipient limits apply. */
    ip: string | null;
    userAgent: string | null;
  },
  now = new Date(),
): Promise<{ invitationId: string; emailed: boolean }> {
  await tx.membershipInvitation.updateMany({
    where: { clubId: input.clubId, email: input.email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const token = randomToken();
  const invitation = await tx.membershipInvitation.create({
    data: {
      clubId: input.clubId,
      email: input.email,
      name: input.name,
      role: input.role,
      tierId: input.tierId,
      validUntil: input.validUntil ? new Date(input.validUntil) : null,
      tokenHash: sha256Hex(token),
      invitedById: input.inviter.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3_600_000),
    },
    select: { id: true },
  });
  const emailed = await allowStrangerEmail(tx, {
    kind: "invitation",
    recipient: input.email,
    ip: input.ip,
    userAgent: input.userAgent,
    now,
  });
  if (emailed) {
    await enqueueEmail(tx, {
      to: input.email,
      template: "member-invitation",
      data: {
        ...(input.name ? { name: input.name } : {}),
        inviterName: input.inviter.name,
        acceptUrl: appUrl(`/invite?token=${token}`),
        expiresInDays: INVITATION_TTL_DAYS,
      },
      category: "account",
      clubId: input.clubId,
    });
  }
  return { invitationId: invitation.id, emailed };
}
