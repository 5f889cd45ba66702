/**
 * Club setup in the admin area: the demo manager signs in with two-factor authentication, adds a
 * court and sets its hours (the public planning follows), then lengthens the Junior tier's booking
 * horizon and sees the grid change for Emma, a Junior member — in the "test as member" view and in
 * Emma's own availability. The demo data is put back at the end.
 */
import type { Page } from "@playwright/test";
import { signInStaff } from "./auth-helpers";
import { expectNoSeriousA11yViolations, parisDate, signInAs } from "./booking-helpers";
import { expect, test } from "./fixtures";

const COURT = "Court E2E";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

type Availability = {
  viewer: { tierName: string | null };
  grid: {
    courts: { id: string; name: string; hours: { opens: string; closes: string } | null }[];
    rows: { cells: ({ status: string; bookable?: boolean; reason?: { rule: string } } | null)[] }[];
  };
};

async function setJuniorHorizon(page: Page, days: string) {
  await page.goto("/c/demo/admin/tiers");
  await page.getByText(/^Junior ·/).click();
  const form = page.getByRole("form", { name: "Rules of Junior" });
  await form.getByLabel("Booking horizon (days ahead)").fill(days);
  await form.getByRole("button", { name: "Save Junior" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tier saved" })).toBeVisible();
}

function freeCells(a: Availability) {
  return a.grid.rows.flatMap((r) => r.cells).filter((c) => c?.status === "free");
}

test("a manager adds a court, sets its hours and widens a tier's horizon; the grid follows", async ({
  page,
  browser,
  baseURL,
}) => {
  // The TOTP sign-in may have to wait for the next 30-second step.
  test.setTimeout(90_000);
  await signInStaff(page, "manager");

  // Every club-setup screen passes an accessibility scan.
  for (const section of ["courts", "hours", "tiers", "prices", "settings"]) {
    await page.goto(`/c/demo/admin/${section}`);
    await expectNoSeriousA11yViolations(page, `admin ${section}`);
  }

  // Courts: add one.
  await page.goto("/c/demo/admin/courts");
  await expect(page.getByRole("navigation", { name: "Club admin" })).toBeVisible();
  const add = page.getByRole("form", { name: "Add a court" });
  await add.getByLabel("Name").fill(COURT);
  await add.getByLabel("Surface").selectOption("CLAY");
  await add.getByLabel("Floodlights").check();
  await add.getByRole("button", { name: "Add court" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Court “${COURT}” added` }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: COURT, level: 3 })).toBeVisible();

  // Opening hours: the new court opens 07:00–09:00 every day.
  await page.goto("/c/demo/admin/hours");
  await page.getByText(`Hours of ${COURT}`, { exact: true }).click();
  const hours = page.getByRole("form", { name: `Hours of ${COURT}` });
  for (const day of WEEKDAYS) {
    await hours.getByLabel(day, { exact: true }).selectOption("custom");
    await hours.getByLabel(`${day} opens (own hours)`).fill("07:00");
    await hours.getByLabel(`${day} closes (own hours)`).fill("09:00");
  }
  await hours.getByRole("button", { name: `Save hours of ${COURT}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Court hours saved" })).toBeVisible();

  // The public planning shows the court with those hours.
  const day = parisDate(2);
  const planning = (await (
    await page.request.get(`/api/c/demo/availability?date=${day}`)
  ).json()) as Availability;
  expect(planning.grid.courts.find((c) => c.name === COURT)?.hours).toEqual({
    opens: "07:00",
    closes: "09:00",
  });
  await page.goto(`/c/demo/planning?date=${day}`);
  await expect(page.getByText(COURT).first()).toBeVisible();

  // Emma (Junior: 3 days ahead) cannot book a day 6 days ahead yet.
  const target = parisDate(6);
  const emmaContext = await browser.newContext({ baseURL });
  const emma = await emmaContext.newPage();
  await signInAs(emma, "emma");
  const emmaView = async () =>
    (await (
      await emma.request.get(`/api/c/demo/availability?date=${target}`)
    ).json()) as Availability;
  const before = await emmaView();
  expect(before.viewer.tierName).toBe("Junior");
  expect(freeCells(before).length).toBeGreaterThan(0);
  expect(freeCells(before).filter((c) => c?.bookable)).toEqual([]);
  expect(freeCells(before).map((c) => c?.reason?.rule)).toContain("NOT_OPEN_YET");

  // The manager widens the Junior horizon to 10 days.
  await setJuniorHorizon(page, "10");

  // "Test as member": the manager sees Emma's grid for that day, now with bookable slots.
  const emmaOption = page.getByRole("option", { name: /Emma Leroy/ });
  await page
    .getByLabel("Member", { exact: true })
    .selectOption((await emmaOption.getAttribute("value")) ?? "");
  await page.getByLabel("Day", { exact: true }).fill(target);
  await page.getByRole("button", { name: "Show their planning" }).click();
  const summary = page.getByTestId("test-as-summary");
  await expect(summary).toContainText("bookable by Emma Leroy");
  expect(Number(/^(\d+) of/.exec((await summary.textContent()) ?? "")?.[1])).toBeGreaterThan(0);

  // And Emma's own grid agrees.
  const after = await emmaView();
  expect(freeCells(after).filter((c) => c?.bookable).length).toBeGreaterThan(0);
  expect(freeCells(after).map((c) => c?.reason?.rule)).not.toContain("NOT_OPEN_YET");
  await emmaContext.close();

  // Put the demo data back: the Junior horizon, and the court (never booked, so it can go).
  await setJuniorHorizon(page, "3");
  await page.goto("/c/demo/admin/courts");
  await page.getByRole("button", { name: `Delete ${COURT}` }).click();
  await expect(page).toHaveURL(/done=court-deleted/);
  await expect(page.getByRole("status").filter({ hasText: "Court deleted" })).toBeVisible();
  await expect(page.getByRole("heading", { name: COURT, level: 3 })).toHaveCount(0);
});

test("a manager sets a guest price and is told a bad time zone by name", async ({ page }) => {
  // The TOTP sign-in may have to wait for the next 30-second step.
  test.setTimeout(90_000);
  await signInStaff(page, "manager");

  await page.goto("/c/demo/admin/prices");
  const add = page.getByRole("form", { name: "Add a price" });
  await add.getByLabel("Name").fill("E2E guest fee");
  await add.getByLabel("Saturday").uncheck();
  await add.getByLabel("Sunday").uncheck();
  await add.getByLabel("From").fill("18:00");
  await add.getByLabel("Until").fill("22:00");
  await add.getByLabel("Who pays it").selectOption("GUEST");
  await add.getByLabel(/Amount per player and per hour/).fill("12.50");
  await add.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Price added" })).toBeVisible();
  const row = page.getByRole("row", { name: /E2E guest fee/ });
  await expect(row).toContainText("Monday to Friday");
  await expect(row).toContainText("18:00–22:00");
  await expect(row).toContainText("€12.50");

  // The preview prices a weekday evening booking of one member and two guests with it.
  let weekday = parisDate(1);
  for (let i = 2; [0, 6].includes(new Date(`${weekday}T12:00:00Z`).getUTCDay()); i++) {
    weekday = parisDate(i);
  }
  const quote = page.getByRole("region", { name: "What would a booking cost?" });
  await quote.getByLabel("Date").fill(weekday);
  await quote.getByLabel("Start (local time)").fill("18:00");
  await quote.getByLabel("Minutes", { exact: true }).fill("60");
  await quote.getByLabel("Members", { exact: true }).fill("1");
  await quote.getByLabel("Guests", { exact: true }).fill("2");
  await quote.getByRole("button", { name: "Show the price" }).click();
  const result = page.getByTestId("price-quote");
  await expect(result).toContainText("Total: €25.00");
  await expect(result).toContainText("E2E guest fee: 2 guests × 60 min at €12.50/hour = €25.00");

  await row.getByRole("button", { name: "Remove E2E guest fee" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Price removed" })).toBeVisible();
  await expect(page.getByRole("row", { name: /E2E guest fee/ })).toHaveCount(0);

  await page.goto("/c/demo/admin/settings");
  await expect(page.getByText(/never moves, shortens or cancels/)).toBeVisible();
  await page.getByRole("textbox", { name: "Time zone" }).fill("Europe/Atlantis");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please correct" })).toBeVisible();
  await expect(page.getByText("must be an IANA time zone such as Europe/Paris")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Time zone" })).toHaveValue("Europe/Atlantis");
});

test("staff are refused the club-setup screens", async ({ page }) => {
  await signInStaff(page, "staff");
  for (const section of ["courts", "hours", "tiers", "prices", "settings"]) {
    const res = await page.goto(`/c/demo/admin/${section}`);
    expect(res?.status(), section).toBe(404);
  }
});
