/**
 * Booking under concurrency, through the real route handler (app/api/c/[club]/bookings/route.ts)
 * and a real PostgreSQL: a same-slot storm gives exactly one 201 and clean 409s, one player's
 * parallel requests cannot exceed their quota, and a retried Idempotency-Key returns the same
 * booking. See docs/decisions/007-booking-concurrency.md.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { book, bookingClub, localAt, player } from "../helpers/booking";

let slug: string;
let clubId: string;
let courtIds: string[];

beforeAll(async () => {
  const { club, courts } = await bookingClub(4);
  slug = club.slug;
  clubId = club.id;
  courtIds = courts.map((c) => c.id);
});

describe("a same-slot storm", () => {
  it("100 players at once: exactly one 201, 99 × 409 SLOT_TAKEN, no 5xx", async () => {
    const players = [];
    const partner = await player(clubId, {}, { session: false });
    for (let i = 0; i < 100; i++) players.push(await player(clubId));
    const slot = {
      courtId: courtIds[0],
      startsAt: localAt(2, "10:00").toISOString(),
      durationMinutes: 60,
    };

    const responses = await Promise.all(
      players.map((p) => book(slug, p.cookie, { ...slot, partnerIds: [partner.id] })),
    );
    const statuses = responses.map((r) => r.status);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(count(201)).toBe(1);
    expect(count(409)).toBe(99);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const bodies = responses.filter((r) => r.status === 409).map((r) => r.body);
    expect(new Set(bodies.map((b) => b.code))).toEqual(new Set(["SLOT_TAKEN"]));

    const rows = await db.booking.count({ where: { courtId: courtIds[0], status: "CONFIRMED" } });
    expect(rows).toBe(1);
  });
});

describe("one player's quota under parallel requests", () => {
  it("20 parallel bookings of distinct slots with a limit of 2 active bookings: exactly 2", async () => {
    const me = await player(clubId, { maxActiveBookings: 2 });
    const partner = await player(clubId, {}, { session: false });
    const slots = Array.from({ length: 20 }, (_, i) => ({
      courtId: courtIds[i % 4],
      startsAt: localAt(
        3,
        `${String(8 + Math.floor(i / 4) * 2).padStart(2, "0")}:00`,
      ).toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    }));
    const responses = await Promise.all(slots.map((s) => book(slug, me.cookie, s)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const refused = responses.filter((r) => r.status === 422).map((r) => r.body);
    expect(refused).toHaveLength(18);
    expect(new Set(refused.map((b) => `${b.code}/${b.rule}`))).toEqual(
      new Set(["POLICY/MAX_ACTIVE"]),
    );
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(2);
  });
});

describe("Idempotency-Key", () => {
  it("a retried key returns the same booking, once, even when the retries race", async () => {
    const me = await player(clubId);
    const partner = await player(clubId, {}, { session: false });
    const key = randomUUID();
    const body = {
      courtId: courtIds[1],
      startsAt: localAt(2, "15:00").toISOString(),
      durationMinutes: 90,
      partnerIds: [partner.id],
    };
    const first = await book(slug, me.cookie, body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    const created = first.body.booking as { id: string };

    const retries = await Promise.all(
      Array.from({ length: 10 }, () => book(slug, me.cookie, body, { idempotencyKey: key })),
    );
    for (const r of retries) {
      expect(r.status).toBe(201);
      expect(r.headers.get("idempotent-replayed")).toBe("true");
      expect((r.body.booking as { id: string }).id).toBe(created.id);
    }
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(1);
  });

  it("parallel first attempts with one key make one booking", async () => {
    const me = await player(clubId);
    const partner = await player(clubId, {}, { session: false });
    const key = randomUUID();
    const body = {
      courtId: courtIds[2],
      startsAt: localAt(2, "12:00").toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => book(slug, me.cookie, body, { idempotencyKey: key })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => (r.body.booking as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(1);
  });

  it("a key reused with a different body is refused with 422 IDEMPOTENCY_KEY_REUSED", async () => {
    const me = await player(clubId);
    const partner = await player(clubId, {}, { session: false });
    const key = randomUUID();
    const body = {
      courtId: courtIds[3],
      startsAt: localAt(2, "09:00").toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    };
    expect((await book(slug, me.cookie, body, { idempotencyKey: key })).status).toBe(201);
    const reused = await book(
      slug,
      me.cookie,
      { ...body, startsAt: localAt(2, "17:00").toISOString() },
      { idempotencyKey: key },
    );
    expect(reused.status).toBe(422);
    const answer = reused.body;
    expect(answer.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(String(answer.message)).toMatch(/different booking request/);
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(1);
  });
});
