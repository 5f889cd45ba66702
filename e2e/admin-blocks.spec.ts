/**
 * The dashboard, blocks and bookings of the club admin area, in a real browser against the
 * production build. The demo manager signs in with 2FA, creates a recurring weekly lesson block on
 * Court 4 that collides with two bookings (Alice's and Bob's), sees them listed first, cancels them
 * with a reason, and the players get cancellation emails (read from email_outbox). The demo staff member then finds a booking, cancels it on the member's behalf and
 * books a court for a walk-in guest. Court 4 has no seeded bookings (scripts/seed/demo.ts).
 */
import { expect, e2eDatabase, test } from "./fixtures";
import { signInStaff } from "./auth-helpers";
import { expectNoSeriousA11yViolations, longDay, outboxEmail, parisDate } from "./booking-helpers";

/** A confirmed booking of Court 4 for demo players, straight in the database. */
async function seedBooking(
  date: string,
  from: string,
  to: string,
  emails: string[],
): Promise<string> {
  const client = await e2eDatabase();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO booking (club_id, court_id, starts_at, ends_at, status, created_by_id)
       SELECT c.id, ct.id, ($1::date + $2::time) AT TIME ZONE c.time_zone,
              ($1::date + $3::time) AT TIME ZONE c.time_zone, 'CONFIRMED',
              (SELECT id FROM app_user WHERE email = $4)
       FROM club c JOIN court ct ON ct.club_id = c.id AND ct.name = 'Court 4'
       WHERE c.slug = 'demo' RETURNING id`,
      [date, from, to, emails[0]],
    );
    const id = rows[0]!.id;
    for (const email of emails) {
      await client.query(
        `INSERT INTO booking_player (booking_id, user_id) SELECT $1, id FROM app_user WHERE email = $2`,
        [id, email],
      );
    }
    return id;
  } finally {
    await client.end();
  }
}

test("a manager creates a weekly lesson block that collides with two bookings, cancels them, and the players are told", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const since = new Date();
  const first = parisDate(14);
  const second = parisDate(21);
  await seedBooking(first, "18:00", "19:00", ["alice@courtside.test"]);
  await seedBooking(second, "17:30", "18:30", ["bob@courtside.test"]);

  await signInStaff(page, "manager", { next: "/c/demo/admin" });
  // The dashboard.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("admin");
  await expect(page.getByRole("heading", { name: /^Today, / })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Security events" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the admin dashboard");
  await page
    .getByRole("navigation", { name: "Club admin" })
    .getByRole("link", { name: "Blocks" })
    .click();
  await expect(page).toHaveURL(/\/c\/demo\/admin\/blocks$/);

  const form = page.getByRole("form", { name: "New block" });
  await form.getByLabel("Court").selectOption({ label: "Court 4" });
  await form.getByLabel("Kind").selectOption("LESSON");
  await form.getByLabel("Title (shown in the planning)").fill("Junior squad");
  await form.getByLabel("Date").fill(first);
  await form.getByLabel("From").fill("18:00");
  await form.getByLabel("Until", { exact: true }).fill("19:00");
  await form.getByLabel("Repeat", { exact: true }).selectOption("weekly");
  await form.getByLabel("Repeat until (weekly only)").fill(parisDate(28));
  await form.getByRole("button", { name: "Check for collisions" }).click();

  // The preview lists the two colliding bookings before anything is written.
  const preview = page.getByRole("region", { name: /^Preview: Junior squad/ });
  await expect(preview).toContainText("3 occurrence(s). 2 booking(s) collide with this block.");
  const listed = preview.getByTestId("colliding-booking");
  await expect(listed).toHaveCount(2);
  await expect(listed.nth(0)).toContainText("Court 4 18:00–19:00: Alice Martin");
  await expect(listed.nth(1)).toContainText("Court 4 17:30–18:30: Bob Durand");
  await expect(preview.getByRole("cell", { name: longDay(first) })).toBeVisible();

  await expectNoSeriousA11yViolations(page, "the block preview");
  await preview
    .getByLabel("Reason told to the players whose bookings are cancelled")
    .fill("Junior squad training starts on this court");
  await preview
    .getByRole("button", { name: "Cancel these 2 booking(s) and create the block" })
    .click();
  await expect(page.getByRole("status")).toContainText(
    "Block created: 3 date(s), 2 booking(s) cancelled and the players told.",
  );
  const rows = page.getByTestId("block-row").filter({ hasText: "Junior squad" });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("18:00–19:00 · Court 4 · weekly (3 to come)");

  // Both players are emailed the cancellation with the reason.
  for (const to of ["alice@courtside.test", "bob@courtside.test"]) {
    const mail = await outboxEmail(to, "booking-cancelled", since);
    expect(mail.text).toContain("Junior squad training starts on this court");
  }
  const client = await e2eDatabase();
  try {
    const { rows: cancelled } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking WHERE status = 'CANCELLED' AND cancel_reason = $1`,
      ["Junior squad training starts on this court"],
    );
    expect(cancelled[0]!.n).toBe(2);
  } finally {
    await client.end();
  }

  // The whole series can be removed at once.
  await rows.first().getByLabel("Remove", { exact: true }).selectOption("series");
  await rows.first().getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Removed 3 date(s).");
  await expect(page.getByTestId("block-row").filter({ hasText: "Junior squad" })).toHaveCount(0);
});

test("staff find a booking, cancel it for the member with a reason, and book a court for a walk-in", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const since = new Date();
  const date = parisDate(9);
  await seedBooking(date, "09:00", "10:00", ["david@courtside.test"]);

  await signInStaff(page, "staff", { next: "/c/demo/admin/bookings" });
  const filters = page.getByRole("form", { name: "Filter bookings" });
  await filters.getByLabel("From date").fill(date);
  await filters.getByLabel("To date").fill(date);
  await filters.getByLabel("Court").selectOption({ label: "Court 4" });
  await filters.getByLabel("Player or guest name, or email").fill("david");
  await filters.getByRole("button", { name: "Show bookings" }).click();
  await expect(page).toHaveURL(/member=david/);
  await expect(page.getByRole("heading", { name: "1 booking(s)" })).toBeVisible();
  const row = page.getByTestId("booking-row");
  await expect(row).toContainText("David Moreau");
  await expectNoSeriousA11yViolations(page, "the admin bookings list");

  await row.getByLabel("Reason told to the players").fill("Net being replaced");
  await row.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByRole("status")).toContainText("Booking cancelled.");
  await expect(page).toHaveURL(/member=david/);
  await expect(page.getByTestId("booking-row")).toContainText("Reason: Net being replaced");
  const mail = await outboxEmail("david@courtside.test", "booking-cancelled", since);
  expect(mail.text).toContain("Net being replaced");

  const book = page.getByRole("form", { name: "Book a court" });
  await book.getByLabel("Court").selectOption({ label: "Court 4" });
  await book.getByLabel("Date").fill(date);
  await book.getByLabel("Start time").fill("09:00");
  await book.getByLabel("Duration (minutes)").fill("60");
  await book.getByLabel("Walk-in guest's name (when no member)").fill("Walter Walk-in");
  await book.getByRole("button", { name: "Book the court" }).click();
  await expect(page.getByRole("status")).toContainText("Booking made.");
  await expect(
    page.getByTestId("booking-row").filter({ hasText: "Walter Walk-in (guest)" }),
  ).toBeVisible();

  // The same slot again is refused by the overlap rule, with the form kept.
  const again = page.getByRole("form", { name: "Book a court" });
  await again.getByLabel("Court").selectOption({ label: "Court 4" });
  await again.getByLabel("Date").fill(date);
  await again.getByLabel("Start time").fill("09:30");
  await again.getByLabel("Walk-in guest's name (when no member)").fill("Second Walk-in");
  await again.getByRole("button", { name: "Book the court" }).click();
  await expect(
    page.getByRole("region", { name: /^Book a court for a member/ }).getByRole("alert"),
  ).toContainText("This court is already taken");
});

test("blocks work without JavaScript: preview, then create a one-off maintenance block", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signInStaff(page, "owner", { next: "/c/demo/admin/blocks" });
    const date = parisDate(33);
    const form = page.getByRole("form", { name: "New block" });
    await form.getByLabel("Court").selectOption({ label: "Court 4" });
    await form.getByLabel("Kind").selectOption("MAINTENANCE");
    await form.getByLabel("Title (shown in the planning)").fill("Line repainting");
    await form.getByLabel("Date").fill(date);
    await form.getByLabel("From").fill("07:00");
    await form.getByLabel("Until", { exact: true }).fill("09:00");
    await form.getByRole("button", { name: "Check for collisions" }).click();
    const preview = page.getByRole("region", { name: /^Preview: Line repainting/ });
    await expect(preview).toContainText("1 occurrence(s). No booking collides with this block.");
    await preview.getByRole("button", { name: "Create the block" }).click();
    await expect(page.getByRole("status")).toContainText("Block created: 1 date(s).");
    await expect(
      page.getByTestId("block-row").filter({ hasText: "Line repainting" }),
    ).toContainText("07:00–09:00 · Court 4");
  } finally {
    await context.close();
  }
});
