/**
 * The PayPal checkout routes the browser calls (ADR 011, 012), through their route handlers and
 * against the local PayPal fake with approval required, as on PayPal: only the booker may create
 * the order and capture it; bad ids and bodies are 400s naming the field; cross-site calls are
 * refused; a capture before the buyer's approval, of another order, or while PayPal is down gets a
 * clear answer and leaves the payment pending; an approved order is captured once and pays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as capturePOST } from "@/app/api/payments/[paymentId]/paypal/capture/route";
import { POST as orderPOST } from "@/app/api/payments/[paymentId]/paypal/order/route";
import { db } from "@/server/db";
import { paypalRetry } from "@/server/payments/paypal/paypal-client";
import { startPaypalFake, type PaypalFake } from "../fakes/paypal-fake";
import { sessionCookieFor } from "../helpers/auth";
import { createUser } from "../helpers/builders";
import { jsonOf, params, request } from "../helpers/booking";
import { paymentClub, pendingPayment, setPaymentCredentialsKey, state } from "../helpers/payments";

setPaymentCredentialsKey();
paypalRetry.baseDelayMs = 5;
let fake: PaypalFake;
let clubId = "";
let courtId = "";

beforeAll(async () => {
  fake = await startPaypalFake();
  fake.requireApproval = true;
  const { club, court } = await paymentClub({
    paypal: { baseUrl: fake.baseUrl, clientId: fake.clientId, clientSecret: fake.clientSecret },
  });
  clubId = club.id;
  courtId = court.id;
});
afterAll(async () => {
  await fake?.close();
});

const cookieOf = (c: Record<string, string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

async function asBooker(opts: { holdMinutes?: number } = {}) {
  const p = await pendingPayment(clubId, courtId, "PAYPAL", opts);
  return { ...p, cookie: cookieOf(await sessionCookieFor(p.booker.id)) };
}

function order(paymentId: string, cookie?: string, headers: Record<string, string> = {}) {
  return orderPOST(
    request("POST", `/api/payments/${paymentId}/paypal/order`, { cookie, headers }),
    params({ paymentId }),
  );
}

function capture(
  paymentId: string,
  cookie: string | undefined,
  body: unknown,
  opts: { rawBody?: string; headers?: Record<string, string> } = {},
) {
  return capturePOST(
    request("POST", `/api/payments/${paymentId}/paypal/capture`, {
      cookie,
      body: opts.rawBody === undefined ? body : undefined,
      rawBody: opts.rawBody,
      headers: opts.headers,
    }),
    params({ paymentId }),
  );
}

describe("POST /api/payments/{id}/paypal/order", () => {
  it("creates the booker's order once, for the payment's own amount", async () => {
    const { payment, cookie } = await asBooker();
    const res = await order(payment.id, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await jsonOf(res);
    expect(body.orderId).toMatch(/^[A-Z0-9]+$/);
    expect(body.holdExpiresAt).toBe(payment.holdExpiresAt.toISOString());
    expect(fake.order(body.orderId as string)!.purchase_units[0]).toMatchObject({
      custom_id: payment.id,
      invoice_id: payment.reference,
      amount: { currency_code: "EUR", value: "15.00" },
    });
    const again = await jsonOf(await order(payment.id, cookie));
    expect(again.orderId).toBe(body.orderId);
    expect((await state(payment.id)).paypalOrderId).toBe(body.orderId);
  });

  it("refuses the signed-out (401), cross-site calls (403) and anyone but the booker (404)", async () => {
    const { payment, cookie } = await asBooker();
    expect((await order(payment.id)).status).toBe(401);
    expect((await order(payment.id, cookie, { origin: "https://evil.example" })).status).toBe(403);
    expect((await order(payment.id, cookie, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const stranger = cookieOf(await sessionCookieFor((await createUser()).id));
    const res = await order(payment.id, stranger);
    expect(res.status).toBe(404);
    expect(await jsonOf(res)).toMatchObject({ code: "NOT_FOUND", message: "Payment not found." });
    expect((await state(payment.id)).paypalOrderId).toBeNull();
  });

  it("names a malformed payment id (400) and refuses an unknown one (404)", async () => {
    const { cookie } = await asBooker();
    const bad = await order("not-a-uuid", cookie);
    expect(bad.status).toBe(400);
    expect(await jsonOf(bad)).toMatchObject({
      code: "BAD_REQUEST",
      fields: { paymentId: "must be an id" },
    });
    expect((await order("00000000-0000-4000-8000-000000000000", cookie)).status).toBe(404);
  });

  it("refuses a payment whose hold has expired (409) without creating an order", async () => {
    const { payment, cookie } = await asBooker({ holdMinutes: -1 });
    const before = fake.requests.length;
    const res = await order(payment.id, cookie);
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).message).toBe("This payment can no longer be made.");
    expect(fake.requests.length).toBe(before);
  });

  it("answers 503 with what to do when PayPal is down, and works once it is back", async () => {
    const { payment, cookie } = await asBooker();
    fake.fail("POST", /^\/v2\/checkout\/orders$/, 503, { times: 3 });
    const res = await order(payment.id, cookie);
    expect(res.status).toBe(503);
    expect((await jsonOf(res)).message).toMatch(/PayPal is not answering right now/);
    expect((await state(payment.id)).paypalOrderId).toBeNull();
    expect((await order(payment.id, cookie)).status).toBe(200);
  });

  it("answers 503 (not an opaque 500) when PayPal cannot be reached at all", async () => {
    const unreachable = await paymentClub({
      paypal: { baseUrl: "http://127.0.0.1:1", clientId: "id", clientSecret: "secret" },
    });
    const p = await pendingPayment(unreachable.club.id, unreachable.court.id, "PAYPAL");
    const res = await order(p.payment.id, cookieOf(await sessionCookieFor(p.booker.id)));
    expect(res.status).toBe(503);
    expect((await jsonOf(res)).message).toBe(
      "PayPal is not answering right now. Please try again in a minute.",
    );
  });
});

describe("POST /api/payments/{id}/paypal/capture", () => {
  async function withOrder() {
    const b = await asBooker();
    const { orderId } = (await jsonOf(await order(b.payment.id, b.cookie))) as { orderId: string };
    return { ...b, orderId };
  }

  it("captures the approved order once: paid, booking confirmed; a repeat changes nothing", async () => {
    const { payment, cookie, orderId } = await withOrder();
    expect(fake.approve(orderId, { kind: "paypal" })).toEqual({ ok: true });
    const res = await capture(payment.id, cookie, { orderId });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ status: "PAID" });
    const s = await state(payment.id);
    expect(s.status).toBe("PAID");
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.paypalCaptureId).toMatch(/^C/);

    expect(await jsonOf(await capture(payment.id, cookie, { orderId }))).toEqual({
      status: "PAID",
    });
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { action: "payment.status_changed", targetId: payment.id },
      }),
    ).toBe(1);
  });

  it("captures an order approved with card fields (only the last digits reach the fake's order)", async () => {
    const { payment, cookie, orderId } = await withOrder();
    expect(
      fake.approve(orderId, {
        kind: "card",
        number: "4111 1111 1111 1111",
        expiry: "12/39",
        cvv: "123",
      }),
    ).toEqual({ ok: true });
    expect(fake.order(orderId)!.payment_source).toEqual({
      card: { last_digits: "1111", brand: "VISA", expiry: "2039-12" },
    });
    expect(await jsonOf(await capture(payment.id, cookie, { orderId }))).toEqual({
      status: "PAID",
    });
  });

  it("says the order is not approved yet (409) and leaves the payment pending", async () => {
    const { payment, cookie, orderId } = await withOrder();
    const res = await capture(payment.id, cookie, { orderId });
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).message).toMatch(/PayPal has not approved this payment yet/);
    expect((await state(payment.id)).status).toBe("PENDING");
    expect(fake.capturesPerformed.get(orderId)).toBeUndefined();
  });

  it("refuses another payment's order (409) without capturing anything", async () => {
    const a = await withOrder();
    const b = await withOrder();
    fake.approve(b.orderId, { kind: "paypal" });
    const res = await capture(a.payment.id, a.cookie, { orderId: b.orderId });
    expect(res.status).toBe(409);
    expect(await jsonOf(res)).toMatchObject({
      message: "This PayPal order does not belong to this payment.",
      fields: { orderId: "is not this payment's PayPal order" },
    });
    expect(fake.capturesPerformed.get(b.orderId)).toBeUndefined();
    expect(fake.capturesPerformed.get(a.orderId)).toBeUndefined();
  });

  it("names what is wrong with the body (400) and the payment id", async () => {
    const { payment, cookie } = await withOrder();
    const cases: [unknown, Record<string, string>][] = [
      [{}, { orderId: "must be the PayPal order id (text)" }],
      [{ orderId: 42 }, { orderId: "must be the PayPal order id (text)" }],
      [
        { orderId: "<script>" },
        { orderId: "must be a PayPal order id (letters, digits and dashes)" },
      ],
      [[], { input: "must be an object" }],
    ];
    for (const [body, fields] of cases) {
      const res = await capture(payment.id, cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await jsonOf(res)).fields).toEqual(fields);
    }
    const notJson = await capture(payment.id, cookie, undefined, {
      rawBody: "{orderId:",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect((await jsonOf(notJson)).message).toBe("The body is not valid JSON.");
    const form = await capture(payment.id, cookie, undefined, {
      rawBody: "orderId=X",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(400);
    expect((await jsonOf(form)).message).toMatch(/Content-Type: application\/json/);
    const badId = await capture("nope", cookie, { orderId: "X" });
    expect(badId.status).toBe(400);
    expect((await jsonOf(badId)).fields).toEqual({ paymentId: "must be an id" });
    expect((await state(payment.id)).status).toBe("PENDING");
  });

  it("refuses the signed-out (401), cross-site calls (403) and anyone but the booker (404)", async () => {
    const { payment, cookie, orderId } = await withOrder();
    fake.approve(orderId, { kind: "paypal" });
    expect((await capture(payment.id, undefined, { orderId })).status).toBe(401);
    expect(
      (
        await capture(
          payment.id,
          cookie,
          { orderId },
          { headers: { origin: "https://evil.example" } },
        )
      ).status,
    ).toBe(403);
    const stranger = cookieOf(await sessionCookieFor((await createUser()).id));
    expect((await capture(payment.id, stranger, { orderId })).status).toBe(404);
    expect((await state(payment.id)).status).toBe("PENDING");
    expect(fake.capturesPerformed.get(orderId)).toBeUndefined();
  });

  it("answers 503 when PayPal keeps failing, then a retry captures exactly once", async () => {
    const { payment, cookie, orderId } = await withOrder();
    fake.approve(orderId, { kind: "paypal" });
    fake.fail("POST", /\/capture$/, 503, { times: 3, after: true });
    const res = await capture(payment.id, cookie, { orderId });
    expect(res.status).toBe(503);
    expect((await jsonOf(res)).message).toMatch(/it will be confirmed as soon as PayPal answers/);
    expect((await state(payment.id)).status).toBe("PENDING");
    expect(await jsonOf(await capture(payment.id, cookie, { orderId }))).toEqual({
      status: "PAID",
    });
    expect(fake.capturesPerformed.get(orderId)).toBe(1);
  });

  it("a card the bank declines fails the payment and releases the slot (the status page explains)", async () => {
    const { payment, cookie, orderId } = await withOrder();
    fake.approve(orderId, {
      kind: "card",
      number: "4000000000000002",
      expiry: "01/38",
      cvv: "999",
    });
    expect(await jsonOf(await capture(payment.id, cookie, { orderId }))).toEqual({
      status: "FAILED",
    });
    const s = await state(payment.id);
    expect(s.booking.status).toBe("CANCELLED");
    expect(s.booking.occupancy).toBeNull();
  });
});

describe("the fake's approval", () => {
  it("refuses card data PayPal would refuse, and unknown orders", async () => {
    const b = await asBooker();
    const { orderId } = (await jsonOf(await order(b.payment.id, b.cookie))) as { orderId: string };
    expect(
      fake.approve(orderId, {
        kind: "card",
        number: "4111111111111112",
        expiry: "12/39",
        cvv: "123",
      }),
    ).toEqual({
      ok: false,
      issue: "CARD_NUMBER_INVALID",
    });
    expect(
      fake.approve(orderId, {
        kind: "card",
        number: "4111111111111111",
        expiry: "01/20",
        cvv: "123",
      }),
    ).toEqual({
      ok: false,
      issue: "CARD_EXPIRED",
    });
    expect(
      fake.approve(orderId, {
        kind: "card",
        number: "4111111111111111",
        expiry: "01/39",
        cvv: "1",
      }),
    ).toEqual({
      ok: false,
      issue: "INVALID_SECURITY_CODE",
    });
    expect(fake.approve("NOPE", { kind: "paypal" })).toEqual({
      ok: false,
      issue: "RESOURCE_NOT_FOUND",
    });
    expect(fake.order(orderId)!.status).toBe("CREATED");
  });
});
