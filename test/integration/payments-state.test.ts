/**
 * The payment transition function against PostgreSQL: conditional update, audit in the same
 * transaction, the booking following, slots released by the occupancy trigger, races.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { IllegalPaymentTransitionError } from "@/lib/payments/state-machine";
import { db } from "@/server/db";
import { expirePaymentHolds } from "@/server/payments/expire-payment-holds";
import { transitionPayment } from "@/server/payments/transition-payment";
import { paymentClub, pendingPayment, state, setPaymentCredentialsKey } from "../helpers/payments";

setPaymentCredentialsKey();
let clubId = "";
let courtId = "";

beforeAll(async () => {
  const { club, court } = await paymentClub({});
  clubId = club.id;
  courtId = court.id;
});

describe("transitionPayment", () => {
  it("pays: booking confirmed, audit event written in the same transaction", async () => {
    const { payment, booking } = await pendingPayment(clubId, courtId, "PAYPAL");
    const r = await transitionPayment({
      paymentId: payment.id,
      from: "PENDING",
      to: "PAID",
      reason: "test",
      data: { paidAt: new Date() },
    });
    expect(r).toEqual({ applied: true, status: "PAID" });
    const s = await state(payment.id);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.booking.occupancy).not.toBeNull();
    const audit = await db.auditEvent.findMany({
      where: { action: "payment.status_changed", targetId: payment.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ from: "PENDING", to: "PAID", booking: "CONFIRMED" });
    expect(booking.status).toBe("PENDING_PAYMENT");
  });

  it("fails: booking cancelled and its slot released", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    expect((await state(payment.id)).booking.occupancy).not.toBeNull();
    await transitionPayment({ paymentId: payment.id, from: "PENDING", to: "FAILED", reason: "t" });
    const s = await state(payment.id);
    expect(s.status).toBe("FAILED");
    expect(s.booking.status).toBe("CANCELLED");
    expect(s.booking.occupancy).toBeNull();
  });

  it("refuses an illegal transition and changes nothing", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYPAL");
    await expect(
      transitionPayment({ paymentId: payment.id, from: "PENDING", to: "REFUNDED", reason: "t" }),
    ).rejects.toThrow(IllegalPaymentTransitionError);
    expect((await state(payment.id)).status).toBe("PENDING");
  });

  it("reports, without writing, a transition whose expected status is stale", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYPAL");
    await transitionPayment({ paymentId: payment.id, from: "PENDING", to: "PAID", reason: "t" });
    const r = await transitionPayment({
      paymentId: payment.id,
      from: "PENDING",
      to: "EXPIRED",
      reason: "t",
    });
    expect(r).toEqual({ applied: false, status: "PAID" });
    expect((await state(payment.id)).booking.status).toBe("CONFIRMED");
  });

  it("lets exactly one of two racing transitions win", async () => {
    for (let i = 0; i < 5; i++) {
      const { payment } = await pendingPayment(clubId, courtId, "PAYPAL");
      const results = await Promise.all([
        transitionPayment({ paymentId: payment.id, from: "PENDING", to: "PAID", reason: "a" }),
        transitionPayment({ paymentId: payment.id, from: "PENDING", to: "EXPIRED", reason: "b" }),
      ]);
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      const s = await state(payment.id);
      expect(s.booking.status).toBe(s.status === "PAID" ? "CONFIRMED" : "CANCELLED");
      expect(
        await db.auditEvent.count({
          where: { action: "payment.status_changed", targetId: payment.id },
        }),
      ).toBe(1);
    }
  });

  it("expires holds: the abandoned booking is cancelled and the slot is free again", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYPAL", { holdMinutes: -1 });
    const fresh = await pendingPayment(clubId, courtId, "PAYPAL", { holdMinutes: 15 });
    expect(await expirePaymentHolds()).toBeGreaterThanOrEqual(1);
    const s = await state(payment.id);
    expect(s.status).toBe("EXPIRED");
    expect(s.booking.status).toBe("CANCELLED");
    expect(s.booking.occupancy).toBeNull();
    expect((await state(fresh.payment.id)).status).toBe("PENDING");
  });

  it("refuses a second pending payment for the same booking (database)", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYPAL");
    await expect(
      db.payment.create({
        data: {
          clubId,
          bookingId: payment.bookingId,
          gateway: "PAYPAL",
          amount: 100,
          currency: "EUR",
          priceSnapshot: {},
          reference: `dup-${payment.id}`,
          holdExpiresAt: new Date(),
        },
      }),
    ).rejects.toThrow();
  });
});
