import "server-only";
import { passwordProblem } from "@/lib/auth/password-policy";
import { RegisterFromInvitationInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { hashPassword } from "@/server/auth/passwords";
import type { RequestContext } from "@/server/auth/request-context";
import { db } from "@/server/db";
import { AppError, parseInput, sqlState } from "@/server/errors";
import {
  findLiveInvitation,
  joinClub,
  markInvitationAccepted,
} from "@/server/invitations/invitation-state";

const INVALID = "This invitation link is no longer valid: ask the club for a new one.";

/**
 * Someone without an account accepts an invitation by creating one (the registration's password
 * rules and hashing). Following the emailed link proves they read the invited address, so the
 * address counts as verified. If an account with that address exists, its owner signs in instead.
 */
export async function registerFromInvitation(
  raw: unknown,
  ctx: RequestContext,
): Promise<{ clubSlug: string; email: string }> {
  const { token, name, password } = parseInput(RegisterFromInvitationInput, raw);
  const peek = await findLiveInvitation(db, token);
  if (!peek) throw new AppError("UNPROCESSABLE", INVALID);
  const problem = passwordProblem(password, { email: peek.email, name });
  if (problem) throw new AppError("BAD_REQUEST", problem, { password: problem });
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const invitation = await findLiveInvitation(tx, token);
      if (!invitation) throw new AppError("UNPROCESSABLE", INVALID);
      const existing = await tx.user.findUnique({
        where: { email: invitation.email },
        select: { id: true },
      });
      if (existing)
        throw new AppError(
          "UNPROCESSABLE",
          `An account with ${invitation.email} already exists: sign in to accept the invitation.`,
        );
      const now = new Date();
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name,
          passwordHash,
          passwordChangedAt: now,
          emailVerifiedAt: now,
        },
        select: { id: true },
      });
      if (!(await markInvitationAccepted(tx, invitation.id, user.id, now)))
        throw new AppError("UNPROCESSABLE", INVALID);
      const membershipId = await joinClub(tx, invitation, user.id);
      await recordAuditEvent(
        {
          action: "auth.register.created",
          actorId: user.id,
          targetType: "user",
          targetId: user.id,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          details: { via: "invitation" },
        },
        tx,
      );
      await recordAuditEvent(
        {
          action: "member.invitation.accepted",
          clubId: invitation.clubId,
          actorId: user.id,
          targetType: "membership",
          targetId: membershipId,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          details: { invitationId: invitation.id, role: invitation.role, newAccount: true },
        },
        tx,
      );
      return { clubSlug: invitation.club.slug, email: invitation.email };
    });
  } catch (err) {
    if (sqlState(err) === "23505")
      throw new AppError("UNPROCESSABLE", "An account with this address already exists: sign in.");
    throw err;
  }
}
