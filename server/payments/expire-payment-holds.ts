import "server-only";
/**
 * Use case (for the worker): payments still pending after their hold expire, which cancels their
 * booking and releases the slot. Each payment moves in its own transaction through the one
 * transition function, so a payment that was paid meanwhile is left alone.
 */
import { db } from "@/server/db";
import { transitionPayment } from "@/server/payments/transition-payment";

export async function expirePaymentHolds(now: Date = new Date(), limit = 100): Promise<number> {
  const due = await db.payment.findMany({
    where: { status: "PENDING", holdExpiresAt: { lte: now } },
    select: { id: true },
    orderBy: { holdExpiresAt: "asc" },
    take: limit,
  });
  let expired = 0;
  for (const p of due) {
    const r = await transitionPayment({
      paymentId: p.id,
      from: "PENDING",
      to: "EXPIRED",
      reason: "payment hold expired",
    });
    if (r.applied) expired++;
  }
  return expired;
}
