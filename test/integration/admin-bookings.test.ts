/**
 * Bookings of the club admin area (ADR 010) against PostgreSQL: the list filters by date
 * range, court, member and status, 25 to a page; staff cancel on a member's behalf with a reason
 * the players are told; staff book for members (the tier's quotas do not bind the club) and walk-in
 * guests, never over another booking or a block; ids of another club are never reached.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addDays, todayIn, zonedInstant } from "@/lib/time";
import { cancelMemberBooking } from "@/server/admin/bookings/cancel-member-booking";
import { createStaffBooking } from "@/server/admin/bookings/create-staff-booking";
import { listClubBookings } from "@/server/admin/bookings/list-club-bookings";
import { getDashboard } from "@/server/admin/dashboard/get-dashboard";
import { db } from "@/server/db";
import { addMembership, as, createAccount } from "../helpers/auth";
import { bookingClub, player, ZONE } from "../helpers/booking";
import { digestOf, errorOf } from "../helpers/errors";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

let slug: string;
let clubId: string;
let courtIds: string[];
let staffId: string;
let playerId: string;
let otherSlug: string;
let otherClubId: string;
let otherCourtId: string;
let otherManagerId: string;

async function account(clubId: string, role: "MANAGER" | "STAFF" | "PLAYER", name: string) {
  const u = await createAccount({ totp: role !== "PLAYER", name });
  await addMembership(u.id, clubId, role);
  return u.id;
}
const day = (n: number) => addDays(todayIn(ZONE), n);
const at = (n: number, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return zonedInstant(day(n), h! * 60 + m!, ZONE);
};
async function booking(
  club: string,
  courtId: string,
  days: number,
  from: string,
  to: string,
  players: Array<{ userId: string } | { guestName: string }>,
  status: "CONFIRMED" | "CANCELLED" = "CONFIRMED",
) {
  const first = players[0]!;
  return db.booking.create({
    data: {
      clubId: club,
      courtId,
      startsAt: at(days, from),
      endsAt: at(days, to),
      status,
      cancelledAt: status === "CANCELLED" ? new Date() : null,
      createdById: "userId" in first ? first.userId : null,
      players: { create: players },
    },
    select: { id: true },
  });
}

let zoe: { id: string; name: string };
let yan: { id: string; name: string };

beforeAll(async () => {
  const { club, courts } = await bookingClub(2);
  slug = club.slug;
  clubId = club.id;
  courtIds = courts.map((c) => c.id);
  staffId = await account(clubId, "STAFF", "Sam Staff");
  playerId = await account(clubId, "PLAYER", "Pat Player");
  // A member whose tier allows nothing: the club may still book for her.
  zoe = await player(
    clubId,
    { horizonDays: 0, maxPerDay: 0, maxActiveBookings: 0 },
    { name: "Zoe Quota", session: false },
  );
  yan = await player(clubId, {}, { name: "Yan Filter", session: false });
  const other = await bookingClub(1);
  otherSlug = other.club.slug;
  otherClubId = other.club.id;
  otherCourtId = other.courts[0]!.id;
  otherManagerId = await account(otherClubId, "MANAGER", "Other Manager");
});

describe("the bookings list", () => {
  it("filters by date range, court, member and status, and pages by 25", async () => {
    // 30 bookings of Yan on court 1, days 40..69; two on court 2; one cancelled; a guest.
    for (let i = 0; i < 30; i++)
      await booking(clubId, courtIds[0]!, 40 + i, "09:00", "10:00", [{ userId: yan.id }]);
    await booking(clubId, courtIds[1]!, 41, "09:00", "10:00", [{ userId: zoe.id }]);
    await booking(clubId, courtIds[1]!, 42, "09:00", "10:00", [{ userId: zoe.id }], "CANCELLED");
    await booking(clubId, courtIds[1]!, 43, "11:00", "12:00", [
      { userId: zoe.id },
      { guestName: "Walter Walkin" },
    ]);
    // Another club's booking with the same member name never shows.
    const stranger = await createAccount({ name: "Yan Filter" });
    await addMembership(stranger.id, otherClubId, "PLAYER");
    await booking(otherClubId, otherCourtId, 41, "09:00", "10:00", [{ userId: stranger.id }]);

    await as(staffId);
    const all = await listClubBookings(slug, {});
    expect(all.total).toBe(33);
    expect(all.rows).toHaveLength(25);
    expect(all.pages).toBe(2);
    await as(staffId);
    const page2 = await listClubBookings(slug, { page: "2" });
    expect(page2.rows).toHaveLength(8);
    expect(new Set([...all.rows, ...page2.rows].map((r) => r.id)).size).toBe(33);

    await as(staffId);
    const ranged = await listClubBookings(slug, { from: day(41), to: day(43) });
    expect(ranged.total).toBe(6);
    await as(staffId);
    expect((await listClubBookings(slug, { court: courtIds[1] })).total).toBe(3);
    await as(staffId);
    const yans = await listClubBookings(slug, { member: "yan fil" });
    expect(yans.total).toBe(30);
    await as(staffId);
    expect((await listClubBookings(slug, { member: "walter" })).rows[0]!.players).toEqual([
      "Zoe Quota",
      "Walter Walkin (guest)",
    ]);
    await as(staffId);
    expect((await listClubBookings(slug, { status: "CANCELLED" })).total).toBe(1);
    // Another club's court id as a filter finds nothing of it.
    await as(staffId);
    expect((await listClubBookings(slug, { court: otherCourtId })).total).toBe(0);
  });
});

describe("cancelling on a member's behalf", () => {
  it("cancels with the reason, tells every player, and writes the audit event", async () => {
    const b = await booking(clubId, courtIds[0]!, 2, "15:00", "16:00", [
      { userId: yan.id },
      { userId: zoe.id },
    ]);
    await as(staffId);
    const res = await cancelMemberBooking(slug, { bookingId: b.id, reason: "Court flooded" });
    expect(res).toEqual({ bookingId: b.id, alreadyCancelled: false });
    const row = await db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(row).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Court flooded",
      cancelledById: staffId,
    });
    for (const id of [yan.id, zoe.id]) {
      const email = (await db.user.findUniqueOrThrow({ where: { id } })).email;
      const mail = await db.emailOutbox.findFirst({
        where: { toAddress: email, template: "booking-cancelled" },
      });
      expect(mail?.text).toContain("Court flooded");
    }
    expect(
      await db.auditEvent.count({
        where: { clubId, action: "booking.cancelled_by_staff", targetId: b.id },
      }),
    ).toBe(1);
  });

  it("needs a reason, and never reaches another club's booking", async () => {
    const mine = await booking(clubId, courtIds[0]!, 3, "15:00", "16:00", [{ userId: yan.id }]);
    const theirs = await booking(otherClubId, otherCourtId, 3, "15:00", "16:00", [
      { guestName: "Gil" },
    ]);
    await as(staffId);
    expect(
      (await errorOf(cancelMemberBooking(slug, { bookingId: mine.id, reason: " " }))).fields,
    ).toHaveProperty("reason");
    await as(staffId);
    expect(
      (await errorOf(cancelMemberBooking(slug, { bookingId: theirs.id, reason: "x" }))).code,
    ).toBe("NOT_FOUND");
    await as(otherManagerId);
    expect(await digestOf(cancelMemberBooking(slug, { bookingId: mine.id, reason: "x" }))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    await as(otherManagerId);
    expect(
      (await errorOf(cancelMemberBooking(otherSlug, { bookingId: mine.id, reason: "x" }))).code,
    ).toBe("NOT_FOUND");
    await as(playerId);
    expect(await digestOf(cancelMemberBooking(slug, { bookingId: mine.id, reason: "x" }))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    expect((await db.booking.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
      "CONFIRMED",
    );
    expect((await db.booking.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe(
      "CONFIRMED",
    );
  });
});

describe("booking for a member or a walk-in guest", () => {
  const form = (over: Record<string, string>) => ({
    courtId: courtIds[1]!,
    date: day(20),
    startTime: "18:00",
    durationMinutes: "60",
    memberId: "",
    guestName: "",
    ...over,
  });

  it("books for a member beyond her tier's quotas (she gets the confirmation) and for a walk-in", async () => {
    await as(staffId);
    const { booking: b } = await createStaffBooking(slug, form({ memberId: zoe.id }));
    expect(b.startsAt).toBe(at(20, "18:00").toISOString());
    expect(b.createdById).toBe(zoe.id);
    expect(b.players).toEqual([
      { kind: "member", userId: zoe.id, name: "Zoe Quota", isBooker: true },
    ]);
    const email = (await db.user.findUniqueOrThrow({ where: { id: zoe.id } })).email;
    expect(
      await db.emailOutbox.count({ where: { toAddress: email, template: "booking-confirmed" } }),
    ).toBe(1);
    expect(
      await db.auditEvent.findFirst({
        where: { action: "booking.created_by_staff", targetId: b.id },
        select: { actorId: true },
      }),
    ).toEqual({ actorId: staffId });

    await as(staffId);
    const walkIn = await createStaffBooking(
      slug,
      form({ startTime: "19:00", guestName: "Walk In" }),
    );
    expect(walkIn.booking.players).toEqual([{ kind: "guest", name: "Walk In" }]);
  });

  it("never books over a booking or a block", async () => {
    await as(staffId);
    const taken = await errorOf(
      createStaffBooking(slug, form({ startTime: "18:30", guestName: "Late" })),
    );
    expect(taken.details).toMatchObject({ code: "SLOT_TAKEN" });
    await db.block.create({
      data: {
        clubId,
        courtId: null,
        startsAt: at(21, "08:00"),
        endsAt: at(21, "12:00"),
        kind: "MAINTENANCE",
        title: "Works",
      },
    });
    await as(staffId);
    const blocked = await errorOf(
      createStaffBooking(slug, form({ date: day(21), startTime: "09:00", guestName: "X" })),
    );
    expect(blocked.details).toMatchObject({ code: "SLOT_TAKEN" });
  });

  it("refuses a court or a member of another club, and bad input, naming the field", async () => {
    const stranger = await createAccount({ name: "Not Here" });
    await addMembership(stranger.id, otherClubId, "PLAYER");
    await as(staffId);
    expect(
      (await errorOf(createStaffBooking(slug, form({ courtId: otherCourtId, guestName: "G" }))))
        .fields,
    ).toHaveProperty("courtId");
    await as(staffId);
    expect(
      (await errorOf(createStaffBooking(slug, form({ memberId: stranger.id })))).fields,
    ).toHaveProperty("memberId");
    await as(staffId);
    expect((await errorOf(createStaffBooking(slug, form({})))).fields).toHaveProperty("memberId");
    await as(staffId);
    expect(
      (await errorOf(createStaffBooking(slug, form({ guestName: "G", durationMinutes: "5" }))))
        .fields,
    ).toHaveProperty("durationMinutes");
    await as(otherManagerId);
    expect(await digestOf(createStaffBooking(slug, form({ guestName: "G" })))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    await as(playerId);
    expect(await digestOf(createStaffBooking(slug, form({ guestName: "G" })))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
  });
});

describe("the dashboard", () => {
  it("shows today's occupancy, blocks, bookings, cancellations and the club's security events only", async () => {
    // The dashboard seen at 09:00 of the club's today: the 12:00–13:00 block below is still to
    // come whatever the hour the suite runs at.
    const today = todayIn(ZONE, new Date());
    const now = zonedInstant(today, 540, ZONE);
    // Today 08:00–22:00 (840 min): court 1 booked 10:00–11:30 and blocked 12:00–13:00.
    await db.booking.create({
      data: {
        clubId,
        courtId: courtIds[0]!,
        startsAt: zonedInstant(today, 600, ZONE),
        endsAt: zonedInstant(today, 690, ZONE),
        createdById: yan.id,
        players: { create: [{ userId: yan.id }] },
      },
    });
    await db.block.create({
      data: {
        clubId,
        courtId: courtIds[0]!,
        startsAt: zonedInstant(today, 720, ZONE),
        endsAt: zonedInstant(today, 780, ZONE),
        kind: "LESSON",
        title: "Dashboard lesson",
      },
    });
    await db.auditEvent.create({
      data: { clubId, actorId: staffId, action: "admin.member.updated" },
    });
    await db.auditEvent.create({
      data: { actorId: staffId, action: "auth.login.failed", ip: "198.51.100.7" },
    });
    await db.auditEvent.create({
      data: { clubId: otherClubId, action: "admin.member.updated", ip: "198.51.100.99" },
    });
    await db.auditEvent.create({
      data: { actorId: yan.id, action: "auth.login.failed", ip: "198.51.100.98" },
    });

    const managerId = await account(clubId, "MANAGER", "Mia Manager");
    await as(managerId);
    const d = await getDashboard(slug, now);
    const c1 = d.occupancy.find((c) => c.courtId === courtIds[0])!;
    expect(c1).toMatchObject({
      openMinutes: 840,
      bookedMinutes: 90,
      blockedMinutes: 60,
      bookings: 1,
      percent: 18,
    });
    expect(d.upcomingBlocks.map((b) => b.title)).toContain("Dashboard lesson");
    expect(d.recentBookings.length).toBeGreaterThan(0);
    expect(d.recentCancellations.some((c) => c.reason === "Court flooded")).toBe(true);
    const actions = d.securityEvents!.map((e) => `${e.action}@${e.ip ?? ""}`);
    expect(actions).toContain("admin.member.updated@");
    expect(actions).toContain("auth.login.failed@198.51.100.7");
    // Another club's events and a player's own sign-in failures are not this club's security view.
    expect(actions).not.toContain("admin.member.updated@198.51.100.99");
    expect(actions).not.toContain("auth.login.failed@198.51.100.98");

    // Staff see the day's work, not the security view (need-to-know).
    await as(staffId);
    const forStaff = await getDashboard(slug, now);
    expect(forStaff.securityEvents).toBeNull();
    expect(forStaff.occupancy).toEqual(d.occupancy);

    await as(playerId);
    expect(await digestOf(getDashboard(slug))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    await as(otherManagerId);
    expect(await digestOf(getDashboard(slug))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
