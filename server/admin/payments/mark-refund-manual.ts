import "server-only";
/**
 * markRefundManual — a manager confirms that a refund the gateway could not send (MANUAL: no
 * refund API for this payment; or FAILED: the gateway refused it) was paid back by hand, e.g. a
 * bank transfer. The manager types the refund's amount again to confirm it and may add a note
 * (kept in the audit event). In one transaction: the refund becomes COMPLETED, the payment's
 * refunded amount becomes the total of its completed refunds and a paid payment moves through
 * REFUND_PENDING to REFUNDED or PARTIALLY_REFUNDED (server/payments/transition-payment.ts). A
 * payment that was never paid (FAILED/EXPIRED: a mismatched or late capture given back) keeps its
 * final status; only its refunded amount changes. A REFUND_FAILED flag is cleared: the failure
 * has been dealt with. MANAGER and above; ids of another club are "not found".
 *
 *   markRefundManual(club: string, body: unknown (MarkRefundManualInput), ctx?)
 *     : Promise<{ paymentId: string; refundId: string; paymentStatus: string }>
 */
import { formatMoney } from "@/lib/pricing";
import { MarkRefundManualInput } from "@/schemas/admin-payments";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { runBookingTransaction } from "@/server/bookings/transaction";
import { AppError, parseInput } from "@/server/errors";
import { applyPaymentTransition } from "@/server/payments/transition-payment";
import { amountIn, lockClubRefund } from "./payment-admin-helpers";

export async function markRefundManual(
  club: string,
  body: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<{ paymentId: string; refundId: string; paymentStatus: string }> {
  const access = await requireClubPermission(club, "refundPayments");
  const input = parseInput(MarkRefundManualInput, body);

  return runBookingTransaction("admin-refund-manual", async (tx) => {
    const { payment: p, refund: r } = await lockClubRefund(tx, access.club.id, input.refundId);
    if (r.status !== "MANUAL" && r.status !== "FAILED")
      throw new AppError(
        "CONFLICT",
        r.status === "COMPLETED"
          ? "This refund is already recorded as done."
          : `This refund is ${r.status.toLowerCase()} at the gateway: wait for its answer.`,
      );
    const typed = amountIn(input.amount, r.currency, "amount");
    if (typed !== r.amount) {
      const expected = formatMoney(r.amount, r.currency);
      throw new AppError(
        "BAD_REQUEST",
        `amount: type the refund's amount, ${expected}, to confirm it was paid back.`,
        { amount: `Type the refund's amount, ${expected}, to confirm it was paid back.` },
      );
    }
    if (p.status === "PENDING")
      throw new AppError("CONFLICT", "The payment is still pending: nothing was paid yet.");

    const completedBefore = p.refunds
      .filter((x) => x.status === "COMPLETED" && x.currency === p.currency)
      .reduce((sum, x) => sum + x.amount, 0);
    const total = completedBefore + (r.currency === p.currency ? r.amount : 0);
    const wasPaid =
      p.status === "PAID" || p.status === "PARTIALLY_REFUNDED" || p.status === "REFUND_PENDING";
    if ((wasPaid || p.status === "REFUNDED") && total > p.amount)
      throw new AppError(
        "CONFLICT",
        `This refund would bring the total refunded above the ${formatMoney(p.amount, p.currency)} paid.`,
      );

    const now = new Date();
    await tx.refund.update({
      where: { id: r.id },
      data: { status: "COMPLETED", completedAt: now },
    });
    const clearFlag = p.flag === "REFUND_FAILED" ? { flag: null, flagDetail: null } : {};
    const reason = `refund marked as paid back manually by the club`;
    let status: string = p.status;
    if (wasPaid) {
      if (p.status !== "REFUND_PENDING")
        await applyPaymentTransition(tx, {
          paymentId: p.id,
          from: p.status,
          to: "REFUND_PENDING",
          reason,
          actorId: access.user.userId,
        });
      const to = total >= p.amount ? "REFUNDED" : "PARTIALLY_REFUNDED";
      const t = await applyPaymentTransition(tx, {
        paymentId: p.id,
        from: "REFUND_PENDING",
        to,
        reason,
        actorId: access.user.userId,
        data: { refundedAmount: total, ...clearFlag },
        details: { refundId: r.id },
      });
      status = t.status;
    } else {
      // FAILED / EXPIRED / REFUNDED are final: the money went back, the status stays.
      await tx.payment.update({
        where: { id: p.id },
        data: { refundedAmount: total, ...clearFlag },
      });
    }
    await recordAuditEvent(
      {
        action: "payment.refund_marked_manual",
        clubId: p.clubId,
        actorId: access.user.userId,
        targetType: "payment",
        targetId: p.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: {
          refundId: r.id,
          amount: r.amount,
          currency: r.currency,
          previousRefundStatus: r.status,
          refundedTotal: total,
          paymentStatus: status,
          ...(input.note ? { note: input.note } : {}),
          ...(p.flag === "REFUND_FAILED" ? { clearedFlag: p.flag } : {}),
        },
      },
      tx,
    );
    return { paymentId: p.id, refundId: r.id, paymentStatus: status };
  });
}
