import { defineConfig } from "@playwright/test";
import base, { desktop } from "./playwright.config";
import { scratchDir } from "./scripts/db/scratch-dir";

/**
 * The newcomer's path, exactly as the README tells it: `npm run dev` (scripts/dev.ts, Next.js in
 * development mode) on a fresh embedded database, then the demo club's planning grid and a
 * registration whose email is read in the dev mailbox. Runs after the production-build suite.
 */
const port = Number(process.env.E2E_DEV_PORT ?? 3150);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  ...base,
  testDir: "e2e/newcomer",
  projects: [desktop],
  timeout: 180_000,
  // Development mode compiles each page on its first request.
  expect: { timeout: 30_000 },
  use: { ...base.use, baseURL },
  webServer: {
    command: `npx tsx scripts/dev.ts --fresh --quiet --data-dir ${scratchDir(`e2e-dev-${port}`)}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      EMBEDDED_PG_PORT: String(port + 20000),
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      MAIL_WORKER_INTERVAL_MS: "500",
    },
  },
});
