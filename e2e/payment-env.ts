import path from "node:path";
import { scratchDir } from "../scripts/db/scratch-dir";

/**
 * Payment settings of the e2e server (playwright.config.ts passes them to it). The credentials key
 * is a fixed test value so that specs can seal a club's gateway secrets exactly as the admin screen
 * does (lib/payments/credentials-cipher.ts) — never a key of a real deployment.
 */
export const E2E_PAYMENT_CREDENTIALS_KEY = Buffer.alloc(32, "courtside-e2e-payments-key").toString(
  "base64",
);

/** The e2e server's port (playwright.config.ts). */
export const e2ePort = (): number => Number(process.env.E2E_PORT ?? 3100);

/** Where the e2e server's Next.js and worker output goes (e2e/card-data-scan.spec.ts reads it). */
export const e2eServerLogFile = (): string =>
  path.join(`${scratchDir(`e2e-${e2ePort()}`)}-logs`, "server.log");

/**
 * Fixed ports of the gateway fakes the payment specs start, so that the e2e server (a staging
 * deployment) can list their origins in PAYMENT_SANDBOX_ORIGINS for the checkout page's CSP.
 * The Paybox hosted-page fake receives our checkout form (form-action); the PayPal REST fake is
 * only called server to server.
 */
export const e2ePayboxFakePort = (): number => e2ePort() + 8;
export const e2ePaypalFakePort = (): number => e2ePort() + 9;
export const e2ePaymentSandboxOrigins = (): string[] => [
  `http://127.0.0.1:${e2ePayboxFakePort()}`,
  `http://localhost:${e2ePayboxFakePort()}`,
];
