"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import type { ImportFormState } from "@/lib/member-import";
import { actionContext } from "@/server/auth/request-context";
import { confirmMemberImport } from "@/server/admin/members/confirm-member-import";
import { deactivateMembership } from "@/server/admin/members/deactivate-membership";
import { inviteMember } from "@/server/admin/members/invite-member";
import { previewMemberImportFile } from "@/server/admin/members/preview-member-import";
import { revokeInvitation } from "@/server/admin/members/revoke-invitation";
import { updateMembership } from "@/server/admin/members/update-membership";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { formObject, formText, runFormAction } from "@/server/forms/run-form-action";

/**
 * The members screen's actions. Each refuses a cross-site call, then hands the form to its use
 * case, which authorises the club named by the form's `club` field (managers and owners; 404 for
 * anyone else) and scopes every id by it. Declared in test/integration/role-matrix.test.ts.
 */

const done = (formData: FormData, message: string): FormState => {
  revalidatePath(`/c/${formText(formData, "club")}/admin/members`);
  return { status: "success", message };
};

export async function inviteMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const r = await inviteMember(formText(formData, "club"), formObject(formData), ctx);
    return done(
      formData,
      r.emailed
        ? `Invitation sent to ${r.email}.`
        : `Invitation saved for ${r.email}, but too many emails went to this address recently: try again later.`,
    );
  });
}

export async function updateMembershipAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    await updateMembership(formText(formData, "club"), formObject(formData), ctx);
    return done(formData, "Saved.");
  });
}

export async function deactivateMembershipAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    await deactivateMembership(formText(formData, "club"), formObject(formData), ctx);
    return done(formData, "Membership ended.");
  });
}

export async function revokeInvitationAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    await revokeInvitation(formText(formData, "club"), formObject(formData), ctx);
    return done(formData, "Invitation withdrawn.");
  });
}

const MAX_FILE_BYTES = 500_000;

/** The CSV of the import form: the uploaded file if one was chosen, else the pasted text. */
async function csvOf(formData: FormData): Promise<string> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES)
      throw new AppError("BAD_REQUEST", "This file is too large (500 kB at most).");
    return file.text();
  }
  return formText(formData, "csv");
}

/** Runs an import step; expected refusals become the form's message, nothing is echoed back. */
async function runImport(
  formData: FormData,
  fn: (csv: string) => Promise<ImportFormState>,
): Promise<ImportFormState> {
  try {
    return await fn(await csvOf(formData));
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof AppError) {
      if (err.code === "FORBIDDEN" || err.code === "UNAUTHENTICATED" || err.code === "NOT_FOUND")
        throw err;
      return { status: "error", message: err.fields.csv ?? err.message };
    }
    logger.error({ err }, "member import failed");
    return { status: "error", message: "Something went wrong on our side. Please try again." };
  }
}

export async function previewImportAction(
  _prev: ImportFormState,
  formData: FormData,
): Promise<ImportFormState> {
  return runImport(formData, async (csv) => {
    await actionContext();
    const preview = await previewMemberImportFile(formText(formData, "club"), { csv });
    return {
      status: preview.valid ? "preview" : "error",
      message:
        preview.fileError ??
        (preview.valid
          ? undefined
          : "Some rows have problems: fix the file and check it again. Nothing was imported."),
      preview,
      csv,
    };
  });
}

export async function confirmImportAction(
  _prev: ImportFormState,
  formData: FormData,
): Promise<ImportFormState> {
  return runImport(formData, async (csv) => {
    const ctx = await actionContext();
    const r = await confirmMemberImport(formText(formData, "club"), { csv }, ctx);
    revalidatePath(`/c/${formText(formData, "club")}/admin/members`);
    return {
      status: "success",
      message: `${r.invited} invitation(s) created, ${r.emailed} emailed.`,
    };
  });
}
