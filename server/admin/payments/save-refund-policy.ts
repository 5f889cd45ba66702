import "server-only";
/**
 * saveRefundPolicy — the club's refund policy for cancelled paid bookings (ADR 011, 012):
 * cancelled at least the full-refund notice before the start → full refund; at least the
 * partial-refund notice → the given percentage; later → none (lib/payments/refund-policy.ts
 * applies it). MANAGER and above, like prices. The form is in hours; the club stores minutes,
 * with a database check (0 ≤ partial ≤ full ≤ 525 600, 0 ≤ percent ≤ 100) behind the schema's.
 * Audited with the values before and after.
 *
 *   saveRefundPolicy(club: string, body: unknown (RefundPolicyInput), ctx?)
 *     : Promise<{ changed: boolean }>
 */
import { validateRefundPolicy } from "@/lib/payments/refund-policy";
import { RefundPolicyInput } from "@/schemas/admin-payments";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";

export async function saveRefundPolicy(
  club: string,
  body: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<{ changed: boolean }> {
  const access = await requireClubPermission(club, "configureRefundPolicy");
  const data = parseInput(RefundPolicyInput, body);
  const problem = validateRefundPolicy({
    fullNoticeMinutes: data.refundFullNoticeMinutes,
    partialNoticeMinutes: data.refundPartialNoticeMinutes,
    partialPercent: data.refundPartialPercent,
  });
  if (problem) throw new AppError("BAD_REQUEST", `Refund policy: ${problem}.`);
  return db.$transaction(async (tx) => {
    const before = await tx.club.findUniqueOrThrow({
      where: { id: access.club.id },
      select: {
        refundFullNoticeMinutes: true,
        refundPartialNoticeMinutes: true,
        refundPartialPercent: true,
      },
    });
    const changed = (Object.keys(data) as Array<keyof typeof data>).some(
      (k) => before[k] !== data[k],
    );
    if (!changed) return { changed: false };
    await tx.club.update({ where: { id: access.club.id }, data });
    await recordAuditEvent(
      {
        action: "club.refund_policy.update",
        clubId: access.club.id,
        actorId: access.user.userId,
        targetType: "club",
        targetId: access.club.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: { from: before, to: data },
      },
      tx,
    );
    return { changed: true };
  });
}
