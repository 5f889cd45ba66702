/**
 * The Paybox journey (ADR 011, 012), against the production build and the Paybox page /
 * PPPS fake started here: a player books with a guest (a fee), continues to the hosted page,
 * pays there, comes back to "processing" — the booking is confirmed only once the signed IPN has
 * arrived — then cancels, and the worker refunds through Paybox Direct. A Cancel on the hosted
 * page brings the player back with the slot still held.
 */
import { expect, test } from "./fixtures";
import { parisDate, signInAs } from "./booking-helpers";
import { paymentOf, setUpPaybox, type PayboxSetup } from "./paybox-helpers";
import type { Page } from "@playwright/test";

let paybox: PayboxSetup;

test.beforeAll(async () => {
  paybox = await setUpPaybox(1200);
});

test.afterAll(async () => {
  await paybox?.restore();
});

/** Books the first free court of the day with one guest; returns the booking id (on the pay page). */
async function bookWithGuest(page: Page, date: string): Promise<string> {
  await page.goto(`/c/demo/planning?date=${date}`);
  await page
    .getByRole("link", { name: /^Book Court [1-4] at 1\d:\d\d$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Book Court \d$/);
  await page.getByRole("radio", { name: /^60 minutes/ }).check();
  await page.getByLabel("Guest 1 name").fill("Gaëlle Invitée");
  await page.getByRole("button", { name: /^Confirm booking of/ }).click();
  await expect(page).toHaveURL(/\/c\/demo\/bookings\/[0-9a-f-]{36}\/pay$/);
  return /bookings\/([0-9a-f-]{36})\/pay$/.exec(page.url())![1]!;
}

async function continueToPaybox(page: Page) {
  await page.getByRole("button", { name: "Continue to the secure payment page (Paybox)" }).click();
  await expect(page).toHaveURL(paybox.fake.pageUrl);
  await expect(page.getByRole("heading", { name: "Paybox test payment page" })).toBeVisible();
}

test("pay on the Paybox page: processing until the IPN, confirmed, then cancelled and refunded through Paybox Direct", async ({
  page,
}) => {
  await signInAs(page, "alice");
  const bookingId = await bookWithGuest(page, parisDate(3));
  await expect(page.getByTestId("checkout-total")).toHaveText("€12.00");
  await continueToPaybox(page);

  // The IPN waits until we have seen the return page: the browser comes back first.
  paybox.fake.deferIpn = true;
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page).toHaveURL(/\/c\/demo\/payments\/[0-9a-f-]{36}\?return=effectue&/);
  const status = page.getByRole("status");
  await expect(status).toContainText("Processing your payment… this page updates by itself.");
  expect((await paymentOf(bookingId))!.status).toBe("PENDING");

  paybox.fake.deferIpn = false;
  expect(await paybox.fake.releaseIpns()).toEqual([200]);
  await expect(status).toContainText("Payment received — booking confirmed", { timeout: 10_000 });
  const paid = (await paymentOf(bookingId))!;
  expect(paid).toMatchObject({ status: "PAID", booking_status: "CONFIRMED", amount: 1200 });
  const statusUrl = new URL(page.url()).pathname;

  // Cancel from My bookings: a full refund under the demo club's policy, sent by the worker.
  await page.getByRole("link", { name: "See my bookings" }).click();
  const cancel = page.locator("details", { has: page.locator(`#cancel-${bookingId}-reason`) });
  await cancel.locator("summary").click();
  await cancel.getByRole("button", { name: /Yes, cancel it/ }).click();
  await expect(page.getByRole("status").first()).toContainText("Your booking is cancelled");

  await page.goto(statusUrl);
  await expect(page.getByRole("status")).toContainText("Refunded: €12.00.", { timeout: 15_000 });
  expect(await paymentOf(bookingId)).toMatchObject({ status: "REFUNDED", refunded_amount: 1200 });
  const txn = [...paybox.fake.transactions.values()].find((t) => t.amount === 1200 && t.refunded);
  expect(txn?.refunded).toBe(1200);
  expect(paybox.fake.refunds.filter((r) => r.numTrans === txn!.numTrans)).toHaveLength(1);
});

test("Cancel on the Paybox page: back on our page, the slot stays held, the player can try again", async ({
  page,
}) => {
  await signInAs(page, "alice");
  const bookingId = await bookWithGuest(page, parisDate(4));
  await continueToPaybox(page);
  const deliveries = paybox.fake.ipnDeliveries.length;
  await page.getByRole("button", { name: "Cancel", exact: true }).click();

  await expect(page).toHaveURL(/\/c\/demo\/payments\/[0-9a-f-]{36}\?return=annule&/);
  await expect(page.getByRole("status")).toContainText(
    /The payment was cancelled on the payment page; your slot stays held until \d\d:\d\d — try again\./,
  );
  expect(paybox.fake.ipnDeliveries.length).toBe(deliveries);
  expect(await paymentOf(bookingId)).toMatchObject({
    status: "PENDING",
    booking_status: "PENDING_PAYMENT",
  });

  await page.getByRole("link", { name: "Try the payment again" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/demo/bookings/${bookingId}/pay$`));
  // The checkout runs under its own CSP (a full page load), so the form can reach Paybox again.
  await continueToPaybox(page);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/c/demo/bookings/${bookingId}/pay$`));

  // Give the slot back.
  await page.locator("summary", { hasText: "Cancel this booking" }).click();
  await page.getByRole("button", { name: /Yes, cancel it/ }).click();
  await expect(page).toHaveURL(/\/c\/demo\/planning/);
  expect(await paymentOf(bookingId)).toMatchObject({ booking_status: "CANCELLED" });
});
