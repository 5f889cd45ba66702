import { expect, test } from "./fixtures";
import { createUser, expectSignedOut, PASSWORD, submitLogin } from "./auth-helpers";

test("log out everywhere ends a second browser's session on its next request", async ({
  page,
  browser,
}) => {
  const user = await createUser({ prefix: "everywhere" });
  await submitLogin(page, user.email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await submitLogin(otherPage, user.email, PASSWORD);
  await expect(otherPage).toHaveURL(/\/account$/);
  await expect(otherPage.getByRole("cell", { name: "Active" })).toBeVisible();

  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await expectSignedOut(page);

  await otherPage.reload();
  await expectSignedOut(otherPage);
  await other.close();

  // This browser is signed out too: its cookie no longer opens the account page.
  await page.goto("/account");
  await expectSignedOut(page);
});
