/**
 * A production deployment must never contain the demo club or its accounts, whose passwords and
 * TOTP keys are public (README). The production start (scripts/dev.ts --prod), the worker and the
 * Next.js server itself (instrumentation.ts) refuse to run when any of them exists, naming each.
 * Plain `pg`: this runs before anything else is loaded. See docs/decisions/013-production-safe-by-default.md.
 */
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_CLUB_SLUG } from "../seed/demo-accounts.ts";

export type DemoLeftovers = { accounts: string[]; club: boolean };

export async function findDemoData(connectionString: string): Promise<DemoLeftovers> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const users = await client.query<{ email: string }>(
      `SELECT email::text AS email FROM app_user WHERE lower(email::text) = ANY($1::text[]) ORDER BY 1`,
      [DEMO_ACCOUNTS.map((a) => a.email.toLowerCase())],
    );
    const club = await client.query(`SELECT 1 FROM club WHERE slug = $1`, [DEMO_CLUB_SLUG]);
    return { accounts: users.rows.map((r) => r.email), club: (club.rowCount ?? 0) > 0 };
  } finally {
    await client.end();
  }
}

export class DemoDataInProductionError extends Error {
  constructor(readonly found: DemoLeftovers) {
    const what = [
      ...(found.club ? [`the demo club "${DEMO_CLUB_SLUG}"`] : []),
      ...found.accounts.map((email) => `the demo account ${email}`),
    ];
    super(
      `Refusing to start a production deployment: the database contains ${what.join(", ")}, whose passwords are published. ` +
        "Use a database without the demo data (delete these accounts and the club), or declare a trial deployment with DEPLOYMENT_ENV=staging.",
    );
    this.name = "DemoDataInProductionError";
  }
}

/** Throws DemoDataInProductionError, naming each demo account and the demo club, if any exists. */
export async function assertNoDemoData(connectionString: string): Promise<void> {
  const found = await findDemoData(connectionString);
  if (found.club || found.accounts.length > 0) throw new DemoDataInProductionError(found);
}

/** The start-up check of every process of a deployment: a production one must hold no demo data. */
export async function refuseDemoDataInProduction(env: {
  DEPLOYMENT_ENV: string;
  DATABASE_URL: string;
}): Promise<void> {
  if (env.DEPLOYMENT_ENV === "production") await assertNoDemoData(env.DATABASE_URL);
}
