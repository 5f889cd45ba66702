import "server-only";
/**
 * Turns a failed call to PayPal into the AppError a browser is shown (not a use case: shared by
 * the checkout routes). PayPal's refusals keep their meaning (not approved yet, payment method
 * declined); an outage — 5xx or a network error after the client's retries — becomes a 503 that
 * says what happens next, never an opaque 500. Anything else is returned unchanged.
 */
import { AppError } from "@/server/errors";
import { PaypalApiError } from "./paypal-client";

function issues(err: PaypalApiError): string[] {
  const details = (err.body as { details?: { issue?: unknown }[] } | undefined)?.details;
  return Array.isArray(details)
    ? details.map((d) => d?.issue).filter((i): i is string => typeof i === "string")
    : [];
}

export function paypalFailure(err: unknown, step: "order" | "capture"): unknown {
  if (err instanceof AppError) return err;
  const unreachable =
    step === "order"
      ? "PayPal is not answering right now. Please try again in a minute."
      : "PayPal is not answering right now. If you approved the payment, it will be confirmed as soon as PayPal answers: check the payment's status page.";
  if (err instanceof PaypalApiError) {
    const found = issues(err);
    if (found.includes("ORDER_NOT_APPROVED"))
      return new AppError(
        "CONFLICT",
        "PayPal has not approved this payment yet: finish it in the PayPal window, or pay by card.",
      );
    if (found.includes("INSTRUMENT_DECLINED") || found.includes("PAYER_ACTION_REQUIRED"))
      return new AppError(
        "UNPROCESSABLE",
        "PayPal declined this payment method. Choose another one in PayPal, or pay by card.",
      );
    if (err.status >= 500 || err.status === 429 || err.status === 408)
      return new AppError("BUSY", unreachable);
    if (err.status === 401 || err.status === 403)
      return new AppError(
        "UNPROCESSABLE",
        "The club's PayPal account refused our request. Please tell the club; you have not been charged.",
      );
    return new AppError(
      "UNPROCESSABLE",
      `PayPal refused the ${step === "order" ? "payment" : "capture"}${found.length ? ` (${found.join(", ")})` : ""}. You have not been charged.`,
    );
  }
  // fetch() failures (connection refused, DNS, timeout) after the client's retries.
  if (err instanceof TypeError || (err instanceof Error && /abort|timeout/i.test(err.name)))
    return new AppError("BUSY", unreachable);
  return err;
}
