/**
 * Helpers of the accounts journeys: users made directly in the end-to-end database, links read
 * from the email outbox (the dev mailbox pages are 404 under `next start`, as in production),
 * sign-in through the real forms, and TOTP codes computed like an authenticator app.
 */
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { ARGON2_PARAMS } from "../lib/auth/argon2-params";
import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { openTotpSecret } from "../lib/auth/two-factor-secrets";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../scripts/seed/demo-accounts";
import { e2eDatabase } from "./fixtures";
import { e2eTwoFactorKeys } from "./two-factor-env";

export const PASSWORD = "a-journey-passphrase-2026";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.test`;
}

/** A verified user, optionally with a role in the demo club. */
export async function createUser(
  options: { role?: "PLAYER" | "STAFF" | "MANAGER"; prefix?: string } = {},
) {
  const email = uniqueEmail(options.prefix ?? "user");
  const client = await e2eDatabase();
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_PARAMS);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO app_user (email, name, password_hash, email_verified_at) VALUES ($1, $2, $3, now()) RETURNING id`,
      [email, "Journey User", passwordHash],
    );
    const id = rows[0]!.id;
    if (options.role) {
      await client.query(
        `INSERT INTO membership (user_id, club_id, role) SELECT $1, id, $2::"Role" FROM club WHERE slug = 'demo'`,
        [id, options.role],
      );
    }
    return { id, email };
  } finally {
    await client.end();
  }
}

/**
 * Logs out with the page's "Log out" button and waits until the sign-out has finished: the server
 * ended the session and sent the browser to /login. A navigation started before that races the
 * sign-out's POST: the next page may still see the session (the login page then forwards a
 * signed-in user to /account), and the navigation aborts the response that clears the cookie.
 */
export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The path and query of the link in the newest email of a template to an address. */
export async function emailLink(to: string, template: string): Promise<string> {
  const client = await e2eDatabase();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ text: string }>(
        `SELECT text FROM email_outbox WHERE to_address = $1 AND template = $2 ORDER BY created_at DESC LIMIT 1`,
        [to, template],
      );
      const url = rows[0] && /https?:\/\/\S+token=[A-Za-z0-9_-]{43}/.exec(rows[0].text)?.[0];
      if (url) {
        const u = new URL(url);
        return u.pathname + u.search;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no ${template} email to ${to}`);
  } finally {
    await client.end();
  }
}

/** Fills and sends the sign-in form; with `next`, the page the sign-in should end on. */
export async function submitLogin(page: Page, email: string, password: string, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs a demo staff account (scripts/seed/demo-accounts.ts) in with its password and a TOTP code
 * of its seeded key, and waits until the sign-in is done: on `next` when given (the page must end
 * with it), else anywhere but /login. Each sign-in needs a fresh TOTP step (`totp` waits for one);
 * a code another spec used within this 30-second step is refused as a replay, so a refused code is
 * tried once more with the next step.
 */
export async function signInStaff(
  page: Page,
  who: keyof typeof DEMO_TOTP_SECRETS,
  options: { next?: string } = {},
) {
  const secret = DEMO_TOTP_SECRETS[who];
  const account = DEMO_ACCOUNTS.find((a) => a.totpSecret === secret);
  if (!account) throw new Error(`no demo account with the ${who} TOTP key`);
  await submitLogin(page, account.email, account.password, options.next);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel("Code").fill(await totp(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    const signedIn = await page
      .waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (signedIn) break;
  }
  if (options.next) {
    await expect(page).toHaveURL(new RegExp(`${options.next.replace(/[/?]/g, "\\$&")}$`));
  } else {
    await expect(page).not.toHaveURL(/\/login/);
  }
}

/**
 * A TOTP code the server will accept now, like an authenticator app whose user waits for a fresh
 * code: the server refuses a code of a time step it already accepted (replay protection), and
 * several tests sign in with the same demo accounts within one 30-second step. The last accepted
 * step is read from the account itself; the code is for the next unused step within the ±1 step
 * window, waiting for time to move on if needed. Secrets are stored sealed per user, so the
 * account is found by opening each enrolled account's secret with the e2e server's key.
 */
export async function totp(secret: string): Promise<string> {
  const key = secret.replace(/\s/g, "");
  const client = await e2eDatabase();
  let lastStep: number | null = null;
  try {
    const { rows } = await client.query<{ id: string; stored: string; step: string | null }>(
      `SELECT id, totp_secret AS stored, totp_last_step::text AS step FROM app_user WHERE totp_secret IS NOT NULL`,
    );
    const keys = e2eTwoFactorKeys();
    const row = rows.find((r) => openTotpSecret(r.stored, r.id, keys) === key);
    lastStep = row?.step != null ? Number(row.step) : null;
  } finally {
    await client.end();
  }
  for (;;) {
    const current = Math.floor(Date.now() / 1000 / 30);
    const step = lastStep === null ? current : Math.max(current, lastStep + 1);
    // The server accepts one step either side of its clock.
    if (step <= current + 1) return generate({ secret: key, epoch: step * 30 + 1 });
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function expectSignedOut(page: Page) {
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}
