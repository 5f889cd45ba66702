"use server";

import type { FormState } from "@/lib/form-state";
import { runSetupAction } from "@/server/admin/run-setup-action";
import { updateClubSettings } from "@/server/admin/settings/update-club-settings";

/** Club settings screen (MANAGER): the use case checks the role in the club named by the form. */

export async function updateClubSettingsAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/settings", async (slug, input, ctx) => {
    const r = await updateClubSettings(slug, input, ctx);
    if (!r.changed.length) return "Nothing changed.";
    const moved = r.changed.includes("timeZone") || r.changed.includes("slotMinutes");
    return moved && r.upcomingBookings > 0
      ? `Settings saved. The ${r.upcomingBookings} upcoming booking(s) keep their exact moment; the planning now shows them in the new settings.`
      : "Settings saved.";
  });
}
