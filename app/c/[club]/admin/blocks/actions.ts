"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { createBlock } from "@/server/admin/blocks/create-block";
import { deleteBlock } from "@/server/admin/blocks/delete-block";
import { actionContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { formObject, formText, runFormAction } from "@/server/forms/run-form-action";

/**
 * Blocks of a club's admin area (app/c/[club]/admin/blocks/page.tsx). Each action refuses a
 * cross-site call, requires STAFF in the club named by the form, then calls one use case (which
 * checks the role again and scopes every id by that club).
 */

export async function createBlockAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { club } = await requireClubPermission(formText(formData, "club"), "manageBlocks");
    const fields = formObject(formData);
    const result = await createBlock(
      club.slug,
      fields,
      {
        onCollision: fields.onCollision || "none",
        reason: fields.reason,
        previewed: fields.previewed,
      },
      ctx,
    );
    revalidatePath(`/c/${club.slug}/planning`);
    redirect(
      `/c/${club.slug}/admin/blocks?created=${result.created}&cancelled=${result.cancelled.length}&skipped=${result.skipped.length}`,
    );
  });
}

export async function deleteBlockAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { club } = await requireClubPermission(formText(formData, "club"), "manageBlocks");
    const { deleted } = await deleteBlock(
      club.slug,
      { blockId: formText(formData, "blockId"), scope: formText(formData, "scope") || "one" },
      ctx,
    );
    revalidatePath(`/c/${club.slug}/planning`);
    redirect(`/c/${club.slug}/admin/blocks?deleted=${deleted}`);
  });
}
