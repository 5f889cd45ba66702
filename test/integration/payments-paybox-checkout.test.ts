/**
 * Paybox System checkout (ADR 011, 012): the signed hosted-page form of a pending payment, for
 * its booker only, posted to the Paybox page fake (which checks PBX_HMAC with its own code); Pay
 * on the fake page delivers a signed IPN to our route handler and sends the browser back to our
 * status page; Cancel sends it back without paying. Expired holds and other users are refused.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ipnRoute } from "@/app/api/webhooks/paybox/route";
import { PayboxCheckout } from "@/components/payments/paybox-checkout";
import { findCardNumbers } from "@/lib/payments/card-number-scan";
import { AppError } from "@/server/errors";
import { payboxCheckoutForm } from "@/server/payments/paybox/paybox-checkout-form";
import { startPayboxServer, type PayboxServer } from "../fakes/paybox-fake";
import { createUser } from "../helpers/builders";
import {
  PAYBOX_HMAC_KEY,
  payboxClub,
  pendingPayment,
  setPaymentCredentialsKey,
  state,
  postToPayboxPage,
} from "../helpers/payments";

setPaymentCredentialsKey();
let fake: PayboxServer;
let clubId = "";
let clubSlug = "";
let courtId = "";

beforeAll(async () => {
  fake = await startPayboxServer({
    deliverIpn: async (url) => (await ipnRoute(new Request(url))).status,
  });
  const { club, court } = await payboxClub(fake, { withPage: true });
  clubId = club.id;
  clubSlug = club.slug;
  courtId = court.id;
});

afterAll(async () => {
  await fake?.close();
});

async function pressOnFakePage(pageHtml: string, button: "pay" | "cancel") {
  const action = new RegExp(`action="(/session/[0-9a-f-]+/${button})"`).exec(pageHtml)?.[1];
  expect(action, `the fake page has a ${button} button`).toBeTruthy();
  return fetch(`${fake.origin}${action}`, { method: "POST", redirect: "manual" });
}

describe("the Paybox checkout form", () => {
  it("carries the payment's amount, reference and the booker, signed and accepted by Paybox", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX", { amount: 2250 });
    const form = await payboxCheckoutForm({ paymentId: payment.id, bookerId: booker.id });
    expect(form.pageUrl).toBe(fake.pageUrl);
    const f = Object.fromEntries(form.fields);
    const status = `http://localhost:3000/c/${clubSlug}/payments/${payment.id}`;
    expect(f).toMatchObject({
      PBX_SITE: "1999888",
      PBX_RANG: "32",
      PBX_TOTAL: "2250",
      PBX_DEVISE: "978",
      PBX_CMD: payment.reference,
      PBX_PORTEUR: booker.email,
      PBX_HASH: "SHA512",
      PBX_EFFECTUE: `${status}?return=effectue`,
      PBX_REFUSE: `${status}?return=refuse`,
      PBX_ANNULE: `${status}?return=annule`,
      PBX_ATTENTE: `${status}?return=attente`,
      PBX_REPONDRE_A: "http://localhost:3000/api/webhooks/paybox",
    });
    expect(f.PBX_BILLING).toContain("<LastName>");
    expect(f.PBX_SHOPPINGCART).toContain("<totalQuantity>1</totalQuantity>");
    expect(form.fields.at(-1)![0]).toBe("PBX_HMAC");
    expect(fake.acceptsForm(form.fields, PAYBOX_HMAC_KEY)).toBe(true);

    const page = await postToPayboxPage(fake, form.fields);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(">Pay</button>");
    expect(body).toContain(">Cancel</button>");

    const tampered = form.fields.map(([k, v]) => [k, k === "PBX_TOTAL" ? "1" : v] as const);
    const refused = await postToPayboxPage(fake, tampered);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("PBX_HMAC is wrong");
  });

  it("Pay on the hosted page: the IPN pays (server to server), the browser returns with signed parameters", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const form = await payboxCheckoutForm({ paymentId: payment.id, bookerId: booker.id });
    const page = await (await postToPayboxPage(fake, form.fields)).text();
    const back = await pressOnFakePage(page, "pay");
    expect(back.status).toBe(303);
    const location = back.headers.get("location")!;
    expect(
      location.startsWith(
        `http://localhost:3000/c/${clubSlug}/payments/${payment.id}?return=effectue&`,
      ),
    ).toBe(true);
    expect(location).toMatch(/&E=00000&.*&K=/);
    expect(fake.ipnDeliveries.at(-1)!.status).toBe(200);
    const s = await state(payment.id);
    expect(s.status).toBe("PAID");
    expect(s.booking.status).toBe("CONFIRMED");
    expect(s.payboxTransaction).toBe(
      [...fake.transactions.values()].find((t) => t.reference === payment.reference)!.numTrans,
    );
    // Paid: the form is no longer offered.
    await expect(
      payboxCheckoutForm({ paymentId: payment.id, bookerId: booker.id }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("an IPN that arrives after the browser returned still pays (out of order)", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const form = await payboxCheckoutForm({ paymentId: payment.id, bookerId: booker.id });
    fake.deferIpn = true;
    try {
      const back = await pressOnFakePage(
        await (await postToPayboxPage(fake, form.fields)).text(),
        "pay",
      );
      expect(back.status).toBe(303);
      // Back on our page before the IPN: nothing has changed.
      expect((await state(payment.id)).status).toBe("PENDING");
      expect(await fake.releaseIpns()).toEqual([200]);
    } finally {
      fake.deferIpn = false;
    }
    expect((await state(payment.id)).status).toBe("PAID");
  });

  it("Cancel on the hosted page returns to the status page; the payment stays pending, the slot held", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const form = await payboxCheckoutForm({ paymentId: payment.id, bookerId: booker.id });
    const deliveries = fake.ipnDeliveries.length;
    const back = await pressOnFakePage(
      await (await postToPayboxPage(fake, form.fields)).text(),
      "cancel",
    );
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toContain(`/payments/${payment.id}?return=annule&`);
    expect(fake.ipnDeliveries.length).toBe(deliveries);
    const s = await state(payment.id);
    expect(s.status).toBe("PENDING");
    expect(s.booking.occupancy).not.toBeNull();
  });

  it("is only for the booker: another user and a malformed id get 'not found'", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const other = await createUser();
    for (const input of [
      { paymentId: payment.id, bookerId: other.id },
      { paymentId: "not-a-uuid", bookerId: other.id },
    ]) {
      const err = await payboxCheckoutForm(input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("NOT_FOUND");
    }
  });

  it("refuses an expired hold and a PayPal payment, naming the problem", async () => {
    const expired = await pendingPayment(clubId, courtId, "PAYBOX", { holdMinutes: -1 });
    await expect(
      payboxCheckoutForm({ paymentId: expired.payment.id, bookerId: expired.booker.id }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/run out/) });
    const paypal = await pendingPayment(clubId, courtId, "PAYPAL");
    await expect(
      payboxCheckoutForm({ paymentId: paypal.payment.id, bookerId: paypal.booker.id }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/not made with Paybox/),
    });
  });

  it("renders a plain form of hidden fields to Paybox's page: no card field, no script", async () => {
    const { payment, booker } = await pendingPayment(clubId, courtId, "PAYBOX");
    const markup = renderToStaticMarkup(
      await PayboxCheckout({ paymentId: payment.id, bookerId: booker.id }),
    );
    const formTag = /<form[^>]*>/.exec(markup)![0];
    expect(formTag).toContain(`action="${fake.pageUrl}"`);
    expect(formTag).toContain('method="post"');
    expect(markup).toContain("Continue to the secure payment page (Paybox)");
    const inputs = markup.match(/<input[^>]*>/g) ?? [];
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.every((i) => i.includes('type="hidden"'))).toBe(true);
    expect(markup).not.toMatch(/<script|autocomplete="cc-|name="(card|cc|pan|cvv)/i);
    expect(findCardNumbers(markup)).toEqual([]);

    const expired = await pendingPayment(clubId, courtId, "PAYBOX", { holdMinutes: -1 });
    const refusal = renderToStaticMarkup(
      await PayboxCheckout({ paymentId: expired.payment.id, bookerId: expired.booker.id }),
    );
    expect(refusal).toContain('role="alert"');
    expect(refusal).not.toContain("<form");
  });
});
