/**
 * What the payment status page (app/c/[club]/payments/[paymentId]/page.tsx) says about a payment,
 * pure: the outcome the verified gateway messages left (the page never changes a payment), whether
 * it may still change by itself (then the page polls), and the words of its slot and amounts.
 */
import { formatMoment } from "@/lib/booking-policy";
import { formatMoney } from "@/lib/pricing";
import { localTime } from "@/lib/time";
import type { PaymentStatusName } from "@/lib/payments/state-machine";

/** The facts of a payment the page reads (server/payments/get-payment-status.ts). */
export type PaymentFacts = {
  status: PaymentStatusName;
  amount: number;
  currency: string;
  refundedAmount: number;
  flag: string | null;
  holdExpiresAt: Date;
  club: { timeZone: string };
  booking: { status: string; startsAt: Date; endsAt: Date; courtName: string };
  refunds: ReadonlyArray<{ status: string }>;
};

/** What the page tells the booker; times are in club time, amounts formatted. */
export type PaymentOutcome =
  /** Back from the hosted page after a refusal or a cancellation: the slot is still held. */
  | { kind: "returned-unpaid"; outcome: "refused" | "cancelled"; heldUntil: string }
  /** `offerPaymentPage`: the booker did not come back from the gateway (no `return`). */
  | { kind: "processing"; heldUntil: string; offerPaymentPage: boolean }
  | { kind: "paid-then-cancelled"; refund: string }
  | { kind: "confirmed" }
  | { kind: "failed"; why: string }
  | { kind: "expired"; heldUntil: string; latePayment: boolean }
  | { kind: "refund-pending"; alreadyRefunded: string | null }
  | { kind: "refunded"; refunded: string }
  | { kind: "partially-refunded"; refunded: string; amount: string };

const queued = (p: Pick<PaymentFacts, "refunds">) =>
  p.refunds.some((r) => r.status === "REQUESTED" || r.status === "PENDING");

/** Whether the payment still moves by itself: pending, a refund under way or queued. */
export function isPaymentMoving(p: Pick<PaymentFacts, "status" | "booking" | "refunds">): boolean {
  return (
    p.status === "PENDING" ||
    p.status === "REFUND_PENDING" ||
    (p.status === "PAID" && p.booking.status === "CANCELLED" && queued(p))
  );
}

/** The outcome of a payment; `ret` is the `return` the gateway sent the booker back with. */
export function paymentOutcome(p: PaymentFacts, ret: string | undefined): PaymentOutcome {
  const heldUntil = localTime(p.holdExpiresAt, p.club.timeZone);
  const money = (amount: number) => formatMoney(amount, p.currency);
  switch (p.status) {
    case "PENDING":
      if (ret === "refuse" || ret === "annule") {
        return {
          kind: "returned-unpaid",
          outcome: ret === "refuse" ? "refused" : "cancelled",
          heldUntil,
        };
      }
      return { kind: "processing", heldUntil, offerPaymentPage: !ret };
    case "PAID":
      if (p.booking.status !== "CANCELLED") return { kind: "confirmed" };
      return {
        kind: "paid-then-cancelled",
        refund: p.refunds.some((r) => r.status === "MANUAL")
          ? "The club refunds you directly."
          : queued(p)
            ? "Your refund is on its way."
            : "No refund is due under the club’s cancellation policy.",
      };
    case "FAILED":
      return {
        kind: "failed",
        why:
          p.flag === "AMOUNT_MISMATCH"
            ? "The payment failed: the amount paid did not match the booking’s price. Any money taken is refunded."
            : "The payment failed.",
      };
    case "EXPIRED":
      return { kind: "expired", heldUntil, latePayment: p.flag === "LATE_PAYMENT" };
    case "REFUND_PENDING":
      return {
        kind: "refund-pending",
        alreadyRefunded: p.refundedAmount > 0 ? money(p.refundedAmount) : null,
      };
    case "REFUNDED":
      return { kind: "refunded", refunded: money(p.refundedAmount) };
    case "PARTIALLY_REFUNDED":
      return {
        kind: "partially-refunded",
        refunded: money(p.refundedAmount),
        amount: money(p.amount),
      };
  }
}

/** "Court 1, Tue 16 Jun 10:00–11:00" in club time. */
export function paymentSlotLabel(p: Pick<PaymentFacts, "booking" | "club">): string {
  const zone = p.club.timeZone;
  return `${p.booking.courtName}, ${formatMoment(p.booking.startsAt, zone)}–${localTime(p.booking.endsAt, zone)}`;
}

/** The page itself again, keeping the gateway's `return`, for a refresh without JavaScript. */
export function paymentRefreshHref(here: string, ret: string | undefined): string {
  return ret ? `${here}?return=${encodeURIComponent(ret)}` : here;
}
