import "server-only";
/**
 * Records that money must go back (not a use case: called inside the transaction of the payment
 * change that requires it). Idempotent by `requestId`, which is also the gateway idempotency id
 * used when the refund is sent. The payments list shows REQUESTED refunds until they are sent.
 */
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { PrismaTx } from "@/server/bookings/transaction";

export async function queueRefund(
  tx: PrismaTx,
  r: {
    paymentId: string;
    clubId: string;
    amount: number;
    currency: string;
    reason: string;
    requestId: string;
  },
): Promise<boolean> {
  if (!Number.isSafeInteger(r.amount) || r.amount <= 0 || !/^[A-Z]{3}$/.test(r.currency))
    return false;
  const created = await tx.refund.createMany({
    data: [{ ...r, status: "REQUESTED" }],
    skipDuplicates: true,
  });
  if (created.count > 0)
    await recordAuditEvent(
      {
        action: "payment.refund_queued",
        clubId: r.clubId,
        targetType: "payment",
        targetId: r.paymentId,
        details: {
          amount: r.amount,
          currency: r.currency,
          reason: r.reason,
          requestId: r.requestId,
        },
      },
      tx,
    );
  return created.count > 0;
}
