import { defineConfig, devices } from "@playwright/test";
import { scratchDir } from "./scripts/db/scratch-dir";

/**
 * End-to-end tests against the production build (`next build` first; `npm test` does it), served by
 * `next start` through scripts/dev.ts --prod with its own throwaway embedded database, migrated and
 * seeded with the demo club. E2E_PORT and NEXT_DIST_DIR let several runs coexist on one machine.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  // e2e/newcomer runs against `npm run dev` (playwright.dev.config.ts).
  testIgnore: ["newcomer/**"],
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
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `npx tsx scripts/dev.ts --prod --fresh --quiet --data-dir ${scratchDir(`e2e-${port}`)}`,
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
      LOG_LEVEL: "warn",
    },
  },
});
