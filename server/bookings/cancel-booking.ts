import "server-only";
/**
 * cancelBooking — the booker cancels their booking within the tier's notice, or club staff cancel
 * it on the booker's behalf (at any time: the notice rule is the players' rule, not the club's).
 *
 *   cancelBooking(
 *     actor: { userId: string; twoFactorVerified?: boolean },   // the ValidSession of the caller
 *     input: { club: string; bookingId: string; body?: unknown },   // body: CancelBookingInput { reason? }
 *     ctx?: { ip?: string | null; userAgent?: string | null; now?: Date },
 *   ): Promise<{ booking: BookingView; alreadyCancelled: boolean }>
 *
 * Who may cancel: the booker, and STAFF, MANAGER or OWNER of the club (active membership) whose
 * session passes the staff gate (hasClubPermission cancelForMember: 2FA verified in this session; without it a staff
 * member is a mere booker, docs/decisions/017-staff-powers-need-2fa.md). Named
 * partners may not (403, "ask the player who booked"): a booking belongs to whoever made it, so a
 * partner cannot take a court away from the others. Anyone else gets 404 (nothing leaks).
 * Cancelling a cancelled booking changes nothing and answers with it (DELETE is idempotent).
 *
 * Errors: 404 NOT_FOUND; 403 FORBIDDEN (a partner); 400 BAD_REQUEST (reason too long…);
 * 422 UNPROCESSABLE { code: "POLICY", rule: "CANCEL_DEADLINE", message, eligibleAt: null }.
 *
 * The update runs under the court's advisory lock (like create-booking) so that the waiting list,
 * told in afterBookingCancelled, sees the freed slot in a well-defined order.
 */
import { decideCancellation } from "@/lib/booking-policy";
import { CancelBookingInput, issuesByField, Uuid } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { hasClubPermission } from "@/server/auth/require-user";
import { afterBookingCancelled } from "@/server/bookings/booking-hooks";
import {
  BOOKING_VIEW_SELECT,
  toBookingView,
  type BookingView,
} from "@/server/bookings/booking-view";
import { assertActor, TIER_SELECT, tierPolicyOf } from "@/server/bookings/policy-context";
import { lockCourt, runBookingTransaction } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, fromZodIssues, notFoundError } from "@/server/errors";
import type { CancellationRefund } from "@/server/payments/settle-cancelled-booking";
import { isActiveMembership } from "@/lib/membership";

const NOT_FOUND = () => notFoundError("Booking");

export type CancelBookingResult = {
  booking: BookingView;
  alreadyCancelled: boolean;
  /** What the cancellation refunds (the club's refund policy), one entry per paid payment. */
  refunds: CancellationRefund[];
};

export async function cancelBooking(
  actor: { userId: string; twoFactorVerified?: boolean },
  input: { club: string; bookingId: string; body?: unknown },
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<CancelBookingResult> {
  assertActor(actor);
  const slug = ClubSlug.safeParse(input.club);
  const id = Uuid.safeParse(input.bookingId);
  if (!slug.success || !id.success) throw NOT_FOUND();
  const parsed = CancelBookingInput.safeParse(input.body ?? {});
  if (!parsed.success) throw fromZodIssues(issuesByField(parsed.error.issues));
  const reason = parsed.data.reason ?? null;
  const now = ctx.now ?? new Date();

  // Authorize: the booking is in this club, and the caller is its booker or staff of the club.
  const found = await db.booking.findFirst({
    where: { id: id.data, club: { slug: slug.data } },
    select: {
      id: true,
      clubId: true,
      courtId: true,
      createdById: true,
      players: { where: { userId: actor.userId }, select: { id: true } },
      club: {
        select: {
          timeZone: true,
          memberships: {
            where: { userId: actor.userId },
            select: { role: true, status: true, validUntil: true },
          },
        },
      },
    },
  });
  if (!found) throw NOT_FOUND();
  const membership = found.club.memberships[0];
  const isStaff =
    membership !== undefined &&
    hasClubPermission(actor, membership, "cancelForMember") &&
    isActiveMembership(membership, found.club.timeZone, now);
  const isBooker = found.createdById === actor.userId;
  if (!isBooker && !isStaff) {
    if (found.players.length > 0) {
      throw new AppError(
        "FORBIDDEN",
        "Only the player who made this booking (or the club) can cancel it. Please ask them.",
      );
    }
    throw NOT_FOUND();
  }

  return runBookingTransaction("cancel-booking", async (tx) => {
    await lockCourt(tx, found.courtId);
    const [locked] = await tx.$queryRaw<{ status: string; startsAt: Date }[]>`
      SELECT status::text AS "status", starts_at AS "startsAt" FROM booking
      WHERE id = ${found.id}::uuid FOR UPDATE`;
    if (!locked) throw NOT_FOUND();
    if (locked.status === "CANCELLED") {
      const row = await tx.booking.findUniqueOrThrow({
        where: { id: found.id },
        select: BOOKING_VIEW_SELECT,
      });
      return { booking: toBookingView(row), alreadyCancelled: true, refunds: [] };
    }

    // The notice rule protects the club from late cancellations of confirmed bookings; giving up a
    // checkout (the booking waits for payment) is always allowed.
    if (!isStaff && locked.status !== "PENDING_PAYMENT") {
      const tierRow = found.createdById
        ? await tx.membership.findUnique({
            where: { userId_clubId: { userId: found.createdById, clubId: found.clubId } },
            select: { tier: { select: TIER_SELECT } },
          })
        : null;
      const decision = decideCancellation(
        { startsAt: new Date(locked.startsAt) },
        { now, timeZone: found.club.timeZone, tier: tierPolicyOf(tierRow?.tier ?? null) },
      );
      if (!decision.ok) {
        throw new AppError(
          "UNPROCESSABLE",
          decision.message,
          {},
          { code: "POLICY", rule: decision.rule, eligibleAt: null },
        );
      }
    }

    const row = await tx.booking.update({
      where: { id: found.id },
      data: {
        status: "CANCELLED",
        cancelledAt: now,
        cancelledById: actor.userId,
        cancelReason: reason,
      },
      select: BOOKING_VIEW_SELECT,
    });
    const booking = toBookingView(row);
    const onBehalf = !isBooker;
    await recordAuditEvent(
      {
        action: onBehalf ? "booking.cancelled_by_staff" : "booking.cancelled",
        clubId: found.clubId,
        actorId: actor.userId,
        targetType: "booking",
        targetId: booking.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: {
          courtId: booking.court.id,
          startsAt: booking.startsAt,
          bookerId: found.createdById,
          ...(reason ? { reason } : {}),
        },
      },
      tx,
    );
    const { refunds } = await afterBookingCancelled(tx, {
      booking,
      actorId: actor.userId,
      onBehalf,
      reason,
    });
    return { booking, alreadyCancelled: false, refunds };
  });
}
