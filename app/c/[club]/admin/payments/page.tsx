import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Pager } from "@/components/admin/pager";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionForm, Field, SubmitButton } from "@/components/forms/action-form";
import { currencyDigits, formatMoney } from "@/lib/pricing";
import { formatLongDate } from "@/lib/time";
import { PAYMENT_STATUS_FILTERS } from "@/schemas/admin-payments";
import { listPayments, STUCK_REFUND_MINUTES } from "@/server/admin/payments/list-payments";
import { requireClubPermission } from "@/server/auth/require-user";
import { markRefundManualAction, refundPaymentAction, retryRefundAction } from "./actions";

export const metadata: Metadata = { title: "Payments" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

const STATUS_LABELS: Record<string, string> = {
  PENDING: "Pending",
  PAID: "Paid",
  FAILED: "Failed",
  EXPIRED: "Expired",
  REFUND_PENDING: "Refund in progress",
  REFUNDED: "Refunded",
  PARTIALLY_REFUNDED: "Partly refunded",
};
const REFUND_LABELS: Record<string, string> = {
  REQUESTED: "Queued",
  PENDING: "Sent, awaiting the gateway",
  COMPLETED: "Completed",
  FAILED: "Refused by the gateway",
  MANUAL: "To pay back by hand",
};
const GATEWAY_LABELS = { PAYPAL: "PayPal", PAYBOX: "Paybox" } as const;
/** Confirmations after an action (app/c/[club]/admin/payments/actions.ts), by fixed key only. */
const NOTICES: Record<string, string> = {
  "refund-queued": "Refund queued: the payment worker sends it to the gateway within a minute.",
  "already-queued": "This refund was already queued.",
  "refund-marked": "Refund recorded as paid back. The payment's refunded amount is updated.",
  "refund-retried": "Refund queued again: the payment worker sends it within a minute.",
};

/** A decimal amount for an input, e.g. 1250 EUR → "12.50". */
const plain = (minor: number, currency: string) => {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

/**
 * Payments of a club (ADR 011, 012): STAFF and above may look, like the bookings list; only
 * MANAGER and above act — refund a paid payment (queued, the worker sends it), record a refund
 * paid back by hand, send a refused refund again. Newest first, 50 to a page, filtered by status
 * and "needs attention" (a GET form: the filters live in the URL).
 */
export default async function AdminPaymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams?: Promise<Search>;
}) {
  const { club: slug } = await params;
  const search: Search = (await searchParams) ?? {};
  const access = await requireClubPermission(slug, "viewPayments", {
    next: `/c/${slug}/admin/payments`,
  });
  const clubSlug = access.club.slug;
  const list = await listPayments(clubSlug, {
    status: one(search.status),
    attention: one(search.attention),
    page: one(search.page),
  });
  const q = list.query;
  const filterParams = new URLSearchParams();
  if (q.status) filterParams.set("status", q.status);
  if (q.attention) filterParams.set("attention", "1");
  const pageHref = (page: number) => {
    const p = new URLSearchParams(filterParams);
    p.set("page", String(page));
    return `/c/${clubSlug}/admin/payments?${p.toString()}`;
  };
  const here = pageHref(list.page);
  const notice = NOTICES[one(search.notice) ?? ""];

  return (
    <>
      <AdminNav slug={clubSlug} role={access.role} current="/payments" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Payments · {access.club.name}</h1>
        <p className="mt-2 text-sm text-slate-700">
          Times are in the club&apos;s time zone ({access.club.timeZone}).{" "}
          {list.canAct
            ? "Refunds you queue are sent to the gateway by the payment worker within a minute."
            : "Staff can look at payments; a manager refunds them."}
        </p>

        {notice ? (
          <p
            role="status"
            className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
          >
            {notice}
          </p>
        ) : null}

        <section
          aria-labelledby="filters"
          className="mt-6 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="filters" className="text-xl font-semibold">
            Find payments
          </h2>
          <form
            method="get"
            aria-label="Filter payments"
            className="flex flex-wrap items-end gap-x-6"
          >
            <div className="mt-3">
              <label htmlFor="filter-status" className="block font-medium">
                Status
              </label>
              <select
                id="filter-status"
                name="status"
                defaultValue={q.status ?? ""}
                className="mt-1 block rounded border border-slate-400 px-3 py-2"
              >
                <option value="">Any status</option>
                {PAYMENT_STATUS_FILTERS.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="mt-3 flex min-h-11 items-center gap-2">
              <input
                id="filter-attention"
                name="attention"
                type="checkbox"
                value="1"
                defaultChecked={q.attention}
                className="h-4 w-4"
              />
              <label htmlFor="filter-attention">Needs attention only</label>
            </div>
            <button
              type="submit"
              className="mt-3 min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
            >
              Show payments
            </button>
          </form>
          <p className="mt-3 text-sm text-slate-600">
            A payment needs attention when it is flagged (an amount that did not match, a late or
            reversed payment, a refused refund), when a refund must be paid back by hand or was
            refused, when a queued refund is still not sent after {STUCK_REFUND_MINUTES} minutes, or
            when a pending payment outlived its hold.
          </p>
        </section>

        <section aria-labelledby="results" className="mt-6">
          <h2 id="results" className="text-xl font-semibold">
            {list.total} payment(s){list.pages > 1 ? ` · page ${list.page} of ${list.pages}` : ""}
          </h2>
          {list.rows.length === 0 ? (
            <p className="mt-2 text-slate-700">No payment matches these filters.</p>
          ) : (
            <ul className="mt-2 space-y-4">
              {list.rows.map((p) => (
                <li
                  key={p.id}
                  data-testid="payment-row"
                  aria-labelledby={`payment-${p.id}`}
                  className={`rounded border bg-white p-4 ${p.needsAttention ? "border-amber-500" : "border-slate-300"}`}
                >
                  <h3 id={`payment-${p.id}`} className="font-semibold">
                    {p.booking.courtName} · {formatLongDate(p.booking.date)} {p.booking.start} ·{" "}
                    {p.booking.booker}
                    {p.needsAttention ? (
                      <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
                        Needs attention
                      </span>
                    ) : null}
                  </h3>
                  <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
                    <Item term="Created">
                      {p.createdLocal.date} {p.createdLocal.time}
                    </Item>
                    <Item term="Gateway">{GATEWAY_LABELS[p.gateway]}</Item>
                    <Item term="Amount">{formatMoney(p.amount, p.currency)}</Item>
                    <Item term="Status">{STATUS_LABELS[p.status] ?? p.status}</Item>
                    <Item term="Refunded">{formatMoney(p.refundedAmount, p.currency)}</Item>
                    <Item term="Reference">
                      <span className="font-mono">{p.reference}</span>
                    </Item>
                    {p.gateway === "PAYPAL" ? (
                      <Item term="PayPal order / capture">
                        <span className="font-mono">
                          {p.paypalOrderId ?? "—"} / {p.paypalCaptureId ?? "—"}
                        </span>
                      </Item>
                    ) : (
                      <Item term="Paybox S / T / A">
                        <span className="font-mono">
                          {p.payboxTransaction ?? "—"} / {p.payboxCallNumber ?? "—"} /{" "}
                          {p.payboxAuthorisation ?? "—"}
                        </span>
                      </Item>
                    )}
                    <Item term="Flag">
                      {p.flag ? (
                        <>
                          <strong>{p.flag}</strong>
                          {p.flagDetail ? ` — ${p.flagDetail}` : ""}
                        </>
                      ) : (
                        "None"
                      )}
                    </Item>
                  </dl>

                  {p.refunds.length ? (
                    <table className="mt-3 w-full border-collapse text-left text-sm">
                      <caption className="text-left font-medium">Refunds</caption>
                      <thead>
                        <tr className="border-b border-slate-400">
                          <th scope="col" className="py-1 pr-2">
                            Amount
                          </th>
                          <th scope="col" className="py-1 pr-2">
                            Status
                          </th>
                          <th scope="col" className="py-1 pr-2">
                            Reason
                          </th>
                          <th scope="col" className="py-1 pr-2">
                            Gateway refund id
                          </th>
                          {list.canAct ? (
                            <th scope="col" className="py-1">
                              Action
                            </th>
                          ) : null}
                        </tr>
                      </thead>
                      <tbody>
                        {p.refunds.map((r) => (
                          <tr
                            key={r.id}
                            data-testid="refund-row"
                            className="border-b border-slate-200 align-top"
                          >
                            <td className="py-2 pr-2">{formatMoney(r.amount, r.currency)}</td>
                            <td className="py-2 pr-2">{REFUND_LABELS[r.status] ?? r.status}</td>
                            <td className="py-2 pr-2">{r.reason}</td>
                            <td className="py-2 pr-2 font-mono">{r.gatewayRefundId ?? "—"}</td>
                            {list.canAct ? (
                              <td className="py-2">
                                {r.status === "MANUAL" || r.status === "FAILED" ? (
                                  <ActionForm
                                    compact
                                    action={markRefundManualAction}
                                    label={`Mark the refund of ${formatMoney(r.amount, r.currency)} as paid back`}
                                    hidden={{ club: clubSlug, refundId: r.id, next: here }}
                                  >
                                    <Field
                                      required
                                      name="amount"
                                      idSuffix={r.id}
                                      label={`Amount paid back (${r.currency})`}
                                      hint={`Type ${plain(r.amount, r.currency)} to confirm`}
                                      inputMode="decimal"
                                      maxLength={12}
                                    />
                                    <Field
                                      name="note"
                                      idSuffix={r.id}
                                      label="Note (e.g. transfer reference)"
                                      maxLength={500}
                                    />
                                    <SubmitButton className="mt-3 min-h-11">
                                      Mark refunded manually
                                    </SubmitButton>
                                  </ActionForm>
                                ) : null}
                                {r.status === "FAILED" ? (
                                  <ActionForm
                                    compact
                                    action={retryRefundAction}
                                    label={`Retry the refund of ${formatMoney(r.amount, r.currency)}`}
                                    hidden={{ club: clubSlug, refundId: r.id, next: here }}
                                  >
                                    <SubmitButton variant="secondary" className="mt-3 min-h-11">
                                      Retry refund
                                    </SubmitButton>
                                  </ActionForm>
                                ) : null}
                              </td>
                            ) : null}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}

                  {list.canAct && p.refundable > 0 ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer font-medium text-blue-800">
                        Refund this payment
                      </summary>
                      <ActionForm
                        compact
                        action={refundPaymentAction}
                        label={`Refund the payment of ${p.booking.booker}`}
                        hidden={{
                          club: clubSlug,
                          paymentId: p.id,
                          requestKey: randomUUID(),
                          next: here,
                        }}
                        className="grid gap-x-4 sm:grid-cols-2"
                      >
                        <Field
                          name="amount"
                          idSuffix={p.id}
                          label={`Amount (${p.currency})`}
                          hint={`Leave blank to refund all that remains: ${formatMoney(p.refundable, p.currency)}`}
                          inputMode="decimal"
                          maxLength={12}
                        />
                        <Field
                          required
                          name="reason"
                          idSuffix={p.id}
                          label="Reason"
                          maxLength={150}
                        />
                        <div className="sm:col-span-2">
                          <SubmitButton variant="danger" className="mt-3 min-h-11">
                            Refund
                          </SubmitButton>
                        </div>
                      </ActionForm>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pager page={list.page} pages={list.pages} href={pageHref} />
        </section>
      </main>
    </>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
