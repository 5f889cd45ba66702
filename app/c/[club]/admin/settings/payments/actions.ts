"use server";

import type { FormState } from "@/lib/form-state";
import { saveGatewayConfig } from "@/server/admin/payments/save-gateway-config";
import { saveRefundPolicy } from "@/server/admin/payments/save-refund-policy";
import { runSetupAction } from "@/server/admin/run-setup-action";

/**
 * Payment settings (app/c/[club]/admin/settings/payments/page.tsx). Gateways: OWNER only (the
 * club's merchant credentials); refund policy: MANAGER and above. The use cases check the role in
 * the club named by the form; runSetupAction refuses cross-site calls. Secret fields are never
 * sent back to the browser (their names end in "Secret", see server/forms/run-form-action.ts).
 */

export async function savePaypalSettingsAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/settings/payments", async (slug, input, ctx) => {
    const r = await saveGatewayConfig(slug, "PAYPAL", input, ctx);
    return r.created ? "PayPal settings saved." : savedMessage("PayPal", r);
  });
}

export async function savePayboxSettingsAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/settings/payments", async (slug, input, ctx) => {
    const r = await saveGatewayConfig(slug, "PAYBOX", input, ctx);
    return r.created ? "Paybox settings saved." : savedMessage("Paybox", r);
  });
}

function savedMessage(name: string, r: { changed: string[]; secretsReplaced: string[] }): string {
  if (!r.changed.length && !r.secretsReplaced.length) return `${name} settings saved (no change).`;
  return `${name} settings saved.${r.secretsReplaced.length ? " The new secret is stored." : ""}`;
}

export async function saveRefundPolicyAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/settings/payments", async (slug, input, ctx) => {
    const r = await saveRefundPolicy(slug, input, ctx);
    return r.changed ? "Refund policy saved." : "Nothing changed.";
  });
}
