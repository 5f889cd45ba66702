/**
 * getAvailability (server/bookings/get-availability.ts): the grid as one viewer sees it, decided by
 * the same policy engine as create-booking, in a fixed number of SQL statements.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import type { AvailabilityCell } from "@/lib/availability";
import { zonedInstant } from "@/lib/time";
import { getAvailability, type Availability } from "@/server/bookings/get-availability";
import { createCourt } from "../helpers/builders";

// Count the statements of the app's client (see planning.test.ts).
const statements: string[] = [];
const client = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
  log: [{ emit: "event", level: "query" }],
});
client.$on("query", (e) => statements.push(e.query));
(globalThis as { prisma?: PrismaClient }).prisma = client;

// Imported after the client is installed on globalThis.
const { bookingClub, player, ZONE } = await import("../helpers/booking");

const NOW = new Date("2026-06-10T08:00:00Z"); // Wednesday 10:00 in Paris
const DATE = "2026-06-12"; // Friday
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return zonedInstant(date, h! * 60 + m!, ZONE);
};

let slug: string;
let clubId: string;
let courtIds: string[];
let me: { userId: string };

beforeAll(async () => {
  const { club, courts } = await bookingClub(2);
  slug = club.slug;
  clubId = club.id;
  courtIds = courts.map((c) => c.id);
  const p = await player(
    clubId,
    { horizonDays: 3, releaseMinute: 8 * 60, maxPerDay: 1 },
    { session: false },
  );
  me = { userId: p.id };
  await client.booking.create({
    data: {
      clubId,
      courtId: courtIds[0]!,
      startsAt: at(DATE, "10:00"),
      endsAt: at(DATE, "11:00"),
      createdById: me.userId,
      players: { create: [{ userId: me.userId }] },
    },
  });
});

function cell(a: Availability, label: string, court: number): AvailabilityCell {
  const row = a.grid.rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row ${label}`);
  return row.cells[court]!;
}

async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  statements.length = 0;
  const result = await fn();
  return {
    result,
    queries: statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|DEALLOCATE)/i.test(s.trim()))
      .length,
  };
}

describe("getAvailability", () => {
  it("anonymous: free cells say 'Sign in to book'", async () => {
    const a = (await getAvailability(null, { club: slug, date: DATE }, { now: NOW }))!;
    expect(a.viewer).toEqual({ signedIn: false, member: false, tierName: null });
    expect(cell(a, "12:00", 1)).toEqual({
      status: "free",
      bookable: false,
      reason: { rule: "SIGN_IN", message: "Sign in to book", eligibleAt: null },
    });
    expect(cell(a, "10:00", 0)).toMatchObject({ status: "booked", mine: false, bookingId: null });
  });

  it("a signed-in stranger: NOT_A_MEMBER", async () => {
    const stranger = await player((await bookingClub(0)).club.id, {}, { session: false });
    const a = (await getAvailability(
      { userId: stranger.id },
      { club: slug, date: DATE },
      { now: NOW },
    ))!;
    expect(cell(a, "12:00", 1)).toMatchObject({
      bookable: false,
      reason: { rule: "NOT_A_MEMBER" },
    });
  });

  it("a member: their booking is marked theirs, and the day quota explains the other cells", async () => {
    const a = (await getAvailability(me, { club: slug, date: DATE }, { now: NOW }))!;
    expect(a.viewer.member).toBe(true);
    expect(a.grid.courts[0]).toMatchObject({
      durations: [60, 90],
      playerCounts: [2, 4],
      sport: "TENNIS",
    });
    expect(cell(a, "10:00", 0)).toMatchObject({ status: "booked", mine: true });
    expect(cell(a, "12:00", 1)).toMatchObject({ bookable: false, reason: { rule: "MAX_PER_DAY" } });
  });

  it("durations that fit before closing; too short at the end of the day", async () => {
    const a = (await getAvailability(me, { club: slug, date: "2026-06-11" }, { now: NOW }))!;
    expect(cell(a, "12:00", 1)).toEqual({ status: "free", bookable: true, durations: [60, 90] });
    expect(cell(a, "20:30", 1)).toEqual({ status: "free", bookable: true, durations: [60, 90] });
    expect(cell(a, "21:00", 1)).toEqual({ status: "free", bookable: true, durations: [60] });
    expect(cell(a, "21:30", 1)).toMatchObject({ bookable: false, reason: { rule: "TOO_SHORT" } });
  });

  it("a day beyond the horizon says when it opens", async () => {
    const a = (await getAvailability(me, { club: slug, date: "2026-06-15" }, { now: NOW }))!;
    const c = cell(a, "12:00", 1);
    expect(c).toMatchObject({ bookable: false, reason: { rule: "NOT_OPEN_YET" } });
    if (c.status === "free" && !c.bookable) {
      expect(c.reason.eligibleAt).toBe(at("2026-06-12", "08:00").toISOString());
    }
  });

  it("works on the DST days of the club's zone", async () => {
    for (const date of ["2026-03-29", "2026-10-25"]) {
      const a = (await getAvailability(
        me,
        { club: slug, date },
        { now: new Date(`${date}T00:00:00Z`) },
      ))!;
      expect(a.grid.rows.length).toBeGreaterThan(0);
    }
  });

  it("runs a fixed number of SQL statements whatever the number of courts", async () => {
    const before = await countQueries(() =>
      getAvailability(me, { club: slug, date: DATE }, { now: NOW }),
    );
    for (let i = 0; i < 6; i++) await createCourt(clubId, { position: 10 + i });
    const after = await countQueries(() =>
      getAvailability(me, { club: slug, date: DATE }, { now: NOW }),
    );
    expect(after.result!.grid.courts).toHaveLength(8);
    expect(after.queries).toBe(before.queries);
    expect(before.queries).toBeLessThanOrEqual(16);
    const anon = await countQueries(() =>
      getAvailability(null, { club: slug, date: DATE }, { now: NOW }),
    );
    expect(anon.queries).toBeLessThan(before.queries);
  });
});
