import "server-only";
import { ChangeEmailInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { appUrl } from "@/server/auth/auth-settings";
import { issueToken } from "@/server/auth/auth-tokens";
import { checkCurrentPassword } from "@/server/auth/reauthenticate";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { sendAccountNotice } from "@/server/auth/security-email";

/**
 * Starts a change of email address: a confirmation link goes to the new address (single-use,
 * 60 minutes) and a notice to the current one. Nothing changes until the link is used. The
 * answer is the same when the new address already belongs to another account.
 */
export async function requestEmailChange(raw: unknown, ctx: RequestContext): Promise<void> {
  const me = await requireUser({ next: "/account" });
  const { newEmail, currentPassword } = parseInput(ChangeEmailInput, raw);
  await checkCurrentPassword(me.userId, currentPassword, ctx);
  if (newEmail === me.email.toLowerCase()) return;
  await db.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
    await recordAuditEvent(
      {
        action: "auth.email.change_requested",
        actorId: me.userId,
        targetType: "user",
        targetId: me.userId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { addressTaken: !!taken },
      },
      tx,
    );
    await sendAccountNotice(
      tx,
      { email: me.email, userId: me.userId, name: me.name },
      "email-change-requested",
      {
        ip: ctx.ip,
        newEmail,
      },
    );
    if (taken) return;
    const { token } = await issueToken(tx, {
      userId: me.userId,
      purpose: "CHANGE_EMAIL",
      newEmail,
    });
    if (
      await allowStrangerEmail(tx, {
        kind: "email_change",
        recipient: newEmail,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      })
    ) {
      await sendAccountNotice(
        tx,
        { email: newEmail, userId: me.userId, name: me.name },
        "confirm-new-email",
        {
          url: appUrl(`/confirm-email?token=${token}`),
        },
      );
    }
  });
}
