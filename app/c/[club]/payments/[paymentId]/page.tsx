import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PaymentStatusPoller } from "@/components/payments/payment-status-poller";
import { checkoutPath, myBookingsPath, paymentStatusPath, planningPath } from "@/lib/booking-links";
import { formatMoment } from "@/lib/booking-policy";
import { formatMoney } from "@/lib/pricing";
import { localTime } from "@/lib/time";
import { requireUser } from "@/server/auth/require-user";
import { getPaymentStatus, type PaymentStatusView } from "@/server/payments/get-payment-status";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

type Props = {
  params: Promise<{ club: string; paymentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const box = {
  info: "mt-4 rounded border border-blue-300 bg-blue-50 p-3",
  ok: "mt-4 rounded border border-green-300 bg-green-50 p-3",
  bad: "mt-4 rounded border border-red-300 bg-red-50 p-3",
};

/**
 * The payment status page (issue 7): where the gateways send the player back. It shows what the
 * verified gateway messages decided and never changes a payment: a Paybox payment is paid only by
 * its signed IPN, so after the hosted page the player first sees "processing", and the page
 * updates itself (payment-status-poller) until the payment is paid, failed or expired.
 */
export default async function PaymentStatusPage({ params, searchParams }: Props) {
  const { club, paymentId } = await params;
  const query = await searchParams;
  const here = paymentStatusPath(club ?? "", paymentId ?? "");
  const user = await requireUser({ next: here });
  const p = await orNotFound(getPaymentStatus({ paymentId: paymentId ?? "", userId: user.userId }));
  if (p.club.slug !== club) notFound();
  const ret = typeof query.return === "string" ? query.return : undefined;
  const zone = p.club.timeZone;
  const money = (amount: number) => formatMoney(amount, p.currency);
  const slot = `${p.booking.courtName}, ${formatMoment(p.booking.startsAt, zone)}–${localTime(p.booking.endsAt, zone)}`;
  // Still moving by itself: pending, a refund under way (or queued for a cancelled booking).
  const moving =
    p.status === "PENDING" ||
    p.status === "REFUND_PENDING" ||
    (p.status === "PAID" &&
      p.booking.status === "CANCELLED" &&
      p.refunds.some((r) => r.status === "REQUESTED" || r.status === "PENDING"));

  return (
    <main id="main" className="mx-auto max-w-2xl p-4 sm:p-6">
      <p className="text-sm">
        <Link href={`/c/${p.club.slug}`} className="text-blue-800 underline">
          {p.club.name}
        </Link>{" "}
        ·{" "}
        <Link href={myBookingsPath(p.club.slug)} className="text-blue-800 underline">
          My bookings
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Payment</h1>
      <p className="mt-1 text-slate-800">
        {slot} · {money(p.amount)} · times in the club’s time zone ({zone})
      </p>
      <div role="status" aria-live="polite" data-payment-status={p.status}>
        <StatusMessage p={p} ret={ret} slot={slot} money={money} />
      </div>
      {moving ? (
        <>
          <PaymentStatusPoller paymentId={p.id} status={p.status} poll />
          <p className="mt-4 text-sm text-slate-800">
            Not changing?{" "}
            <a
              href={ret ? `${here}?return=${encodeURIComponent(ret)}` : here}
              className="underline"
            >
              Refresh this page
            </a>
            .
          </p>
        </>
      ) : null}
    </main>
  );
}

function StatusMessage({
  p,
  ret,
  slot,
  money,
}: {
  p: PaymentStatusView;
  ret: string | undefined;
  slot: string;
  money: (amount: number) => string;
}) {
  const zone = p.club.timeZone;
  const heldUntil = localTime(p.holdExpiresAt, zone);
  const payAgain = checkoutPath(p.club.slug, p.booking.id);
  const manual = p.refunds.some((r) => r.status === "MANUAL");
  const queued = p.refunds.some((r) => ["REQUESTED", "PENDING"].includes(r.status));

  switch (p.status) {
    case "PENDING":
      if (ret === "refuse" || ret === "annule")
        return (
          <div className={box.bad}>
            <p className="font-semibold">
              The payment was {ret === "refuse" ? "refused" : "cancelled"} on the payment page; your
              slot stays held until {heldUntil} — try again.
            </p>
            <p className="mt-2">
              {/* A plain link: the checkout must load as a document to get its own CSP. */}
              <a href={payAgain} className="font-medium text-blue-800 underline">
                Try the payment again
              </a>
            </p>
          </div>
        );
      return (
        <div className={box.info}>
          <p className="font-semibold">Processing your payment… this page updates by itself.</p>
          <p className="mt-1">Your slot is held until {heldUntil}.</p>
          {ret ? null : (
            <p className="mt-2">
              Not paid yet?{" "}
              <a href={payAgain} className="font-medium text-blue-800 underline">
                Go to the payment page
              </a>
            </p>
          )}
        </div>
      );
    case "PAID":
      if (p.booking.status === "CANCELLED")
        return (
          <div className={box.info}>
            <p className="font-semibold">Payment received; the booking was later cancelled.</p>
            <p className="mt-1">
              {manual
                ? "The club refunds you directly."
                : queued
                  ? "Your refund is on its way."
                  : "No refund is due under the club’s cancellation policy."}
            </p>
          </div>
        );
      return (
        <div className={box.ok}>
          <p className="font-semibold">Payment received — booking confirmed</p>
          <p className="mt-1">{slot}</p>
          <p className="mt-2">
            <Link
              href={myBookingsPath(p.club.slug)}
              className="font-medium text-blue-800 underline"
            >
              See my bookings
            </Link>
          </p>
        </div>
      );
    case "FAILED":
      return (
        <div className={box.bad}>
          <p className="font-semibold">
            {p.flag === "AMOUNT_MISMATCH"
              ? "The payment failed: the amount paid did not match the booking’s price. Any money taken is refunded."
              : "The payment failed."}{" "}
            The slot has been released.
          </p>
          <p className="mt-2">
            <Link href={planningPath(p.club.slug)} className="font-medium text-blue-800 underline">
              Book again
            </Link>
          </p>
        </div>
      );
    case "EXPIRED":
      return (
        <div className={box.bad}>
          <p className="font-semibold">
            The payment was not completed in time: the slot was held until {heldUntil} and has been
            released.
          </p>
          {p.flag === "LATE_PAYMENT" ? (
            <p className="mt-1">Your payment arrived after that; it is refunded.</p>
          ) : null}
          <p className="mt-2">
            <Link href={planningPath(p.club.slug)} className="font-medium text-blue-800 underline">
              Book again
            </Link>
          </p>
        </div>
      );
    case "REFUND_PENDING":
      return (
        <div className={box.info}>
          <p className="font-semibold">
            Refund in progress
            {p.refundedAmount > 0 ? ` (${money(p.refundedAmount)} already refunded)` : ""}… this
            page updates by itself.
          </p>
        </div>
      );
    case "REFUNDED":
      return (
        <div className={box.ok}>
          <p className="font-semibold">Refunded: {money(p.refundedAmount)}.</p>
          <p className="mt-1">It reaches your card within a few days.</p>
        </div>
      );
    case "PARTIALLY_REFUNDED":
      return (
        <div className={box.ok}>
          <p className="font-semibold">
            Partially refunded: {money(p.refundedAmount)} of {money(p.amount)}.
          </p>
        </div>
      );
  }
}
