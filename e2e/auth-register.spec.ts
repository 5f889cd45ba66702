import { expect, test } from "./fixtures";
import { emailLink, PASSWORD, submitLogin, uniqueEmail } from "./auth-helpers";

test("register → confirm the email through the mailbox → sign in", async ({ page, context }) => {
  const email = uniqueEmail("newcomer");
  await page.goto("/register");
  await page.getByLabel("Your name").fill("Nora Newcomer");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText("Use at least 12 characters.").first()).toBeVisible();
  // The name and email are kept; the password is never echoed back.
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText(/we sent a link to confirm your email address/)).toBeVisible();

  await page.goto(await emailLink(email, "verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();

  await submitLogin(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText("(confirmed)")).toBeVisible();
  await expect(page.getByRole("cell", { name: "This device" })).toBeVisible();

  // Cookie attributes as the browser holds them (plain-HTTP test server: no Secure, no prefix).
  const session = (await context.cookies()).find((c) => c.name === "courtside.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
  expect(session?.domain).toBe("localhost");
});
