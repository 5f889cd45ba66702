/**
 * The database and the logs after the payment journeys hold nothing that looks like a card number.
 * Its own Playwright project, "card-scan", which depends on the journeys' project "desktop"
 * (playwright.config.ts): it runs after all of them, against the same server. By then the PayPal
 * (button and card fields) and Paybox journeys have paid, cancelled and refunded through the real
 * app, with test card numbers typed into the gateways' frames.
 *
 * Every table of the app's schema is read whole (each row as JSON text) and every line the server
 * and the worker printed (scripts/dev.ts --log-file) is read; lib/payments/card-number-scan.ts
 * looks for Luhn-valid runs of 13–19 digits, grouped or not. The only things removed before the
 * scan are pino's own `"time":<epoch ms>` field, a 13-digit number on every log line, and
 * nodemailer's MIME boundaries in the stored raw emails (`----_NmP-<16 random hex>-Part_1`): about
 * one in 2,000 of them is 16 decimal digits, one in ten of those passes the Luhn check.
 */
import { existsSync, readFileSync } from "node:fs";
import { findCardNumbers } from "../lib/payments/card-number-scan";
import { e2eDatabase, expect, test } from "./fixtures";
import { e2eServerLogFile } from "./payment-env";

/** The numbers the journeys type into the gateways' card fields (e2e/fakes, PayPal test cards). */
const JOURNEY_CARDS = ["4111111111111111", "4032039317984658", "5555555555554444"];

test("no card number in the database or the server logs after the payment journeys", async () => {
  const client = await e2eDatabase();
  try {
    // The journeys ran: both gateways took money, and refunds went back.
    const { rows: paid } = await client.query<{ gateway: string; n: number }>(
      `SELECT gateway::text, count(*)::int AS n FROM payment
       WHERE status IN ('PAID', 'REFUNDED', 'PARTIALLY_REFUNDED', 'REFUND_PENDING')
       GROUP BY gateway`,
    );
    const byGateway = Object.fromEntries(paid.map((r) => [r.gateway, r.n]));
    expect(byGateway.PAYPAL, "run after the PayPal journeys").toBeGreaterThan(0);
    expect(byGateway.PAYBOX, "run after the Paybox journeys").toBeGreaterThan(0);

    // Every table but the migration runner's own record, whose migration names are timestamps
    // (20261127020000_accounts is 14 digits and passes the Luhn check).
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name <> '_prisma_migrations'
       ORDER BY table_name`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["payment", "payment_event", "refund", "audit_event", "email_outbox"]),
    );
    const hits: string[] = [];
    let scannedRows = 0;
    for (const { name } of tables) {
      const { rows } = await client.query<{ j: string }>(
        `SELECT row_to_json(t)::text AS j FROM ${name} t`,
      );
      for (const { j: raw } of rows) {
        const j = raw.replace(/_NmP-[0-9a-f]{16}-Part_/g, "_NmP-boundary-Part_");
        scannedRows++;
        for (const n of findCardNumbers(j)) hits.push(`${name}: ${n} in ${j.slice(0, 200)}`);
        for (const n of JOURNEY_CARDS) if (j.includes(n)) hits.push(`${name}: test card ${n}`);
      }
    }
    expect(scannedRows).toBeGreaterThan(100);
    // Raw gateway messages were stored (so they were scanned too).
    const { rows: events } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM payment_event WHERE verified",
    );
    expect(events[0]!.n).toBeGreaterThan(0);

    const logFile = e2eServerLogFile();
    expect(existsSync(logFile), logFile).toBe(true);
    const log = readFileSync(logFile, "utf8");
    expect(log.length).toBeGreaterThan(0);
    const withoutPinoTime = log.replace(/"time":\d{10,16}/g, '"time":0');
    for (const n of findCardNumbers(withoutPinoTime)) hits.push(`server log: ${n}`);
    for (const n of JOURNEY_CARDS) if (log.includes(n)) hits.push(`server log: test card ${n}`);

    expect(hits).toEqual([]);
  } finally {
    await client.end();
  }
});
