/**
 * Payment settings of the e2e server (playwright.config.ts passes them to it). The credentials key
 * is a fixed test value so that specs can seal a club's gateway secrets exactly as the admin screen
 * does (lib/payments/credentials-cipher.ts) — never a key of a real deployment.
 */
export const E2E_PAYMENT_CREDENTIALS_KEY = Buffer.alloc(32, "courtside-e2e-payments-key").toString(
  "base64",
);

/** Where the e2e server's Next.js and worker output goes (scanned for card numbers). */
export const e2eServerLogName = "server.log";
