/**
 * PayPal, end to end on the server side, against the local PayPal fake: orders, capture with
 * idempotent retries, webhooks verified on the raw body through the route handler, tampering,
 * amount mismatches, duplicates and out-of-order callbacks, refunds, and a scan for card numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/paypal/route";
import { findCardNumbers } from "@/lib/payments/card-number-scan";
import { db } from "@/server/db";
import { capturePaypalPayment } from "@/server/payments/paypal/capture-paypal-payment";
import { paypalRetry, refundPaypalCapture } from "@/server/payments/paypal/paypal-client";
import { sendPaypalRefund } from "@/server/payments/paypal/send-paypal-refund";
import { startPaypalCheckout } from "@/server/payments/paypal/start-paypal-checkout";
import { startPaypalFake, type PaypalFake } from "../fakes/paypal-fake";
import { createUser } from "../helpers/builders";
import {
  PAYPAL_WEBHOOK_ID,
  paymentClub,
  pendingPayment,
  state,
  setPaymentCredentialsKey,
  takeSlotOf,
} from "../helpers/payments";
import { sql } from "../helpers/sql";

setPaymentCredentialsKey();
paypalRetry.baseDelayMs = 5;
let fake: PaypalFake;
let clubId = "";
let courtId = "";

beforeAll(async () => {
  fake = await startPaypalFake();
  const { club, court } = await paymentClub({
    paypal: { baseUrl: fake.baseUrl, clientId: fake.clientId, clientSecret: fake.clientSecret },
  });
  clubId = club.id;
  courtId = court.id;
});
afterAll(async () => {
  await fake?.close();
});

function deliver(d: { body: string; headers: Record<string, string> }): Promise<Response> {
  return POST(
    new Request("http://localhost:3000/api/webhooks/paypal", {
      method: "POST",
      headers: d.headers,
      body: d.body,
    }),
  );
}

/** A pending payment with its PayPal order created (as the checkout does). */
async function withOrder(opts: { amount?: number } = {}) {
  const p = await pendingPayment(clubId, courtId, "PAYPAL", opts);
  const { orderId } = await startPaypalCheckout({ paymentId: p.payment.id, actorId: p.booker.id });
  return { ...p, orderId };
}

let captureSeq = 0;
function captureResource(
  orderId: string,
  paymentId: string,
  amount = { currency_code: "EUR", value: "15.00" },
) {
  const capture = fake.order(orderId)?.purchase_units[0]?.payments?.captures[0];
  return {
    id: capture?.id ?? `CWEBHOOK${String(++captureSeq).padStart(8, "0")}`,
    status: "COMPLETED",
    amount,
    custom_id: paymentId,
    final_capture: true,
  };
}

async function statusChanges(paymentId: string) {
  return db.auditEvent.count({ where: { action: "payment.status_changed", targetId: paymentId } });
}

describe("orders and capture", () => {
  it("creates one order (intent CAPTURE, custom_id, invoice_id, PayPal-Request-Id) and captures it", async () => {
    const { payment, booker, orderId } = await withOrder();
    const again = await startPaypalCheckout({ paymentId: payment.id, actorId: booker.id });
    expect(again.orderId).toBe(orderId);
    const unit = fake.order(orderId)!.purchase_units[0]!;
    expect(unit).toMatchObject({
      custom_id: payment.id,
      invoice_id: payment.reference,
      amount: { currency_code: "EUR", value: "15.00" },
    });
    expect(fake.requests.find((r) => r.path === "/v2/checkout/orders")?.requestId).toBe(
      `order-${payment.id}`,
    );

    const r = await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    expect(r.status).toBe("PAID");
    const s = await state(payment.id);
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.paypalCaptureId).toMatch(/^C/);
    expect(s.paidAt).not.toBeNull();
  });

  it("only lets the booker start or capture", async () => {
    const { payment } = await withOrder();
    const stranger = (await createUser()).id;
    await expect(startPaypalCheckout({ paymentId: payment.id, actorId: stranger })).rejects.toThrow(
      "Payment not found",
    );
    await expect(
      capturePaypalPayment({ paymentId: payment.id, actorId: stranger }),
    ).rejects.toThrow("Payment not found");
    expect((await state(payment.id)).status).toBe("PENDING");
  });

  it("retries a 5xx whose capture really happened, with the same PayPal-Request-Id: one capture", async () => {
    const { payment, booker, orderId } = await withOrder();
    fake.fail("POST", /\/capture$/, 503, { times: 1, after: true });
    const r = await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    expect(r.status).toBe("PAID");
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
    const attempts = fake.requests.filter(
      (q) => q.path === `/v2/checkout/orders/${orderId}/capture`,
    );
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((a) => a.requestId))).toEqual(new Set([`capture-${payment.id}`]));
    expect(await statusChanges(payment.id)).toBe(1);
  });

  it("retries a 5xx before the capture, then succeeds once", async () => {
    const { payment, booker, orderId } = await withOrder();
    fake.fail("POST", /\/capture$/, 500, { times: 2 });
    const r = await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    expect(r.status).toBe("PAID");
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
  });

  it("gives up after three 5xx and leaves the payment pending (reconciliation finds it later)", async () => {
    const { payment, booker, orderId } = await withOrder();
    fake.fail("POST", /\/capture$/, 503, { times: 3, after: true });
    await expect(
      capturePaypalPayment({ paymentId: payment.id, actorId: booker.id }),
    ).rejects.toThrow("503");
    expect((await state(payment.id)).status).toBe("PENDING");
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
    // The browser is gone; the reconciliation re-reads the order.
    const r = await capturePaypalPayment({
      paymentId: payment.id,
      actorId: null,
      mode: "reconcile",
    });
    expect(r.status).toBe("PAID");
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
  });

  it("a capture of another amount is not paid: failed, flagged, refund queued, slot released", async () => {
    const { payment, booker } = await withOrder();
    fake.captureAmountOverride = { currency_code: "EUR", value: "1.00" };
    const r = await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    expect(r.status).toBe("FAILED");
    const s = await state(payment.id);
    expect(s.flag).toBe("AMOUNT_MISMATCH");
    expect(s.booking.status).toBe("CANCELLED");
    expect(s.booking.occupancy).toBeNull();
    expect(s.refunds).toMatchObject([{ status: "REQUESTED", amount: 100, currency: "EUR" }]);
  });

  it("a declined capture fails the payment and releases the slot", async () => {
    const { payment, booker } = await withOrder();
    fake.declineNextCapture = true;
    expect((await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id })).status).toBe(
      "FAILED",
    );
    expect((await state(payment.id)).booking.occupancy).toBeNull();
  });
});

describe("webhooks", () => {
  it("a verified PAYMENT.CAPTURE.COMPLETED pays; the event is stored raw and verified", async () => {
    const { payment } = await withOrder();
    const d = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      captureResource("x", payment.id),
      PAYPAL_WEBHOOK_ID,
    );
    const res = await deliver(d);
    expect(res.status).toBe(200);
    expect((await state(payment.id)).status).toBe("PAID");
    const ev = await db.paymentEvent.findFirstOrThrow({ where: { eventId: d.eventId } });
    expect(ev).toMatchObject({ verified: true, rawBody: d.body, paymentId: payment.id });
    expect(ev.processedAt).not.toBeNull();
  });

  it("refuses a tampered body and stores it with its failed verification", async () => {
    const { payment } = await withOrder();
    const d = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      captureResource("x", payment.id),
      PAYPAL_WEBHOOK_ID,
    );
    const tampered = { ...d, body: d.body.replace('"15.00"', '"15.01"') };
    const res = await deliver(tampered);
    expect(res.status).toBe(400);
    expect((await state(payment.id)).status).toBe("PENDING");
    const ev = await db.paymentEvent.findFirstOrThrow({ where: { claimedEventId: d.eventId } });
    expect(ev).toMatchObject({
      verified: false,
      eventId: null,
      verificationError: "signature mismatch",
      rawBody: tampered.body,
    });
    // The genuine delivery is still accepted afterwards (the forgery did not take its id).
    expect((await deliver(d)).status).toBe(200);
    expect((await state(payment.id)).status).toBe("PAID");
  });

  it("refuses another webhook id, a certificate from a non-PayPal host, and missing headers", async () => {
    const { payment } = await withOrder();
    const resource = captureResource("x", payment.id);
    expect(
      (await deliver(fake.webhook("PAYMENT.CAPTURE.COMPLETED", resource, "WH-OTHER"))).status,
    ).toBe(400);
    const evil = fake.webhook("PAYMENT.CAPTURE.COMPLETED", resource, PAYPAL_WEBHOOK_ID, {
      certUrl: "https://evil.example/cert.pem",
    });
    expect((await deliver(evil)).status).toBe(400);
    const bare = fake.webhook("PAYMENT.CAPTURE.COMPLETED", resource, PAYPAL_WEBHOOK_ID);
    expect(
      (await deliver({ body: bare.body, headers: { "content-type": "application/json" } })).status,
    ).toBe(400);
    const errors = (
      await db.paymentEvent.findMany({ where: { paymentId: payment.id, verified: false } })
    ).map((e) => e.verificationError);
    expect(errors).toEqual(
      expect.arrayContaining([
        "signature mismatch",
        "certificate URL not on a PayPal host",
        "signature headers missing",
      ]),
    );
    expect((await state(payment.id)).status).toBe("PENDING");
  });

  it("a verified webhook with the wrong currency is not paid: flagged and refund queued", async () => {
    const { payment } = await withOrder();
    const d = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      captureResource("x", payment.id, { currency_code: "USD", value: "15.00" }),
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(d)).status).toBe(200);
    const s = await state(payment.id);
    expect(s.status).toBe("FAILED");
    expect(s.flag).toBe("AMOUNT_MISMATCH");
    expect(s.refunds).toMatchObject([{ status: "REQUESTED", amount: 1500, currency: "USD" }]);
  });

  it("duplicate deliveries end in one state, processed once", async () => {
    const { payment } = await withOrder();
    const d = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      captureResource("x", payment.id),
      PAYPAL_WEBHOOK_ID,
    );
    const answers = await Promise.all([deliver(d), deliver(d), deliver(d)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await state(payment.id)).status).toBe("PAID");
    expect(await statusChanges(payment.id)).toBe(1);
    const rows = await db.paymentEvent.findMany({ where: { claimedEventId: d.eventId } });
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.eventId === d.eventId)).toHaveLength(1);
  });

  it("webhook before the browser's capture, or after it: the same single state", async () => {
    // Browser first, webhook second.
    const a = await withOrder();
    await capturePaypalPayment({ paymentId: a.payment.id, actorId: a.booker.id });
    const da = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      captureResource(a.orderId, a.payment.id),
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(da)).status).toBe(200);

    // Webhook first (PayPal captured, the browser's answer has not arrived), browser second.
    const b = await withOrder();
    fake.fail("POST", /\/capture$/, 503, { times: 3, after: true });
    await expect(
      capturePaypalPayment({ paymentId: b.payment.id, actorId: b.booker.id }),
    ).rejects.toThrow();
    const db_ = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      captureResource(b.orderId, b.payment.id),
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(db_)).status).toBe(200);
    const late = await capturePaypalPayment({ paymentId: b.payment.id, actorId: b.booker.id });
    expect(late.status).toBe("PAID");

    for (const x of [a, b]) {
      const s = await state(x.payment.id);
      expect(s.status).toBe("PAID");
      expect(s.booking.status).toBe("CONFIRMED");
      expect(s.flag).toBeNull();
      expect(s.refunds).toEqual([]);
      expect(await statusChanges(x.payment.id)).toBe(1);
      expect(fake.capturesPerformed.get(x.orderId)).toBe(1);
    }
  });

  it("a DENIED capture after PAID changes nothing; PENDING leaves it pending", async () => {
    const { payment, booker, orderId } = await withOrder();
    const pending = fake.webhook(
      "PAYMENT.CAPTURE.PENDING",
      { ...captureResource(orderId, payment.id), status: "PENDING" },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(pending)).status).toBe(200);
    expect((await state(payment.id)).status).toBe("PENDING");
    await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    const denied = fake.webhook(
      "PAYMENT.CAPTURE.DENIED",
      { ...captureResource(orderId, payment.id), status: "DECLINED" },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(denied)).status).toBe(200);
    expect((await state(payment.id)).status).toBe("PAID");
  });

  it("a DENIED capture of a pending payment fails it", async () => {
    const { payment } = await withOrder();
    const denied = fake.webhook(
      "PAYMENT.CAPTURE.DENIED",
      { ...captureResource("x", payment.id), status: "DECLINED" },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(denied)).status).toBe(200);
    expect((await state(payment.id)).booking.status).toBe("CANCELLED");
  });

  it("refunds (partial, then the rest) and reversals follow the state machine", async () => {
    const { payment, booker, orderId } = await withOrder();
    await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    const captureId = (await state(payment.id)).paypalCaptureId!;
    const up = [
      {
        rel: "up",
        href: `https://api-m.paypal.com/v2/payments/captures/${captureId}`,
        method: "GET",
      },
    ];
    // Refund made in the PayPal dashboard: no custom_id, found through the `up` link.
    const part = fake.webhook(
      "PAYMENT.CAPTURE.REFUNDED",
      {
        id: "RPART0000000001",
        status: "COMPLETED",
        amount: { currency_code: "EUR", value: "5.00" },
        links: up,
      },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(part)).status).toBe(200);
    expect(await deliver(part).then((r) => r.status)).toBe(200); // duplicate
    let s = await state(payment.id);
    expect(s).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 500 });

    // Our own refund through the API (idempotent by PayPal-Request-Id), then its webhook.
    const config = {
      baseUrl: fake.baseUrl,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    };
    await db.refund.create({
      data: {
        paymentId: payment.id,
        clubId,
        amount: 1000,
        currency: "EUR",
        reason: "cancelled by player",
        requestId: `refund-${payment.id}-1`,
      },
    });
    const refund = await refundPaypalCapture(config, captureId, {
      requestId: `refund-${payment.id}-1`,
      amount: 1000,
      currency: "EUR",
      invoiceId: payment.reference,
      customId: payment.id,
    });
    const again = await refundPaypalCapture(config, captureId, {
      requestId: `refund-${payment.id}-1`,
      amount: 1000,
      currency: "EUR",
      invoiceId: payment.reference,
      customId: payment.id,
    });
    expect(again.id).toBe(refund.id);
    const rest = fake.webhook(
      "PAYMENT.CAPTURE.REFUNDED",
      {
        id: refund.id,
        status: "COMPLETED",
        amount: refund.amount,
        custom_id: payment.id,
        links: up,
      },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(rest)).status).toBe(200);
    s = await state(payment.id);
    expect(s).toMatchObject({ status: "REFUNDED", refundedAmount: 1500 });
    expect(s.refunds.filter((r) => r.status === "COMPLETED")).toHaveLength(2);
    expect(orderId).toBeTruthy();
  });

  it("a reversal (chargeback) refunds and flags", async () => {
    const { payment, booker } = await withOrder();
    await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    const captureId = (await state(payment.id)).paypalCaptureId!;
    const d = fake.webhook(
      "PAYMENT.CAPTURE.REVERSED",
      {
        id: "RREV00000000001",
        status: "COMPLETED",
        amount: { currency_code: "EUR", value: "15.00" },
        links: [{ rel: "up", href: `https://api-m.paypal.com/v2/payments/captures/${captureId}` }],
      },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(d)).status).toBe(200);
    expect(await state(payment.id)).toMatchObject({ status: "REFUNDED", flag: "REVERSED" });
  });

  it("acknowledges, stores and ignores an event type it does not act on", async () => {
    const { payment } = await withOrder();
    const d = fake.webhook(
      "CHECKOUT.ORDER.APPROVED",
      { id: "ORDER1", status: "APPROVED", purchase_units: [{ custom_id: payment.id }] },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(d)).status).toBe(200);
    expect((await state(payment.id)).status).toBe("PENDING");
    const ev = await db.paymentEvent.findFirstOrThrow({ where: { claimedEventId: d.eventId } });
    expect(ev).toMatchObject({
      verified: false,
      eventId: null,
      eventType: "CHECKOUT.ORDER.APPROVED",
    });
  });

  it("a capture completing after the hold expired, the slot taken since, is flagged and queued for refund", async () => {
    const { payment, booker } = await withOrder();
    await db.payment.update({ where: { id: payment.id }, data: { holdExpiresAt: new Date(0) } });
    const { expirePaymentHolds } = await import("@/server/payments/expire-payment-holds");
    await expirePaymentHolds();
    await takeSlotOf(await db.booking.findUniqueOrThrow({ where: { id: payment.bookingId } }));
    // The player approved in time but the capture happens late (e.g. reconciliation).
    await db.payment.update({ where: { id: payment.id }, data: { holdExpiresAt: new Date() } });
    const r = await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    expect(r.status).toBe("EXPIRED");
    const s = await state(payment.id);
    expect(s.flag).toBe("LATE_PAYMENT");
    expect(s.paypalCaptureId).toMatch(/^C/);
    expect(s.refunds).toMatchObject([{ status: "REQUESTED", amount: 1500, currency: "EUR" }]);
    expect(s.booking.status).toBe("CANCELLED");
  });

  it("refuses a webhook for no known payment, and a body that is not JSON, storing both", async () => {
    const d = fake.webhook(
      "PAYMENT.CAPTURE.COMPLETED",
      { id: "CNOPE", status: "COMPLETED", custom_id: "00000000-0000-4000-8000-000000000000" },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(d)).status).toBe(400);
    expect((await deliver({ ...d, body: "not json" })).status).toBe(400);
    expect(await db.paymentEvent.count({ where: { verified: false, rawBody: "not json" } })).toBe(
      1,
    );
  });
});

describe("refunds sent to PayPal", () => {
  async function paid() {
    const p = await withOrder();
    await capturePaypalPayment({ paymentId: p.payment.id, actorId: p.booker.id });
    const captureId = (await state(p.payment.id)).paypalCaptureId!;
    return { ...p, captureId };
  }
  const queue = (paymentId: string, amount: number, n = 1, currency = "EUR") =>
    db.refund.create({
      data: {
        paymentId,
        clubId,
        amount,
        currency,
        reason: "booking cancelled",
        requestId: `refund-${paymentId}-${n}`,
      },
    });

  it("a full refund: REFUND_PENDING, then REFUNDED; the webhook that follows changes nothing", async () => {
    const { payment, captureId } = await paid();
    const refund = await queue(payment.id, 1500);
    expect(await sendPaypalRefund(refund.id)).toEqual({ status: "COMPLETED" });
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "REFUNDED", refundedAmount: 1500 });
    const gatewayRefundId = s.refunds[0]!.gatewayRefundId!;
    const d = fake.webhook(
      "PAYMENT.CAPTURE.REFUNDED",
      {
        id: gatewayRefundId,
        status: "COMPLETED",
        amount: { currency_code: "EUR", value: "15.00" },
        custom_id: payment.id,
      },
      PAYPAL_WEBHOOK_ID,
    );
    expect((await deliver(d)).status).toBe(200);
    expect((await state(payment.id)).refunds).toHaveLength(1);
    expect(await sendPaypalRefund(refund.id)).toEqual({ status: "COMPLETED" });
    expect(fake.refundsPerformed.get(captureId)).toBe(1);
  });

  it("a 5xx after PayPal refunded: retried with the same PayPal-Request-Id, one refund", async () => {
    const { payment, captureId } = await paid();
    const refund = await queue(payment.id, 500);
    fake.fail("POST", /\/refund$/, 503, { times: 3, after: true });
    expect(await sendPaypalRefund(refund.id)).toEqual({ status: "PENDING" });
    expect((await state(payment.id)).status).toBe("REFUND_PENDING");
    expect(await sendPaypalRefund(refund.id)).toEqual({ status: "COMPLETED" });
    expect(fake.refundsPerformed.get(captureId)).toBe(1);
    expect(await state(payment.id)).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 500,
    });
    const ids = fake.requests.filter((r) => r.path.endsWith(`${captureId}/refund`));
    expect(new Set(ids.map((r) => r.requestId))).toEqual(new Set([refund.requestId]));
  });

  it("a refused refund puts the payment back and flags it", async () => {
    const { payment } = await paid();
    const refund = await queue(payment.id, 1500);
    await sendPaypalRefund(refund.id);
    const second = await queue(payment.id, 1500, 2);
    // Already fully refunded: PayPal refuses; the payment is REFUNDED (final), the row FAILED.
    expect(await sendPaypalRefund(second.id)).toEqual({ status: "FAILED" });
    const s = await state(payment.id);
    expect(s.status).toBe("REFUNDED");
    expect(s.flag).toBe("REFUND_FAILED");

    const other = await paid();
    await db.paymentGatewayConfig.findFirstOrThrow({ where: { clubId } });
    const tooMuch = await queue(other.payment.id, 1400);
    await sendPaypalRefund(tooMuch.id);
    const again = await queue(other.payment.id, 1000, 2);
    expect(await sendPaypalRefund(again.id)).toEqual({ status: "FAILED" });
    expect(await state(other.payment.id)).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 1400,
      flag: "REFUND_FAILED",
    });
  });

  it("sends the refund queued for a mismatched capture; the payment stays failed", async () => {
    const { payment, booker } = await withOrder();
    fake.captureAmountOverride = { currency_code: "EUR", value: "2.00" };
    await capturePaypalPayment({ paymentId: payment.id, actorId: booker.id });
    const queued = (await state(payment.id)).refunds[0]!;
    expect(await sendPaypalRefund(queued.id)).toEqual({ status: "COMPLETED" });
    expect(await state(payment.id)).toMatchObject({ status: "FAILED", flag: "AMOUNT_MISMATCH" });
  });
});

describe("no card data", () => {
  it("stores the club's PayPal client secret only encrypted", async () => {
    const rows = await sql().query<{ t: string }>(
      `SELECT row_to_json(x)::text AS t FROM payment_gateway_config x`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.t).not.toContain(fake.clientSecret);
    expect(rows.rows[0]!.t).toContain('"credentials_ciphertext":"v1.');
  });

  it("finds nothing that looks like a card number in the payment tables (and would find one)", async () => {
    const dump = async () =>
      (
        await sql().query<{ t: string }>(
          `SELECT row_to_json(x)::text AS t FROM payment x
           UNION ALL SELECT row_to_json(x)::text FROM payment_event x
           UNION ALL SELECT row_to_json(x)::text FROM refund x
           UNION ALL SELECT row_to_json(x)::text FROM payment_gateway_config x
           UNION ALL SELECT row_to_json(x)::text FROM audit_event x WHERE action LIKE 'payment.%'`,
        )
      ).rows
        .map((r) => r.t)
        .join("\n");
    const before = await dump();

    expect(before.length).toBeGreaterThan(1000);
    expect(await db.payment.count()).toBeGreaterThan(10);
    expect(findCardNumbers(before)).toEqual([]);

    // Control: the same scan does see a card number that reaches these tables.
    const { id } = await db.paymentEvent.create({
      data: { gateway: "PAYPAL", rawBody: '{"pan":"4111 1111 1111 1111"}', verified: false },
    });
    expect(findCardNumbers(await dump())).toEqual(["4111111111111111"]);
    await db.paymentEvent.delete({ where: { id } });
  });
});
