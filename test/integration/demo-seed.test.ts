import { beforeEach, describe, expect, it } from "vitest";
import {
  assertNoDemoData,
  DemoDataInProductionError,
  findDemoData,
} from "../../scripts/db/demo-guard.ts";
import { DEMO_ACCOUNTS } from "../../scripts/seed/demo-accounts.ts";
import { seedDemo } from "../../scripts/seed/demo.ts";
import { sql } from "../helpers/sql.ts";

async function counts() {
  const { rows } = await sql().query(`
    SELECT (SELECT count(*) FROM club)::int AS clubs,
           (SELECT count(*) FROM court)::int AS courts,
           (SELECT count(DISTINCT sport) FROM court)::int AS sports,
           (SELECT count(*) FROM opening_hours)::int AS hours,
           (SELECT count(*) FROM app_user)::int AS users,
           (SELECT count(*) FROM membership)::int AS memberships,
           (SELECT count(*) FROM booking)::int AS bookings,
           (SELECT count(*) FROM booking_player)::int AS players,
           (SELECT count(*) FROM block)::int AS blocks`);
  return rows[0];
}

describe("demo seed", () => {
  const now = new Date("2026-03-27T10:00:00Z"); // the Friday before the spring DST change

  it("creates the demo club with courts of two sports, hours, staff, players, a week of bookings and a block", async () => {
    await seedDemo(process.env.DATABASE_URL!, { deployment: "test", now });
    const c = await counts();
    expect(c).toMatchObject({
      clubs: 1,
      courts: 6,
      sports: 2,
      hours: 7,
      users: DEMO_ACCOUNTS.length,
      memberships: DEMO_ACCOUNTS.length,
      blocks: 1,
    });
    expect(c.bookings).toBeGreaterThan(20);
    const { rows } = await sql().query(`SELECT slug, time_zone FROM club`);
    expect(rows).toEqual([{ slug: "demo", time_zone: "Europe/Paris" }]);
    const roles = (
      await sql().query(
        `SELECT role, count(*)::int AS n FROM membership GROUP BY role ORDER BY role`,
      )
    ).rows;
    expect(roles).toEqual([
      { role: "OWNER", n: 1 },
      { role: "MANAGER", n: 1 },
      { role: "STAFF", n: 1 },
      { role: "PLAYER", n: DEMO_ACCOUNTS.length - 3 },
    ]);
    // Bookings are placed on local wall-clock times, also across the DST change on Sunday 29 March.
    const local = (
      await sql().query(
        `SELECT DISTINCT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS t FROM booking ORDER BY t`,
      )
    ).rows.map((r) => r.t);
    expect(local).toEqual(["09:00", "10:30", "12:00", "18:00", "19:00"]);
    // Every booking is in the coming week.
    const range = (
      await sql().query(`SELECT min(starts_at) AS first, max(starts_at) AS last FROM booking`)
    ).rows[0];
    expect(range.first.getTime()).toBeGreaterThan(now.getTime());
    expect(range.last.getTime() - now.getTime()).toBeLessThan(7 * 24 * 3600_000);
  });

  it("is idempotent", async () => {
    const before = await counts();
    const result = await seedDemo(process.env.DATABASE_URL!, { deployment: "test", now });
    expect(result.created).toEqual({ bookings: 0, users: 0 });
    expect(await counts()).toEqual(before);
  });

  it("is refused for a production deployment, whatever the caller's own NODE_ENV", async () => {
    // The launcher declares the deployment it seeds: `npm start` is production even though
    // nothing sets the launcher's own NODE_ENV.
    await expect(
      seedDemo(process.env.DATABASE_URL!, { deployment: "production", now }),
    ).rejects.toThrow(/refused in a production deployment/);
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      await expect(
        seedDemo(process.env.DATABASE_URL!, { deployment: "development", now }),
      ).rejects.toThrow(/refused in a production deployment/);
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = previous;
    }
  });
});

describe("production start-up guard", () => {
  beforeEach(async () => {
    await sql().query(`TRUNCATE club, app_user CASCADE`);
  });

  it("names every demo account and the demo club it finds", async () => {
    await seedDemo(process.env.DATABASE_URL!, { deployment: "test" });
    const found = await findDemoData(process.env.DATABASE_URL!);
    expect(found.club).toBe(true);
    expect(found.accounts.sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    const error = await assertNoDemoData(process.env.DATABASE_URL!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoDataInProductionError);
    for (const a of DEMO_ACCOUNTS) expect((error as Error).message).toContain(a.email);
  });

  it("finds one leftover demo account, whatever the case of its address", async () => {
    await sql().query(
      `INSERT INTO app_user (email, name) VALUES ('Staff@Courtside.TEST', 'Left over')`,
    );
    const error = await assertNoDemoData(process.env.DATABASE_URL!).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the demo account Staff@Courtside\.TEST/);
    expect((error as Error).message).not.toMatch(/demo club/);
  });

  it("lets a database without demo data start", async () => {
    await expect(assertNoDemoData(process.env.DATABASE_URL!)).resolves.toBeUndefined();
  });
});
