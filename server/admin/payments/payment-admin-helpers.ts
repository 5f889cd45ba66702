import "server-only";
/**
 * Shared by the payment use cases of the admin area (not a use case itself): the payment of a
 * club locked for update, what remains refundable, and an amount typed by a manager read in the
 * payment's currency.
 */
import { parseMoney } from "@/lib/pricing";
import type { PrismaTx } from "@/server/bookings/transaction";
import { AppError, notFoundError } from "@/server/errors";

/** Locks the payment (FOR UPDATE) when it belongs to the club; "not found" otherwise. */
export async function lockClubPayment(tx: PrismaTx, clubId: string, paymentId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS id FROM "payment"
    WHERE "id" = ${paymentId}::uuid AND "club_id" = ${clubId}::uuid FOR UPDATE`;
  if (!locked.length) throw notFoundError("payment", { inClub: true });
  return tx.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      id: true,
      clubId: true,
      gateway: true,
      status: true,
      amount: true,
      currency: true,
      refundedAmount: true,
      flag: true,
      refunds: { select: { id: true, amount: true, currency: true, status: true } },
    },
  });
}

type LockedPayment = Awaited<ReturnType<typeof lockClubPayment>>;

/** Locks a refund of the club and its payment (payment first, as the senders do); "not found" otherwise. */
export async function lockClubRefund(tx: PrismaTx, clubId: string, refundId: string) {
  const found = await tx.refund.findFirst({
    where: { id: refundId, clubId },
    select: { paymentId: true },
  });
  if (!found) throw notFoundError("refund", { inClub: true });
  const payment = await lockClubPayment(tx, clubId, found.paymentId);
  await tx.$queryRaw`SELECT 1 FROM "refund" WHERE "id" = ${refundId}::uuid FOR UPDATE`;
  const refund = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    select: { id: true, amount: true, currency: true, status: true, reason: true },
  });
  return { payment, refund };
}

/**
 * What may still be refunded of a paid payment: its amount minus what was refunded and minus
 * refunds queued, in flight or awaiting a manual payment back.
 */
export function remainingRefundable(p: LockedPayment): number {
  if (p.status !== "PAID" && p.status !== "PARTIALLY_REFUNDED") return 0;
  const open = p.refunds
    .filter(
      (r) =>
        (r.status === "REQUESTED" || r.status === "PENDING" || r.status === "MANUAL") &&
        r.currency === p.currency,
    )
    .reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, p.amount - p.refundedAmount - open);
}

/** "12.50" in minor units of `currency`; an AppError naming `field` when it is not one. */
export function amountIn(text: string, currency: string, field: string): number {
  const minor = parseMoney(text, currency);
  if (minor === null || minor <= 0 || !Number.isSafeInteger(minor))
    throw new AppError("BAD_REQUEST", `${field}: enter an amount in ${currency} such as 12.50.`, {
      [field]: `Enter an amount in ${currency} such as 12.50.`,
    });
  return minor;
}
