import "server-only";
import { afterUnlock } from "@/lib/auth/lockout-policy";
import { TokenInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { consumeToken } from "@/server/auth/auth-tokens";
import type { RequestContext } from "@/server/auth/request-context";

/** Ends a lock at once with the link from the lockout email (the streak is kept). */
export async function unlockAccount(
  raw: unknown,
  ctx: RequestContext,
): Promise<{ unlocked: boolean }> {
  const parsed = parseInput(TokenInput, raw);
  return db.$transaction(async (tx) => {
    const token = await consumeToken(tx, parsed.token, "UNLOCK_ACCOUNT");
    if (!token) return { unlocked: false };
    const user = await tx.user.findUniqueOrThrow({
      where: { id: token.userId },
      select: { id: true, email: true },
    });
    const row = await tx.loginLockout.findUnique({ where: { email: user.email } });
    if (row) await tx.loginLockout.update({ where: { email: user.email }, data: afterUnlock(row) });
    await recordAuditEvent(
      {
        action: "auth.account.unlocked",
        actorId: user.id,
        targetType: "user",
        targetId: user.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { via: "email_link" },
      },
      tx,
    );
    return { unlocked: true };
  });
}
