/**
 * The Paybox System checkout of a pending payment (server component, no client JavaScript): a
 * plain form of signed hidden fields posted to Paybox's hosted payment page, where the card is
 * typed. No card field is ever part of our page. The fields are built and signed on the server
 * (server/payments/paybox/paybox-checkout-form.ts) for the payment's booker only.
 */
import { formatMoney } from "@/lib/pricing";
import { AppError } from "@/server/errors";
import { payboxCheckoutForm } from "@/server/payments/paybox/paybox-checkout-form";

export async function PayboxCheckout({
  paymentId,
  bookerId,
}: {
  paymentId: string;
  bookerId: string;
}) {
  let form;
  try {
    form = await payboxCheckoutForm({ paymentId, bookerId });
  } catch (err) {
    if (err instanceof AppError && (err.code === "CONFLICT" || err.code === "UNPROCESSABLE"))
      return (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3">
          {err.message}
        </p>
      );
    throw err;
  }
  return (
    <form method="post" action={form.pageUrl} className="mt-4" data-testid="paybox-checkout">
      {form.fields.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="text-slate-800">
        You pay {formatMoney(form.amount, form.currency)} on the secure payment page of Paybox
        (Verifone); your card details are typed there, never on this site.
      </p>
      <button
        type="submit"
        className="mt-3 min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 focus:outline-none"
      >
        Continue to the secure payment page (Paybox)
      </button>
    </form>
  );
}
