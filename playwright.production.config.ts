import { defineConfig } from "@playwright/test";
import base, { desktop } from "./playwright.config";

/**
 * `npm start` as an operator meets it, on the production build: each test starts (or fails to
 * start) its own server with its own environment, so there is no shared web server here.
 */
export default defineConfig({
  ...base,
  testDir: "e2e/production",
  projects: [desktop],
  timeout: 180_000,
  webServer: undefined,
});
