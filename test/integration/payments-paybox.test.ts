/**
 * Paybox System, server side, against the local Paybox fake: the signed hosted-page form built
 * from the club's (encrypted) configuration, IPNs by GET and POST through the route handler,
 * tampering, wrong amounts, error codes, duplicates and out-of-order IPNs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/webhooks/paybox/route";
import { buildPayboxForm } from "@/lib/payments/paybox-form";
import { findCardNumbers } from "@/lib/payments/card-number-scan";
import { db } from "@/server/db";
import { loadPayboxConfig } from "@/server/payments/gateway-config";
import { startPayboxServer, type PayboxServer } from "../fakes/paybox-fake";
import {
  PAYBOX_SITE,
  payboxClub,
  pendingPayment,
  setPaymentCredentialsKey,
  state,
  takeSlotOf,
} from "../helpers/payments";
import { sql } from "../helpers/sql";

setPaymentCredentialsKey();
let fake: PayboxServer;
let clubId = "";
let courtId = "";
const URL_BASE = "http://localhost:3000/api/webhooks/paybox";

beforeAll(async () => {
  fake = await startPayboxServer();
  const { club, court } = await payboxClub(fake);
  clubId = club.id;
  courtId = court.id;
});

afterAll(async () => {
  await fake?.close();
});

let seq = 0;
/** A signed IPN; an authorised one is for a transaction the club's merchant account holds. */
function ipnFor(reference: string, over: Record<string, string> = {}) {
  seq++;
  const values = {
    M: "1500",
    R: reference,
    T: String(700000 + seq),
    A: "XXXXXX",
    E: "00000",
    S: String(900000 + seq),
    ...over,
  };
  if (values.E === "00000") clubTransaction(reference, values);
  return fake.ipn(values);
}
function clubTransaction(reference: string, v: { M: string; S: string; T: string }) {
  fake.authorise({
    site: PAYBOX_SITE,
    reference,
    amount: Number(v.M),
    numTrans: v.S,
    numAppel: v.T,
  });
}
const get = (q: string) => GET(new Request(`${URL_BASE}?${q}`));
const post = (q: string) =>
  POST(
    new Request(URL_BASE, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: q,
    }),
  );

describe("Paybox hosted-page form", () => {
  it("is signed with the club's decrypted HMAC key and accepted by the Paybox fake", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const config = await loadPayboxConfig(clubId);
    expect(config.pageUrl).toBe("https://preprod-tpeweb.paybox.com/cgi/MYchoix_pagepaiement.cgi");
    const form = buildPayboxForm({
      site: config.site,
      rang: config.rang,
      identifiant: config.identifiant,
      amount: payment.amount,
      currency: payment.currency,
      reference: payment.reference,
      email: "player@example.test",
      time: new Date(),
      urls: {
        effectue: "http://localhost:3000/pay/done",
        refuse: "http://localhost:3000/pay/done",
        annule: "http://localhost:3000/pay/done",
        repondreA: URL_BASE,
      },
      totalQuantity: 1,
      billing: {
        firstName: "Ana",
        lastName: "Garcia",
        address1: "1 rue du Stade",
        zipCode: "75001",
        city: "Paris",
        countryCode: "250",
      },
      hmacKeyHex: config.hmacKeyHex,
    });
    expect(fake.acceptsForm(form, config.hmacKeyHex)).toBe(true);
    const tampered = form.map(([k, v]) => [k, k === "PBX_TOTAL" ? "1" : v] as const);
    expect(fake.acceptsForm(tampered, config.hmacKeyHex)).toBe(false);
  });
});

describe("Paybox IPN", () => {
  it("a verified IPN (GET) pays and records the transaction, call number and authorisation", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const res = await get(ipnFor(payment.reference));
    expect(res.status).toBe(200);
    const s = await state(payment.id);
    expect(s.status).toBe("PAID");
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payboxAuthorisation).toBe("XXXXXX");
    expect(s.payboxTransaction).toMatch(/^9\d+$/);
    expect(s.payboxCallNumber).toMatch(/^7\d+$/);
  });

  it("a verified IPN by POST works the same", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    expect((await post(ipnFor(payment.reference))).status).toBe(200);
    expect((await state(payment.id)).status).toBe("PAID");
  });

  it("refuses a tampered IPN and stores it with its failed verification", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const q = ipnFor(payment.reference, { M: "1500" });
    const tampered = q.replace("M=1500", "M=1600");
    expect((await get(tampered)).status).toBe(400);
    expect((await get(q.split("&K=")[0]!)).status).toBe(400);
    expect((await get(`${q}&E=00000`)).status).toBe(400);
    expect((await state(payment.id)).status).toBe("PENDING");
    const rows = await db.paymentEvent.findMany({ where: { paymentId: payment.id } });
    expect(rows.map((r) => [r.verified, r.eventId, r.verificationError])).toEqual(
      expect.arrayContaining([
        [false, null, "signature mismatch"],
        [false, null, "signature K missing"],
      ]),
    );
    expect(rows.find((r) => r.rawBody === tampered)).toBeTruthy();
    // The genuine IPN still counts.
    expect((await get(q)).status).toBe(200);
    expect((await state(payment.id)).status).toBe("PAID");
  });

  it("a signed IPN with another amount is not paid: failed, flagged, refund queued (manual)", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    expect((await get(ipnFor(payment.reference, { M: "150" }))).status).toBe(200);
    const s = await state(payment.id);
    expect(s.status).toBe("FAILED");
    expect(s.flag).toBe("AMOUNT_MISMATCH");
    expect(s.booking.occupancy).toBeNull();
    expect(s.refunds).toMatchObject([{ status: "REQUESTED", amount: 150, currency: "EUR" }]);
  });

  it("a signed IPN without authorisation number is not paid", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    clubTransaction(payment.reference, { M: "1500", S: "2", T: "1" });
    const q = fake.ipn({ M: "1500", R: payment.reference, T: "1", E: "00000", S: "2" });
    expect((await get(q)).status).toBe(200);
    expect((await state(payment.id)).status).toBe("FAILED");
  });

  it("an error code (refusal, 99999 pending) leaves the payment pending: the player may retry", async () => {
    const a = await pendingPayment(clubId, courtId, "PAYBOX");
    expect((await get(ipnFor(a.payment.reference, { E: "99999", A: "" }))).status).toBe(200);
    expect((await get(ipnFor(a.payment.reference, { E: "00105", A: "" }))).status).toBe(200);
    expect((await state(a.payment.id)).status).toBe("PENDING");
    const outcomes = (
      await db.paymentEvent.findMany({ where: { paymentId: a.payment.id, verified: true } })
    ).map((e) => e.outcome);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        "attempt not paid (E=99999, payment PENDING)",
        "attempt not paid (E=00105, payment PENDING)",
      ]),
    );
    // The retry succeeds on the hosted page.
    expect((await get(ipnFor(a.payment.reference))).status).toBe(200);
    const s = await state(a.payment.id);
    expect(s.status).toBe("PAID");
    expect(s.booking.status).toBe("CONFIRMED");
  });

  it("duplicate and out-of-order IPNs end in one state", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const ok = ipnFor(payment.reference);
    const answers = await Promise.all([get(ok), get(ok), post(ok)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    // A refusal arriving after the success (an earlier attempt, delivered late) changes nothing.
    expect((await get(ipnFor(payment.reference, { E: "00030", A: "" }))).status).toBe(200);
    const s = await state(payment.id);
    expect(s.status).toBe("PAID");
    expect(
      await db.auditEvent.count({
        where: { action: "payment.status_changed", targetId: payment.id },
      }),
    ).toBe(1);
    expect(
      await db.paymentEvent.count({
        where: { paymentId: payment.id, processedAt: { not: null }, eventId: { not: null } },
      }),
    ).toBe(2);
  });

  it("an IPN after the hold expired, the slot taken since, is flagged as a late payment and refunded", async () => {
    const { payment, booking } = await pendingPayment(clubId, courtId, "PAYBOX");
    await db.payment.update({ where: { id: payment.id }, data: { holdExpiresAt: new Date(0) } });
    const { expirePaymentHolds } = await import("@/server/payments/expire-payment-holds");
    await expirePaymentHolds();
    await takeSlotOf(booking);
    expect((await get(ipnFor(payment.reference))).status).toBe(200);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "EXPIRED", flag: "LATE_PAYMENT" });
    expect(s.refunds).toMatchObject([{ status: "REQUESTED", amount: 1500 }]);
    // Paybox's numbers are kept: Paybox Direct refunds the transaction by them.
    expect(s.payboxTransaction).toBeTruthy();
    expect(s.payboxCallNumber).toBeTruthy();
  });

  it("an IPN after the hold expired, the slot still free, books it again and confirms it", async () => {
    const { payment, booking } = await pendingPayment(clubId, courtId, "PAYBOX");
    await db.payment.update({ where: { id: payment.id }, data: { holdExpiresAt: new Date(0) } });
    const { expirePaymentHolds } = await import("@/server/payments/expire-payment-holds");
    await expirePaymentHolds();
    expect((await state(payment.id)).booking.status).toBe("CANCELLED");
    expect((await get(ipnFor(payment.reference))).status).toBe(200);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PAID", flag: "LATE_PAYMENT_ACCEPTED", refunds: [] });
    expect(s.bookingId).not.toBe(booking.id);
    expect(s.booking).toMatchObject({
      status: "CONFIRMED",
      courtId: booking.courtId,
      startsAt: booking.startsAt,
    });
    expect(s.booking.occupancy).not.toBeNull();
    // The old booking stays cancelled, as history.
    expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CANCELLED",
    );
    // A second delivery of the same IPN changes nothing.
    expect((await get(ipnFor(payment.reference))).status).toBe(200);
    expect(
      await db.booking.count({ where: { courtId: booking.courtId, startsAt: booking.startsAt } }),
    ).toBe(2);
  });

  it("refuses an IPN for an unknown reference, storing it", async () => {
    const q = ipnFor("CS-unknown");
    expect((await get(q)).status).toBe(400);
    expect(await db.paymentEvent.count({ where: { rawBody: q, verified: false } })).toBe(1);
  });

  it("leaves nothing that looks like a card number in the payment tables", async () => {
    const rows = (
      await sql().query<{ t: string }>(
        `SELECT row_to_json(x)::text AS t FROM payment x
         UNION ALL SELECT row_to_json(x)::text FROM payment_event x
         UNION ALL SELECT row_to_json(x)::text FROM refund x
         UNION ALL SELECT row_to_json(x)::text FROM payment_gateway_config x`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(20);
    expect(findCardNumbers(rows.map((r) => r.t).join("\n"))).toEqual([]);
  });
});
