/**
 * Helpers of the Paybox journeys: the Paybox page/PPPS fake (test/fakes/paybox-fake.ts) started
 * in the spec process, the demo club's PAYBOX gateway pointed at it (written with SQL and sealed
 * exactly as the admin screen seals it), and a guest price so that a booking with a guest
 * carries a fee. The fake listens on the fixed port whose origin the e2e server's checkout CSP
 * allows (e2e/payment-env.ts). Everything written here is removed by `restore()`.
 */
import { randomBytes } from "node:crypto";
import { encryptCredentials, parseCredentialsKey } from "../lib/payments/credentials-cipher";
import { startPayboxServer, type PayboxServer } from "../test/fakes/paybox-fake";
import { e2eDatabase } from "./fixtures";
import { E2E_PAYMENT_CREDENTIALS_KEY, e2ePayboxFakePort } from "./payment-env";

export const PAYBOX_SITE = "1999888";
export const PAYBOX_RANG = "32";
const DIRECT_KEY = "1999888I";
const PRICE_RULE_NAME = "E2E Paybox guest fee";

export type PayboxSetup = {
  fake: PayboxServer;
  clubId: string;
  restore(): Promise<void>;
};

/** Starts the fake and makes it the demo club's only enabled gateway, with a guest fee. */
export async function setUpPaybox(guestFeeMinor = 1200): Promise<PayboxSetup> {
  const fake = await startPayboxServer({ port: e2ePayboxFakePort() });
  const hmacKeyHex = randomBytes(64).toString("hex").toUpperCase();
  fake.setMerchant({ site: PAYBOX_SITE, rang: PAYBOX_RANG, hmacKeyHex, directKey: DIRECT_KEY });
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM club WHERE slug = 'demo'`);
    const clubId = rows[0]!.id;
    const before = await db.query<{ gateway: string; enabled: boolean }>(
      `SELECT gateway, enabled FROM payment_gateway_config WHERE club_id = $1`,
      [clubId],
    );
    const sealed = encryptCredentials(
      JSON.stringify({ hmacKeyHex, directKey: DIRECT_KEY }),
      parseCredentialsKey(E2E_PAYMENT_CREDENTIALS_KEY),
      `${clubId}:PAYBOX`,
    );
    const settings = {
      site: PAYBOX_SITE,
      rang: PAYBOX_RANG,
      identifiant: "107904482",
      publicKeyPem: fake.publicKeyPem,
      pageUrl: fake.pageUrl,
      directEnabled: true,
      directUrl: fake.directUrl,
    };
    await db.query(`UPDATE payment_gateway_config SET enabled = false WHERE club_id = $1`, [
      clubId,
    ]);
    await db.query(
      `INSERT INTO payment_gateway_config
         (club_id, gateway, mode, enabled, settings, credentials_ciphertext, updated_at)
       VALUES ($1, 'PAYBOX', 'SANDBOX', true, $2::jsonb, $3, now())
       ON CONFLICT (club_id, gateway) DO UPDATE
         SET mode = 'SANDBOX', enabled = true, settings = EXCLUDED.settings,
             credentials_ciphertext = EXCLUDED.credentials_ciphertext, updated_at = now()`,
      [clubId, JSON.stringify(settings), sealed],
    );
    // Listed first, so it wins over any other guest rule (rules are applied in creation order).
    await db.query(
      `INSERT INTO price_rule
         (club_id, court_id, name, weekdays, start_minute, end_minute, audience, amount_minor, created_at)
       VALUES ($1, NULL, $2, '{1,2,3,4,5,6,7}', 0, 1440, 'GUEST', $3, '2000-01-01T00:00:00Z')`,
      [clubId, PRICE_RULE_NAME, guestFeeMinor],
    );
    return {
      fake,
      clubId,
      async restore() {
        const c = await e2eDatabase();
        try {
          await c.query(`DELETE FROM price_rule WHERE club_id = $1 AND name = $2`, [
            clubId,
            PRICE_RULE_NAME,
          ]);
          await c.query(
            `UPDATE payment_gateway_config SET enabled = false
             WHERE club_id = $1 AND gateway = 'PAYBOX'`,
            [clubId],
          );
          for (const g of before.rows)
            await c.query(
              `UPDATE payment_gateway_config SET enabled = $3 WHERE club_id = $1 AND gateway = $2`,
              [clubId, g.gateway, g.enabled],
            );
        } finally {
          await c.end();
        }
        await fake.close();
      },
    };
  } finally {
    await db.end();
  }
}

/** The payment of a booking, and its booking's status, as stored. */
export async function paymentOf(bookingId: string) {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{
      id: string;
      status: string;
      amount: number;
      refunded_amount: number;
      booking_status: string;
    }>(
      `SELECT p.id, p.status, p.amount, p.refunded_amount, b.status AS booking_status
       FROM payment p JOIN booking b ON b.id = p.booking_id
       WHERE p.booking_id = $1 ORDER BY p.created_at DESC LIMIT 1`,
      [bookingId],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}
