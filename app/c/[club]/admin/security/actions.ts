"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { acknowledgeSecurityAlert } from "@/server/admin/security/acknowledge-security-alert";
import { runClubAction } from "@/server/admin/run-setup-action";
import { isSafeNext } from "@/server/auth/require-user";
import { formText } from "@/server/forms/run-form-action";

/**
 * Security alerts of a club's admin area (app/c/[club]/admin/security/page.tsx). The use case
 * requires acknowledgeSecurityAlerts in the club named by the form and scopes the alert id by it.
 * On success it goes back to the list the form was on, with a notice: the alert leaves the list
 * of alerts waiting for acknowledgement, so the confirmation cannot live in its form.
 */
export async function acknowledgeSecurityAlertAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runClubAction(formData, acknowledgeSecurityAlert, (slug) => {
    const base = `/c/${slug}/admin/security`;
    revalidatePath(base);
    const next = formText(formData, "next");
    const url = new URL(
      next && isSafeNext(next) && next.startsWith(base) ? next : base,
      "http://x",
    );
    url.searchParams.set("notice", "acknowledged");
    redirect(`${url.pathname}${url.search}`);
  });
}
