import { expect, test } from "./fixtures";
import { createUser, emailLink, PASSWORD, submitLogin } from "./auth-helpers";

test("5 wrong passwords → locked message → unlock link from the email → sign in", async ({
  page,
}) => {
  const user = await createUser({ prefix: "locked" });
  for (let i = 1; i <= 4; i++) {
    await submitLogin(page, user.email, `wrong-password-${i}-x`);
    await expect(page.getByText("The email address or password is not right.")).toBeVisible();
  }
  await submitLogin(page, user.email, "wrong-password-5-x");
  await expect(page.getByText(/Sign-in to this account is paused/)).toBeVisible();
  // Even the right password is refused while locked, with the same message.
  await submitLogin(page, user.email, PASSWORD);
  await expect(page.getByText(/Sign-in to this account is paused/)).toBeVisible();

  await page.goto(await emailLink(user.email, "lockout-notice"));
  await page.getByRole("button", { name: "Unlock my account" }).click();
  await expect(page.getByText("Your account is unlocked.")).toBeVisible();

  await submitLogin(page, user.email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
});
