"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { todayIn } from "@/lib/time";
import { cancelMemberBooking } from "@/server/admin/bookings/cancel-member-booking";
import { createStaffBooking } from "@/server/admin/bookings/create-staff-booking";
import { actionContext } from "@/server/auth/request-context";
import { isSafeNext, requireClubPermission } from "@/server/auth/require-user";
import { formObject, formText, runFormAction } from "@/server/forms/run-form-action";

/**
 * Bookings of a club's admin area (app/c/[club]/admin/bookings/page.tsx). Each action refuses a
 * cross-site call, requires STAFF in the club named by the form, then calls one use case (which
 * checks the role again and scopes every id by that club).
 */

/** Back to the list the form was on (same-site path of this club's bookings screen only). */
function backTo(formData: FormData, slug: string, param: string): string {
  const base = `/c/${slug}/admin/bookings`;
  const next = formText(formData, "next");
  const path = next && isSafeNext(next) && next.startsWith(base) ? next : base;
  return `${path}${path.includes("?") ? "&" : "?"}${param}`;
}

export async function createStaffBookingAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { club } = await requireClubPermission(formText(formData, "club"), "bookForMember");
    const { booking } = await createStaffBooking(club.slug, formObject(formData), ctx);
    revalidatePath(`/c/${club.slug}/planning`);
    // Back to the list, showing the day of the new booking.
    const day = todayIn(club.timeZone, new Date(booking.startsAt));
    redirect(`/c/${club.slug}/admin/bookings?booked=${booking.id}&from=${day}&to=${day}`);
  });
}

export async function cancelMemberBookingAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { club } = await requireClubPermission(formText(formData, "club"), "cancelForMember");
    const { bookingId } = await cancelMemberBooking(
      club.slug,
      { bookingId: formText(formData, "bookingId"), reason: formText(formData, "reason") },
      ctx,
    );
    revalidatePath(`/c/${club.slug}/planning`);
    redirect(backTo(formData, club.slug, `cancelled=${bookingId}`));
  });
}
