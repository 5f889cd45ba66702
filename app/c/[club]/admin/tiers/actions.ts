"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { runSetupAction } from "@/server/admin/run-setup-action";
import { addPeakBand } from "@/server/admin/tiers/add-peak-band";
import { createTier } from "@/server/admin/tiers/create-tier";
import { removePeakBand } from "@/server/admin/tiers/remove-peak-band";
import { setSportRules } from "@/server/admin/tiers/set-sport-rules";
import { updateTier } from "@/server/admin/tiers/update-tier";

/** Tiers and rules screen (MANAGER): each use case checks the role in the club named by the form. */

export async function createTierAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/tiers", async (slug, input, ctx) => {
    await createTier(slug, input, ctx);
    return "Tier added.";
  });
}

export async function updateTierAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/tiers", async (slug, input, ctx) => {
    const r = await updateTier(slug, input, ctx);
    return r.changed.length
      ? "Tier saved. The new rules apply to the next booking; bookings already made are kept."
      : "Nothing changed.";
  });
}

export async function setSportRulesAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/tiers", async (slug, input, ctx) => {
    const r = await setSportRules(slug, input, ctx);
    return `Rules for ${r.sport.toLowerCase()} saved.`;
  });
}

export async function addPeakBandAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/tiers", async (slug, input, ctx) => {
    await addPeakBand(slug, input, ctx);
    return "Peak band added.";
  });
}

export async function removePeakBandAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/tiers", async (slug, input, ctx) => {
    await removePeakBand(slug, input, ctx);
    redirect(`/c/${slug}/admin/tiers?done=peak-band-removed`);
  });
}
