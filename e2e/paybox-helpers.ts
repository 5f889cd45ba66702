/**
 * Helpers of the Paybox journeys: the Paybox page/PPPS fake (test/fakes/paybox-fake.ts) started
 * in the spec process, the demo club's PAYBOX gateway pointed at it (written with SQL and sealed
 * exactly as the admin screen seals it), and a guest price so that a booking with a guest
 * carries a fee. The fake listens on the fixed port whose origin the e2e server's checkout CSP
 * allows (e2e/payment-env.ts). Everything written here is removed by `restore()`.
 */
import { randomBytes } from "node:crypto";
import { startPayboxServer, type PayboxServer } from "../test/fakes/paybox-fake";
import { e2eDatabase } from "./fixtures";
import { configureDemoGateway } from "./demo-gateway";
import { e2ePayboxFakePort } from "./payment-env";

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
  const demo = await configureDemoGateway({
    gateway: "PAYBOX",
    settings: {
      site: PAYBOX_SITE,
      rang: PAYBOX_RANG,
      identifiant: "107904482",
      publicKeyPem: fake.publicKeyPem,
      pageUrl: fake.pageUrl,
      directEnabled: true,
      directUrl: fake.directUrl,
    },
    secrets: { hmacKeyHex, directKey: DIRECT_KEY },
    guestFee: { ruleName: PRICE_RULE_NAME, amountMinor: guestFeeMinor },
  });
  return {
    fake,
    clubId: demo.clubId,
    async restore() {
      await demo.restore();
      await fake.close();
    },
  };
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
