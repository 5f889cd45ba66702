/**
 * The admin side of payments: the demo manager finds a flagged
 * payment with a refund to pay back by hand in the "needs attention" list and records it as done
 * (the payment becomes refunded); the demo owner saves PayPal settings and the client secret
 * appears nowhere in what the server sends back — not in the action's answer, not in the page's
 * HTML afterwards — only its last four characters. The demo club's data is put back at the end.
 */
import { randomBytes } from "node:crypto";
import { signInStaff } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./booking-helpers";
import { e2eDatabase, expect, test } from "./fixtures";

/** A paid Paybox payment of the demo club, flagged, with a refund to pay back by hand. */
async function seedFlaggedPayment() {
  const client = await e2eDatabase();
  try {
    const reference = `E2E-${randomBytes(5).toString("hex").toUpperCase()}`;
    // A free far-future hour on the demo club's first court.
    const startsAt = new Date(Date.UTC(2031, 0, 1, 6) + Math.floor(Math.random() * 5000) * 3.6e6);
    const { rows } = await client.query<{ club_id: string; booking_id: string }>(
      `WITH c AS (SELECT id FROM club WHERE slug = 'demo'),
            ct AS (SELECT court.id FROM court, c WHERE court.club_id = c.id ORDER BY position LIMIT 1),
            u AS (SELECT id FROM app_user WHERE email = 'alice@courtside.test')
       INSERT INTO booking (club_id, court_id, starts_at, ends_at, status, created_by_id)
       SELECT c.id, ct.id, $1::timestamptz, $1::timestamptz + interval '1 hour', 'CONFIRMED', u.id
       FROM c, ct, u
       RETURNING club_id, id AS booking_id`,
      [startsAt.toISOString()],
    );
    const { club_id: clubId, booking_id: bookingId } = rows[0]!;
    const payment = await client.query<{ id: string }>(
      `INSERT INTO payment (club_id, booking_id, gateway, status, amount, currency, price_snapshot,
         reference, paybox_transaction, paybox_call_number, paybox_authorisation, flag, flag_detail,
         hold_expires_at, paid_at)
       VALUES ($1, $2, 'PAYBOX', 'PAID', 1500, 'EUR', '{"rule":"e2e"}', $3, '1234567', '7654321',
         'XXXXXX', 'REFUND_FAILED', 'Paybox Direct refused the refund (00004)', now(), now())
       RETURNING id`,
      [clubId, bookingId, reference],
    );
    const paymentId = payment.rows[0]!.id;
    const refund = await client.query<{ id: string }>(
      `INSERT INTO refund (payment_id, club_id, amount, currency, status, reason, request_id)
       VALUES ($1, $2, 1500, 'EUR', 'MANUAL', 'booking cancelled by the player', $3)
       RETURNING id`,
      [paymentId, clubId, `e2e-${reference}`],
    );
    return { reference, paymentId, refundId: refund.rows[0]!.id, bookingId };
  } finally {
    await client.end();
  }
}

test("a manager records a refund paid back by hand from the needs-attention list", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const seeded = await seedFlaggedPayment();
  await signInStaff(page, "manager");

  await page.goto("/c/demo/admin");
  await page
    .getByRole("navigation", { name: "Club admin" })
    .getByRole("link", { name: "Payments" })
    .click();
  await expect(page.getByRole("heading", { name: /^Payments ·/ })).toBeVisible();
  await page.getByLabel("Needs attention only").check();
  await page.getByRole("button", { name: "Show payments" }).click();
  await expect(page).toHaveURL(/attention=1/);
  await expectNoSeriousA11yViolations(page, "admin payments");

  const row = page.getByTestId("payment-row").filter({ hasText: seeded.reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Needs attention");
  await expect(row).toContainText("REFUND_FAILED");
  await expect(row).toContainText("Paybox Direct refused the refund (00004)");
  await expect(row).toContainText("Alice");
  await expect(row).toContainText("€15.00");
  await expect(row).toContainText("1234567 / 7654321 / XXXXXX");
  await expect(row.getByTestId("refund-row")).toContainText("To pay back by hand");

  const form = row.getByRole("form", { name: "Mark the refund of €15.00 as paid back" });
  // A wrong amount is refused, naming the field.
  await form.getByLabel("Amount paid back (EUR)").fill("14.00");
  await form.getByRole("button", { name: "Mark refunded manually" }).click();
  await expect(form.getByText("Type the refund's amount, €15.00, to confirm")).toBeVisible();
  await form.getByLabel("Amount paid back (EUR)").fill("15.00");
  await form.getByLabel("Note (e.g. transfer reference)").fill("Transfer E2E-42");
  await form.getByRole("button", { name: "Mark refunded manually" }).click();
  // Back to the same filtered list, with a confirmation; the payment no longer needs attention.
  await expect(page).toHaveURL(/attention=1.*notice=refund-marked/);
  await expect(
    page.getByRole("status").filter({ hasText: "Refund recorded as paid back" }),
  ).toBeVisible();
  await expect(page.getByTestId("payment-row").filter({ hasText: seeded.reference })).toHaveCount(
    0,
  );

  const client = await e2eDatabase();
  try {
    const { rows } = await client.query<{
      status: string;
      refunded_amount: number;
      flag: string | null;
    }>(`SELECT status, refunded_amount, flag FROM payment WHERE id = $1`, [seeded.paymentId]);
    expect(rows[0]).toEqual({ status: "REFUNDED", refunded_amount: 1500, flag: null });
    const refund = await client.query<{ status: string }>(
      `SELECT status FROM refund WHERE id = $1`,
      [seeded.refundId],
    );
    expect(refund.rows[0]!.status).toBe("COMPLETED");
    const audit = await client.query<{ details: { note?: string } }>(
      `SELECT details FROM audit_event WHERE action = 'payment.refund_marked_manual' AND target_id = $1`,
      [seeded.paymentId],
    );
    expect(audit.rows[0]!.details.note).toBe("Transfer E2E-42");
  } finally {
    await client.end();
  }
  // The refunded list shows it, with its completed refund.
  await page.goto(`/c/demo/admin/payments?status=REFUNDED`);
  const done = page.getByTestId("payment-row").filter({ hasText: seeded.reference });
  await expect(done).toContainText("Refunded");
  await expect(done.getByTestId("refund-row")).toContainText("Completed");
});

test("the owner saves PayPal settings; the secret never comes back to the browser", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const secret = `e2e-paypal-secret-${randomBytes(12).toString("hex")}`;
  const client = await e2eDatabase();
  // The demo club's PayPal configuration as it was, put back at the end.
  const before = await client.query(
    `SELECT g.* FROM payment_gateway_config g JOIN club c ON c.id = g.club_id
     WHERE c.slug = 'demo' AND g.gateway = 'PAYPAL'`,
  );
  try {
    await signInStaff(page, "owner");
    await page.goto("/c/demo/admin/settings/payments");
    await expect(page.getByRole("heading", { name: /^Payment settings ·/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "admin payment settings");

    // The bodies are collected as promises when each response starts: the page shows the result
    // before a handler that awaited the body could have pushed it.
    const bodies: Array<Promise<string>> = [];
    page.on("response", (res) => {
      if (res.request().method() === "POST") bodies.push(res.text().catch(() => ""));
    });
    const form = page.getByRole("form", { name: "PayPal settings" });
    await form.getByLabel("Accept payments by PayPal").uncheck();
    await form.getByLabel("Mode").selectOption("SANDBOX");
    await form.getByLabel("Client id").fill("e2e-client-id");
    await form.getByLabel("Client secret").fill(secret);
    await form.getByLabel("Webhook id").fill("WH-E2E-0001");
    await form.getByLabel("API base URL (optional)").fill("");
    await form.getByRole("button", { name: "Save PayPal settings" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "PayPal settings saved" }),
    ).toBeVisible();
    const answers = await Promise.all(bodies);
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) expect(a).not.toContain(secret);

    await page.reload();
    await expect(page.getByText(`Stored (ending ••••${secret.slice(-4)})`)).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    const html = await (await page.request.get("/c/demo/admin/settings/payments")).text();
    expect(html).toContain("e2e-client-id");
    expect(html).not.toContain(secret);
    expect(html).not.toContain(secret.slice(0, -4));
    await expect(
      page.getByRole("form", { name: "PayPal settings" }).getByLabel("Client secret"),
    ).toHaveValue("");

    const saved = await client.query<{ settings: object; credentials_ciphertext: string }>(
      `SELECT g.settings, g.credentials_ciphertext FROM payment_gateway_config g
       JOIN club c ON c.id = g.club_id WHERE c.slug = 'demo' AND g.gateway = 'PAYPAL'`,
    );
    expect(saved.rows[0]!.settings).toEqual({
      clientId: "e2e-client-id",
      webhookId: "WH-E2E-0001",
    });
    expect(saved.rows[0]!.credentials_ciphertext).toMatch(/^v1\./);
    expect(saved.rows[0]!.credentials_ciphertext).not.toContain(secret);
  } finally {
    const old = before.rows[0] as
      | { mode: string; enabled: boolean; settings: object; credentials_ciphertext: string }
      | undefined;
    if (old)
      await client.query(
        `UPDATE payment_gateway_config g SET mode = $1, enabled = $2, settings = $3,
           credentials_ciphertext = $4 FROM club c
         WHERE c.id = g.club_id AND c.slug = 'demo' AND g.gateway = 'PAYPAL'`,
        [old.mode, old.enabled, JSON.stringify(old.settings), old.credentials_ciphertext],
      );
    else
      await client.query(
        `DELETE FROM payment_gateway_config g USING club c
         WHERE c.id = g.club_id AND c.slug = 'demo' AND g.gateway = 'PAYPAL'`,
      );
    await client.end();
  }
});
