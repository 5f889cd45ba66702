import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  PaymentStatusMessage,
  PaymentStillMoving,
} from "@/components/payments/payment-status-message";
import { checkoutPath, myBookingsPath, paymentStatusPath, planningPath } from "@/lib/booking-links";
import {
  isPaymentMoving,
  paymentOutcome,
  paymentRefreshHref,
  paymentSlotLabel,
} from "@/lib/payments/payment-status-page";
import { formatMoney } from "@/lib/pricing";
import { requireUser } from "@/server/auth/require-user";
import { getPaymentStatus } from "@/server/payments/get-payment-status";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

type Props = {
  params: Promise<{ club: string; paymentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The payment status page: where the gateways send the player back. It shows what the verified
 * gateway messages decided and never changes a payment: a Paybox payment is paid only by its
 * signed IPN, so after the hosted page the player first sees "processing", and the page updates
 * itself (payment-status-poller) until the payment is paid, failed or expired
 * (lib/payments/payment-status-page.ts reads the outcome).
 */
export default async function PaymentStatusPage({ params, searchParams }: Props) {
  const { club, paymentId } = await params;
  const query = await searchParams;
  const here = paymentStatusPath(club ?? "", paymentId ?? "");
  const user = await requireUser({ next: here });
  const p = await orNotFound(getPaymentStatus({ paymentId: paymentId ?? "", userId: user.userId }));
  if (p.club.slug !== club) notFound();
  const ret = typeof query.return === "string" ? query.return : undefined;
  const slot = paymentSlotLabel(p);
  const myBookingsHref = myBookingsPath(p.club.slug);

  return (
    <main id="main" className="mx-auto max-w-2xl p-4 sm:p-6">
      <p className="text-sm">
        <Link href={`/c/${p.club.slug}`} className="text-blue-800 underline">
          {p.club.name}
        </Link>{" "}
        ·{" "}
        <Link href={myBookingsHref} className="text-blue-800 underline">
          My bookings
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Payment</h1>
      <p className="mt-1 text-slate-800">
        {slot} · {formatMoney(p.amount, p.currency)} · times in the club’s time zone (
        {p.club.timeZone})
      </p>
      <div role="status" aria-live="polite" data-payment-status={p.status}>
        <PaymentStatusMessage
          outcome={paymentOutcome(p, ret)}
          slot={slot}
          payAgainHref={checkoutPath(p.club.slug, p.booking.id)}
          bookAgainHref={planningPath(p.club.slug)}
          myBookingsHref={myBookingsHref}
        />
      </div>
      {isPaymentMoving(p) ? (
        <PaymentStillMoving
          paymentId={p.id}
          status={p.status}
          refreshHref={paymentRefreshHref(here, ret)}
        />
      ) : null}
    </main>
  );
}
