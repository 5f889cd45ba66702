import "server-only";
/**
 * listMyBookings — the caller's bookings across every club: those they made and those naming them
 * as a player.
 *
 *   listMyBookings(
 *     actor: { userId: string },
 *     options?: { now?: Date; pastLimit?: number },   // pastLimit: 1–200, default 50
 *   ): Promise<MyBookings>
 *
 *   MyBookings = {
 *     upcoming:  MyBooking[]  // not cancelled, not yet ended — soonest first
 *     past:      MyBooking[]  // not cancelled, ended — latest first, at most pastLimit
 *     cancelled: MyBooking[]  // cancelled — latest start first, at most pastLimit
 *   }
 *   MyBooking = BookingView & {
 *     role: "booker" | "partner";
 *     // For upcoming bookings made by the caller: until when they may cancel (tier notice), and
 *     // whether that is still possible now. null otherwise (partners ask the booker).
 *     cancellableUntil: string | null;
 *     canCancel: boolean;
 *     // For the booker: the booking's latest payment (amounts in minor units) and, for an upcoming
 *     // paid booking, what cancelling now would refund under the club's policy.
 *     payment: MyBookingPayment | null;
 *   }
 *
 * Three statements whatever the number of bookings (bookings with their players, clubs and
 * courts via Prisma's relation loading, and the caller's tiers).
 */
import type { PaymentStatus, Prisma, RefundStatus } from "@/generated/prisma/client";
import { decideCancellation } from "@/lib/booking-policy";
import { decideRefund } from "@/lib/payments/refund-policy";
import {
  BOOKING_VIEW_SELECT,
  toBookingView,
  type BookingView,
} from "@/server/bookings/booking-view";
import { assertActor, TIER_SELECT, tierPolicyOf } from "@/server/bookings/policy-context";
import { db } from "@/server/db";

export type MyBookingPayment = {
  status: PaymentStatus;
  amount: number;
  currency: string;
  refundedAmount: number;
  /** Refunds queued, being sent, or waiting for the club to refund by hand. */
  refundInProgress: number;
  holdExpiresAt: string;
  /** What cancelling now refunds (upcoming paid bookings only). */
  refundIfCancelledNow: { amount: number; reason: string } | null;
};

export type MyBooking = BookingView & {
  role: "booker" | "partner";
  cancellableUntil: string | null;
  canCancel: boolean;
  payment: MyBookingPayment | null;
};

const MY_BOOKING_SELECT = {
  ...BOOKING_VIEW_SELECT,
  club: {
    select: {
      ...BOOKING_VIEW_SELECT.club.select,
      refundFullNoticeMinutes: true,
      refundPartialNoticeMinutes: true,
      refundPartialPercent: true,
    },
  },
  payments: {
    orderBy: { createdAt: "desc" },
    take: 1,
    select: {
      status: true,
      amount: true,
      currency: true,
      refundedAmount: true,
      holdExpiresAt: true,
      refunds: {
        where: { status: { in: ["REQUESTED", "PENDING", "MANUAL"] as RefundStatus[] } },
        select: { amount: true },
      },
    },
  },
} as const satisfies Prisma.BookingSelect;

export type MyBookings = { upcoming: MyBooking[]; past: MyBooking[]; cancelled: MyBooking[] };

export async function listMyBookings(
  actor: { userId: string },
  options: { now?: Date; pastLimit?: number } = {},
): Promise<MyBookings> {
  assertActor(actor);
  const now = options.now ?? new Date();
  const limit = Math.min(Math.max(Math.trunc(options.pastLimit ?? 50), 1), 200);
  const mine = {
    OR: [{ createdById: actor.userId }, { players: { some: { userId: actor.userId } } }],
  };
  const [upcoming, past, cancelled, memberships] = await Promise.all([
    db.booking.findMany({
      where: { ...mine, status: { not: "CANCELLED" }, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      take: 500,
      select: MY_BOOKING_SELECT,
    }),
    db.booking.findMany({
      where: { ...mine, status: { not: "CANCELLED" }, endsAt: { lte: now } },
      orderBy: { startsAt: "desc" },
      take: limit,
      select: MY_BOOKING_SELECT,
    }),
    db.booking.findMany({
      where: { ...mine, status: "CANCELLED" },
      orderBy: { startsAt: "desc" },
      take: limit,
      select: MY_BOOKING_SELECT,
    }),
    db.membership.findMany({
      where: { userId: actor.userId },
      select: { clubId: true, tier: { select: TIER_SELECT } },
    }),
  ]);
  const tiers = new Map(memberships.map((m) => [m.clubId, tierPolicyOf(m.tier)]));

  const paymentOf = (row: (typeof upcoming)[number], live: boolean): MyBookingPayment | null => {
    const p = row.payments[0];
    if (!p || row.createdById !== actor.userId) return null;
    const refundInProgress = p.refunds.reduce((sum, r) => sum + r.amount, 0);
    const paid = p.status === "PAID" || p.status === "PARTIALLY_REFUNDED";
    const refund =
      live && paid
        ? decideRefund({
            policy: {
              fullNoticeMinutes: row.club.refundFullNoticeMinutes,
              partialNoticeMinutes: row.club.refundPartialNoticeMinutes,
              partialPercent: row.club.refundPartialPercent,
            },
            startsAt: row.startsAt,
            cancelledAt: now,
            refundable: p.amount - p.refundedAmount - refundInProgress,
          })
        : null;
    return {
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      refundedAmount: p.refundedAmount,
      refundInProgress,
      holdExpiresAt: p.holdExpiresAt.toISOString(),
      refundIfCancelledNow: refund ? { amount: refund.amount, reason: refund.reason } : null,
    };
  };

  const view = (row: (typeof upcoming)[number], live: boolean): MyBooking => {
    const booking = toBookingView(row);
    const role = row.createdById === actor.userId ? "booker" : "partner";
    const payment = paymentOf(row, live);
    if (!live || role !== "booker") {
      return { ...booking, role, cancellableUntil: null, canCancel: false, payment };
    }
    // Giving up a checkout is always possible (nothing was paid); the notice rule is for bookings.
    if (row.status === "PENDING_PAYMENT")
      return {
        ...booking,
        role,
        cancellableUntil: row.startsAt.toISOString(),
        canCancel: true,
        payment,
      };
    const tier = tiers.get(row.club.id) ?? tierPolicyOf(null);
    const until = new Date(row.startsAt.getTime() - tier.cancelNoticeMinutes * 60_000);
    const decision = decideCancellation(
      { startsAt: row.startsAt },
      { now, timeZone: row.club.timeZone, tier },
    );
    return {
      ...booking,
      role,
      cancellableUntil: until.toISOString(),
      canCancel: decision.ok,
      payment,
    };
  };

  return {
    upcoming: upcoming.map((r) => view(r, true)),
    past: past.map((r) => view(r, false)),
    cancelled: cancelled.map((r) => view(r, false)),
  };
}
