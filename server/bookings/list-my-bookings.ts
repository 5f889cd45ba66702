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
 *   }
 *
 * Three statements whatever the number of bookings (bookings with their players, clubs and
 * courts via Prisma's relation loading, and the caller's tiers).
 */
import { decideCancellation } from "@/lib/booking-policy";
import {
  BOOKING_VIEW_SELECT,
  toBookingView,
  type BookingView,
} from "@/server/bookings/booking-view";
import { assertActor, TIER_SELECT, tierPolicyOf } from "@/server/bookings/policy-context";
import { db } from "@/server/db";

export type MyBooking = BookingView & {
  role: "booker" | "partner";
  cancellableUntil: string | null;
  canCancel: boolean;
};

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
      select: BOOKING_VIEW_SELECT,
    }),
    db.booking.findMany({
      where: { ...mine, status: { not: "CANCELLED" }, endsAt: { lte: now } },
      orderBy: { startsAt: "desc" },
      take: limit,
      select: BOOKING_VIEW_SELECT,
    }),
    db.booking.findMany({
      where: { ...mine, status: "CANCELLED" },
      orderBy: { startsAt: "desc" },
      take: limit,
      select: BOOKING_VIEW_SELECT,
    }),
    db.membership.findMany({
      where: { userId: actor.userId },
      select: { clubId: true, tier: { select: TIER_SELECT } },
    }),
  ]);
  const tiers = new Map(memberships.map((m) => [m.clubId, tierPolicyOf(m.tier)]));

  const view = (row: (typeof upcoming)[number], live: boolean): MyBooking => {
    const booking = toBookingView(row);
    const role = row.createdById === actor.userId ? "booker" : "partner";
    if (!live || role !== "booker") {
      return { ...booking, role, cancellableUntil: null, canCancel: false };
    }
    const tier = tiers.get(row.club.id) ?? tierPolicyOf(null);
    const until = new Date(row.startsAt.getTime() - tier.cancelNoticeMinutes * 60_000);
    const decision = decideCancellation(
      { startsAt: row.startsAt },
      { now, timeZone: row.club.timeZone, tier },
    );
    return { ...booking, role, cancellableUntil: until.toISOString(), canCancel: decision.ok };
  };

  return {
    upcoming: upcoming.map((r) => view(r, true)),
    past: past.map((r) => view(r, false)),
    cancelled: cancelled.map((r) => view(r, false)),
  };
}
