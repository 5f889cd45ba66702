import { describe, expect, it } from "vitest";
import {
  isPaymentMoving,
  paymentOutcome,
  paymentRefreshHref,
  paymentSlotLabel,
  type PaymentFacts,
} from "@/lib/payments/payment-status-page";

const facts = (over: Partial<PaymentFacts> = {}): PaymentFacts => ({
  status: "PENDING",
  amount: 1500,
  currency: "EUR",
  refundedAmount: 0,
  flag: null,
  holdExpiresAt: new Date("2026-06-16T08:15:00Z"),
  club: { timeZone: "Europe/Paris" },
  booking: {
    status: "PENDING_PAYMENT",
    startsAt: new Date("2026-06-16T16:00:00Z"),
    endsAt: new Date("2026-06-16T17:30:00Z"),
    courtName: "Court 1",
  },
  refunds: [],
  ...over,
});
const cancelled = { ...facts().booking, status: "CANCELLED" };
const refunds = (...statuses: string[]) => statuses.map((status) => ({ status }));

describe("paymentOutcome", () => {
  it("after a refusal or cancellation on the hosted page, the slot stays held", () => {
    expect(paymentOutcome(facts(), "refuse")).toEqual({
      kind: "returned-unpaid",
      outcome: "refused",
      heldUntil: "10:15",
    });
    expect(paymentOutcome(facts(), "annule")).toMatchObject({ outcome: "cancelled" });
  });

  it("is processing while pending; offers the payment page only when not back from it", () => {
    expect(paymentOutcome(facts(), undefined)).toEqual({
      kind: "processing",
      heldUntil: "10:15",
      offerPaymentPage: true,
    });
    expect(paymentOutcome(facts(), "ok")).toMatchObject({ offerPaymentPage: false });
  });

  it("confirms a paid booking", () => {
    const paid = facts({ status: "PAID", booking: { ...facts().booking, status: "CONFIRMED" } });
    expect(paymentOutcome(paid, undefined)).toEqual({ kind: "confirmed" });
  });

  it("says what becomes of the money of a paid booking cancelled later", () => {
    const refund = (...r: string[]) =>
      paymentOutcome(facts({ status: "PAID", booking: cancelled, refunds: refunds(...r) }), "x");
    expect(refund("MANUAL", "REQUESTED")).toEqual({
      kind: "paid-then-cancelled",
      refund: "The club refunds you directly.",
    });
    expect(refund("PENDING")).toMatchObject({ refund: "Your refund is on its way." });
    expect(refund("REQUESTED")).toMatchObject({ refund: "Your refund is on its way." });
    expect(refund("COMPLETED")).toMatchObject({
      refund: "No refund is due under the club’s cancellation policy.",
    });
  });

  it("explains a failure, an amount mismatch apart", () => {
    expect(paymentOutcome(facts({ status: "FAILED" }), undefined)).toEqual({
      kind: "failed",
      why: "The payment failed.",
    });
    expect(
      paymentOutcome(facts({ status: "FAILED", flag: "AMOUNT_MISMATCH" }), undefined),
    ).toMatchObject({ why: expect.stringContaining("did not match the booking’s price") });
  });

  it("tells an expiry, and a late payment that is refunded", () => {
    expect(paymentOutcome(facts({ status: "EXPIRED" }), undefined)).toEqual({
      kind: "expired",
      heldUntil: "10:15",
      latePayment: false,
    });
    expect(
      paymentOutcome(facts({ status: "EXPIRED", flag: "LATE_PAYMENT" }), undefined),
    ).toMatchObject({ latePayment: true });
  });

  it("formats the refunded amounts in the payment's currency", () => {
    const at = (status: PaymentFacts["status"], refundedAmount: number) =>
      paymentOutcome(facts({ status, refundedAmount }), undefined);
    expect(at("REFUND_PENDING", 0)).toEqual({ kind: "refund-pending", alreadyRefunded: null });
    expect(at("REFUND_PENDING", 500)).toEqual({ kind: "refund-pending", alreadyRefunded: "€5.00" });
    expect(at("REFUNDED", 1500)).toEqual({ kind: "refunded", refunded: "€15.00" });
    expect(at("PARTIALLY_REFUNDED", 500)).toEqual({
      kind: "partially-refunded",
      refunded: "€5.00",
      amount: "€15.00",
    });
  });
});

describe("isPaymentMoving", () => {
  it("moves while pending or refunding, or while a cancelled booking's refund is queued", () => {
    expect(isPaymentMoving(facts())).toBe(true);
    expect(isPaymentMoving(facts({ status: "REFUND_PENDING" }))).toBe(true);
    expect(
      isPaymentMoving(facts({ status: "PAID", booking: cancelled, refunds: refunds("PENDING") })),
    ).toBe(true);
    expect(
      isPaymentMoving(facts({ status: "PAID", booking: cancelled, refunds: refunds("MANUAL") })),
    ).toBe(false);
    expect(isPaymentMoving(facts({ status: "PAID", refunds: refunds("REQUESTED") }))).toBe(false);
    for (const status of ["FAILED", "EXPIRED", "REFUNDED", "PARTIALLY_REFUNDED"] as const)
      expect(isPaymentMoving(facts({ status }))).toBe(false);
  });
});

describe("paymentSlotLabel and paymentRefreshHref", () => {
  it("writes the court and the slot in club time", () => {
    expect(paymentSlotLabel(facts())).toBe("Court 1, Tue 16 Jun 18:00–19:30");
  });

  it("keeps the gateway's return on refresh", () => {
    expect(paymentRefreshHref("/c/demo/payments/p", undefined)).toBe("/c/demo/payments/p");
    expect(paymentRefreshHref("/c/demo/payments/p", "a b")).toBe("/c/demo/payments/p?return=a%20b");
  });
});
