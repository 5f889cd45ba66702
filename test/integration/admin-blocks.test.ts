/**
 * Blocks of the club admin area (ADR 010) against PostgreSQL: a recurring weekly block
 * lists the bookings it collides with first; the manager cancels them (players told, with the
 * reason) or skips those dates; everything is one transaction; a series can be ended or deleted;
 * STAFF may manage blocks, players may not; ids of another club are never reached.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addDays, todayIn, zonedInstant } from "@/lib/time";
import { createBlock } from "@/server/admin/blocks/create-block";
import { deleteBlock } from "@/server/admin/blocks/delete-block";
import { listBlocks } from "@/server/admin/blocks/list-blocks";
import { previewBlock } from "@/server/admin/blocks/preview-block";
import { afterBookingCancelled } from "@/server/bookings/booking-hooks";
import { db } from "@/server/db";
import { addMembership, as, createAccount } from "../helpers/auth";
import { bookingClub, player, ZONE } from "../helpers/booking";
import { digestOf, errorOf } from "../helpers/errors";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));
// The real hooks, spied on so that one test can make the last step of the transaction fail.
vi.mock("@/server/bookings/booking-hooks", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/bookings/booking-hooks")>();
  return { ...real, afterBookingCancelled: vi.fn(real.afterBookingCancelled) };
});

let slug: string;
let clubId: string;
let courtIds: string[];
let managerId: string;
let staffId: string;
let playerId: string;
let otherSlug: string;
let otherManagerId: string;
let otherCourtId: string;

async function staffUser(clubId: string, role: "MANAGER" | "STAFF" | "PLAYER") {
  const u = await createAccount({ totp: role !== "PLAYER", name: `${role} person` });
  await addMembership(u.id, clubId, role);
  return u.id;
}

const day = (n: number) => addDays(todayIn(ZONE), n);
const at = (n: number, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return zonedInstant(day(n), h! * 60 + m!, ZONE);
};

async function booking(courtId: string, days: number, from: string, to: string, userIds: string[]) {
  return db.booking.create({
    data: {
      clubId,
      courtId,
      startsAt: at(days, from),
      endsAt: at(days, to),
      createdById: userIds[0]!,
      players: { create: userIds.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
}

beforeAll(async () => {
  const { club, courts } = await bookingClub(3);
  slug = club.slug;
  clubId = club.id;
  courtIds = courts.map((c) => c.id);
  managerId = await staffUser(clubId, "MANAGER");
  staffId = await staffUser(clubId, "STAFF");
  playerId = await staffUser(clubId, "PLAYER");
  const other = await bookingClub(1);
  otherSlug = other.club.slug;
  otherCourtId = other.courts[0]!.id;
  otherManagerId = await staffUser(other.club.id, "MANAGER");
});

const lesson = (court: string | null, first: number, until: number | null) => ({
  courtId: court ?? "all",
  kind: "LESSON",
  title: "Junior lesson",
  date: day(first),
  startTime: "18:00",
  endTime: "19:00",
  repeat: until === null ? "none" : "weekly",
  repeatUntil: until === null ? "" : day(until),
});

describe("a recurring block that collides with bookings", () => {
  it("lists the collisions first, then cancels them in one transaction and tells the players why", async () => {
    const court = courtIds[0]!;
    const ann = await player(clubId, {}, { name: "Ann Collide", session: false });
    const ben = await player(clubId, {}, { name: "Ben Collide", session: false });
    const cid = await player(clubId, {}, { name: "Cid Partner", session: false });
    const b1 = await booking(court, 7, "18:00", "19:00", [ann.id, cid.id]);
    const b2 = await booking(court, 14, "17:30", "18:30", [ben.id]);
    // Not colliding: another court, and another time.
    const free1 = await booking(courtIds[1]!, 7, "18:00", "19:00", [ann.id]);
    const free2 = await booking(court, 21, "19:00", "20:00", [ben.id]);

    await as(managerId);
    const preview = await previewBlock(slug, lesson(court, 7, 28));
    expect(preview.occurrences.map((o) => o.date)).toEqual([day(7), day(14), day(21), day(28)]);
    expect(preview.occurrences.map((o) => o.start)).toEqual(["18:00", "18:00", "18:00", "18:00"]);
    expect(preview.bookingIds.sort()).toEqual([b1.id, b2.id].sort());
    expect(preview.occurrences[0]!.bookings[0]!.players).toEqual(["Ann Collide", "Cid Partner"]);
    expect(preview.occurrences[1]!.bookings[0]!.players).toEqual(["Ben Collide"]);

    // Without a choice nothing is written.
    await as(managerId);
    const refused = await errorOf(createBlock(slug, lesson(court, 7, 28), {}));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.details).toMatchObject({ code: "COLLISIONS" });
    expect(await db.block.count({ where: { clubId } })).toBe(0);

    await as(managerId);
    const result = await createBlock(slug, lesson(court, 7, 28), {
      onCollision: "cancel",
      reason: "Junior lessons start this term",
      previewed: preview.bookingIds.join(","),
    });
    expect(result.created).toBe(4);
    expect(result.skipped).toEqual([]);
    expect(result.cancelled.sort()).toEqual([b1.id, b2.id].sort());
    expect(result.seriesId).toMatch(/^[0-9a-f-]{36}$/);

    const blocks = await db.block.findMany({ where: { clubId }, orderBy: { startsAt: "asc" } });
    expect(blocks).toHaveLength(4);
    expect(new Set(blocks.map((b) => b.seriesId))).toEqual(new Set([result.seriesId]));
    expect(blocks.map((b) => b.courtId)).toEqual([court, court, court, court]);

    const cancelled = await db.booking.findMany({
      where: { id: { in: [b1.id, b2.id] } },
      select: { status: true, cancelReason: true, cancelledById: true },
    });
    for (const c of cancelled) {
      expect(c).toEqual({
        status: "CANCELLED",
        cancelReason: "Junior lessons start this term",
        cancelledById: managerId,
      });
    }
    const untouched = await db.booking.findMany({
      where: { id: { in: [free1.id, free2.id] } },
      select: { status: true },
    });
    expect(untouched.map((b) => b.status)).toEqual(["CONFIRMED", "CONFIRMED"]);

    // Every player of a cancelled booking is told, with the reason.
    for (const p of [ann, ben, cid]) {
      const email = (await db.user.findUniqueOrThrow({ where: { id: p.id } })).email;
      const mail = await db.emailOutbox.findFirst({
        where: { toAddress: email, template: "booking-cancelled" },
      });
      expect(mail, p.name).not.toBeNull();
      expect(mail!.text).toContain("Junior lessons start this term");
    }

    const audit = await db.auditEvent.findMany({
      where: { clubId, action: { in: ["block.created", "booking.cancelled_by_staff"] } },
      select: { action: true, actorId: true },
    });
    expect(audit.filter((a) => a.action === "block.created")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "booking.cancelled_by_staff")).toHaveLength(2);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([managerId]));
  });

  it("skips the colliding dates when asked, and leaves those bookings alone", async () => {
    const court = courtIds[1]!;
    const dan = await player(clubId, {}, { name: "Dan Skip", session: false });
    const b = await booking(court, 35, "18:30", "19:30", [dan.id]);
    await as(staffId);
    const result = await createBlock(slug, lesson(court, 28, 42), { onCollision: "skip" });
    expect(result.created).toBe(2);
    expect(result.skipped).toEqual([day(35)]);
    expect(result.cancelled).toEqual([]);
    expect((await db.booking.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("CONFIRMED");
  });

  it("refuses to cancel a booking made after the preview, and writes nothing", async () => {
    const court = courtIds[2]!;
    const eve = await player(clubId, {}, { name: "Eve Early", session: false });
    const fay = await player(clubId, {}, { name: "Fay Late", session: false });
    const seen = await booking(court, 49, "18:00", "19:00", [eve.id]);
    await as(managerId);
    const preview = await previewBlock(slug, lesson(court, 49, 56));
    expect(preview.bookingIds).toEqual([seen.id]);
    const late = await booking(court, 56, "18:00", "19:00", [fay.id]);
    const before = await db.block.count({ where: { clubId } });
    await as(managerId);
    const err = await errorOf(
      createBlock(slug, lesson(court, 49, 56), {
        onCollision: "cancel",
        previewed: preview.bookingIds.join(","),
      }),
    );
    expect(err.details).toMatchObject({ code: "COLLISIONS_CHANGED" });
    expect(await db.block.count({ where: { clubId } })).toBe(before);
    const statuses = await db.booking.findMany({
      where: { id: { in: [seen.id, late.id] } },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["CONFIRMED", "CONFIRMED"]);
  });

  it("a club-wide block collides with bookings on every court, and skips dates another block holds", async () => {
    const gus = await player(clubId, {}, { name: "Gus Wide", session: false });
    const b = await booking(courtIds[2]!, 63, "10:00", "11:00", [gus.id]);
    await as(managerId);
    await createBlock(
      slug,
      {
        ...lesson(courtIds[0]!, 70, null),
        title: "Resurfacing",
        kind: "MAINTENANCE",
        startTime: "09:00",
        endTime: "12:00",
      },
      {},
    );
    const input = {
      ...lesson(null, 63, 77),
      kind: "TOURNAMENT",
      title: "Club open",
      startTime: "09:00",
      endTime: "12:00",
    };
    await as(managerId);
    const preview = await previewBlock(slug, input);
    expect(preview.bookingIds).toEqual([b.id]);
    expect(preview.occurrences[1]!.blockedBy).toEqual(["Resurfacing"]);
    await as(managerId);
    const result = await createBlock(slug, input, { onCollision: "cancel", previewed: b.id });
    expect(result.skipped).toEqual([day(70)]);
    expect(result.created).toBe(2);
    // A club-wide block occupies every court.
    const occupied = await db.courtOccupancy.count({ where: { blockId: { in: result.blockIds } } });
    expect(occupied).toBe(2 * courtIds.length);
  });
});

describe("nothing half-written", () => {
  it("rolls back the cancellations, the blocks, the audit events and the emails when a step fails", async () => {
    const court = courtIds[0]!;
    const hal = await player(clubId, {}, { name: "Hal Rollback", session: false });
    const ida = await player(clubId, {}, { name: "Ida Rollback", session: false });
    const b1 = await booking(court, 161, "18:00", "19:00", [hal.id]);
    const b2 = await booking(court, 168, "18:00", "19:00", [ida.id]);
    const counts = async () => ({
      blocks: await db.block.count({ where: { clubId } }),
      audit: await db.auditEvent.count({ where: { clubId } }),
      emails: await db.emailOutbox.count(),
      cancelled: await db.booking.count({
        where: { id: { in: [b1.id, b2.id] }, status: "CANCELLED" },
      }),
    });
    const before = await counts();
    // The first player is told, then telling the second fails.
    vi.mocked(afterBookingCancelled)
      .mockImplementationOnce(async (tx, event) => {
        const real = await vi.importActual<typeof import("@/server/bookings/booking-hooks")>(
          "@/server/bookings/booking-hooks",
        );
        return real.afterBookingCancelled(tx, event);
      })
      .mockImplementationOnce(async () => {
        throw new Error("mail system down");
      });
    await as(managerId);
    await expect(
      createBlock(slug, lesson(court, 161, 168), {
        onCollision: "cancel",
        previewed: `${b1.id},${b2.id}`,
      }),
    ).rejects.toThrow("mail system down");
    expect(await counts()).toEqual(before);
    expect(before.cancelled).toBe(0);
  });
});

describe("ending and deleting a series", () => {
  it("removes one date, the following dates, or the whole series — of this club only", async () => {
    await as(managerId);
    const created = await createBlock(
      slug,
      {
        ...lesson(courtIds[0]!, 91, 126),
        startTime: "07:00",
        endTime: "08:00",
        title: "Early squad",
      },
      {},
    );
    expect(created.created).toBe(6);
    const ids = created.blockIds;

    // Another club's manager reaches nothing: their club's slug with this block's id is "not found".
    await as(otherManagerId);
    const foreign = await errorOf(deleteBlock(otherSlug, { blockId: ids[0] }));
    expect(foreign.code).toBe("NOT_FOUND");
    await as(otherManagerId);
    expect(await digestOf(deleteBlock(slug, { blockId: ids[0] }))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    expect(await db.block.count({ where: { seriesId: created.seriesId } })).toBe(6);

    await as(staffId);
    expect(await deleteBlock(slug, { blockId: ids[1], scope: "one" })).toEqual({ deleted: 1 });
    await as(staffId);
    expect(await deleteBlock(slug, { blockId: ids[4], scope: "following" })).toEqual({
      deleted: 2,
    });
    const left = await db.block.findMany({
      where: { seriesId: created.seriesId },
      select: { id: true },
    });
    expect(left.map((b) => b.id).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    await as(managerId);
    expect(await deleteBlock(slug, { blockId: ids[2], scope: "series" })).toEqual({ deleted: 3 });
    expect(await db.block.count({ where: { seriesId: created.seriesId } })).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { clubId, action: "block.deleted" } });
    expect(audit).toHaveLength(3);
  });

  it("lists upcoming blocks with what is left of each series", async () => {
    await as(managerId);
    const created = await createBlock(
      slug,
      { ...lesson(courtIds[1]!, 140, 154), startTime: "08:00", endTime: "09:00", title: "Listed" },
      {},
    );
    await as(staffId);
    const list = (await listBlocks(slug)).filter((b) => b.seriesId === created.seriesId);
    expect(list.map((b) => b.remainingInSeries)).toEqual([3, 2, 1]);
    expect(list.map((b) => b.start)).toEqual(["08:00", "08:00", "08:00"]);
  });
});

describe("who may manage blocks", () => {
  it("refuses players, and managers of another club (404, nothing written)", async () => {
    const before = await db.block.count();
    await as(playerId);
    expect(await digestOf(createBlock(slug, lesson(courtIds[0]!, 200, null), {}))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    await as(otherManagerId);
    expect(await digestOf(previewBlock(slug, lesson(courtIds[0]!, 200, null)))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    // Their own club, with a court id of this club in the form: refused as not theirs.
    await as(otherManagerId);
    const err = await errorOf(createBlock(otherSlug, lesson(courtIds[0]!, 200, null), {}));
    expect(err.fields).toHaveProperty("courtId");
    expect(await db.block.count()).toBe(before);
    await as(otherManagerId);
    const ok = await createBlock(otherSlug, lesson(otherCourtId, 200, null), {});
    expect(ok.created).toBe(1);
  });

  it("names the invalid fields", async () => {
    await as(managerId);
    const err = await errorOf(
      createBlock(
        slug,
        { ...lesson(courtIds[0]!, 5, null), endTime: "17:00", repeat: "weekly", repeatUntil: "" },
        {},
      ),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(Object.keys(err.fields).sort()).toEqual(["endTime", "repeatUntil"]);
  });
});
