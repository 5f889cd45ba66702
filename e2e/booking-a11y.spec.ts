/**
 * WCAG 2.2 AA (docs/architecture.md): axe-core finds no serious or critical violation on the planning grid (as a
 * visitor and as a member, with a refusal disclosed), the booking page (with partner search
 * results, and for a taken slot) and My bookings (with a cancellation form open).
 */
import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations, parisDate, signInAs } from "./booking-helpers";

test("planning grid as a visitor", async ({ page }) => {
  await page.goto(`/c/demo/planning?date=${parisDate(1)}`);
  await expect(page.getByRole("link", { name: "Sign in to book" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "planning (visitor)");
});

test("planning grid with refused cells, one of them disclosed", async ({ page }) => {
  await signInAs(page, "emma");
  await page.goto(`/c/demo/planning?date=${parisDate(5)}`);
  await page.locator('td[data-bookable="false"] summary').first().click();
  await expectNoSeriousA11yViolations(page, "planning (refusals)");
});

test("planning grid, booking page, taken slot and my bookings of a member", async ({ page }) => {
  // A sign-in, a booking and four full axe scans: about 15 s alone, close to 30 s on a busy machine.
  test.setTimeout(60_000);
  const date = parisDate(6);
  await signInAs(page, "david");
  await page.goto(`/c/demo/planning?date=${date}`);
  await expect(
    page.getByRole("link", { name: "Book Court 4 at 14:00", exact: true }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page, "planning (member)");

  await page.getByRole("link", { name: "Book Court 4 at 14:00", exact: true }).click();
  await page.getByLabel("Find a club member by name").fill("al");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Add Alice Martin as a partner" }).click();
  await page.getByLabel("Find a club member by name").fill("mo");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("partner-results")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "booking page");

  await page.goto(`/c/demo/planning?date=${date}`);
  await page
    .getByRole("link", { name: "Join the waiting list for Court 3 at 18:00", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "This slot is taken" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "booking page (taken slot)");

  await page.goto("/c/demo/bookings");
  await page.getByText("Cancel this booking").first().click();
  await expectNoSeriousA11yViolations(page, "my bookings");
  await page.goto("/account/bookings");
  await expectNoSeriousA11yViolations(page, "my bookings (all clubs)");
});
