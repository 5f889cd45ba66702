/**
 * Checkout (ADR 011, 012): a booking with a fee waits for payment and holds its slot; the
 * amount is the server's; payment confirms it (with its emails); the hold expires; cancelling
 * refunds by the club's policy; the payment job reconciles, expires and sends refunds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createBooking } from "@/server/bookings/create-booking";
import { cancelBooking } from "@/server/bookings/cancel-booking";
import { runPaymentPass } from "@/server/payments/payment-jobs";
import { startPaypalCheckout } from "@/server/payments/paypal/start-paypal-checkout";
import { capturePaypalPayment } from "@/server/payments/paypal/capture-paypal-payment";
import { paypalRetry } from "@/server/payments/paypal/paypal-client";
import { startPaypalFake, type PaypalFake } from "../fakes/paypal-fake";
import { validSessionFor } from "../helpers/auth";
import { bookingClub, localAt, player } from "../helpers/booking";
import { errorOf } from "../helpers/errors";
import { PAYPAL_WEBHOOK_ID, setPaymentCredentialsKey } from "../helpers/payments";
import { sealGatewaySecrets } from "@/server/payments/gateway-config";

setPaymentCredentialsKey();
paypalRetry.baseDelayMs = 5;
let fake: PaypalFake;

beforeAll(async () => {
  fake = await startPaypalFake();
});
afterAll(async () => {
  await fake?.close();
});

/** A club whose guests pay 12.00 EUR per hour, with the given gateways enabled. */
async function payingClub(gateways: Array<"PAYPAL" | "PAYBOX"> = ["PAYPAL"]) {
  const { club, courts } = await bookingClub(1);
  await db.priceRule.create({
    data: {
      clubId: club.id,
      name: "Guest fee",
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startMinute: 0,
      endMinute: 1440,
      audience: "GUEST",
      amountMinor: 1200,
    },
  });
  for (const gateway of gateways) {
    await db.paymentGatewayConfig.create({
      data: {
        clubId: club.id,
        gateway,
        mode: "SANDBOX",
        enabled: true,
        settings:
          gateway === "PAYPAL"
            ? { clientId: fake.clientId, webhookId: PAYPAL_WEBHOOK_ID, apiBaseUrl: fake.baseUrl }
            : {
                site: "1999888",
                rang: "32",
                identifiant: "107904482",
                publicKeyPem: "x PUBLIC KEY",
              },
        credentialsCiphertext: sealGatewaySecrets(
          club.id,
          gateway,
          "SANDBOX",
          gateway === "PAYPAL"
            ? { clientSecret: fake.clientSecret }
            : { hmacKeyHex: "00112233445566778899AABBCCDDEEFF" },
        ),
      },
    });
  }
  const me = await player(club.id, { maxGuestsPerBooking: 2, horizonDays: 14 });
  return { club, court: courts[0]!, me };
}

/** A booking through the use case, as its booker, with one guest unless told otherwise. */
async function bookWithGuests(
  club: { slug: string },
  court: { id: string },
  me: { id: string },
  opts: { days?: number; at?: string; guests?: string[]; gateway?: string; extra?: object } = {},
) {
  return createBooking(
    { userId: me.id },
    {
      club: club.slug,
      body: {
        courtId: court.id,
        startsAt: localAt(opts.days ?? 3, opts.at ?? "10:00").toISOString(),
        durationMinutes: 90,
        guests: (opts.guests ?? ["Gus Guest"]).map((name) => ({ name })),
        ...(opts.gateway ? { gateway: opts.gateway } : {}),
        ...opts.extra,
      },
    },
  );
}

const emailsTo = (userId: string, template: string) =>
  db.emailOutbox.count({ where: { userId, template } });

describe("a booking with a fee", () => {
  it("waits for payment, holds its slot 15 minutes, and is priced on the server", async () => {
    const { club, court, me } = await payingClub();
    const before = Date.now();
    const { booking, payment } = await bookWithGuests(club, court, me);
    expect(booking.status).toBe("PENDING_PAYMENT");
    // 1.5 h × 1 guest × 12.00 = 18.00; the member plays free (no member rule).
    expect(payment).toMatchObject({ gateway: "PAYPAL", amount: 1800, currency: "EUR" });
    const hold = payment!.holdExpiresAt.getTime() - before;
    expect(hold).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(hold).toBeLessThanOrEqual(15 * 60_000 + 5000);
    const row = await db.payment.findUniqueOrThrow({ where: { id: payment!.id } });
    expect(row.priceSnapshot).toMatchObject({
      amountMinor: 1800,
      lines: [{ ruleName: "Guest fee", audience: "GUEST", players: 1, minutes: 90 }],
    });
    // The slot is held: nobody else can book it.
    const other = await player(club.id, { maxGuestsPerBooking: 2, horizonDays: 14 });
    expect(await errorOf(bookWithGuests(club, court, other))).toMatchObject({ status: 409 });
    // No confirmation until it is paid.
    expect(await emailsTo(me.id, "booking-confirmed")).toBe(0);
  });

  it("refuses an amount sent by the client, and a gateway the club does not offer", async () => {
    const { club, court, me } = await payingClub();
    expect(await errorOf(bookWithGuests(club, court, me, { extra: { amount: 1 } }))).toMatchObject({
      status: 400,
    });
    const e = await errorOf(bookWithGuests(club, court, me, { gateway: "PAYBOX" }));
    expect(e).toMatchObject({ status: 400, fields: { gateway: "must be one of PAYPAL" } });
    expect(await db.booking.count({ where: { clubId: club.id } })).toBe(0);
  });

  it("asks which gateway when the club offers two, and takes the one chosen", async () => {
    const { club, court, me } = await payingClub(["PAYPAL", "PAYBOX"]);
    const e = await errorOf(bookWithGuests(club, court, me));
    expect(e).toMatchObject({
      status: 400,
      fields: { gateway: expect.stringContaining("PAYBOX") },
    });
    const { payment } = await bookWithGuests(club, court, me, { gateway: "PAYBOX" });
    expect(payment?.gateway).toBe("PAYBOX");
  });

  it("is confirmed at once when free, or when the club takes no payment online", async () => {
    const { club, court, me } = await payingClub();
    const partner = await player(club.id);
    const free = await bookWithGuests(club, court, me, {
      guests: [],
      extra: { partnerIds: [partner.id] },
    });
    expect(free).toMatchObject({ booking: { status: "CONFIRMED" }, payment: null });
    await db.paymentGatewayConfig.updateMany({
      where: { clubId: club.id },
      data: { enabled: false },
    });
    const atDesk = await bookWithGuests(club, court, me, { days: 4 });
    expect(atDesk).toMatchObject({ booking: { status: "CONFIRMED" }, payment: null });
    expect(await db.payment.count({ where: { clubId: club.id } })).toBe(0);
  });

  it("is confirmed by its payment, with the confirmation and a receipt", async () => {
    const { club, court, me } = await payingClub();
    fake.requireApproval = true;
    try {
      const { booking, payment } = await bookWithGuests(club, court, me);
      const { orderId } = await startPaypalCheckout({ paymentId: payment!.id, actorId: me.id });
      expect(fake.approve(orderId, { kind: "paypal" })).toEqual({ ok: true });
      const r = await capturePaypalPayment({ paymentId: payment!.id, actorId: me.id, orderId });
      expect(r.status).toBe("PAID");
      expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
        "CONFIRMED",
      );
      expect(await emailsTo(me.id, "booking-confirmed")).toBe(1);
      expect(await emailsTo(me.id, "payment-notice")).toBe(1);
    } finally {
      fake.requireApproval = false;
    }
  });
});

describe("the payment job", () => {
  it("expires an unpaid hold and releases the slot for someone else", async () => {
    const { club, court, me } = await payingClub();
    const { booking, payment } = await bookWithGuests(club, court, me);
    await runPaymentPass(new Date(payment!.holdExpiresAt.getTime() - 1000));
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).status).toBe(
      "PENDING",
    );
    const pass = await runPaymentPass(new Date(payment!.holdExpiresAt.getTime() + 1000));
    expect(pass.expired).toBeGreaterThanOrEqual(1);
    expect(await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Payment not completed in time",
    });
    const other = await player(club.id, { maxGuestsPerBooking: 2, horizonDays: 14 });
    expect((await bookWithGuests(club, court, other)).booking.status).toBe("PENDING_PAYMENT");
  });

  it("captures an order the buyer approved when the browser never came back", async () => {
    const { club, court, me } = await payingClub();
    const { booking, payment } = await bookWithGuests(club, court, me);
    const { orderId } = await startPaypalCheckout({ paymentId: payment!.id, actorId: me.id });
    fake.approve(orderId, { kind: "paypal" });
    // Not touched for over a minute.
    await db.$executeRaw`UPDATE payment SET updated_at = now() - interval '2 minutes' WHERE id = ${payment!.id}::uuid`;
    const pass = await runPaymentPass();
    expect(pass.reconciled).toBeGreaterThanOrEqual(1);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).status).toBe(
      "PAID",
    );
    expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
    // A second pass captures nothing twice.
    await db.$executeRaw`UPDATE payment SET updated_at = now() - interval '2 minutes' WHERE id = ${payment!.id}::uuid`;
    await runPaymentPass();
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
  });
});

describe("cancelling a paid booking", () => {
  async function paid(days: number, at = "10:00") {
    const ctx = await payingClub();
    const { booking, payment } = await bookWithGuests(ctx.club, ctx.court, ctx.me, { days, at });
    await startPaypalCheckout({ paymentId: payment!.id, actorId: ctx.me.id });
    await capturePaypalPayment({ paymentId: payment!.id, actorId: ctx.me.id });
    return { ...ctx, booking, payment: payment! };
  }

  it("with the full notice refunds everything, once, and the job sends it to PayPal", async () => {
    const { club, me, booking, payment } = await paid(3);
    const r = await cancelBooking({ userId: me.id }, { club: club.slug, bookingId: booking.id });
    expect(r.refunds).toMatchObject([{ kind: "FULL", amount: 1800, currency: "EUR" }]);
    // Cancelling again queues nothing more.
    const again = await cancelBooking(
      { userId: me.id },
      { club: club.slug, bookingId: booking.id },
    );
    expect(again).toMatchObject({ alreadyCancelled: true, refunds: [] });
    expect(await db.refund.findMany({ where: { paymentId: payment.id } })).toMatchObject([
      { status: "REQUESTED", amount: 1800, requestId: `cancel-${payment.id}` },
    ]);
    await runPaymentPass();
    const after = await db.payment.findUniqueOrThrow({
      where: { id: payment.id },
      include: { refunds: true },
    });
    expect(after).toMatchObject({ status: "REFUNDED", refundedAmount: 1800 });
    expect(after.refunds).toMatchObject([{ status: "COMPLETED" }]);
    expect(await emailsTo(me.id, "payment-notice")).toBe(2); // receipt + refund notice
  });

  it("between the two notices refunds the club's percentage", async () => {
    const { club, me, booking, payment } = await paid(1, "10:00");
    // Make "now" 5 hours before the start: between 2 h and 24 h.
    const now = new Date(booking.startsAt);
    now.setTime(now.getTime() - 5 * 3_600_000);
    const r = await cancelBooking(
      { userId: me.id },
      { club: club.slug, bookingId: booking.id },
      { now },
    );
    expect(r.refunds).toMatchObject([{ kind: "PARTIAL", amount: 900 }]);
    await runPaymentPass();
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 900,
    });
  });

  it("too late refunds nothing under the policy; the club cancelling refunds in full", async () => {
    const a = await paid(2);
    const late = new Date(new Date(a.booking.startsAt).getTime() - 60 * 60_000);
    await db.membershipTier.update({
      where: { id: a.me.tierId },
      data: { cancelNoticeMinutes: 0 },
    });
    const r = await cancelBooking(
      { userId: a.me.id },
      { club: a.club.slug, bookingId: a.booking.id },
      { now: late },
    );
    expect(r.refunds).toMatchObject([{ kind: "NONE", amount: 0 }]);
    expect(await db.refund.count({ where: { paymentId: a.payment.id } })).toBe(0);

    const b = await paid(2, "12:00");
    const staff = await player(b.club.id, {}, { role: "STAFF", totp: true });
    const byClub = await cancelBooking(
      await validSessionFor(staff.id),
      { club: b.club.slug, bookingId: b.booking.id },
      { now: new Date(new Date(b.booking.startsAt).getTime() - 10 * 60_000) },
    );
    expect(byClub.refunds).toMatchObject([{ kind: "FULL", amount: 1800 }]);
  });

  it("a checkout given up fails its payment, frees the slot, and ignores the notice rule", async () => {
    const { club, court, me } = await payingClub();
    await db.membershipTier.update({
      where: { id: me.tierId },
      data: { cancelNoticeMinutes: 10_000 },
    });
    const { booking, payment } = await bookWithGuests(club, court, me);
    const r = await cancelBooking({ userId: me.id }, { club: club.slug, bookingId: booking.id });
    expect(r.refunds).toEqual([]);
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).toMatchObject({
      status: "FAILED",
    });
    expect(await db.courtOccupancy.count({ where: { bookingId: booking.id } })).toBe(0);
  });
});
