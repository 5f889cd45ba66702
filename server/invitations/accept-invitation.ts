import "server-only";
import { AcceptInvitationInput } from "@/schemas/admin-members";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, fromZodIssues } from "@/server/errors";
import {
  findLiveInvitation,
  joinClub,
  markInvitationAccepted,
} from "@/server/invitations/invitation-state";

const INVALID = "This invitation link is no longer valid: ask the club for a new one.";

/**
 * A signed-in user accepts an invitation sent to their own address (a link forwarded to someone
 * else does not work for them). The token is used once; the membership gets the invited role,
 * tier and validity.
 */
export async function acceptInvitation(
  raw: unknown,
  ctx: RequestContext,
): Promise<{ clubSlug: string }> {
  const parsed = AcceptInvitationInput.safeParse(raw);
  // Who is asking comes first (an anonymous caller is sent to sign in, then back to the link).
  const user = await requireUser({
    next: parsed.success ? `/invite?token=${parsed.data.token}` : "/account",
  });
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return db.$transaction(async (tx) => {
    const invitation = await findLiveInvitation(tx, parsed.data.token);
    if (!invitation) throw new AppError("UNPROCESSABLE", INVALID);
    if (invitation.email.toLowerCase() !== user.email.toLowerCase())
      throw new AppError(
        "UNPROCESSABLE",
        `This invitation was sent to another address. Sign in as ${invitation.email} to accept it.`,
      );
    if (!(await markInvitationAccepted(tx, invitation.id, user.userId)))
      throw new AppError("UNPROCESSABLE", INVALID);
    const membershipId = await joinClub(tx, invitation, user.userId);
    await recordAuditEvent(
      {
        action: "member.invitation.accepted",
        clubId: invitation.clubId,
        actorId: user.userId,
        targetType: "membership",
        targetId: membershipId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { invitationId: invitation.id, role: invitation.role, newAccount: false },
      },
      tx,
    );
    return { clubSlug: invitation.club.slug };
  });
}
