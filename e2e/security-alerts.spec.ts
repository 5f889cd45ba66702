/**
 * Security alerts in the club admin area: an alert the detector raised for the demo club (inserted
 * here with SQL, as the worker writes it) is seen by the demo manager under Admin → Security, who
 * acknowledges it with a note; it leaves the alerts waiting for acknowledgement and shows who
 * acknowledged it, with the note, and the audit log records it.
 */
import { randomBytes } from "node:crypto";
import { signInStaff } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./booking-helpers";
import { e2eDatabase, expect, test } from "./fixtures";

test("a manager sees the club's security alert and acknowledges it with a note", async ({
  page,
}) => {
  const tag = randomBytes(4).toString("hex");
  const summary = `Injection probes on the booking form (${tag})`;
  const note = `Checked the server log: a scanner, address blocked (${tag}).`;
  const db = await e2eDatabase();
  let alertId = "";
  try {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO security_alert (kind, severity, club_id, source, summary, first_seen, last_seen, count, evidence)
       SELECT 'injection_probe', 'critical', id, $1, $2, now() - interval '20 minutes', now(), 7, $3
         FROM club WHERE slug = 'demo'
       RETURNING id`,
      [
        `ip:198.51.100.${Number.parseInt(tag.slice(0, 2), 16)}`,
        summary,
        JSON.stringify({ route: "/c/demo/book", pattern: "' OR 1=1 --" }),
      ],
    );
    alertId = rows[0]!.id;
  } finally {
    await db.end();
  }

  // The demo manager signs in with a TOTP code and opens Admin → Security.
  await signInStaff(page, "manager", { next: "/c/demo/admin" });
  await page
    .getByRole("navigation", { name: "Club admin" })
    .getByRole("link", { name: "Security", exact: true })
    .click();
  await expect(page).toHaveURL(/\/c\/demo\/admin\/security$/);
  await expect(page.getByRole("heading", { name: /^Security alerts · / })).toBeVisible();
  const alert = page.getByRole("article", { name: summary });
  await expect(alert).toBeVisible();
  await expect(alert.getByText("Critical", { exact: true })).toBeVisible();
  await expect(alert.getByText("7 times", { exact: false })).toBeVisible();
  await expect(alert.getByText("Active", { exact: true })).toBeVisible();
  await alert.getByText("Evidence").click();
  await expect(alert.getByText("pattern: ' OR 1=1 --")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the security alerts page");

  // Acknowledge it with a note.
  const form = page.getByRole("form", { name: `Acknowledge: ${summary}` });
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Alert acknowledged." })).toBeVisible();
  await expect(page.getByRole("article", { name: summary })).toHaveCount(0);

  // It is listed as acknowledged, by the manager, with the note, and without a form.
  await page.getByRole("link", { name: "Acknowledged", exact: true }).click();
  await expect(page).toHaveURL(/\/c\/demo\/admin\/security\?state=acknowledged$/);
  const done = page.getByRole("article", { name: summary });
  await expect(done.getByText("Acknowledged", { exact: true })).toBeVisible();
  await expect(
    done.getByText(`by Marc Manager (manager@courtside.test)`, { exact: false }),
  ).toContainText(note);
  await expect(done.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);

  const check = await e2eDatabase();
  try {
    const { rows } = await check.query(
      `SELECT a.acknowledgement_note AS note, e.details->>'note' AS audited
         FROM security_alert a JOIN audit_event e ON e.target_id = a.id::text AND e.action = 'security.alert.acknowledged'
        WHERE a.id = $1`,
      [alertId],
    );
    expect(rows).toEqual([{ note, audited: note }]);
  } finally {
    await check.end();
  }
});
