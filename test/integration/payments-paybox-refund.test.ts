/**
 * Paybox Direct refunds (ADR 011, 012) against the PPPS fake, which checks our HMAC and CLE,
 * knows the transactions it authorised and refuses refunds above what was captured: a full and
 * partial refund, a retry after a 5xx asking the same NUMQUESTION (one refund), a refusal
 * (FAILED, payment back, flagged), and MANUAL refunds when the club has no Paybox Direct.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ipnRoute } from "@/app/api/webhooks/paybox/route";
import { db } from "@/server/db";
import { sealGatewaySecrets } from "@/server/payments/gateway-config";
import { sendPayboxRefund } from "@/server/payments/paybox/send-paybox-refund";
import { startPayboxServer, type PayboxServer } from "../fakes/paybox-fake";
import {
  PAYBOX_HMAC_KEY,
  paymentClub,
  pendingPayment,
  setPaymentCredentialsKey,
  state,
} from "../helpers/payments";

setPaymentCredentialsKey();
const SITE = "1999888";
const DIRECT_KEY = "1999888I";
let fake: PayboxServer;
const clubs = { direct: { id: "", court: "" }, manual: { id: "", court: "" } };

async function configure(clubId: string, direct: { enabled: boolean; key?: string }) {
  const row = await db.paymentGatewayConfig.findFirstOrThrow({
    where: { clubId, gateway: "PAYBOX" },
  });
  await db.paymentGatewayConfig.update({
    where: { id: row.id },
    data: {
      settings: {
        ...(row.settings as Record<string, unknown>),
        directEnabled: direct.enabled,
        directUrl: fake.directUrl,
      },
      credentialsCiphertext: sealGatewaySecrets(clubId, "PAYBOX", "SANDBOX", {
        hmacKeyHex: PAYBOX_HMAC_KEY,
        ...(direct.key ? { directKey: direct.key } : {}),
      }),
    },
  });
}

beforeAll(async () => {
  fake = await startPayboxServer();
  fake.setMerchant({ site: SITE, rang: "32", hmacKeyHex: PAYBOX_HMAC_KEY, directKey: DIRECT_KEY });
  for (const name of ["direct", "manual"] as const) {
    const { club, court } = await paymentClub({ paybox: { publicKeyPem: fake.publicKeyPem } });
    clubs[name] = { id: club.id, court: court.id };
  }
  await configure(clubs.direct.id, { enabled: true, key: DIRECT_KEY });
  // Refunds through Paybox Direct off; its key is still needed to verify IPNs (ADR 014).
  await configure(clubs.manual.id, { enabled: false, key: DIRECT_KEY });
});

afterAll(async () => {
  await fake?.close();
});

/** A payment paid on the hosted page: the fake authorised it and its signed IPN paid it. */
async function paid(club: keyof typeof clubs = "direct", captured?: number) {
  const p = await pendingPayment(clubs[club].id, clubs[club].court, "PAYBOX");
  const tx = fake.authorise({
    site: SITE,
    reference: p.payment.reference,
    amount: captured ?? p.payment.amount,
  });
  const q = fake.ipn({
    M: String(tx.amount),
    R: tx.reference,
    T: tx.numAppel,
    A: tx.authorisation,
    E: "00000",
    S: tx.numTrans,
  });
  expect(
    (await ipnRoute(new Request(`http://localhost:3000/api/webhooks/paybox?${q}`))).status,
  ).toBe(200);
  return { ...p, tx };
}

let n = 0;
const queue = async (payment: { id: string; clubId: string }, amount: number) =>
  db.refund.create({
    data: {
      paymentId: payment.id,
      clubId: payment.clubId,
      amount,
      currency: "EUR",
      reason: "booking cancelled",
      requestId: `refund-${payment.id}-${++n}`,
    },
  });

describe("refunds through Paybox Direct", () => {
  it("a full refund: the signed PPPS question, then REFUNDED; sending again asks nothing", async () => {
    const { payment, tx } = await paid();
    const refund = await queue(payment, 1500);
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "COMPLETED" });
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "REFUNDED", refundedAmount: 1500 });
    expect(s.refunds[0]).toMatchObject({ status: "COMPLETED" });
    expect(s.refunds[0]!.gatewayRefundId).toMatch(/^1999888:\d{10}$/);
    expect(s.refunds[0]!.completedAt).not.toBeNull();
    expect(fake.refunds.filter((r) => r.numTrans === tx.numTrans)).toEqual([
      expect.objectContaining({ amount: 1500 }),
    ]);
    const question = fake.directRequests.at(-1)!;
    expect(question).toMatchObject({
      VERSION: "00104",
      TYPE: "00014",
      SITE,
      RANG: "32",
      CLE: DIRECT_KEY,
      MONTANT: "0000001500",
      DEVISE: "978",
      REFERENCE: payment.reference,
      NUMTRANS: tx.numTrans.padStart(10, "0"),
      NUMAPPEL: tx.numAppel.padStart(10, "0"),
      ACTIVITE: "024",
      HASH: "SHA512",
    });
    expect(question.NUMQUESTION).toMatch(/^\d{10}$/);
    expect(question.DATEQ).toMatch(/^\d{14}$/);
    expect(Object.keys(question).at(-1)).toBe("HMAC");

    const asked = fake.directRequests.length;
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "COMPLETED" });
    expect(fake.directRequests.length).toBe(asked);
    expect(
      await db.auditEvent.count({
        where: { action: "payment.status_changed", targetId: payment.id },
      }),
    ).toBe(3); // PAID, REFUND_PENDING, REFUNDED
  });

  it("a partial refund, then the rest", async () => {
    const { payment } = await paid();
    expect(await sendPayboxRefund((await queue(payment, 500)).id)).toEqual({ status: "COMPLETED" });
    expect(await state(payment.id)).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 500,
    });
    expect(await sendPayboxRefund((await queue(payment, 1000)).id)).toEqual({
      status: "COMPLETED",
    });
    expect(await state(payment.id)).toMatchObject({ status: "REFUNDED", refundedAmount: 1500 });
  });

  it("a 5xx after Paybox refunded: asked again with the same NUMQUESTION, refunded once", async () => {
    const { payment, tx } = await paid();
    const refund = await queue(payment, 1500);
    fake.failDirect(503, { after: true });
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "PENDING" });
    expect(await state(payment.id)).toMatchObject({ status: "REFUND_PENDING" });
    expect((await db.refund.findUniqueOrThrow({ where: { id: refund.id } })).status).toBe(
      "PENDING",
    );
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "COMPLETED" });
    expect(fake.refunds.filter((r) => r.numTrans === tx.numTrans)).toHaveLength(1);
    expect(await state(payment.id)).toMatchObject({ status: "REFUNDED", refundedAmount: 1500 });
    const questions = fake.directRequests.filter((r) => r.REFERENCE === payment.reference);
    expect(questions).toHaveLength(2);
    expect(new Set(questions.map((q) => q.NUMQUESTION)).size).toBe(1);
  });

  it("a 5xx before Paybox acted: the retry refunds", async () => {
    const { payment, tx } = await paid();
    const refund = await queue(payment, 700);
    fake.failDirect(502);
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "PENDING" });
    expect(fake.refunds.filter((r) => r.numTrans === tx.numTrans)).toHaveLength(0);
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "COMPLETED" });
    expect(await state(payment.id)).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 700,
    });
  });

  it("a refusal (more than was captured): FAILED, the payment back as it was, flagged", async () => {
    const { payment } = await paid();
    expect(await sendPayboxRefund((await queue(payment, 1000)).id)).toEqual({
      status: "COMPLETED",
    });
    const tooMuch = await queue(payment, 1000);
    expect(await sendPayboxRefund(tooMuch.id)).toEqual({ status: "FAILED" });
    const s = await state(payment.id);
    expect(s).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 1000,
      flag: "REFUND_FAILED",
    });
    expect(s.flagDetail).toContain("CODEREPONSE 00011");
    expect(s.refunds.find((r) => r.id === tooMuch.id)!.status).toBe("FAILED");

    const other = await paid();
    expect(await sendPayboxRefund((await queue(other.payment, 1600)).id)).toEqual({
      status: "FAILED",
    });
    expect(await state(other.payment.id)).toMatchObject({ status: "PAID", flag: "REFUND_FAILED" });
  });

  it("refunds what was captured for a mismatched amount; the payment stays failed", async () => {
    const { payment } = await paid("direct", 150);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "FAILED", flag: "AMOUNT_MISMATCH" });
    const queued = s.refunds[0]!;
    expect(queued).toMatchObject({ status: "REQUESTED", amount: 150 });
    expect(await sendPayboxRefund(queued.id)).toEqual({ status: "COMPLETED" });
    expect(await state(payment.id)).toMatchObject({ status: "FAILED" });
  });
});

describe("clubs without Paybox Direct", () => {
  it("a refund is MANUAL: nothing is sent, the payment stays paid", async () => {
    const { payment } = await paid("manual");
    const asked = fake.directRequests.length;
    const refund = await queue(payment, 1500);
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "MANUAL" });
    expect(fake.directRequests.length).toBe(asked);
    expect(await state(payment.id)).toMatchObject({ status: "PAID", refundedAmount: 0 });
    expect(await sendPayboxRefund(refund.id)).toEqual({ status: "MANUAL" });
  });

  it("Direct enabled without its key is MANUAL too", async () => {
    await configure(clubs.manual.id, { enabled: true });
    const { payment } = await paid("manual");
    expect(await sendPayboxRefund((await queue(payment, 1500)).id)).toEqual({ status: "MANUAL" });
  });
});
