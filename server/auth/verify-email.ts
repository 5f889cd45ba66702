import "server-only";
import { TokenInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { consumeToken } from "@/server/auth/auth-tokens";
import type { RequestContext } from "@/server/auth/request-context";

/** Confirms an email address with the single-use link from the verification email. */
export async function verifyEmail(
  raw: unknown,
  ctx: RequestContext,
): Promise<{ verified: boolean }> {
  const parsed = parseInput(TokenInput, raw);
  return db.$transaction(async (tx) => {
    const token = await consumeToken(tx, parsed.token, "VERIFY_EMAIL");
    if (!token) return { verified: false };
    await tx.user.updateMany({
      where: { id: token.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    await recordAuditEvent(
      {
        action: "auth.email.verified",
        actorId: token.userId,
        targetType: "user",
        targetId: token.userId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
      tx,
    );
    return { verified: true };
  });
}
