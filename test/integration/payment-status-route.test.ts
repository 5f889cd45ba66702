/**
 * The payment status JSON (GET /api/payments/{id}/status) and the status page: the booker sees
 * the status as the verified gateway messages left it (never cached); anyone else gets a 404,
 * a signed-out caller a 401. The page shows "processing" while the payment is pending, the "try
 * again" message after a refusal or cancellation on the hosted page, and the outcome after.
 */
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as statusRoute } from "@/app/api/payments/[paymentId]/status/route";
import { GET as ipnRoute } from "@/app/api/webhooks/paybox/route";
import StatusPage from "@/app/c/[club]/payments/[paymentId]/page";
import { db } from "@/server/db";
import { startPayboxServer, type PayboxServer } from "../fakes/paybox-fake";
import { as, sessionCookieFor } from "../helpers/auth";
import { createUser } from "../helpers/builders";
import { digestOf } from "../helpers/errors";
import {
  PAYBOX_SITE,
  payboxClub,
  pendingPayment,
  setPaymentCredentialsKey,
} from "../helpers/payments";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  useRouter: () => ({ refresh() {} }),
}));

setPaymentCredentialsKey();
let fake: PayboxServer;
let clubId = "";
let clubSlug = "";
let courtId = "";

beforeAll(async () => {
  fake = await startPayboxServer();
  const { club, court } = await payboxClub(fake);
  clubId = club.id;
  clubSlug = club.slug;
  courtId = court.id;
});

afterAll(async () => {
  await fake?.close();
});

const cookieHeader = (c: Record<string, string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("; ");

async function ask(paymentId: string, userId?: string) {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = cookieHeader(await sessionCookieFor(userId));
  return statusRoute(
    new Request(`http://localhost:3000/api/payments/${paymentId}/status`, { headers }),
    { params: Promise.resolve({ paymentId }) },
  );
}

let seq = 0;
async function pay(reference: string, amount = "1500") {
  seq++;
  const tx = fake.authorise({
    site: PAYBOX_SITE,
    reference,
    amount: Number(amount),
    numTrans: String(800 + seq),
    numAppel: String(500 + seq),
  });
  const q = fake.ipn({
    M: amount,
    R: reference,
    T: tx.numAppel,
    A: "XXXXXX",
    E: "00000",
    S: tx.numTrans,
  });
  expect(
    (await ipnRoute(new Request(`http://localhost:3000/api/webhooks/paybox?${q}`))).status,
  ).toBe(200);
}

async function page(userId: string | null, club: string, paymentId: string, ret?: string) {
  await as(userId);
  return StatusPage({
    params: Promise.resolve({ club, paymentId }),
    searchParams: Promise.resolve(ret ? { return: ret } : {}),
  });
}
const html = async (...args: Parameters<typeof page>) =>
  renderToStaticMarkup((await page(...args)) as ReactElement)
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;|&#39;/g, "'");

describe("GET /api/payments/{id}/status", () => {
  it("answers the booker with the status, never cached, and follows the IPN", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const res = await ask(payment.id, booker.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      status: "PENDING",
      bookingStatus: "PENDING_PAYMENT",
      holdExpiresAt: payment.holdExpiresAt.toISOString(),
    });
    await pay(payment.reference);
    expect(await (await ask(payment.id, booker.id)).json()).toMatchObject({
      status: "PAID",
      bookingStatus: "CONFIRMED",
    });
  });

  it("reports a flag (a wrong amount: failed, slot released)", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    await pay(payment.reference, "100");
    expect(await (await ask(payment.id, booker.id)).json()).toMatchObject({
      status: "FAILED",
      bookingStatus: "CANCELLED",
      flag: "AMOUNT_MISMATCH",
    });
  });

  it("is a 404 for anyone but the booker (and for malformed ids), a 401 signed out", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const other = await createUser();
    expect((await ask(payment.id, other.id)).status).toBe(404);
    expect((await ask("12345", other.id)).status).toBe(404);
    expect((await ask(payment.id)).status).toBe(401);
  });

  it("never changes the payment", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const before = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    await ask(payment.id, booker.id);
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toEqual(before);
  });
});

describe("the payment status page", () => {
  it("shows 'processing' while pending (with a refresh link), then the confirmed booking", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const pending = await html(booker.id, clubSlug, payment.id, "effectue");
    expect(pending).toContain("Processing your payment… this page updates by itself.");
    expect(pending).toContain("Refresh this page");
    expect(pending).not.toContain("booking confirmed");
    await pay(payment.reference);
    const paid = await html(booker.id, clubSlug, payment.id, "effectue");
    expect(paid).toContain("Payment received — booking confirmed");
    expect(paid).toContain(`href="/c/${clubSlug}/bookings"`);
    expect(paid).not.toContain("Refresh this page");
  });

  it("after a refusal or cancellation on the hosted page: the slot stays held, try again", async () => {
    const { payment, booker, booking } = await pendingPayment(clubId, courtId, "PAYBOX");
    const cancelled = await html(booker.id, clubSlug, payment.id, "annule");
    expect(cancelled).toMatch(
      /The payment was cancelled on the payment page; your slot stays held until \d\d:\d\d — try again\./,
    );
    expect(cancelled).toContain(`href="/c/${clubSlug}/bookings/${booking.id}/pay"`);
    expect(await html(booker.id, clubSlug, payment.id, "refuse")).toContain(
      "The payment was refused on the payment page",
    );
  });

  it("explains an expired hold and a refund", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    await db.payment.update({ where: { id: payment.id }, data: { holdExpiresAt: new Date(0) } });
    const { expirePaymentHolds } = await import("@/server/payments/expire-payment-holds");
    await expirePaymentHolds();
    expect(await html(booker.id, clubSlug, payment.id)).toContain(
      "The payment was not completed in time",
    );

    const r = await pendingPayment(clubId, courtId, "PAYBOX");
    await pay(r.payment.reference);
    await db.payment.update({
      where: { id: r.payment.id },
      data: { status: "REFUNDED", refundedAmount: 1500 },
    });
    expect(await html(r.booker.id, clubSlug, r.payment.id)).toContain("Refunded: €15.00.");
  });

  it("is 'not found' for another user or another club's URL, and asks strangers to sign in", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const other = await createUser();
    expect(await digestOf(page(other.id, clubSlug, payment.id))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    expect(await digestOf(page(booker.id, "another-club", payment.id))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    expect(await digestOf(page(null, clubSlug, payment.id))).toMatch(
      /^NEXT_REDIRECT;[^;]*;\/login\?next=/,
    );
  });
});
