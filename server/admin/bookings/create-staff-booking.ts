import "server-only";
/**
 * createStaffBooking — club staff book a court for a member or a walk-in guest. The tier's rules
 * (horizon, quotas, back-to-back…) do not apply to the club itself; the overlap rule always does:
 * under the court's advisory lock the slot is checked, and the exclusion constraint stays the last
 * line of defence (409 SLOT_TAKEN). STAFF and above; the court and the member must belong to the
 * authorized club. A member's booking is theirs (they are its booker and get the confirmation); a
 * walk-in's is booked by the staff member. The audit event names the staff member as the actor.
 *
 *   createStaffBooking(club: string, body: unknown (StaffCreateBookingInput), ctx?)
 *     : Promise<{ booking: BookingView }>
 */
import { zonedInstant } from "@/lib/time";
import { StaffCreateBookingInput } from "@/schemas/admin-bookings";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requireClubPermission } from "@/server/auth/require-user";
import { afterBookingCreated } from "@/server/bookings/booking-hooks";
import {
  BOOKING_VIEW_SELECT,
  toBookingView,
  type BookingView,
} from "@/server/bookings/booking-view";
import { slotTaken } from "@/server/bookings/slot-taken";
import { lockCourt, runBookingTransaction } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, parseInput, sqlState } from "@/server/errors";

const SLOT_TAKEN = () =>
  new AppError(
    "CONFLICT",
    "This court is already taken (a booking or a block) at that time. Choose another slot.",
    {},
    { code: "SLOT_TAKEN" },
  );

export async function createStaffBooking(
  club: string,
  body: unknown,
  ctx: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ booking: BookingView }> {
  const access = await requireClubPermission(club, "bookForMember");
  const clubId = access.club.id;
  const req = parseInput(StaffCreateBookingInput, body);

  const court = await db.court.findFirst({
    where: { id: req.courtId, clubId, active: true },
    select: { id: true },
  });
  if (!court) {
    throw new AppError("BAD_REQUEST", "Invalid input — courtId: is not a court of this club", {
      courtId: "Choose a court of this club.",
    });
  }
  if (req.memberId) {
    const member = await db.membership.findFirst({
      where: { clubId, userId: req.memberId, status: "ACTIVE" },
      select: { id: true },
    });
    if (!member) {
      throw new AppError("BAD_REQUEST", "Invalid input — memberId: is not a member of this club", {
        memberId: "Choose an active member of this club.",
      });
    }
  }
  const startsAt = zonedInstant(req.date, req.startTime, access.club.timeZone);
  const endsAt = new Date(startsAt.getTime() + req.durationMinutes * 60_000);

  try {
    return await runBookingTransaction("create-staff-booking", async (tx) => {
      await lockCourt(tx, court.id);
      if (await slotTaken(tx, { courtId: court.id, startsAt, endsAt })) throw SLOT_TAKEN();
      const row = await tx.booking.create({
        data: {
          clubId,
          courtId: court.id,
          startsAt,
          endsAt,
          status: "CONFIRMED",
          createdById: req.memberId ?? access.user.userId,
          players: {
            create: req.memberId ? [{ userId: req.memberId }] : [{ guestName: req.guestName! }],
          },
        },
        select: BOOKING_VIEW_SELECT,
      });
      const booking = toBookingView(row);
      await recordAuditEvent(
        {
          action: "booking.created_by_staff",
          clubId,
          actorId: access.user.userId,
          targetType: "booking",
          targetId: booking.id,
          ip: ctx.ip ?? null,
          userAgent: ctx.userAgent ?? null,
          details: {
            courtId: court.id,
            startsAt: booking.startsAt,
            endsAt: booking.endsAt,
            ...(req.memberId ? { memberId: req.memberId } : { walkIn: true }),
          },
        },
        tx,
      );
      await afterBookingCreated(tx, { booking, actorId: access.user.userId });
      return { booking };
    });
  } catch (err) {
    if (sqlState(err) === "23P01") throw SLOT_TAKEN();
    throw err;
  }
}
