import { expect, test, type Page } from "@playwright/test";

/** Today's date in the demo club's zone, as the server computes it. */
function parisDate(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(d);
}

const CELL_TEXT =
  /^(Free|Past|Closed(: .+)?|Booked( \d\d:\d\d–\d\d:\d\d)?|Blocked( \d\d:\d\d–\d\d:\d\d)?: .+)$/;

async function expectPlanningTable(page: Page) {
  const table = page.getByRole("table");
  await expect(table.locator("caption")).toContainText("Courts and times on");
  const colHeaders = table.locator('thead th[scope="col"]');
  await expect(colHeaders).toHaveText([
    "Time",
    "Court 1",
    "Court 2",
    "Court 3",
    "Court 4",
    "Padel 1",
    "Padel 2",
  ]);
  const rowHeaders = table.locator('tbody th[scope="row"]');
  expect(await rowHeaders.count()).toBeGreaterThanOrEqual(24);
  for (const text of await table.locator("tbody td").allInnerTexts())
    expect(text.trim()).toMatch(CELL_TEXT);
}

test("club page leads to the planning grid, which navigates by day and by date picker", async ({
  page,
}) => {
  const res = await page.goto("/c/demo");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo Tennis & Padel Club");
  const courts = page.getByRole("table", { name: /Courts of/ });
  await expect(courts.getByRole("rowheader")).toHaveText([
    "Court 1",
    "Court 2",
    "Court 3",
    "Court 4",
    "Padel 1",
    "Padel 2",
  ]);
  await expect(courts.getByRole("row", { name: /Padel 2/ })).toContainText("Indoor");
  const hours = page.getByRole("table", { name: /Opening hours/ });
  await expect(hours.getByRole("row", { name: /Monday/ })).toContainText("08:00–22:00");
  await expect(hours.getByRole("row", { name: /Monday/ })).toContainText("Padel 2: 07:00–23:00");
  await expect(hours.getByRole("row", { name: /Sunday/ })).toContainText("08:00–20:00");

  await page.getByRole("link", { name: "See today’s court planning" }).click();
  await expect(page).toHaveURL(/\/c\/demo\/planning$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Court planning");
  await expect(page.getByText("(today)")).toBeVisible();
  await expectPlanningTable(page);

  // Next day: tomorrow has the demo maintenance block on Court 1 from 08:00.
  await page.getByRole("link", { name: "Next day" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${parisDate(1)}$`));
  await expectPlanningTable(page);
  const row0800 = page.getByRole("row", { name: /^08:00/ });
  await expect(row0800.getByRole("cell").first()).toHaveText("Blocked: Clay court maintenance");
  await expect(page.locator('td[data-status="booked"]').first()).toHaveText("Booked");
  await expect(page.locator('td[data-status="free"]').first()).toHaveText("Free");

  // Previous day goes back to today.
  await page.getByRole("link", { name: "Previous day" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${parisDate(0)}$`));
  await expect(page.getByText("(today)")).toBeVisible();

  // The date picker is a plain GET form.
  const target = parisDate(3);
  await page.getByLabel("Go to date").fill(target);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/demo/planning\\?date=${target}$`));
  await expect(page.locator(`p time[datetime="${target}"]`)).toBeVisible();
  await expectPlanningTable(page);
});

test("the grid is reachable by keyboard and readable on a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/c/demo/planning?date=${parisDate(1)}`);
  const region = page.getByRole("region", { name: /Courts and times on/ });
  await expect(region).toBeVisible();

  // Tab from the top of the page reaches the links, the date picker, the button, then the grid.
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await region.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  // The grid scrolls inside its region; the page itself does not scroll sideways.
  const before = await region.evaluate((el) => el.scrollLeft);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
  // The time column stays in view while scrolling.
  await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const timeHeader = page.getByRole("rowheader").first();
  const box = await timeHeader.boundingBox();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect(box?.x ?? 999).toBeLessThan(40);
});

test("an unknown club gets a 404 page", async ({ page }) => {
  for (const path of [
    "/c/no-such-club",
    "/c/no-such-club/planning",
    "/c/Not_A_Slug/planning?date=2026-01-01",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/not found/i);
  }
});

test("a malformed or absurd date gets a 400 page that names the problem", async ({ page }) => {
  const cases: [string, RegExp][] = [
    ["2026-02-30", /The date is not a real calendar date/],
    ["99999-01-01", /The date is too long/],
    ["abc", /The date must be a date written YYYY-MM-DD/],
    ["x".repeat(1000), /The date is too long/],
    ["1999-01-01", /The date is too far away/],
  ];
  for (const [date, message] of cases) {
    const res = await page.goto(`/c/demo/planning?date=${encodeURIComponent(date)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This planning date cannot be shown",
    );
    await expect(page.locator("main").getByRole("alert")).toHaveText(message);
    expect.soft(res?.status(), date.slice(0, 20)).toBe(400);
  }
  // Longer than any URL the app serves: proxy.ts answers 414 before the page runs. Never a 5xx.
  const long = await page.goto(`/c/demo/planning?date=${"x".repeat(5000)}`);
  expect([400, 414]).toContain(long?.status());
  const res = await page.goto(`/c/demo/planning?date=${parisDate(0)}&date=${parisDate(1)}`);
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    /The date was given more than once/,
  );
  expect.soft(res?.status()).toBe(400);
  await page.getByRole("link", { name: "See today’s planning" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Court planning");
});
