/**
 * A Paybox IPN confirms a payment only once Paybox Direct, asked with the club's own credentials
 * (PPPS consultation, TYPE 00017), says the transaction is the club's (ADR 014). Paybox signs every
 * merchant's IPNs with the same key, so a player with a Paybox account of their own can pay it
 * with our reference and our IPN address: the fake models that second merchant, with its own
 * ledger. Also: wrong amount or currency at the club, the honest payment, an unreachable PPPS
 * (the worker asks again), a transaction reused for a second payment, a club without its key.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ipnRoute } from "@/app/api/webhooks/paybox/route";
import { buildPayboxForm } from "@/lib/payments/paybox-form";
import { db } from "@/server/db";
import { payboxCheckoutForm } from "@/server/payments/paybox/paybox-checkout-form";
import { runPaymentPass } from "@/server/payments/payment-jobs";
import { startPayboxServer, type PayboxServer } from "../fakes/paybox-fake";
import {
  PAYBOX_DIRECT_KEY,
  PAYBOX_RANG,
  PAYBOX_SITE,
  payboxClub,
  paymentClub,
  pendingPayment,
  setPaymentCredentialsKey,
  state,
  postToPayboxPage,
} from "../helpers/payments";

setPaymentCredentialsKey();
const IPN_URL = "http://localhost:3000/api/webhooks/paybox";
const ATTACKER = {
  site: "1777666",
  rang: "01",
  hmacKeyHex: randomBytes(64).toString("hex").toUpperCase(),
  directKey: "1777666A",
};
let fake: PayboxServer;
let club = { id: "", court: "" };
let keyless = { id: "", court: "" };

beforeAll(async () => {
  fake = await startPayboxServer({
    deliverIpn: async (url) => (await ipnRoute(new Request(url))).status,
  });
  const a = await payboxClub(fake, { withPage: true });
  fake.setMerchant(ATTACKER);
  club = { id: a.club.id, court: a.court.id };
  const b = await paymentClub({ paybox: { publicKeyPem: fake.publicKeyPem } });
  keyless = { id: b.club.id, court: b.court.id };
});

afterAll(async () => {
  await fake?.close();
});

/** Posts a form to the fake's hosted page and presses Pay (the fake then delivers the IPN). */
async function payOnPage(fields: readonly (readonly [string, string])[]) {
  const page = await postToPayboxPage(fake, fields);
  expect(page.status).toBe(200);
  const action = /action="(\/session\/[0-9a-f-]+\/pay)"/.exec(await page.text())?.[1];
  expect(action).toBeTruthy();
  const back = await fetch(`${fake.origin}${action}`, { method: "POST", redirect: "manual" });
  expect(back.status).toBe(303);
  return fake.ipnDeliveries.at(-1)!;
}

const deliver = async (q: string) => (await ipnRoute(new Request(`${IPN_URL}?${q}`))).status;

function signedIpn(t: { reference: string; amount: number; numTrans: string; numAppel: string }) {
  return fake.ipn({
    M: String(t.amount),
    R: t.reference,
    T: t.numAppel,
    A: "XXXXXX",
    E: "00000",
    S: t.numTrans,
  });
}

async function outcomes(paymentId: string) {
  return (
    await db.paymentEvent.findMany({
      where: { paymentId, verified: true },
      orderBy: { receivedAt: "asc" },
    })
  ).map((e) => e.outcome);
}

async function statusChanges(paymentId: string) {
  return db.auditEvent.count({ where: { action: "payment.status_changed", targetId: paymentId } });
}

describe("an IPN is bound to the club's own Paybox merchant account", () => {
  it("a payment made to another merchant's account, with our reference and IPN address, confirms nothing", async () => {
    const { payment } = await pendingPayment(club.id, club.court, "PAYBOX");
    // The attacker signs the hosted-page form with their own site, rang and HMAC key.
    const form = buildPayboxForm({
      site: ATTACKER.site,
      rang: ATTACKER.rang,
      identifiant: "100000001",
      amount: payment.amount,
      currency: payment.currency,
      reference: payment.reference,
      email: "attacker@example.test",
      time: new Date(),
      urls: {
        effectue: "http://attacker.example/ok",
        refuse: "http://attacker.example/ko",
        annule: "http://attacker.example/ko",
        repondreA: IPN_URL,
      },
      totalQuantity: 1,
      billing: {
        firstName: "Eve",
        lastName: "Attacker",
        address1: "1 rue X",
        zipCode: "75001",
        city: "Paris",
        countryCode: "250",
      },
      hmacKeyHex: ATTACKER.hmacKeyHex,
    });
    const delivery = await payOnPage(form);
    // The money went to the attacker's merchant account, not the club's.
    expect(fake.ledger(ATTACKER.site).map((t) => t.reference)).toContain(payment.reference);
    expect(fake.ledger(PAYBOX_SITE).map((t) => t.reference)).not.toContain(payment.reference);
    // The IPN is Paybox-signed and well-formed: we answer it, but do not confirm.
    expect(delivery.status).toBe(200);
    const s = await state(payment.id);
    expect(s.status).toBe("PENDING");
    expect(s.booking.status).toBe("PENDING_PAYMENT");
    expect(s.booking.occupancy).not.toBeNull();
    expect(s.payboxTransaction).toBeNull();
    expect(s.refunds).toEqual([]);
    expect(s.flag).toBe("PAYBOX_NOT_VERIFIED");
    expect(s.flagDetail).toMatch(/00018/);
    expect(await statusChanges(payment.id)).toBe(0);
    expect(await outcomes(payment.id)).toEqual([expect.stringMatching(/^not confirmed/)]);
    // The question was the club's, about the transaction the IPN named.
    const q = fake.directRequests.at(-1)!;
    expect(q).toMatchObject({ TYPE: "00017", SITE: PAYBOX_SITE, RANG: PAYBOX_RANG });
    expect(q.CLE).toBe(PAYBOX_DIRECT_KEY);
    expect(Number(q.NUMTRANS)).toBe(Number(fake.ledger(ATTACKER.site).at(-1)!.numTrans));

    // The player can still pay the club for real while the hold lasts.
    const { booker } = await db.payment
      .findUniqueOrThrow({
        where: { id: payment.id },
        select: { booking: { select: { createdById: true } } },
      })
      .then((p) => ({ booker: p.booking.createdById! }));
    const honest = await payboxCheckoutForm({ paymentId: payment.id, bookerId: booker });
    expect((await payOnPage(honest.fields)).status).toBe(200);
    const paid = await state(payment.id);
    expect(paid.status).toBe("PAID");
    expect(paid.booking.status).toBe("CONFIRMED");
  });

  it("the honest payment on the club's page is confirmed after the consultation", async () => {
    const { payment, booker } = await pendingPayment(club.id, club.court, "PAYBOX");
    const form = await payboxCheckoutForm({ paymentId: payment.id, bookerId: booker.id });
    expect((await payOnPage(form.fields)).status).toBe(200);
    const tx = fake.ledger(PAYBOX_SITE).find((t) => t.reference === payment.reference)!;
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PAID", flag: null, payboxTransaction: tx.numTrans });
    expect(s.booking.status).toBe("CONFIRMED");
    const q = fake.directRequests.at(-1)!;
    expect(q).toMatchObject({
      VERSION: "00104",
      TYPE: "00017",
      SITE: PAYBOX_SITE,
      RANG: PAYBOX_RANG,
      CLE: PAYBOX_DIRECT_KEY,
      MONTANT: "0000001500",
      DEVISE: "978",
      NUMTRANS: tx.numTrans.padStart(10, "0"),
      NUMAPPEL: tx.numAppel.padStart(10, "0"),
      HASH: "SHA512",
    });
    expect(Object.keys(q).at(-1)).toBe("HMAC");
  });

  it("a signed IPN whose amount is not the club transaction's is not confirmed", async () => {
    const { payment } = await pendingPayment(club.id, club.court, "PAYBOX");
    const tx = fake.authorise({ site: PAYBOX_SITE, reference: payment.reference, amount: 1200 });
    expect(await deliver(signedIpn({ ...tx, amount: 1500 }))).toBe(200);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PENDING", flag: "PAYBOX_NOT_VERIFIED" });
    expect(s.flagDetail).toMatch(/00011/);
    expect(s.booking.status).toBe("PENDING_PAYMENT");
    expect(await statusChanges(payment.id)).toBe(0);
  });

  it("a club transaction in another currency is not confirmed", async () => {
    const { payment } = await pendingPayment(club.id, club.court, "PAYBOX");
    const tx = fake.authorise({
      site: PAYBOX_SITE,
      reference: payment.reference,
      amount: 1500,
      devise: "840",
    });
    expect(await deliver(signedIpn(tx))).toBe(200);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PENDING", flag: "PAYBOX_NOT_VERIFIED" });
    expect(s.flagDetail).toMatch(/00010/);
    expect(await statusChanges(payment.id)).toBe(0);
  });

  it("a transaction Paybox reports as refused or cancelled is not confirmed", async () => {
    const { payment } = await pendingPayment(club.id, club.court, "PAYBOX");
    const tx = fake.authorise({
      site: PAYBOX_SITE,
      reference: payment.reference,
      amount: 1500,
      status: "Annulé",
    });
    expect(await deliver(signedIpn(tx))).toBe(200);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PENDING", flag: "PAYBOX_NOT_VERIFIED" });
    expect(s.flagDetail).toMatch(/Annulé/);
  });

  it("one club transaction cannot confirm a second payment", async () => {
    const first = await pendingPayment(club.id, club.court, "PAYBOX");
    const tx = fake.authorise({
      site: PAYBOX_SITE,
      reference: first.payment.reference,
      amount: 1500,
    });
    expect(await deliver(signedIpn(tx))).toBe(200);
    expect((await state(first.payment.id)).status).toBe("PAID");
    const second = await pendingPayment(club.id, club.court, "PAYBOX");
    expect(await deliver(signedIpn({ ...tx, reference: second.payment.reference }))).toBe(200);
    const s = await state(second.payment.id);
    expect(s).toMatchObject({ status: "PENDING", flag: "PAYBOX_NOT_VERIFIED" });
    expect(s.flagDetail).toMatch(/already confirmed payment/);
  });

  it("Paybox Direct unreachable: the IPN is kept, answered 200, and the worker confirms it later", async () => {
    const { payment } = await pendingPayment(club.id, club.court, "PAYBOX");
    const tx = fake.authorise({ site: PAYBOX_SITE, reference: payment.reference, amount: 1500 });
    fake.failDirect(503);
    expect(await deliver(signedIpn(tx))).toBe(200);
    let s = await state(payment.id);
    expect(s).toMatchObject({ status: "PENDING", flag: null });
    const [event] = await db.paymentEvent.findMany({ where: { paymentId: payment.id } });
    expect(event).toMatchObject({ verified: true, processedAt: null });
    expect(event!.outcome).toMatch(/^awaiting Paybox Direct/);

    // Still down on the worker's first try: nothing changes.
    fake.failDirect(502);
    await runPaymentPass(new Date(Date.now() + 2 * 60_000));
    expect((await state(payment.id)).status).toBe("PENDING");

    await runPaymentPass(new Date(Date.now() + 4 * 60_000));
    s = await state(payment.id);
    expect(s).toMatchObject({ status: "PAID", payboxTransaction: tx.numTrans });
    expect(s.booking.status).toBe("CONFIRMED");
    expect(await statusChanges(payment.id)).toBe(1);
    const after = await db.paymentEvent.findUniqueOrThrow({ where: { id: event!.id } });
    expect(after.processedAt).not.toBeNull();
    // Processed once: another pass asks nothing more.
    const asked = fake.directRequests.length;
    await runPaymentPass(new Date(Date.now() + 6 * 60_000));
    expect(fake.directRequests.length).toBe(asked);
  });

  it("a club whose configuration has no Paybox Direct key cannot confirm a Paybox payment", async () => {
    const { payment } = await pendingPayment(keyless.id, keyless.court, "PAYBOX");
    const tx = fake.authorise({ site: PAYBOX_SITE, reference: payment.reference, amount: 1500 });
    const asked = fake.directRequests.length;
    expect(await deliver(signedIpn(tx))).toBe(200);
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PENDING", flag: "PAYBOX_NOT_VERIFIED" });
    expect(s.flagDetail).toMatch(/Paybox Direct key/);
    expect(fake.directRequests.length).toBe(asked);
  });
});
