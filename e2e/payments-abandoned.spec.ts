/**
 * An abandoned payment releases the slot after the hold (ADR 012). A player books a
 * slot with a fee, reaches the checkout and walks away. The hold is 15 minutes; the test does not
 * wait them out — it moves the payment's hold end to the past in the database (time passing),
 * then the real worker (payment job every second in e2e) expires it: the booking is cancelled,
 * the court is free on the planning and another player books it.
 */
import { expect, test, e2eDatabase } from "./fixtures";
import { parisDate, signInAs } from "./booking-helpers";
import { setUpPaybox, type PayboxSetup } from "./paybox-helpers";

let paybox: PayboxSetup;

test.beforeAll(async () => {
  paybox = await setUpPaybox(900);
});

test.afterAll(async () => {
  await paybox?.restore();
});

test("an abandoned checkout releases the court when its hold ends", async ({ browser }) => {
  const alice = await browser.newPage();
  await signInAs(alice, "alice");
  const date = parisDate(5);
  await alice.goto(`/c/demo/planning?date=${date}`);
  const slot = alice.getByRole("link", { name: /^Book Court [1-4] at 1\d:\d\d$/ }).first();
  const slotName = (await slot.getAttribute("aria-label")) ?? (await slot.innerText());
  await slot.click();
  await alice.getByRole("radio", { name: /^60 minutes/ }).check();
  await alice.getByLabel("Guest 1 name").fill("Walter Away");
  await alice.getByRole("button", { name: /^Confirm booking of/ }).click();
  await expect(alice).toHaveURL(/\/c\/demo\/bookings\/[0-9a-f-]{36}\/pay$/);
  const bookingId = /bookings\/([0-9a-f-]{36})\/pay$/.exec(alice.url())![1]!;
  await expect(alice.getByRole("status").first()).toContainText("The court is held for you until");
  await expect(alice.getByTestId("checkout-total")).toHaveText("€9.00");

  // Held: the slot is not offered to anybody else.
  const bob = await browser.newPage();
  await signInAs(bob, "bob");
  await bob.goto(`/c/demo/planning?date=${date}`);
  await expect(bob.getByRole("link", { name: slotName, exact: true })).toHaveCount(0);

  // Alice walks away; fifteen minutes pass.
  const db = await e2eDatabase();
  try {
    await db.query(
      `UPDATE payment SET hold_expires_at = now() - interval '1 second' WHERE booking_id = $1`,
      [bookingId],
    );
    await expect
      .poll(
        async () =>
          (
            await db.query<{ p: string; b: string }>(
              `SELECT p.status::text AS p, b.status::text AS b FROM payment p
               JOIN booking b ON b.id = p.booking_id WHERE b.id = $1`,
              [bookingId],
            )
          ).rows[0],
        { timeout: 15_000 },
      )
      .toEqual({ p: "EXPIRED", b: "CANCELLED" });
  } finally {
    await db.end();
  }

  // The court is free again: Bob sees it and books it.
  await bob.reload();
  await bob.getByRole("link", { name: slotName, exact: true }).click();
  await bob.getByRole("radio", { name: /^60 minutes/ }).check();
  await bob.getByLabel("Guest 1 name").fill("Bea Guest");
  await bob.getByRole("button", { name: /^Confirm booking of/ }).click();
  await expect(bob).toHaveURL(/\/c\/demo\/bookings\/[0-9a-f-]{36}\/pay$/);
  await expect(bob.getByRole("status").first()).toContainText("The court is held for you until");

  // Alice's checkout now explains what happened.
  await alice.reload();
  const notice = alice.getByRole("alert").filter({ hasText: "This booking was not paid in time" });
  await expect(notice).toContainText("No money was taken");
  await alice.close();
  await bob.close();
});
