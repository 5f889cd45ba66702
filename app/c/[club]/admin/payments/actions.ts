"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { markRefundManual } from "@/server/admin/payments/mark-refund-manual";
import { refundPayment } from "@/server/admin/payments/refund-payment";
import { retryRefund } from "@/server/admin/payments/retry-refund";
import { runClubAction, type ClubFormUseCase } from "@/server/admin/run-setup-action";
import { isSafeNext } from "@/server/auth/require-user";
import { formText } from "@/server/forms/run-form-action";

/**
 * Payments of a club's admin area (app/c/[club]/admin/payments/page.tsx). Each action refuses a
 * cross-site call, then calls one use case, which requires MANAGER in the club named by the form
 * and scopes every id by it (STAFF may view the list only). On success it goes back to the list
 * the form was on, with a notice: the payment may have left a filtered list (e.g. "needs
 * attention"), so the confirmation cannot live in the row's form.
 */

export type PaymentNotice = "refund-queued" | "refund-marked" | "refund-retried" | "already-queued";

function backToList(formData: FormData, slug: string, notice: PaymentNotice): never {
  const base = `/c/${slug}/admin/payments`;
  revalidatePath(base);
  const next = formText(formData, "next");
  const path = next && isSafeNext(next) && next.startsWith(base) ? next : base;
  const url = new URL(path, "http://x");
  url.searchParams.set("notice", notice);
  redirect(`${url.pathname}${url.search}`);
}

const run = (formData: FormData, fn: ClubFormUseCase<PaymentNotice>): Promise<FormState> =>
  runClubAction(formData, fn, (slug, notice) => backToList(formData, slug, notice));

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
