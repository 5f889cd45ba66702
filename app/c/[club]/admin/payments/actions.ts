"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { markRefundManual } from "@/server/admin/payments/mark-refund-manual";
import { refundPayment } from "@/server/admin/payments/refund-payment";
import { retryRefund } from "@/server/admin/payments/retry-refund";
import { actionContext, type RequestContext } from "@/server/auth/request-context";
import { isSafeNext } from "@/server/auth/require-user";
import { AppError } from "@/server/errors";
import { formObject, formValues, runFormAction } from "@/server/forms/run-form-action";

/**
 * Payments of a club's admin area (app/c/[club]/admin/payments/page.tsx). Each action refuses a
 * cross-site call, then calls one use case, which requires MANAGER in the club named by the form
 * and scopes every id by it (STAFF may view the list only). On success it goes back to the list
 * the form was on, with a notice: the payment may have left a filtered list (e.g. "needs
 * attention"), so the confirmation cannot live in the row's form.
 */

export type PaymentNotice = "refund-queued" | "refund-marked" | "refund-retried" | "already-queued";

async function run(
  formData: FormData,
  fn: (slug: string, input: Record<string, string>, ctx: RequestContext) => Promise<PaymentNotice>,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const club = formData.get("club");
    const slug = typeof club === "string" ? club : "";
    let notice: PaymentNotice;
    try {
      notice = await fn(slug, formObject(formData), ctx);
    } catch (err) {
      // A stale or foreign id after the role check passed: a form error, not an error page.
      if (err instanceof AppError && err.code === "NOT_FOUND")
        return { status: "error", message: err.message, values: formValues(formData) };
      throw err;
    }
    const base = `/c/${slug}/admin/payments`;
    revalidatePath(base);
    const next = formData.get("next");
    const path =
      typeof next === "string" && isSafeNext(next) && next.startsWith(base) ? next : base;
    const url = new URL(path, "http://x");
    url.searchParams.set("notice", notice);
    redirect(`${url.pathname}${url.search}`);
  });
}

export async function refundPaymentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return run(formData, async (slug, input, ctx) => {
    const r = await refundPayment(slug, input, ctx);
    return r.alreadyQueued ? "already-queued" : "refund-queued";
  });
}

export async function markRefundManualAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return run(formData, async (slug, input, ctx) => {
    await markRefundManual(slug, input, ctx);
    return "refund-marked";
  });
}

export async function retryRefundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async (slug, input, ctx) => {
    await retryRefund(slug, input, ctx);
    return "refund-retried";
  });
}
