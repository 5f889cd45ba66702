import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";

// Development mode compiles each route on its first request and may reload a page that is open
// meanwhile; compiling them all first keeps the journey about the product, not the compiler.
test.beforeAll(async ({ request }) => {
  for (const path of [
    "/",
    "/c/demo",
    "/c/demo/planning",
    "/register",
    "/login",
    "/dev/mailbox",
    "/verify?token=warm-up",
  ]) {
    const res = await request.get(path, { timeout: 120_000 });
    expect(res.status(), path).toBeLessThan(500);
  }
});

test("a newcomer runs `npm run dev`, sees the demo grid, registers and confirms through the dev mailbox", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: /Demo Tennis & Padel Club/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Demo Tennis & Padel Club" }),
  ).toBeVisible();
  await page
    .getByRole("link", { name: /planning/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/c\/demo\/planning/);
  await expect(page.getByRole("table", { name: /Courts and times/ })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Padel 2/ })).toBeVisible();

  const email = `newcomer-${randomBytes(4).toString("hex")}@example.test`;
  await page.goto("/register");
  await page.getByLabel("Your name").fill("Nina Newcomer");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a-newcomer-passphrase-2026");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText(/we sent a link to confirm your email address/)).toBeVisible();

  // The delivery worker started by `npm run dev` puts the message in the dev mailbox.
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(
      page.getByRole("link", { name: "Confirm your email address" }).first(),
    ).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("link", { name: "Confirm your email address" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Confirm your email address" }),
  ).toBeVisible();

  await page
    .getByRole("list")
    .getByRole("link", { name: /\/verify\?token=/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
});
