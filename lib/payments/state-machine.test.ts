import { describe, expect, it } from "vitest";
import {
  bookingStatusAfter,
  canTransition,
  IllegalPaymentTransitionError,
  isFinalPaymentStatus,
  nextPaymentStatus,
  PAYMENT_STATUSES,
  type PaymentStatusName,
} from "./state-machine";

const ALLOWED: ReadonlyArray<[PaymentStatusName, PaymentStatusName]> = [
  ["PENDING", "PAID"],
  ["PENDING", "FAILED"],
  ["PENDING", "EXPIRED"],
  ["PAID", "REFUND_PENDING"],
  ["REFUND_PENDING", "REFUNDED"],
  ["REFUND_PENDING", "PARTIALLY_REFUNDED"],
  ["REFUND_PENDING", "PAID"],
  ["PARTIALLY_REFUNDED", "REFUND_PENDING"],
  ["EXPIRED", "PAID"],
];
const key = (a: string, b: string) => `${a}→${b}`;
const allowed = new Set(ALLOWED.map(([a, b]) => key(a, b)));

describe("payment state machine", () => {
  // Exhaustive: every ordered pair of the 7 statuses (49, self-transitions included).
  const pairs = PAYMENT_STATUSES.flatMap((from) =>
    PAYMENT_STATUSES.map((to) => [from, to] as const),
  );

  it.each(pairs)("%s → %s is allowed exactly when listed", (from, to) => {
    if (allowed.has(key(from, to))) {
      expect(canTransition(from, to)).toBe(true);
      expect(nextPaymentStatus(from, to)).toBe(to);
    } else {
      expect(canTransition(from, to)).toBe(false);
      expect(() => nextPaymentStatus(from, to)).toThrow(IllegalPaymentTransitionError);
    }
  });

  it("covers 49 pairs of which 9 are allowed", () => {
    expect(pairs).toHaveLength(49);
    expect(pairs.filter(([a, b]) => canTransition(a, b))).toHaveLength(ALLOWED.length);
  });

  it("names the allowed targets in its refusal", () => {
    expect(() => nextPaymentStatus("PAID", "FAILED")).toThrow(
      "Illegal payment transition PAID → FAILED: from PAID a payment can only become REFUND_PENDING.",
    );
    expect(() => nextPaymentStatus("REFUNDED", "PAID")).toThrow("REFUNDED is final.");
  });

  it("has exactly two final statuses (an expired payment may still be paid late)", () => {
    expect(PAYMENT_STATUSES.filter(isFinalPaymentStatus)).toEqual(["FAILED", "REFUNDED"]);
  });

  it("makes the booking follow", () => {
    expect(bookingStatusAfter("PAID")).toBe("CONFIRMED");
    expect(bookingStatusAfter("FAILED")).toBe("CANCELLED");
    expect(bookingStatusAfter("EXPIRED")).toBe("CANCELLED");
    for (const s of ["PENDING", "REFUND_PENDING", "REFUNDED", "PARTIALLY_REFUNDED"] as const)
      expect(bookingStatusAfter(s)).toBeUndefined();
  });
});
