"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { createCourt } from "@/server/admin/courts/create-court";
import { deleteCourt } from "@/server/admin/courts/delete-court";
import { moveCourt } from "@/server/admin/courts/move-court";
import { setCourtActive } from "@/server/admin/courts/set-court-active";
import { updateCourt } from "@/server/admin/courts/update-court";
import { runSetupAction } from "@/server/admin/run-setup-action";

/** Courts screen (MANAGER): each use case checks the role in the club named by the form. */

export async function createCourtAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/courts", async (slug, input, ctx) => {
    const court = await createCourt(slug, input, ctx);
    return `Court “${court.name}” added. Set its hours under Opening hours if they differ from the club's.`;
  });
}

export async function updateCourtAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/courts", async (slug, input, ctx) => {
    await updateCourt(slug, input, ctx);
    return "Court saved.";
  });
}

export async function moveCourtAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/courts", async (slug, input, ctx) => {
    await moveCourt(slug, input, ctx);
    return "Order saved.";
  });
}

export async function setCourtActiveAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/courts", async (slug, input, ctx) => {
    const r = await setCourtActive(slug, input, ctx);
    if (r.active) return "Court reactivated: it is back on the planning.";
    return r.upcomingBookings > 0
      ? `Court deactivated. It still has ${r.upcomingBookings} upcoming booking(s), which stay valid: cancel them from the Bookings screen if the court cannot be played.`
      : "Court deactivated: it no longer appears on the planning.";
  });
}

export async function deleteCourtAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/courts", async (slug, input, ctx) => {
    await deleteCourt(slug, input, ctx);
    redirect(`/c/${slug}/admin/courts?done=court-deleted`);
  });
}
