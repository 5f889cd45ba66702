import { expect, test } from "./fixtures";
import { createUser, emailLink, PASSWORD, submitLogin } from "./auth-helpers";

test("forgot password → link by email → new password → sign in; the old one no longer works", async ({
  page,
}) => {
  const user = await createUser({ prefix: "forgetful" });
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an "Email address" field too: wait for the navigation to finish.
  await expect(
    page.getByRole("heading", { level: 1, name: "Forgot your password?" }),
  ).toBeVisible();
  await page.getByLabel("Email address").fill(user.email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText(/If an account uses this address/)).toBeVisible();

  await page.goto(await emailLink(user.email, "password-reset"));
  await page.getByLabel("New password").fill("my-renewed-passphrase-77");
  await page.getByRole("button", { name: "Save my new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  await expect(page.getByText(/Your password was changed/)).toBeVisible();

  await submitLogin(page, user.email, PASSWORD);
  await expect(page.getByText("The email address or password is not right.")).toBeVisible();
  await submitLogin(page, user.email, "my-renewed-passphrase-77");
  await expect(page).toHaveURL(/\/account$/);
});

test("the answer is the same for an address without an account", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill("nobody-at-all@example.test");
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText(/If an account uses this address/)).toBeVisible();
});
