/**
 * Makes one gateway the demo club's only enabled one, for a payment spec: its row written with
 * SQL and its secrets sealed exactly as the admin screen seals them (lib/payments/credentials-
 * cipher.ts with the e2e server's key), plus a guest price listed first so that it wins over any
 * other guest rule (rules apply in creation order) and a booking with a guest carries a fee.
 * `restore()` removes the price and puts the gateways back as they were; payments stay (the
 * card-data scan reads them last).
 */
import { encryptCredentials, parseCredentialsKey } from "../lib/payments/credentials-cipher";
import { e2eDatabase } from "./fixtures";
import { E2E_PAYMENT_CREDENTIALS_KEY } from "./payment-env";

export type DemoGateway = { clubId: string; restore(): Promise<void> };

export async function configureDemoGateway(opts: {
  gateway: "PAYPAL" | "PAYBOX";
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  guestFee: { ruleName: string; amountMinor: number };
}): Promise<DemoGateway> {
  const { gateway, guestFee } = opts;
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM club WHERE slug = 'demo'`);
    const clubId = rows[0]!.id;
    const before = await db.query<{ gateway: string; enabled: boolean }>(
      `SELECT gateway::text, enabled FROM payment_gateway_config WHERE club_id = $1`,
      [clubId],
    );
    const sealed = encryptCredentials(
      JSON.stringify(opts.secrets),
      parseCredentialsKey(E2E_PAYMENT_CREDENTIALS_KEY),
      `${clubId}:${gateway}`,
    );
    await db.query(`UPDATE payment_gateway_config SET enabled = false WHERE club_id = $1`, [
      clubId,
    ]);
    await db.query(
      `INSERT INTO payment_gateway_config (club_id, gateway, mode, enabled, settings, credentials_ciphertext)
       VALUES ($1, $2::"PaymentGateway", 'SANDBOX', true, $3::jsonb, $4)
       ON CONFLICT (club_id, gateway) DO UPDATE
         SET mode = 'SANDBOX', enabled = true, settings = EXCLUDED.settings,
             credentials_ciphertext = EXCLUDED.credentials_ciphertext, updated_at = now()`,
      [clubId, gateway, JSON.stringify(opts.settings), sealed],
    );
    await db.query(`DELETE FROM price_rule WHERE club_id = $1 AND name = $2`, [
      clubId,
      guestFee.ruleName,
    ]);
    await db.query(
      `INSERT INTO price_rule
         (club_id, court_id, name, weekdays, start_minute, end_minute, audience, amount_minor, created_at)
       VALUES ($1, NULL, $2, '{1,2,3,4,5,6,7}', 0, 1440, 'GUEST', $3, '2000-01-01T00:00:00Z')`,
      [clubId, guestFee.ruleName, guestFee.amountMinor],
    );
    return {
      clubId,
      async restore() {
        const undo = await e2eDatabase();
        try {
          await undo.query(`DELETE FROM price_rule WHERE club_id = $1 AND name = $2`, [
            clubId,
            guestFee.ruleName,
          ]);
          await undo.query(
            `UPDATE payment_gateway_config SET enabled = false
             WHERE club_id = $1 AND gateway = $2::"PaymentGateway"`,
            [clubId, gateway],
          );
          for (const g of before.rows)
            await undo.query(
              `UPDATE payment_gateway_config SET enabled = $3
               WHERE club_id = $1 AND gateway = $2::"PaymentGateway"`,
              [clubId, g.gateway, g.enabled],
            );
        } finally {
          await undo.end();
        }
      },
    };
  } finally {
    await db.end();
  }
}
