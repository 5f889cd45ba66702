"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { addClosure } from "@/server/admin/hours/add-closure";
import { removeClosure } from "@/server/admin/hours/remove-closure";
import { setClubHours } from "@/server/admin/hours/set-club-hours";
import { setCourtHours } from "@/server/admin/hours/set-court-hours";
import { runSetupAction } from "@/server/admin/run-setup-action";

/** Opening hours screen (MANAGER): each use case checks the role in the club named by the form. */

export async function setClubHoursAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/hours", async (slug, input, ctx) => {
    await setClubHours(slug, input, ctx);
    return "Opening hours saved. The planning follows them now.";
  });
}

export async function setCourtHoursAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/hours", async (slug, input, ctx) => {
    await setCourtHours(slug, input, ctx);
    return "Court hours saved.";
  });
}

export async function addClosureAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/hours", async (slug, input, ctx) => {
    const r = await addClosure(slug, input, ctx);
    return r.bookingsThatDay > 0
      ? `Closure added. ${r.bookingsThatDay} booking(s) that day are still valid: cancel them from the Bookings screen so the players are told.`
      : "Closure added.";
  });
}

export async function removeClosureAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/hours", async (slug, input, ctx) => {
    await removeClosure(slug, input, ctx);
    redirect(`/c/${slug}/admin/hours?done=closure-removed`);
  });
}
