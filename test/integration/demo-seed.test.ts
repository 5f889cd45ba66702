import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, seedDemo } from "../../scripts/seed/demo.ts";
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
    await seedDemo(process.env.DATABASE_URL!, { now });
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
    const result = await seedDemo(process.env.DATABASE_URL!, { now });
    expect(result.created).toEqual({ bookings: 0, users: 0 });
    expect(await counts()).toEqual(before);
  });

  it("is refused in production", async () => {
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      await expect(seedDemo(process.env.DATABASE_URL!, { now })).rejects.toThrow(
        /refused when NODE_ENV=production/,
      );
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = previous;
    }
  });
});
