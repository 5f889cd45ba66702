import "server-only";
/**
 * retryRefund — a manager sends again a refund the gateway refused (FAILED): a new refund row of
 * the same amount is queued (REQUESTED, with a new request id, so the gateway sees a new request)
 * and the worker sends it. The failed row stays as history. The new request id is derived from
 * the failed refund's id, so a second click (or a retry of the same failure from another tab)
 * queues nothing more. A REFUND_FAILED flag on the payment is cleared. MANAGER and above; ids of
 * another club are "not found".
 *
 *   retryRefund(club: string, body: unknown (RetryRefundInput), ctx?)
 *     : Promise<{ paymentId: string; refundId: string }>
 */
import { formatMoney } from "@/lib/pricing";
import { RetryRefundInput } from "@/schemas/admin-payments";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { runBookingTransaction } from "@/server/bookings/transaction";
import { AppError, parseInput } from "@/server/errors";
import { queueRefund } from "@/server/payments/queue-refund";
import { lockClubRefund, remainingRefundable } from "./payment-admin-helpers";

export async function retryRefund(
  club: string,
  body: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<{ paymentId: string; refundId: string }> {
  const access = await requireClubPermission(club, "refundPayments");
  const input = parseInput(RetryRefundInput, body);

  return runBookingTransaction("admin-refund-retry", async (tx) => {
    const { payment: p, refund: r } = await lockClubRefund(tx, access.club.id, input.refundId);
    if (r.status !== "FAILED")
      throw new AppError("CONFLICT", "Only a refund the gateway refused (failed) can be retried.");
    if (p.status === "PENDING" || p.status === "REFUNDED")
      throw new AppError(
        "CONFLICT",
        `The payment is ${p.status.toLowerCase()}: there is nothing to send back.`,
      );
    if (p.status === "PAID" || p.status === "PARTIALLY_REFUNDED") {
      const remaining = remainingRefundable(p);
      if (r.amount > remaining)
        throw new AppError(
          "CONFLICT",
          `Only ${formatMoney(remaining, p.currency)} can still be refunded; this refund is ${formatMoney(r.amount, r.currency)}.`,
        );
    }
    const requestId = `retry-${r.id}`;
    const queued = await queueRefund(tx, {
      paymentId: p.id,
      clubId: p.clubId,
      amount: r.amount,
      currency: r.currency,
      reason: `retry: ${r.reason}`.slice(0, 200),
      requestId,
    });
    if (!queued) throw new AppError("CONFLICT", "This refund was already retried.");
    const created = await tx.refund.findUniqueOrThrow({
      where: { requestId },
      select: { id: true },
    });
    if (p.flag === "REFUND_FAILED")
      await tx.payment.update({ where: { id: p.id }, data: { flag: null, flagDetail: null } });
    await recordAuditEvent(
      {
        action: "payment.refund_retried",
        clubId: p.clubId,
        actorId: access.user.userId,
        targetType: "payment",
        targetId: p.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: {
          failedRefundId: r.id,
          refundId: created.id,
          amount: r.amount,
          currency: r.currency,
          ...(p.flag === "REFUND_FAILED" ? { clearedFlag: p.flag } : {}),
        },
      },
      tx,
    );
    return { paymentId: p.id, refundId: created.id };
  });
}
