import "server-only";
import { TokenInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput, sqlState } from "@/server/errors";
import { consumeToken } from "@/server/auth/auth-tokens";
import type { RequestContext } from "@/server/auth/request-context";
import { sendAccountNotice } from "@/server/auth/security-email";
import { endAllSessions } from "@/server/auth/sessions";

/**
 * Completes a change of email with the link sent to the new address: the address changes and
 * counts as verified, every session ends, and the old address is told.
 */
export async function confirmEmailChange(
  raw: unknown,
  ctx: RequestContext,
): Promise<{ changed: boolean }> {
  const parsed = parseInput(TokenInput, raw);
  try {
    return await db.$transaction(async (tx) => {
      const token = await consumeToken(tx, parsed.token, "CHANGE_EMAIL");
      if (!token?.newEmail) return { changed: false };
      const before = await tx.user.findUniqueOrThrow({
        where: { id: token.userId },
        select: { email: true, name: true },
      });
      await tx.user.update({
        where: { id: token.userId },
        data: { email: token.newEmail, emailVerifiedAt: new Date() },
      });
      await endAllSessions(tx, token.userId, "email_changed");
      await recordAuditEvent(
        {
          action: "auth.email.changed",
          actorId: token.userId,
          targetType: "user",
          targetId: token.userId,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          details: { from: before.email, to: token.newEmail },
        },
        tx,
      );
      await sendAccountNotice(
        tx,
        { email: before.email, userId: token.userId, name: before.name },
        "email-changed",
        {
          ip: ctx.ip,
          newEmail: token.newEmail,
        },
      );
      return { changed: true };
    });
  } catch (err) {
    // The new address was taken meanwhile.
    if (sqlState(err) === "23505") return { changed: false };
    throw err;
  }
}
