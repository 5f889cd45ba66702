"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { actionContext } from "@/server/auth/request-context";
import { formObject, runFormAction } from "@/server/forms/run-form-action";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { registerFromInvitation } from "@/server/invitations/register-from-invitation";

/**
 * The invitation page's actions (app/(auth)/invite/page.tsx). Both refuse a cross-site call and
 * are authorised by the emailed single-use token; accepting as an existing user also needs that
 * user signed in with the invited address (checked by the use case).
 */

export async function acceptInvitationAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { clubSlug } = await acceptInvitation(formObject(formData), ctx);
    redirect(`/c/${clubSlug}?joined=1`);
  });
}

export async function registerFromInvitationAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { email } = await registerFromInvitation(formObject(formData), ctx);
    return {
      status: "success",
      message: `Welcome! Your account for ${email} is ready and you are a member of the club. Sign in to book a court.`,
    };
  });
}
