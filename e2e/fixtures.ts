/**
 * Shared Playwright fixtures. Import `test` and `expect` from here instead of @playwright/test:
 *
 * - `csp` (automatic): records every Content-Security-Policy violation of every page and frame the
 *   test opens — the browser's `securitypolicyviolation` events, plus CSP and Permissions-Policy
 *   errors on the console — and fails the test at the end if there was any. A test that provokes
 *   a violation on purpose calls `csp.take()` to claim them.
 * - `e2eDatabase()`: a pg client on the end-to-end server's own database, for assertions.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { scratchDir } from "../scripts/db/scratch-dir";
import { socketDirFor } from "../scripts/db/socket-dir";

export type CspViolation = {
  source: "event" | "console";
  page: string;
  effectiveDirective?: string;
  blockedURI?: string;
  sourceFile?: string;
  lineNumber?: number;
  sample?: string;
  message?: string;
};

type CspRecorder = {
  /** Violations recorded so far (events are delivered asynchronously: see `settle`). */
  all(): CspViolation[];
  /** Returns the violations recorded so far and forgets them. */
  take(): CspViolation[];
  /** Waits for the page to go quiet, so that pending violation events have arrived. */
  settle(page: Page): Promise<void>;
};

const BINDING = "__courtsideCspViolation";
const CONSOLE_PATTERN =
  /Content[- ]Security[- ]Policy|Permissions[- ]Policy|Refused to (load|execute|apply|frame|connect)/i;

export const test = base.extend<{ csp: CspRecorder }>({
  csp: [
    async ({ context }, use) => {
      let recorded: CspViolation[] = [];
      await context.exposeBinding(BINDING, ({ page }, v: Omit<CspViolation, "source" | "page">) => {
        recorded.push({ source: "event", page: page.url(), ...v });
      });
      await context.addInitScript((binding: string) => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as Record<string, (v: unknown) => void>)[binding];
          report?.({
            effectiveDirective: e.effectiveDirective,
            blockedURI: e.blockedURI,
            sourceFile: e.sourceFile,
            lineNumber: e.lineNumber,
            sample: e.sample,
          });
        });
      }, BINDING);
      const watch = (page: Page) =>
        page.on("console", (msg) => {
          if (
            (msg.type() === "error" || msg.type() === "warning") &&
            CONSOLE_PATTERN.test(msg.text())
          ) {
            recorded.push({
              source: "console",
              page: msg.location().url || page.url(),
              message: msg.text(),
            });
          }
        });
      context.pages().forEach(watch);
      context.on("page", watch);

      await use({
        all: () => [...recorded],
        take: () => {
          const taken = recorded;
          recorded = [];
          return taken;
        },
        settle: async (page) => {
          await page.waitForLoadState("networkidle");
          // One more turn of the event loop inside the page for queued violation events.
          await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
        },
      });

      for (const page of context.pages()) {
        if (!page.isClosed()) await page.waitForLoadState("networkidle").catch(() => {});
      }
      expect(recorded, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * A client on the database of the server started by playwright.config.ts (scripts/dev.ts with
 * `--data-dir <tmp>/courtside/e2e-<port>`). The port is read from PostgreSQL's own pid file, so it is right
 * even when the preferred port was taken. Close it with `end()`.
 */
export async function e2eDatabase(): Promise<pg.Client> {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const dataDir = scratchDir(`e2e-${port}`);
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const pgPort = Number(
    readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[3],
  );
  // The superuser may connect through the cluster's Unix socket only (scripts/db/embedded.ts).
  const client = new pg.Client({
    host: socketDirFor(path.join(dataDir, "pg"), pgPort),
    port: pgPort,
    user: "postgres",
    password,
    database: "courtside",
  });
  await client.connect();
  return client;
}
