import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../scripts/seed/demo-accounts";
import { createUser, logOut, PASSWORD, submitLogin, totp } from "./auth-helpers";

test("a manager without 2FA must enrol before the admin area, then signs in with a TOTP code and with a recovery code", async ({
  page,
}) => {
  // Two TOTP sign-ins may have to wait for the next 30-second step (a used code is refused).
  test.setTimeout(90_000);
  const manager = await createUser({ role: "MANAGER", prefix: "manager" });
  await submitLogin(page, manager.email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);

  await page.goto("/c/demo/admin");
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await expect(
    page.getByText(/Your role at the club requires two-factor authentication/),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code of your two-factor key" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("6-digit code").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code is not right.").first()).toBeVisible();
  await page.getByLabel("6-digit code").fill(await totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText(/Save these recovery codes somewhere safe now/)).toBeVisible();
  const codes = await page
    .getByRole("list", { name: "Codes" })
    .getByRole("listitem")
    .allTextContents();
  expect(codes).toHaveLength(10);

  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/c\/demo\/admin$/);
  await expect(page.getByRole("heading", { name: /admin/ })).toBeVisible();

  // Sign out, then in again with a TOTP code computed here.
  await logOut(page);
  await page.goto("/c/demo/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fc%2Fdemo%2Fadmin/);
  await page.getByLabel("Email address").fill(manager.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.getByLabel("Code").fill(await totp(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/c\/demo\/admin$/);

  // And with a recovery code, which then no longer works.
  await logOut(page);
  await submitLogin(page, manager.email, PASSWORD);
  await page.getByLabel("Code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account");
  await logOut(page);
  await submitLogin(page, manager.email, PASSWORD);
  await page.getByLabel("Code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right, or it was already used.")).toBeVisible();
});

test("the seeded demo manager signs in with the TOTP key printed by the seed", async ({ page }) => {
  const manager = DEMO_ACCOUNTS.find((a) => a.totpSecret === DEMO_TOTP_SECRETS.manager)!;
  await page.goto("/login?next=/c/demo/admin");
  await page.getByLabel("Email address").fill(manager.email);
  await page.getByLabel("Password").fill(manager.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Code").fill(await totp(DEMO_TOTP_SECRETS.manager));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/c\/demo\/admin$/);
  await expect(page.getByText(/manager/i).first()).toBeVisible();
});

test("a player is not shown the admin area", async ({ page }) => {
  const player = await createUser({ role: "PLAYER", prefix: "player" });
  await submitLogin(page, player.email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  const response = await page.goto("/c/demo/admin");
  expect(response?.status()).toBe(404);
});
