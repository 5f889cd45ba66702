/**
 * Helpers of the player-booking journeys: demo players signed in through the real form, dates in
 * the demo club's zone, emails read from the outbox, keyboard-only navigation and axe scans.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { e2eDatabase } from "./fixtures";
import { DEMO_ACCOUNTS } from "../scripts/seed/demo-accounts";
import { submitLogin } from "./auth-helpers";

/** The demo players' password (scripts/seed/demo-accounts.ts). */
export const DEMO_PLAYER_PASSWORD = DEMO_ACCOUNTS.find((a) => a.role === "PLAYER")!.password;

export async function signInAs(page: Page, who: "alice" | "bob" | "chloe" | "david" | "emma") {
  await submitLogin(page, `${who}@courtside.test`, DEMO_PLAYER_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
}

/** A date in the demo club's zone (Europe/Paris), days from today. */
export function parisDate(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(d);
}

export type OutboxEmail = {
  id: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; contentBase64: string }[];
};

/** The newest email of a template to an address created after `since` (waits a little). */
export async function outboxEmail(to: string, template: string, since: Date): Promise<OutboxEmail> {
  const client = await e2eDatabase();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<OutboxEmail>(
        `SELECT id, subject, text, attachments FROM email_outbox
         WHERE to_address = $1 AND template = $2 AND created_at >= $3
         ORDER BY created_at DESC LIMIT 1`,
        [to, template, since],
      );
      if (rows[0]) return rows[0];
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no ${template} email to ${to}`);
  } finally {
    await client.end();
  }
}

/** A description of the focused element: its label, accessible name parts and text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const labels =
      el instanceof HTMLInputElement || el instanceof HTMLButtonElement
        ? [...(el.labels ?? [])].map((l) => l.textContent ?? "").join(" ")
        : "";
    return [el.getAttribute("aria-label") ?? "", labels, el.textContent ?? ""]
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
  });
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, maxPresses = 400): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`could not reach ${name} with the Tab key`);
}

/** Axe-core on the current page: no serious or critical WCAG 2.x A/AA violation. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  expect(serious, `axe: serious or critical violations on ${label}`).toEqual([]);
}

/** "Saturday 14 June 2026": a day as the booking pages write it (lib/booking-ui.ts formatDay). */
export function longDay(date: string): string {
  return DateTime.fromISO(date, { zone: "Europe/Paris" })
    .setLocale("en-GB")
    .toFormat("cccc d LLLL yyyy");
}
