/**
 * The player's journeys (ADR 007, 008): book from the grid with a partner, see it on the grid, get the
 * confirmation with its .ics, cancel it; a refused cell says why; booking by keyboard alone; the
 * waiting list's emailed link opens the booking prefilled. Demo club data (scripts/seed/demo.ts):
 * Court 4 has no seeded bookings; Chloé books Court 2 10:30–12:00 every day; Emma is a Junior
 * (3 days ahead).
 */
import { expect, test } from "./fixtures";
import { longDay, outboxEmail, parisDate, signInAs, tabTo } from "./booking-helpers";

function icsText(mail: { attachments: { filename: string; contentBase64: string }[] }): string {
  const ics = mail.attachments.find((a) => a.filename.endsWith(".ics"));
  expect(ics, "an .ics attachment").toBeDefined();
  return Buffer.from(ics!.contentBase64, "base64").toString("utf8");
}

test("a player books a court with a partner from the grid, sees it, gets the confirmation with an .ics and cancels it", async ({
  page,
  browser,
}) => {
  const since = new Date();
  const date = parisDate(2);
  await signInAs(page, "alice");
  await page.goto(`/c/demo/planning?date=${date}`);
  await page.getByRole("link", { name: "Book Court 4 at 14:00", exact: true }).click();

  await expect(page).toHaveURL(/\/c\/demo\/book\?court=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book Court 4");
  await expect(page.locator("#booking-summary")).toContainText(`${longDay(date)} at 14:00`);
  await page.getByLabel("Find a club member by name").fill("bob");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Add Bob Durand as a partner" }).click();
  await expect(page.getByRole("list", { name: "Partners you chose" })).toHaveText(/Bob Durand/);
  await page.getByRole("radio", { name: /^60 minutes/ }).check();
  await page.getByRole("button", { name: "Confirm booking of Court 4 at 14:00" }).click();

  // Back on the grid, with the booking on it at once.
  await expect(page).toHaveURL(new RegExp(`/c/demo/planning\\?date=${date}&booked=`));
  await expect(page.getByRole("status")).toContainText(
    "Your booking is confirmed: Court 4, 14:00–15:00",
  );
  const mine = page.getByRole("link", { name: "Your booking Court 4 at 14:00", exact: true });
  await expect(mine).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Your booking Court 4 at 14:30", exact: true }),
  ).toBeVisible();

  // … and for everyone: a visitor sees the slot booked.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/c/demo/planning?date=${date}`);
  const row = visitorPage.locator("tbody tr", {
    has: visitorPage.locator("th time", { hasText: /^14:00$/ }),
  });
  await expect(row.locator("td").nth(3)).toHaveAttribute("data-status", "booked");
  await visitor.close();

  // The confirmation, with its .ics, to the booker and the partner.
  for (const to of ["alice@courtside.test", "bob@courtside.test"]) {
    const mail = await outboxEmail(to, "booking-confirmed", since);
    expect(icsText(mail)).toContain("BEGIN:VEVENT");
  }

  // My bookings: the .ics download, then cancellation with a reason.
  await mine.click();
  await expect(page).toHaveURL(/\/c\/demo\/bookings#booking-/);
  const item = page
    .getByRole("listitem")
    .filter({ hasText: `Court 4, ${longDay(date)}, 14:00–15:00` });
  await expect(item).toContainText("You booked it; playing with Bob Durand.");
  const href = await item
    .getByRole("link", { name: /Download the calendar file/ })
    .getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("text/calendar");
  expect(await download.text()).toContain("BEGIN:VCALENDAR");

  await item.getByText("Cancel this booking").click();
  await item.getByLabel(/Reason/).fill("Rain forecast");
  await item.getByRole("button", { name: /Yes, cancel it/ }).click();
  await expect(page).toHaveURL(/\/c\/demo\/bookings\?cancelled=/);
  await expect(page.getByRole("status")).toContainText("Your booking is cancelled");
  const cancelled = page.getByRole("region", { name: "Cancelled" });
  await expect(cancelled).toContainText(`Court 4, ${longDay(date)}, 14:00–15:00`);
  await expect(cancelled).toContainText("Reason given: Rain forecast");
  const notice = await outboxEmail("bob@courtside.test", "booking-cancelled", since);
  expect(icsText(notice)).toContain("METHOD:CANCEL");

  // The slot is free again on the grid.
  await page.goto(`/c/demo/planning?date=${date}`);
  await expect(
    page.getByRole("link", { name: "Book Court 4 at 14:00", exact: true }),
  ).toBeVisible();
});

test("a free cell the player may not book shows the rule that refuses it", async ({ page }) => {
  await signInAs(page, "emma");
  await page.goto(`/c/demo/planning?date=${parisDate(5)}`);
  // Juniors book 3 days ahead: every free cell of this day is refused, and says why.
  await expect(page.getByTestId("day-refusal")).toContainText(
    "Junior members can book 3 days ahead. This day opens for booking on",
  );
  await expect(page.getByRole("link", { name: /^Book / })).toHaveCount(0);
  const cell = page.locator('td:has(details[data-rule="NOT_OPEN_YET"])').first();
  const reason = cell.getByText(/Junior members can book 3 days ahead/);
  await expect(reason).toBeHidden();
  await cell.getByText("Free, not for you").click();
  await expect(reason).toBeVisible();
  await expect(cell.locator("details")).toHaveAttribute("data-rule", "NOT_OPEN_YET");
});

test("keyboard-only booking: from the grid to the confirmation without a pointer", async ({
  page,
}) => {
  const date = parisDate(3);
  await signInAs(page, "chloe");
  await page.goto(`/c/demo/planning?date=${date}`);
  await tabTo(page, /^Book Court 4 at 15:00$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/c\/demo\/book\?court=/);

  await tabTo(page, /^Find a club member by name/);
  await page.keyboard.type("david");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("partner-results")).toContainText("David Moreau");
  await tabTo(page, /^Add David Moreau as a partner$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Partners you chose" })).toHaveText(/David Moreau/);

  // The duration: Tab reaches the chosen radio, the arrow keys change it.
  await tabTo(page, /^60 minutes/);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /^90 minutes/ })).toBeChecked();
  await tabTo(page, /^Confirm booking of Court 4 at 15:00$/);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/c/demo/planning\\?date=${date}&booked=`));
  await expect(page.getByRole("status")).toContainText(
    "Your booking is confirmed: Court 4, 15:00–16:30",
  );
});

test("waiting list: a player waits for a taken slot; when it frees, the emailed link opens the booking prefilled", async ({
  page,
  browser,
}) => {
  const since = new Date();
  const date = parisDate(4);
  await signInAs(page, "bob");
  await page.goto(`/c/demo/planning?date=${date}`);
  await page
    .getByRole("link", { name: "Join the waiting list for Court 2 at 10:30", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "This slot is taken" })).toBeVisible();
  await page.getByRole("radio", { name: "60 minutes" }).check();
  await page.getByRole("button", { name: "Join the waiting list" }).click();
  await expect(page.getByRole("status")).toContainText("You are on the waiting list for this slot");

  // Chloé, who booked it, cancels it from her bookings.
  const chloe = await browser.newContext();
  const chloePage = await chloe.newPage();
  await signInAs(chloePage, "chloe");
  await chloePage.goto("/c/demo/bookings");
  const item = chloePage
    .getByRole("listitem")
    .filter({ hasText: `Court 2, ${longDay(date)}, 10:30–12:00` });
  await item.getByText("Cancel this booking").click();
  await item.getByRole("button", { name: /Yes, cancel it/ }).click();
  await expect(chloePage.getByRole("status")).toContainText("Your booking is cancelled");
  await chloe.close();

  // Bob's email links to the booking, prefilled.
  const offer = await outboxEmail("bob@courtside.test", "waitlist-offer", since);
  const link = /https?:\/\/\S+\/c\/demo\/planning\?\S+/.exec(offer.text)?.[0];
  expect(link, "a link in the waiting-list email").toBeTruthy();
  const url = new URL(link!);
  await page.goto(url.pathname + url.search);
  await expect(page).toHaveURL(/\/c\/demo\/book\?court=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book Court 2");
  await expect(page.locator("#booking-summary")).toContainText(`${longDay(date)} at 10:30`);
  await expect(page.getByRole("radio", { name: /^60 minutes/ })).toBeChecked();
  await page.getByLabel("Find a club member by name").fill("Alice");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Add Alice Martin as a partner" }).click();
  await expect(page.getByRole("list", { name: "Partners you chose" })).toHaveText(/Alice Martin/);
  await page.getByRole("button", { name: "Confirm booking of Court 2 at 10:30" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Your booking is confirmed: Court 2, 10:30–11:30",
  );
  // Booked: the waiting-list entry is closed.
  await page.goto("/c/demo/bookings");
  await expect(page.getByRole("region", { name: "Waiting list" })).toContainText(
    "You are not waiting for any slot",
  );
});

test("booking from the grid works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const date = parisDate(5);
  await signInAs(page, "david");
  await page.goto(`/c/demo/planning?date=${date}`);
  await page.getByRole("link", { name: "Book Court 4 at 16:00", exact: true }).click();
  // Alone: the rule that refuses it comes back in the page.
  await page.getByRole("button", { name: "Confirm booking of Court 4 at 16:00" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "This court is booked for 2 or 4 players, you named 1",
  );
  await page.getByLabel("Find a club member by name").fill("emma");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Add Emma Leroy as a partner" }).click();
  await expect(page.getByRole("list", { name: "Partners you chose" })).toHaveText(/Emma Leroy/);
  await page.getByRole("button", { name: "Confirm booking of Court 4 at 16:00" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/demo/planning\\?date=${date}&booked=`));
  await expect(page.getByRole("status")).toContainText(
    "Your booking is confirmed: Court 4, 16:00–17:00",
  );
  // … shown on the grid as the player's own.
  await page.goto(`/c/demo/planning?date=${date}`);
  await expect(
    page.getByRole("link", { name: "Your booking Court 4 at 16:00", exact: true }),
  ).toBeVisible();
  await context.close();
});
