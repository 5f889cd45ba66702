import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import type { PlanningGrid } from "@/lib/planning";
import { getClubBySlug } from "@/server/clubs/get-club-by-slug";
import { getDayPlanning } from "@/server/planning/get-day-planning";
import { at, createClub, createCourt, createUser } from "../helpers/builders.ts";

// The app's client (server/db.ts) is the one on globalThis; install one that reports each SQL
// statement so that the number of queries per page can be measured. per-file-db.ts disconnects it.
const statements: string[] = [];
const client = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
  log: [{ emit: "event", level: "query" }],
});
client.$on("query", (e) => statements.push(e.query));
(globalThis as { prisma?: PrismaClient }).prisma = client;
const db = client;

async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  statements.length = 0;
  const result = await fn();
  const queries = statements.filter(
    (s) => !/^(BEGIN|COMMIT|ROLLBACK|DEALLOCATE)/i.test(s.trim()),
  ).length;
  return { result, queries };
}

const DATE = "2026-06-16"; // Tuesday, Paris is UTC+2
const NOW = new Date("2026-06-01T10:00:00Z");
let slug: string;
let clubId: string;
let courtA: string;
let courtB: string;
let userId: string;

function cell(g: PlanningGrid, label: string, courtName: string) {
  const row = g.rows.find((r) => r.label === label);
  const i = g.courts.findIndex((c) => c.name === courtName);
  if (!row || i < 0) throw new Error(`no cell ${label} ${courtName}`);
  return row.cells[i];
}

beforeAll(async () => {
  const club = await createClub({ slug: "grid-club" });
  slug = club.slug;
  clubId = club.id;
  await db.openingHours.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      clubId,
      weekday,
      opensMinute: 8 * 60,
      closesMinute: weekday <= 5 ? 22 * 60 : 20 * 60,
    })),
  });
  // Created out of order: the grid follows `position`.
  courtB = (await createCourt(clubId, { name: "Court B", position: 2 })).id;
  courtA = (await createCourt(clubId, { name: "Court A", position: 1 })).id;
  const inactive = await createCourt(clubId, { name: "Old court", position: 0 });
  await db.court.update({ where: { id: inactive.id }, data: { active: false } });
  // Court B opens 07:00–23:00 on Tuesdays.
  await db.courtOpeningHours.create({
    data: { courtId: courtB, weekday: 2, opensMinute: 7 * 60, closesMinute: 23 * 60 },
  });
  userId = (await createUser()).id;

  await db.booking.createMany({
    data: [
      // 10:00–11:30 local on court A.
      {
        clubId,
        courtId: courtA,
        startsAt: at("2026-06-16T08:00:00Z"),
        endsAt: at("2026-06-16T09:30:00Z"),
      },
      // 12:15–12:45 local on court A (partial slots).
      {
        clubId,
        courtId: courtA,
        startsAt: at("2026-06-16T10:15:00Z"),
        endsAt: at("2026-06-16T10:45:00Z"),
      },
      // Cancelled: frees its slot.
      {
        clubId,
        courtId: courtB,
        startsAt: at("2026-06-16T08:00:00Z"),
        endsAt: at("2026-06-16T09:00:00Z"),
        status: "CANCELLED" as const,
        cancelledAt: at("2026-06-10T08:00:00Z"),
      },
      // Another day.
      {
        clubId,
        courtId: courtB,
        startsAt: at("2026-06-17T08:00:00Z"),
        endsAt: at("2026-06-17T09:00:00Z"),
      },
    ].map((b) => ({ ...b, createdById: userId })),
  });
  // Court B: maintenance 08:00–10:00 local; the whole club: a tournament 20:00–21:00 local.
  await db.block.create({
    data: {
      clubId,
      courtId: courtB,
      startsAt: at("2026-06-16T06:00:00Z"),
      endsAt: at("2026-06-16T08:00:00Z"),
      kind: "MAINTENANCE",
      title: "Clay court maintenance",
    },
  });
  await db.block.create({
    data: {
      clubId,
      courtId: null,
      startsAt: at("2026-06-16T18:00:00Z"),
      endsAt: at("2026-06-16T19:00:00Z"),
      kind: "TOURNAMENT",
      title: "Club final",
    },
  });
  // Closures: court A on the 18th, the whole club on the 19th.
  await db.closure.createMany({
    data: [
      { clubId, courtId: courtA, date: new Date("2026-06-18T00:00:00Z"), reason: "Resurfacing" },
      { clubId, courtId: null, date: new Date("2026-06-19T00:00:00Z"), reason: "Bank holiday" },
    ],
  });
  // Another club with a booking at the same time must not leak in.
  const other = await createClub({ slug: "other-club" });
  const otherCourt = await createCourt(other.id, { name: "Court A" });
  await db.booking.create({
    data: {
      clubId: other.id,
      courtId: otherCourt.id,
      startsAt: at("2026-06-16T12:00:00Z"),
      endsAt: at("2026-06-16T13:00:00Z"),
    },
  });
});

afterEach(() => {
  statements.length = 0;
});

describe("getClubBySlug", () => {
  it("returns the public club with its active courts in order and its hours", async () => {
    const club = await getClubBySlug(slug);
    expect(club).toMatchObject({
      slug,
      name: "Test Club",
      timeZone: "Europe/Paris",
      slotMinutes: 30,
    });
    expect(club!.courts.map((c) => c.name)).toEqual(["Court A", "Court B"]);
    expect(club!.courts[1]!.openingHours).toEqual([
      { weekday: 2, closed: false, opensMinute: 420, closesMinute: 1380 },
    ]);
    expect(club!.openingHours).toHaveLength(7);
    expect(Object.keys(club!).sort()).toEqual([
      "courts",
      "id",
      "name",
      "openingHours",
      "slotMinutes",
      "slug",
      "timeZone",
    ]);
  });

  it("returns null for an unknown club, and does not query for an impossible slug", async () => {
    expect(await getClubBySlug("no-such-club")).toBeNull();
    const { result, queries } = await countQueries(() =>
      getClubBySlug("Not A Slug; DROP TABLE club"),
    );
    expect(result).toBeNull();
    expect(queries).toBe(0);
  });
});

describe("getDayPlanning", () => {
  it("builds the day's grid from the database", async () => {
    const p = await getDayPlanning({ slug, date: DATE, now: NOW });
    expect(p).not.toBeNull();
    const g = p!.grid;
    expect(p!.club).toEqual({ slug, name: "Test Club", timeZone: "Europe/Paris", slotMinutes: 30 });
    expect(p!).toMatchObject({
      date: DATE,
      today: "2026-06-01",
      previousDate: "2026-06-15",
      nextDate: "2026-06-17",
    });
    expect(g.courts.map((c) => c.name)).toEqual(["Court A", "Court B"]);
    expect(g.rows[0]!.label).toBe("07:00");
    expect(g.rows.at(-1)!.label).toBe("22:30");

    expect(cell(g, "07:00", "Court A")).toEqual({ status: "closed", reason: null });
    expect(cell(g, "07:00", "Court B")).toEqual({ status: "free" });
    expect(cell(g, "08:00", "Court B")).toMatchObject({
      status: "blocked",
      title: "Clay court maintenance",
    });
    expect(cell(g, "09:30", "Court B")).toMatchObject({
      status: "blocked",
      blockKind: "MAINTENANCE",
    });
    // The cancelled booking 10:00–11:00 on court B is gone.
    expect(cell(g, "10:00", "Court B")).toEqual({ status: "free" });
    for (const label of ["10:00", "10:30", "11:00"]) {
      expect(cell(g, label, "Court A")).toEqual({
        status: "booked",
        from: "10:00",
        until: "11:30",
        partial: false,
      });
    }
    expect(cell(g, "11:30", "Court A")).toEqual({ status: "free" });
    expect(cell(g, "12:00", "Court A")).toMatchObject({ status: "booked", partial: true });
    expect(cell(g, "12:30", "Court A")).toMatchObject({ status: "booked", partial: true });
    // The other club's booking (14:00 local) does not show.
    expect(cell(g, "14:00", "Court A")).toEqual({ status: "free" });
    // The club-wide block covers every court.
    expect(cell(g, "20:00", "Court A")).toMatchObject({
      status: "blocked",
      title: "Club final",
      blockKind: "TOURNAMENT",
    });
    expect(cell(g, "20:30", "Court B")).toMatchObject({ status: "blocked", title: "Club final" });
    expect(cell(g, "22:00", "Court A")).toEqual({ status: "closed", reason: null });
  });

  it("applies closures from the database", async () => {
    const courtClosed = (await getDayPlanning({ slug, date: "2026-06-18", now: NOW }))!.grid;
    expect(cell(courtClosed, "09:00", "Court A")).toEqual({
      status: "closed",
      reason: "Resurfacing",
    });
    expect(cell(courtClosed, "09:00", "Court B")).toEqual({ status: "free" });
    const clubClosed = (await getDayPlanning({ slug, date: "2026-06-19", now: NOW }))!.grid;
    expect(clubClosed.clubClosure).toBe("Bank holiday");
    expect(clubClosed.rows.every((r) => r.cells.every((c) => c.status === "closed"))).toBe(true);
  });

  it("defaults to today in the club's time zone", async () => {
    // 22:30 UTC on the 16th is already the 17th in Paris.
    const p = await getDayPlanning({ slug, now: new Date("2026-06-16T22:30:00Z") });
    expect(p).toMatchObject({ date: "2026-06-17", today: "2026-06-17" });
    expect(cell(p!.grid, "10:00", "Court B")).toMatchObject({ status: "booked" });
    expect(cell(p!.grid, "09:00", "Court A")).toEqual({ status: "free" });
    // At 09:10 local the 09:00 slot has started.
    const later = await getDayPlanning({ slug, now: new Date("2026-06-17T07:10:00Z") });
    expect(cell(later!.grid, "09:00", "Court A")).toEqual({ status: "past" });
    expect(cell(later!.grid, "09:30", "Court A")).toEqual({ status: "free" });
  });

  it("returns null for an unknown club and refuses an impossible date", async () => {
    expect(await getDayPlanning({ slug: "no-such-club", date: DATE })).toBeNull();
    await expect(getDayPlanning({ slug, date: "2026-02-30" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      status: 400,
    });
  });

  it("puts bookings on the right rows of the 25-hour day", async () => {
    const night = await createClub({ slug: "night-club" });
    await db.openingHours.createMany({
      data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        clubId: night.id,
        weekday,
        opensMinute: 0,
        closesMinute: 1440,
      })),
    });
    const court = await createCourt(night.id, { name: "Only court" });
    // The second 02:00 (UTC+1) of Sunday 25 October 2026.
    await db.booking.create({
      data: {
        clubId: night.id,
        courtId: court.id,
        startsAt: at("2026-10-25T01:00:00Z"),
        endsAt: at("2026-10-25T01:30:00Z"),
      },
    });
    const g = (await getDayPlanning({ slug: "night-club", date: "2026-10-25", now: NOW }))!.grid;
    expect(g.rows).toHaveLength(50);
    const booked = g.rows.filter((r) => r.cells[0]!.status === "booked");
    expect(booked.map((r) => `${r.label} ${r.offset}`)).toEqual(["02:00 UTC+1"]);
    expect(g.rows.indexOf(booked[0]!)).toBe(6);
  });

  it("runs a fixed number of SQL queries, whatever the number of courts", async () => {
    const before = await countQueries(() => getDayPlanning({ slug, date: DATE, now: NOW }));
    expect(before.result!.grid.courts).toHaveLength(2);
    expect(before.queries).toBeGreaterThan(0);
    expect(before.queries).toBeLessThanOrEqual(6);

    for (let i = 0; i < 10; i++) {
      const court = await createCourt(clubId, { name: `Extra ${i}`, position: 10 + i });
      await db.courtOpeningHours.create({
        data: { courtId: court.id, weekday: 2, opensMinute: 9 * 60, closesMinute: 21 * 60 },
      });
      await db.booking.create({
        data: {
          clubId,
          courtId: court.id,
          startsAt: at("2026-06-16T09:00:00Z"),
          endsAt: at("2026-06-16T10:00:00Z"),
        },
      });
    }
    const after = await countQueries(() => getDayPlanning({ slug, date: DATE, now: NOW }));
    expect(after.result!.grid.courts).toHaveLength(12);
    expect(cell(after.result!.grid, "11:00", "Extra 9")).toMatchObject({ status: "booked" });
    expect(after.queries).toBe(before.queries);
  });
});
