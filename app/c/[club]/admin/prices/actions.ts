"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { createPriceRule } from "@/server/admin/prices/create-price-rule";
import { deletePriceRule } from "@/server/admin/prices/delete-price-rule";
import { runSetupAction } from "@/server/admin/run-setup-action";

/** Prices screen (MANAGER): each use case checks the role in the club named by the form. */

export async function createPriceRuleAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/prices", async (slug, input, ctx) => {
    const weekdays = formData.getAll("weekdays").filter((v): v is string => typeof v === "string");
    await createPriceRule(slug, { ...input, weekdays }, ctx);
    return "Price added.";
  });
}

export async function deletePriceRuleAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/prices", async (slug, input, ctx) => {
    await deletePriceRule(slug, input, ctx);
    redirect(`/c/${slug}/admin/prices?done=price-removed`);
  });
}
