import "server-only";
/**
 * cancelMemberBooking — club staff cancel a booking on the players' behalf, at any time, with a
 * reason that every player is told (cancel-booking's afterBookingCancelled hook: emails with the
 * reason and a CANCEL .ics, then the waiting list). STAFF and above; the booking is looked up in
 * the authorized club only (another club's booking id is "not found").
 *
 *   cancelMemberBooking(club: string, body: unknown (StaffCancelBookingInput), ctx?)
 *     : Promise<{ bookingId: string; alreadyCancelled: boolean }>
 */
import { StaffCancelBookingInput } from "@/schemas/admin-bookings";
import { requireClubPermission } from "@/server/auth/require-user";
import { cancelBooking } from "@/server/bookings/cancel-booking";
import { parseInput } from "@/server/errors";

export async function cancelMemberBooking(
  club: string,
  body: unknown,
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ bookingId: string; alreadyCancelled: boolean }> {
  const access = await requireClubPermission(club, "cancelForMember");
  const parsed = parseInput(StaffCancelBookingInput, body);
  // cancelBooking scopes the id by the club's slug and re-checks the staff role (same transaction
  // as its audit event and notifications).
  const { booking, alreadyCancelled } = await cancelBooking(
    access.user,
    {
      club: access.club.slug,
      bookingId: parsed.bookingId,
      body: { reason: parsed.reason },
    },
    ctx,
  );
  return { bookingId: booking.id, alreadyCancelled };
}
