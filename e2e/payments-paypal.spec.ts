/**
 * Paying a booking fee with PayPal (ADR 011, 012) in the browser, against the production build: the
 * demo club's PAYPAL gateway (sandbox) talks to the local PayPal REST fake, and the page runs the
 * real @paypal/react-paypal-js v6 components on a fake PayPal JS SDK v6 (e2e/fakes/) whose
 * "buyer" approves orders at the REST fake from Node. The fake refuses to capture an order the
 * buyer did not approve, as PayPal does.
 *
 * 1. Alice books a slot with a guest (a €15.00 fee), closes PayPal's window once (her slot stays
 *    held), pays with the PayPal button, sees the booking confirmed, gets the confirmation email,
 *    cancels well within the full-refund notice, and the refund reaches PayPal and her.
 * 2. Paying by card: the card is typed in PayPal's field frames; our page never has a card input
 *    and no request to our server carries the card number.
 */
import type { PaypalFake } from "../test/fakes/paypal-fake";
import {
  expectNoSeriousA11yViolations,
  longDay,
  outboxEmail,
  parisDate,
  signInAs,
} from "./booking-helpers";
import { e2eDatabase, expect, test } from "./fixtures";
import {
  cardLikeInputsInMainFrame,
  chooseGatewayIfAsked,
  configureDemoPaypal,
  installPaypalSdkFake,
  startE2ePaypal,
} from "./paypal-helpers";
import type { Page } from "@playwright/test";

let fake: PaypalFake;
let undo: (() => Promise<void>) | undefined;

test.beforeAll(async () => {
  fake = await startE2ePaypal();
  undo = await configureDemoPaypal(fake);
});

test.afterAll(async () => {
  await undo?.();
  await fake?.close();
});

type PaymentRow = {
  id: string;
  status: string;
  amount: number;
  currency: string;
  paypal_order_id: string | null;
  paypal_capture_id: string | null;
  refunded_amount: number;
  booking_status: string;
};

async function paymentOf(bookingId: string): Promise<PaymentRow> {
  const client = await e2eDatabase();
  try {
    const { rows } = await client.query<PaymentRow>(
      `SELECT p.id, p.status, p.amount, p.currency, p.paypal_order_id, p.paypal_capture_id,
              p.refunded_amount, b.status AS booking_status
       FROM payment p JOIN booking b ON b.id = p.booking_id
       WHERE p.booking_id = $1 ORDER BY p.created_at DESC LIMIT 1`,
      [bookingId],
    );
    if (!rows[0]) throw new Error(`no payment for booking ${bookingId}`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * Books Court 4 for an hour with a guest (the guest fee makes it payable), at the first of a few
 * times that is free that day, and lands on the checkout. Returns the booking id and the time.
 */
async function bookWithGuest(
  page: Page,
  date: string,
): Promise<{ bookingId: string; time: string }> {
  await page.goto(`/c/demo/planning?date=${date}`);
  await expect(page.getByRole("link", { name: /^Book Court 4 at / }).first()).toBeVisible();
  let time = "";
  for (const t of ["15:00", "16:00", "11:00", "14:00", "09:00", "13:00"]) {
    const link = page.getByRole("link", { name: `Book Court 4 at ${t}`, exact: true });
    const next = page.getByRole("link", {
      name: `Book Court 4 at ${t.replace(":00", ":30")}`,
      exact: true,
    });
    if ((await link.count()) && (await next.count())) {
      time = t;
      await link.click();
      break;
    }
  }
  expect(time, "a free hour on Court 4").not.toBe("");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book Court 4");
  await page.getByLabel("Guest 1 name").fill("Gina Guest");
  await page.getByRole("radio", { name: /^60 minutes/ }).check();
  await chooseGatewayIfAsked(page);
  await page.getByRole("button", { name: `Confirm booking of Court 4 at ${time}` }).click();
  await expect(page).toHaveURL(/\/c\/demo\/bookings\/[0-9a-f-]{36}\/pay$/);
  await expect(page.getByTestId("checkout-total")).toHaveText("€15.00");
  return { bookingId: /\/bookings\/([0-9a-f-]{36})\/pay$/.exec(page.url())![1]!, time };
}

test("alice pays a guest fee with the PayPal button, is confirmed, cancels and is refunded", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const since = new Date();
  const buyer = await installPaypalSdkFake(page, fake);
  await signInAs(page, "alice");
  const date = parisDate(5);
  const { bookingId, time } = await bookWithGuest(page, date);
  const pending = await paymentOf(bookingId);
  expect(pending).toMatchObject({
    status: "PENDING",
    amount: 1500,
    currency: "EUR",
    booking_status: "PENDING_PAYMENT",
  });

  // The SDK is created with the club's public client id only, with both components.
  const pay = page.getByRole("button", { name: "Pay with PayPal" });
  await expect(pay).toBeEnabled();
  const instances = await page.evaluate(
    () => (window as unknown as { __paypalFake: { instances: unknown[] } }).__paypalFake.instances,
  );
  expect(instances).toEqual([
    expect.objectContaining({
      clientId: fake.clientId,
      components: ["paypal-payments", "card-fields"],
      pageType: "checkout",
    }),
  ]);
  expect(JSON.stringify(instances)).not.toContain(fake.clientSecret);

  // She closes PayPal's window: nothing is paid and the slot stays held.
  const heldUntil = await page
    .getByRole("status")
    .filter({ hasText: "held for you until" })
    .locator("strong")
    .innerText();
  buyer.next = "cancel";
  await pay.click();
  await expect(page.getByTestId("paypal-checkout-message")).toHaveText(
    `Payment cancelled — your slot stays held until ${heldUntil}.`,
  );
  expect((await paymentOf(bookingId)).status).toBe("PENDING");

  // She pays: PayPal approves, we capture, the status page says confirmed.
  await pay.click();
  await expect(page).toHaveURL(new RegExp(`/c/demo/payments/${pending.id}$`));
  const status = page.locator("[data-payment-status]");
  await expect(status).toHaveAttribute("data-payment-status", "PAID");
  await expect(status).toContainText("Payment received — booking confirmed");

  const paid = await paymentOf(bookingId);
  expect(paid).toMatchObject({ status: "PAID", booking_status: "CONFIRMED" });
  const orderId = paid.paypal_order_id!;
  expect(buyer.seen).toEqual([
    { kind: "paypal", orderId },
    { kind: "paypal", orderId },
  ]);
  expect(fake.approvals.filter((a) => a.orderId === orderId)).toEqual([
    { orderId, kind: "paypal" },
  ]);
  expect(fake.capturesPerformed.get(orderId)).toBe(1);
  expect(fake.order(orderId)!.purchase_units[0]).toMatchObject({
    custom_id: paid.id,
    amount: { currency_code: "EUR", value: "15.00" },
  });

  // The confirmation and the receipt are in the outbox.
  const confirmation = await outboxEmail("alice@courtside.test", "booking-confirmed", since);
  expect(confirmation.text).toContain("Court 4");
  await outboxEmail("alice@courtside.test", "payment-notice", since);

  // My bookings lists it as upcoming; she cancels it five days ahead (full refund).
  await page.goto("/c/demo/bookings");
  const slot = `Court 4, ${longDay(date)}, ${time}–${String(Number(time.slice(0, 2)) + 1).padStart(2, "0")}:00`;
  const item = page
    .getByRole("region", { name: "Upcoming" })
    .getByRole("listitem")
    .filter({ hasText: slot });
  await expect(item).toContainText("playing with Gina Guest (guest)");
  await item.getByText("Cancel this booking").click();
  await item.getByLabel(/Reason/).fill("Guest is ill");
  await item.getByRole("button", { name: /Yes, cancel it/ }).click();
  await expect(page).toHaveURL(/\/c\/demo\/bookings\?cancelled=/);
  await expect(page.getByRole("region", { name: "Cancelled" })).toContainText(slot);

  // The worker sends the refund to PayPal; the payment ends REFUNDED.
  await expect
    .poll(async () => (await paymentOf(bookingId)).status, { timeout: 30_000 })
    .toBe("REFUNDED");
  const refunded = await paymentOf(bookingId);
  expect(refunded).toMatchObject({ refunded_amount: 1500, booking_status: "CANCELLED" });
  expect(fake.refundsPerformed.get(refunded.paypal_capture_id!)).toBe(1);
  const refundRequests = fake.requests.filter(
    (r) => r.path === `/v2/payments/captures/${refunded.paypal_capture_id}/refund`,
  );
  expect(refundRequests.length).toBeGreaterThanOrEqual(1);
  expect(new Set(refundRequests.map((r) => r.requestId)).size).toBe(1);

  // She sees it refunded, and is told by email.
  await page.goto(`/c/demo/payments/${paid.id}`);
  await expect(page.locator("[data-payment-status]")).toHaveAttribute(
    "data-payment-status",
    "REFUNDED",
  );
  await expect(page.locator("[data-payment-status]")).toContainText("Refunded: €15.00.");
  const client = await e2eDatabase();
  try {
    await expect
      .poll(async () => {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM email_outbox
           WHERE to_address = 'alice@courtside.test' AND template = 'payment-notice'
             AND created_at >= $1`,
          [since],
        );
        return Number(rows[0]!.n);
      })
      .toBe(2);
  } finally {
    await client.end();
  }
  expect(buyer.blockedPaypalRequests).toEqual([]);
});

test("paying by card: the card is typed in PayPal's frames, never in our page or our requests", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const buyer = await installPaypalSdkFake(page, fake);
  const toUs: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).origin === new URL(baseURL!).origin)
      toUs.push(`${r.method()} ${r.url()} ${r.postData() ?? ""}`);
  });
  await signInAs(page, "alice");
  const { bookingId } = await bookWithGuest(page, parisDate(6));

  // Three PayPal field frames, and not one card input in our own DOM.
  const checkout = page.getByTestId("paypal-checkout");
  await expect(checkout.locator("iframe")).toHaveCount(3);
  const number = page.frameLocator('iframe[title="Card number"]').getByLabel("Card number");
  const expiry = page.frameLocator('iframe[title="Expiry date"]').getByLabel("Expiry date");
  const cvv = page
    .frameLocator('iframe[title="Security code (CVV)"]')
    .getByLabel("Security code (CVV)");
  await expect(number).toBeEditable();
  expect(await cardLikeInputsInMainFrame(page)).toEqual([]);
  await expectNoSeriousA11yViolations(page, "the PayPal checkout");

  // A missing security code is said in the live region; nothing is approved.
  await number.fill("4111 1111 1111 1111");
  await expiry.fill("12/34");
  await page.getByRole("button", { name: "Pay by card" }).click();
  await expect(page.getByTestId("paypal-checkout-message")).toContainText(
    "The card payment could not be completed: Fill in the security code",
  );
  expect(buyer.seen).toEqual([]);

  await cvv.fill("123");
  await page.getByRole("button", { name: "Pay by card" }).click();
  const payment = await paymentOf(bookingId);
  await expect(page).toHaveURL(new RegExp(`/c/demo/payments/${payment.id}$`));
  await expect(page.locator("[data-payment-status]")).toHaveAttribute(
    "data-payment-status",
    "PAID",
  );
  await expect(page.locator("[data-payment-status]")).toContainText(
    "Payment received — booking confirmed",
  );
  expect(await cardLikeInputsInMainFrame(page)).toEqual([]);

  const paid = await paymentOf(bookingId);
  expect(paid).toMatchObject({ status: "PAID", booking_status: "CONFIRMED" });
  const orderId = paid.paypal_order_id!;
  expect(buyer.seen).toEqual([{ kind: "card", orderId, last4: "1111" }]);
  expect(fake.order(orderId)!.payment_source).toEqual({
    card: { last_digits: "1111", brand: "VISA", expiry: "2034-12" },
  });
  expect(fake.capturesPerformed.get(orderId)).toBe(1);

  // Our server was asked for the order and the capture, and never saw the card.
  expect(toUs.some((r) => r.includes(`/api/payments/${paid.id}/paypal/capture`))).toBe(true);
  for (const r of toUs) {
    expect(r).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    expect(r).not.toContain("12/34");
  }
  expect(buyer.blockedPaypalRequests).toEqual([]);
});

test("when PayPal's SDK cannot be loaded, the checkout says so (and it was the sandbox SDK)", async ({
  page,
}) => {
  // No fake SDK this time: the real loader asks PayPal's sandbox host, which is unreachable here.
  const asked: string[] = [];
  await page.route(/^https:\/\/([a-z0-9-]+\.)*paypal(objects)?\.com\//, (route) => {
    asked.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  await signInAs(page, "alice");
  const { bookingId } = await bookWithGuest(page, parisDate(1));
  await expect(page.getByTestId("paypal-checkout-message")).toHaveText(
    "The PayPal checkout could not be loaded. Check your connection and reload the page.",
  );
  expect(asked.length).toBeGreaterThanOrEqual(1);
  expect(new URL(asked[0]!).origin + new URL(asked[0]!).pathname).toBe(
    "https://www.sandbox.paypal.com/web-sdk/v6/core",
  );
  expect(await cardLikeInputsInMainFrame(page)).toEqual([]);

  // She gives up: the pending booking is cancelled and costs nothing.
  await page.getByText("Cancel this booking").click();
  await page.getByRole("button", { name: /Yes, cancel it/ }).click();
  await expect.poll(async () => (await paymentOf(bookingId)).booking_status).toBe("CANCELLED");
  expect((await paymentOf(bookingId)).status).toBe("FAILED");
});
