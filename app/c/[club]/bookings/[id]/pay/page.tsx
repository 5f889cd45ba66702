import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CancelBookingForm } from "@/components/bookings/cancel-booking-form";
import { PayboxCheckout } from "@/components/payments/paybox-checkout";
import { PaypalCheckout } from "@/components/payments/paypal-checkout";
import { checkoutPath, myBookingsPath, paymentStatusPath, planningPath } from "@/lib/booking-links";
import { formatMoment } from "@/lib/booking-policy";
import { formatMoney } from "@/lib/pricing";
import { localTime } from "@/lib/time";
import { requireUser } from "@/server/auth/require-user";
import { getCheckout } from "@/server/payments/get-checkout";
import { cancelBookingAction } from "../../actions";

export const metadata: Metadata = { title: "Pay for your booking", robots: { index: false } };

type Props = { params: Promise<{ club: string; id: string }> };

const AUDIENCE = { MEMBER: "members", GUEST: "guests", NON_MEMBER: "non-members" } as const;

/**
 * The checkout of a booking that waits for payment (ADR 011, 012). The amount was computed on the
 * server when the booking was made; the player pays it on the gateway's own surfaces — PayPal's
 * button and card fields (PayPal iframes) or Paybox's hosted page — never in a field of ours.
 * The CSP of this page allows the gateway origins it needs and nothing else (proxy.ts).
 */
export default async function CheckoutPage({ params }: Props) {
  const { club: slug, id } = await params;
  const user = await requireUser({ next: checkoutPath(slug, id) });
  const checkout = await getCheckout(user, { club: slug, bookingId: id });
  if (!checkout) notFound();
  const { booking, club, payment } = checkout;
  if (!payment) redirect(myBookingsPath(club.slug));
  if (payment.status !== "PENDING" && payment.status !== "EXPIRED" && payment.status !== "FAILED")
    redirect(paymentStatusPath(club.slug, payment.id));

  const zone = club.timeZone;
  const when = `${formatMoment(booking.startsAt, zone)}–${localTime(booking.endsAt, zone)}`;
  const total = formatMoney(payment.amount, payment.currency);
  const open = payment.status === "PENDING" && payment.holdExpiresAt > new Date();

  return (
    <main id="main" className="mx-auto max-w-2xl p-4 sm:p-6">
      <p className="text-sm">
        <Link href={planningPath(club.slug)} className="text-blue-800 underline">
          {club.name} — planning
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Pay for your booking</h1>

      <section
        aria-labelledby="summary-heading"
        className="mt-4 rounded border border-slate-300 p-4"
      >
        <h2 id="summary-heading" className="text-lg font-semibold">
          {booking.courtName}, {when}
        </h2>
        <p className="text-sm text-slate-700">Times in the club’s time zone ({zone}).</p>
        {booking.guests.length ? <p className="mt-1">Guests: {booking.guests.join(", ")}</p> : null}
        <table className="mt-3 w-full text-left text-sm">
          <caption className="sr-only">Price</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-2">
                Price rule
              </th>
              <th scope="col" className="py-1 pr-2">
                Players
              </th>
              <th scope="col" className="py-1 text-right">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {payment.lines.map((l) => (
              <tr key={l.ruleId} className="border-t border-slate-200">
                <td className="py-1 pr-2">
                  {l.ruleName} ({formatMoney(l.rateMinor, payment.currency)} per player per hour,{" "}
                  {l.minutes} min)
                </td>
                <td className="py-1 pr-2">
                  {l.players} {AUDIENCE[l.audience]}
                </td>
                <td className="py-1 text-right">{formatMoney(l.amountMinor, payment.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-400 font-semibold">
              <th scope="row" colSpan={2} className="py-1">
                Total to pay
              </th>
              <td className="py-1 text-right" data-testid="checkout-total">
                {total}
              </td>
            </tr>
          </tfoot>
        </table>
      </section>

      {open ? (
        <>
          <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3" role="status">
            The court is held for you until{" "}
            <strong>{localTime(payment.holdExpiresAt, zone)}</strong>. If the payment is not
            completed by then, the booking is released.
          </p>
          <section aria-labelledby="pay-heading" className="mt-6">
            <h2 id="pay-heading" className="text-xl font-semibold">
              {payment.gateway === "PAYPAL" ? "Pay with PayPal or a card" : "Pay by card"}
            </h2>
            {payment.gateway === "PAYPAL" && checkout.paypal ? (
              <PaypalCheckout
                paymentId={payment.id}
                clientId={checkout.paypal.clientId}
                environment={checkout.paypal.environment}
                statusUrl={paymentStatusPath(club.slug, payment.id)}
                amountLabel={total}
                holdUntilLabel={localTime(payment.holdExpiresAt, zone)}
              />
            ) : payment.gateway === "PAYBOX" ? (
              <PayboxCheckout paymentId={payment.id} bookerId={user.userId} />
            ) : (
              <p role="alert" className="mt-2">
                This club’s PayPal payments are not available right now. Please try again later or
                contact the club.
              </p>
            )}
          </section>
          <section aria-labelledby="giveup-heading" className="mt-8">
            <h2 id="giveup-heading" className="text-lg font-semibold">
              Changed your mind?
            </h2>
            <p className="text-sm text-slate-700">
              Cancelling now costs nothing: no payment has been taken.
            </p>
            <CancelBookingForm
              action={cancelBookingAction}
              club={club.slug}
              bookingId={booking.id}
              next={planningPath(club.slug)}
              what={`${booking.courtName}, ${when}`}
            />
          </section>
        </>
      ) : (
        <section role="alert" className="mt-6 rounded border border-red-300 bg-red-50 p-4">
          <h2 className="text-lg font-semibold">This booking was not paid in time</h2>
          <p className="mt-1">
            {payment.status === "FAILED"
              ? "The payment did not go through or the booking was cancelled, and the court was released."
              : "The hold on the court ended before the payment was completed, and the court was released."}{" "}
            No money was taken. If a payment still reaches us, it is refunded — or, when the court
            is still free, your booking is confirmed and you get an email.
          </p>
          <p className="mt-2">
            <Link href={planningPath(club.slug)} className="text-blue-800 underline">
              Book again from the planning
            </Link>
          </p>
        </section>
      )}
    </main>
  );
}
