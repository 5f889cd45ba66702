/**
 * The payment state machine (ADR 011), pure. Every status change of a payment goes through
 * `nextPaymentStatus`; server/payments/transition-payment.ts applies it with a conditional UPDATE.
 *
 *   PENDING ──▶ PAID | FAILED | EXPIRED
 *   PAID ──▶ REFUND_PENDING ──▶ REFUNDED | PARTIALLY_REFUNDED
 *   PARTIALLY_REFUNDED ──▶ REFUND_PENDING   (a further partial refund)
 *   REFUND_PENDING ──▶ PAID | PARTIALLY_REFUNDED   (the gateway refused the refund: back to before)
 *   EXPIRED ──▶ PAID   (a late payment for a slot that is still free: the booking is made again;
 *                       server/payments/accept-late-payment.ts)
 *
 * FAILED and REFUNDED are final.
 */
export const PAYMENT_STATUSES = [
  "PENDING",
  "PAID",
  "FAILED",
  "EXPIRED",
  "REFUND_PENDING",
  "REFUNDED",
  "PARTIALLY_REFUNDED",
] as const;
export type PaymentStatusName = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_TRANSITIONS: Readonly<
  Record<PaymentStatusName, readonly PaymentStatusName[]>
> = {
  PENDING: ["PAID", "FAILED", "EXPIRED"],
  PAID: ["REFUND_PENDING"],
  FAILED: [],
  EXPIRED: ["PAID"],
  REFUND_PENDING: ["REFUNDED", "PARTIALLY_REFUNDED", "PAID"],
  REFUNDED: [],
  PARTIALLY_REFUNDED: ["REFUND_PENDING"],
};

export class IllegalPaymentTransitionError extends Error {
  constructor(
    readonly from: PaymentStatusName,
    readonly to: PaymentStatusName,
  ) {
    const allowed = PAYMENT_TRANSITIONS[from];
    super(
      `Illegal payment transition ${from} → ${to}: ` +
        (allowed.length
          ? `from ${from} a payment can only become ${allowed.join(", ")}.`
          : `${from} is final.`),
    );
    this.name = "IllegalPaymentTransitionError";
  }
}

export function canTransition(from: PaymentStatusName, to: PaymentStatusName): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/** Returns `to` when `from → to` is allowed; throws IllegalPaymentTransitionError otherwise. */
export function nextPaymentStatus(
  from: PaymentStatusName,
  to: PaymentStatusName,
): PaymentStatusName {
  if (!canTransition(from, to)) throw new IllegalPaymentTransitionError(from, to);
  return to;
}

export function isFinalPaymentStatus(status: PaymentStatusName): boolean {
  return PAYMENT_TRANSITIONS[status].length === 0;
}

/** What the booking of a payment becomes when the payment enters `to` (undefined: unchanged). */
export function bookingStatusAfter(to: PaymentStatusName): "CONFIRMED" | "CANCELLED" | undefined {
  if (to === "PAID") return "CONFIRMED";
  if (to === "FAILED" || to === "EXPIRED") return "CANCELLED";
  return undefined;
}
