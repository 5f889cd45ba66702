"use server";

import type { FormState } from "@/lib/form-state";
import { formatMoney } from "@/lib/pricing";
import { markRefundManual } from "@/server/admin/payments/mark-refund-manual";
import { refundPayment } from "@/server/admin/payments/refund-payment";
import { retryRefund } from "@/server/admin/payments/retry-refund";
import { runSetupAction } from "@/server/admin/run-setup-action";

/**
 * Payments of a club's admin area (app/c/[club]/admin/payments/page.tsx). Each action refuses a
 * cross-site call (runSetupAction → actionContext), then calls one use case, which requires
 * MANAGER in the club named by the form and scopes every id by it. STAFF may view the list only.
 */

export async function refundPaymentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/payments", async (slug, input, ctx) => {
    const r = await refundPayment(slug, input, ctx);
    return r.alreadyQueued
      ? "This refund was already queued."
      : `Refund of ${formatMoney(r.amount, r.currency)} queued: it is sent to the gateway within a minute.`;
  });
}

export async function markRefundManualAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runSetupAction(formData, "/payments", async (slug, input, ctx) => {
    const r = await markRefundManual(slug, input, ctx);
    return `Refund recorded as paid back. The payment is now ${r.paymentStatus.toLowerCase().replace("_", " ")}.`;
  });
}

export async function retryRefundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runSetupAction(formData, "/payments", async (slug, input, ctx) => {
    await retryRefund(slug, input, ctx);
    return "Refund queued again: it is sent to the gateway within a minute.";
  });
}
