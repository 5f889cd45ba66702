import "server-only";
import { passwordProblem } from "@/lib/auth/password-policy";
import { RegisterInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { AppError, parseInput, sqlState } from "@/server/errors";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { hitRateLimit } from "@/server/rate-limit/consume-rate-limit";
import { LIMITS } from "@/server/rate-limit/limits";
import { appUrl } from "@/server/auth/auth-settings";
import { issueToken } from "@/server/auth/auth-tokens";
import { hashPassword } from "@/server/auth/passwords";
import type { RequestContext } from "@/server/auth/request-context";
import { sendAccountNotice, sendVerificationEmail } from "@/server/auth/security-email";

export type RegisterOutcome = { outcome: "check-inbox" } | { outcome: "throttled" };

/**
 * Creates an account and emails a verification link. The answer is the same whether or not the
 * address already has an account (its owner gets a notice instead), and the work is the same: the
 * password is hashed in both cases. Bots filling the hidden honeypot field get the same answer
 * and nothing is created.
 */
export async function registerAccount(raw: unknown, ctx: RequestContext): Promise<RegisterOutcome> {
  const { name, email, password, website } = parseInput(RegisterInput, raw);
  const problem = passwordProblem(password, { email, name });
  if (problem) throw new AppError("BAD_REQUEST", problem, { password: problem });

  const attempts = await hitRateLimit(
    `register:ip:${ctx.ip ?? "unknown"}`,
    LIMITS.registrationsPerIp.windowMs,
  );
  if (attempts.count > LIMITS.registrationsPerIp.limit) {
    await recordAuditEvent({
      action: "auth.register.throttled",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { outcome: "throttled" };
  }
  if (website && website.trim() !== "") {
    await recordAuditEvent({
      action: "auth.register.honeypot",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { outcome: "check-inbox" };
  }

  const passwordHash = await hashPassword(password);
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true },
      });
      if (existing) {
        await recordAuditEvent(
          {
            action: "auth.register.existing_email",
            targetType: "user",
            targetId: existing.id,
            ip: ctx.ip,
            userAgent: ctx.userAgent,
          },
          tx,
        );
        if (
          await allowStrangerEmail(tx, {
            kind: "registration_attempt",
            recipient: email,
            ip: ctx.ip,
            userAgent: ctx.userAgent,
          })
        ) {
          await sendAccountNotice(
            tx,
            { email: existing.email, userId: existing.id, name: existing.name },
            "registration-attempt",
            {
              ip: ctx.ip,
              url: appUrl("/login"),
            },
          );
        }
        return;
      }
      const user = await tx.user.create({
        data: { email, name, passwordHash, passwordChangedAt: new Date() },
        select: { id: true, email: true, name: true },
      });
      await recordAuditEvent(
        {
          action: "auth.register.created",
          actorId: user.id,
          targetType: "user",
          targetId: user.id,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        },
        tx,
      );
      const { token } = await issueToken(tx, { userId: user.id, purpose: "VERIFY_EMAIL" });
      if (
        await allowStrangerEmail(tx, {
          kind: "verification",
          recipient: email,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        })
      ) {
        await sendVerificationEmail(tx, user, token);
      }
    });
  } catch (err) {
    // Two sign-ups racing for one address: the loser gets the same answer as everyone else.
    if (sqlState(err) !== "23505") throw err;
  }
  return { outcome: "check-inbox" };
}
