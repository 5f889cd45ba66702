import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import {
  E2E_PAYMENT_CREDENTIALS_KEY,
  e2ePaymentSandboxOrigins,
  e2eServerLogFile,
} from "./e2e/payment-env";
import { E2E_TWO_FACTOR_KEY } from "./e2e/two-factor-env";
import { scratchDir } from "./scripts/db/scratch-dir";

/**
 * End-to-end tests against the production build (`next build` first; `npm test` does it), served by
 * `next start` through scripts/dev.ts --prod with its own throwaway embedded database, migrated and
 * seeded with the demo club. E2E_PORT and NEXT_DIST_DIR let several runs coexist on one machine.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
const dataDir = scratchDir(`e2e-${port}`);
/** Everything the server prints (read by e2e/card-data-scan.spec.ts). */
const serverLogFile = e2eServerLogFile();

/** The browser every project runs in (playwright.dev.config.ts and .production use it too). */
export const desktop = {
  name: "desktop",
  use: { ...devices["Desktop Chrome"], channel: undefined },
};

/**
 * The card-data scan reads what the payment journeys left in the database and the server log: it
 * is a project of its own that depends on the journeys' project, so it runs after all of them
 * against the same web server (and not at all when a journey failed).
 */
const CARD_SCAN = "card-data-scan.spec.ts";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      ...desktop,
      // e2e/newcomer runs against `npm run dev` (playwright.dev.config.ts), e2e/production starts
      // its own servers (playwright.production.config.ts).
      testIgnore: ["newcomer/**", "production/**", CARD_SCAN],
    },
    { ...desktop, name: "card-scan", testMatch: CARD_SCAN, dependencies: ["desktop"] },
  ],
  webServer: {
    command: `mkdir -p ${path.dirname(serverLogFile)} && rm -f ${serverLogFile} && npx tsx scripts/dev.ts --prod --fresh --quiet --data-dir ${dataDir} --log-file ${serverLogFile}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      EMBEDDED_PG_PORT: String(port + 20000),
      NEXT_TELEMETRY_DISABLED: "1",
      // info, not warn: the card-data scan reads what a production server would log.
      LOG_LEVEL: "info",
      // A staging deployment: sandbox gateway configurations may point at the local fakes.
      DEPLOYMENT_ENV: "staging",
      PAYMENT_CREDENTIALS_KEY: E2E_PAYMENT_CREDENTIALS_KEY,
      TWO_FACTOR_KEY: E2E_TWO_FACTOR_KEY,
      PAYMENT_JOBS_INTERVAL_MS: "1000",
      // The Paybox page fake (e2e/payment-env.ts) receives the checkout form: allowed in the
      // checkout page's form-action, as a staging deployment may.
      PAYMENT_SANDBOX_ORIGINS: e2ePaymentSandboxOrigins().join(","),
    },
  },
});
