import "server-only";
/**
 * A payment completed after its hold expired (not a use case: called by the PayPal and Paybox
 * capture handlers inside their transaction, with the payment row locked). ADR 012: late payments
 * are refunded or, if the slot is still free, confirmed.
 *
 * Only an EXPIRED payment qualifies — a checkout the player cancelled (FAILED) is refunded, never
 * re-booked behind their back. Under the court's lock, if nothing occupies the slot any more, the
 * booking is made again (a new row: the expired one stays cancelled, as history) with the same
 * court, time and players, the payment moves to it and goes EXPIRED → PAID through the one
 * transition function, which confirms the booking and sends the confirmation and the receipt.
 * Otherwise the caller refunds. The exclusion constraint stays the last line of defence: the
 * insert runs under a savepoint so that a 23P01 leaves the caller's transaction usable.
 */
import type { Prisma } from "@/generated/prisma/client";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { slotTaken } from "@/server/bookings/slot-taken";
import { lockCourt, type PrismaTx } from "@/server/bookings/transaction";
import { sqlState } from "@/server/errors";
import { applyPaymentTransition } from "@/server/payments/transition-payment";

type PaidData = Pick<
  Prisma.PaymentUpdateManyMutationInput,
  "paidAt" | "paypalCaptureId" | "payboxTransaction" | "payboxCallNumber" | "payboxAuthorisation"
>;

export async function acceptLatePayment(
  tx: PrismaTx,
  input: { paymentId: string; source: string; data: PaidData },
): Promise<boolean> {
  const p = await tx.payment.findUniqueOrThrow({
    where: { id: input.paymentId },
    select: {
      status: true,
      clubId: true,
      booking: {
        select: {
          id: true,
          clubId: true,
          courtId: true,
          startsAt: true,
          endsAt: true,
          createdById: true,
          players: { select: { userId: true, guestName: true } },
        },
      },
    },
  });
  const old = p.booking;
  if (p.status !== "EXPIRED" || old.startsAt <= new Date()) return false;

  await lockCourt(tx, old.courtId);
  if (await slotTaken(tx, old)) return false;

  await tx.$executeRaw`SAVEPOINT late_payment`;
  let rebooked: { id: string };
  try {
    rebooked = await tx.booking.create({
      data: {
        clubId: old.clubId,
        courtId: old.courtId,
        startsAt: old.startsAt,
        endsAt: old.endsAt,
        status: "PENDING_PAYMENT",
        createdById: old.createdById,
        players: {
          create: old.players.map((pl) =>
            pl.userId ? { userId: pl.userId } : { guestName: pl.guestName },
          ),
        },
      },
      select: { id: true },
    });
  } catch (err) {
    if (sqlState(err) !== "23P01") throw err;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT late_payment`;
    return false;
  }
  await tx.$executeRaw`RELEASE SAVEPOINT late_payment`;

  await tx.payment.update({ where: { id: input.paymentId }, data: { bookingId: rebooked.id } });
  await recordAuditEvent(
    {
      action: "booking.created",
      clubId: old.clubId,
      actorId: old.createdById,
      targetType: "booking",
      targetId: rebooked.id,
      details: {
        courtId: old.courtId,
        startsAt: old.startsAt.toISOString(),
        latePaymentFor: old.id,
      },
    },
    tx,
  );
  const r = await applyPaymentTransition(tx, {
    paymentId: input.paymentId,
    from: "EXPIRED",
    to: "PAID",
    reason: `${input.source}: paid after the hold expired; the slot was still free`,
    data: {
      ...input.data,
      flag: "LATE_PAYMENT_ACCEPTED",
      flagDetail: `booking ${old.id} made again as ${rebooked.id}`,
    },
  });
  return r.applied;
}
