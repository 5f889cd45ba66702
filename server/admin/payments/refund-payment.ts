import "server-only";
/**
 * refundPayment — a manager gives money back on a paid payment: all that remains refundable
 * (blank amount) or a part of it. The refund is queued (server/payments/queue-refund.ts) and the
 * worker sends it: PayPal's refund API, Paybox Direct when configured, otherwise it becomes
 * MANUAL and waits in the list for someone to pay it back by hand. MANAGER and above; the payment
 * is looked up in the authorized club only.
 *
 * The form carries a key drawn with the page, which becomes the refund's request id: the same
 * form submitted twice queues one refund. The payment row is locked while the remaining amount is
 * checked, so two different refunds can never exceed what was paid.
 *
 *   refundPayment(club: string, body: unknown (AdminRefundInput), ctx?)
 *     : Promise<{ refundId: string; amount: number; currency: string; alreadyQueued: boolean }>
 */
import { formatMoney } from "@/lib/pricing";
import { AdminRefundInput } from "@/schemas/admin-payments";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { runBookingTransaction } from "@/server/bookings/transaction";
import { AppError, parseInput } from "@/server/errors";
import { queueRefund } from "@/server/payments/queue-refund";
import { amountIn, lockClubPayment, remainingRefundable } from "./payment-admin-helpers";

export async function refundPayment(
  club: string,
  body: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<{ refundId: string; amount: number; currency: string; alreadyQueued: boolean }> {
  const access = await requireClubPermission(club, "refundPayments");
  const input = parseInput(AdminRefundInput, body);
  const requestId = `admin-${input.requestKey.toLowerCase()}`;

  return runBookingTransaction("admin-refund", async (tx) => {
    const p = await lockClubPayment(tx, access.club.id, input.paymentId);
    const earlier = await tx.refund.findUnique({
      where: { requestId },
      select: { id: true, paymentId: true, amount: true, currency: true },
    });
    if (earlier) {
      if (earlier.paymentId !== p.id)
        throw new AppError("CONFLICT", "This form was already used. Reload the page.");
      return {
        refundId: earlier.id,
        amount: earlier.amount,
        currency: earlier.currency,
        alreadyQueued: true,
      };
    }
    if (p.status !== "PAID" && p.status !== "PARTIALLY_REFUNDED")
      throw new AppError(
        "CONFLICT",
        `Only a paid payment can be refunded; this one is ${p.status.toLowerCase().replace("_", " ")}.`,
      );
    const remaining = remainingRefundable(p);
    if (remaining <= 0)
      throw new AppError(
        "CONFLICT",
        "Nothing is left to refund: the rest is already refunded or queued.",
      );
    const amount = input.amount === null ? remaining : amountIn(input.amount, p.currency, "amount");
    if (amount > remaining) {
      const most = formatMoney(remaining, p.currency);
      throw new AppError("BAD_REQUEST", `amount: at most ${most} can still be refunded.`, {
        amount: `At most ${most} can still be refunded.`,
      });
    }
    const reason = `${input.reason} (refunded by the club)`.slice(0, 200);
    await queueRefund(tx, {
      paymentId: p.id,
      clubId: p.clubId,
      amount,
      currency: p.currency,
      reason,
      requestId,
    });
    const refund = await tx.refund.findUniqueOrThrow({
      where: { requestId },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "payment.refund_by_admin",
        clubId: p.clubId,
        actorId: access.user.userId,
        targetType: "payment",
        targetId: p.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: {
          refundId: refund.id,
          amount,
          currency: p.currency,
          full: amount === p.amount - p.refundedAmount,
          reason: input.reason,
        },
      },
      tx,
    );
    return { refundId: refund.id, amount, currency: p.currency, alreadyQueued: false };
  });
}
