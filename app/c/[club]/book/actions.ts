"use server";

import { redirect } from "next/navigation";
import { checkoutPath, planningPath } from "@/lib/booking-links";
import { bookPagePath } from "@/lib/booking-ui";
import type { FormState } from "@/lib/form-state";
import { todayIn } from "@/lib/time";
import { actionContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { createBooking } from "@/server/bookings/create-booking";
import { AppError } from "@/server/errors";
import { formText, runFormAction } from "@/server/forms/run-form-action";
import { joinWaitlist } from "@/server/waitlist/join-waitlist";

/**
 * The booking page's actions (app/c/[club]/book/page.tsx). Each refuses a cross-site call, then
 * asks who is signing in, then hands the form to its use case, which checks the club membership
 * and every booking rule itself (tested by test/integration/role-matrix.test.ts).
 */

/** Guest name inputs of the booking form: guest1, guest2, … */
const GUEST_FIELDS = ["guest1", "guest2", "guest3", "guest4", "guest5"] as const;

/** Field names of the use case's errors → the form's own field names. */
function toFormFields(err: AppError, guestInputs: ReadonlyArray<string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(err.fields)) {
    const guest = /^guests\.(\d+)(\.name)?$/.exec(key);
    const partner = /^partnerIds(\.(\d+))?$/.exec(key);
    if (guest) fields[guestInputs[Number(guest[1])] ?? "guests"] = `This guest’s name ${message}.`;
    else if (partner)
      fields.partners = partner[2]
        ? `Partner ${Number(partner[2]) + 1} ${message}.`
        : `The partners ${message}.`;
    else if (key === "durationMinutes") fields.durationMinutes = `The duration ${message}.`;
    else if (key === "guests") fields.guests = `The guests ${message}.`;
    else if (key === "gateway") fields.gateway = `The payment method ${message}.`;
    else fields.slot = `This slot cannot be booked: ${key} ${message}.`;
  }
  return fields;
}

export async function bookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const user = await requireUser();
    const club = formText(formData, "club");
    const guestInputs = GUEST_FIELDS.filter((f) => formText(formData, f).trim() !== "");
    const body = {
      courtId: formText(formData, "courtId"),
      startsAt: formText(formData, "startsAt"),
      durationMinutes: Number(formText(formData, "durationMinutes")),
      partnerIds: formData.getAll("partnerIds").filter((v): v is string => typeof v === "string"),
      guests: guestInputs.map((f) => ({ name: formText(formData, f) })),
      ...(formText(formData, "gateway") ? { gateway: formText(formData, "gateway") } : {}),
    };
    let result;
    try {
      result = await createBooking(
        user,
        { club, body, idempotencyKey: formText(formData, "idempotencyKey") || null },
        ctx,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === "BAD_REQUEST" && Object.keys(err.fields).length) {
        throw new AppError("BAD_REQUEST", err.message, toFormFields(err, guestInputs));
      }
      // Not an authorization failure to hide: the member is told what to do (the page says it too).
      if (err instanceof AppError && err.details.code === "EMAIL_UNVERIFIED") {
        return { status: "error", message: err.message };
      }
      throw err;
    }
    const { booking, payment } = result;
    // A booking with a fee waits for payment: on to the checkout (the slot is held meanwhile), as
    // a full page load so that the checkout gets its own CSP (lib/form-state.ts `location`).
    if (payment)
      return {
        status: "success",
        message: "The court is held for you for 15 minutes: continue to the payment.",
        location: checkoutPath(booking.club.slug, booking.id),
      };
    const date = todayIn(booking.club.timeZone, new Date(booking.startsAt));
    redirect(`${planningPath(booking.club.slug, date)}&booked=${encodeURIComponent(booking.id)}`);
  });
}

export async function joinWaitlistAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const user = await requireUser();
    const club = formText(formData, "club");
    const body = {
      courtId: formText(formData, "courtId"),
      startsAt: formText(formData, "startsAt"),
      durationMinutes: Number(formText(formData, "durationMinutes")),
    };
    const { entry } = await joinWaitlist(user, { club, body }, ctx);
    redirect(
      `${bookPagePath(entry.club.slug, {
        courtId: entry.court.id,
        startsAt: new Date(entry.startsAt),
        durationMinutes: entry.durationMinutes,
      })}&waiting=1`,
    );
  });
}
