"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { myBookingsPath } from "@/lib/booking-links";
import type { CalendarFeedState } from "@/lib/calendar-feed-state";
import type { FormState } from "@/lib/form-state";
import { actionContext } from "@/server/auth/request-context";
import { isSafeNext, requireUser } from "@/server/auth/require-user";
import { cancelBooking } from "@/server/bookings/cancel-booking";
import { revokeCalendarFeed } from "@/server/calendar/revoke-calendar-feed";
import { rotateCalendarFeed } from "@/server/calendar/rotate-calendar-feed";
import { formText, runFormAction } from "@/server/forms/run-form-action";
import { leaveWaitlist } from "@/server/waitlist/leave-waitlist";

/**
 * The player's own bookings, waiting list and calendar feed ("My bookings":
 * app/c/[club]/bookings/page.tsx and app/account/bookings/page.tsx). Each action refuses a
 * cross-site call, then requires a signed-in user; the use case decides what that user may do
 * (only the booker cancels, within the notice; only one's own waiting-list entries and feed).
 */

/** Where to go back after the action: a same-site page named by the form, or a default. */
function backTo(formData: FormData, fallback: string): string {
  const next = formText(formData, "next");
  return next && isSafeNext(next) ? next : fallback;
}

const withParam = (path: string, key: string, value: string) => {
  const [base, hash] = path.split("#", 2) as [string, string | undefined];
  const sep = base.includes("?") ? "&" : "?";
  return `${base}${sep}${key}=${encodeURIComponent(value)}${hash ? `#${hash}` : ""}`;
};

export async function cancelBookingAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const user = await requireUser();
    const club = formText(formData, "club");
    const reason = formText(formData, "reason");
    const { booking } = await cancelBooking(
      user,
      { club, bookingId: formText(formData, "bookingId"), body: reason ? { reason } : {} },
      ctx,
    );
    revalidatePath(`/c/${booking.club.slug}/planning`);
    redirect(
      withParam(backTo(formData, myBookingsPath(booking.club.slug)), "cancelled", booking.id),
    );
  });
}

export async function leaveWaitlistAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const user = await requireUser();
    await leaveWaitlist(user, { entryId: formText(formData, "entryId") }, ctx);
    redirect(withParam(backTo(formData, "/account/bookings"), "left", "1"));
  });
}

export async function rotateCalendarFeedAction(
  _prev: CalendarFeedState,
  formData: FormData,
): Promise<CalendarFeedState> {
  let feed: CalendarFeedState["feed"];
  const state = await runFormAction(formData, async () => {
    const ctx = await actionContext();
    const user = await requireUser();
    const made = await rotateCalendarFeed(user, ctx);
    feed = { url: made.url, webcalUrl: made.webcalUrl };
    revalidatePath(backTo(formData, "/account/bookings"));
    return {
      status: "success",
      message: made.replaced
        ? "Your new calendar link is ready. The old link has stopped working."
        : "Your calendar link is ready.",
    };
  });
  return feed ? { ...state, feed } : state;
}

export async function revokeCalendarFeedAction(
  _prev: CalendarFeedState,
  formData: FormData,
): Promise<CalendarFeedState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const user = await requireUser();
    const { revoked } = await revokeCalendarFeed(user, ctx);
    revalidatePath(backTo(formData, "/account/bookings"));
    return {
      status: "success",
      message: revoked
        ? "Your calendar link is turned off. Calendars subscribed to it will stop updating."
        : "You had no calendar link.",
    };
  });
}
