/**
 * The waiting list through the real route handlers and PostgreSQL: players wait for a taken slot;
 * when it frees by cancellation, each is emailed a link that opens the booking prefilled; the first
 * to confirm gets the court and the other a clean 409; entries close when booked, left or past.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as CANCEL } from "@/app/api/c/[club]/bookings/[id]/route";
import { GET as LIST, POST as JOIN } from "@/app/api/c/[club]/waitlist/route";
import { DELETE as LEAVE } from "@/app/api/c/[club]/waitlist/[id]/route";
import { parseBookingPrefill } from "@/lib/booking-links";
import { db } from "@/server/db";
import { expireWaitlistEntries } from "@/server/waitlist/expire-waitlist-entries";
import { book, bookingClub, jsonOf, localAt, params, player, request } from "../helpers/booking";
import { outboxOf } from "../helpers/ics";

let slug: string;
let clubId: string;
let courtIds: string[];

beforeAll(async () => {
  const { club, courts } = await bookingClub(3);
  slug = club.slug;
  clubId = club.id;
  courtIds = courts.map((c) => c.id);
});

async function join(cookie: string, body: Record<string, unknown>) {
  const res = await JOIN(
    request("POST", `/api/c/${slug}/waitlist`, { cookie, body }),
    params({ club: slug }),
  );
  return { status: res.status, body: await jsonOf(res) };
}

async function takenSlot(court: number, days: number, hhmm: string) {
  const holder = await player(clubId, {}, { name: "Holder" });
  const partner = await player(clubId);
  const slot = {
    courtId: courtIds[court]!,
    startsAt: localAt(days, hhmm).toISOString(),
    durationMinutes: 60,
  };
  const res = await book(slug, holder.cookie, { ...slot, partnerIds: [partner.id] });
  expect(res.status).toBe(201);
  return { slot, holder, partner, bookingId: (res.body.booking as { id: string }).id };
}

describe("joining", () => {
  it("waits for a taken slot once; refuses free, own and blocked slots with their reason", async () => {
    const { slot, holder, partner } = await takenSlot(0, 2, "10:00");
    const me = await player(clubId);

    const first = await join(me.cookie, slot);
    expect(first.status).toBe(201);
    const entry = first.body.entry as { id: string; startsAt: string; durationMinutes: number };
    expect(entry.startsAt).toBe(slot.startsAt);
    expect(entry.durationMinutes).toBe(60);
    const again = await join(me.cookie, slot);
    expect(again.status).toBe(200);
    expect((again.body.entry as { id: string }).id).toBe(entry.id);

    const listed = await LIST(
      request("GET", `/api/c/${slug}/waitlist`, { cookie: me.cookie }),
      params({ club: slug }),
    );
    expect(((await jsonOf(listed)).entries as { id: string }[]).map((e) => e.id)).toEqual([
      entry.id,
    ]);

    const free = await join(me.cookie, { ...slot, startsAt: localAt(2, "14:00").toISOString() });
    expect(free.status).toBe(409);
    expect(free.body.code).toBe("SLOT_FREE");

    const own = await join(holder.cookie, slot);
    expect(own).toMatchObject({ status: 422, body: { code: "WAITLIST", rule: "ALREADY_PLAYING" } });
    // A named partner plays too: nothing to wait for.
    expect(await join(partner.cookie, slot)).toMatchObject({
      status: 422,
      body: { rule: "ALREADY_PLAYING" },
    });

    await db.block.create({
      data: {
        clubId,
        courtId: courtIds[0]!,
        startsAt: localAt(2, "16:00"),
        endsAt: localAt(2, "17:00"),
        kind: "LESSON",
        title: "Lesson",
      },
    });
    const blocked = await join(me.cookie, { ...slot, startsAt: localAt(2, "16:00").toISOString() });
    expect(blocked).toMatchObject({ status: 422, body: { rule: "BLOCKED" } });

    const badDuration = await join(me.cookie, { ...slot, durationMinutes: 45 });
    expect(badDuration).toMatchObject({ status: 422, body: { rule: "DURATION_NOT_ALLOWED" } });
    const badField = await join(me.cookie, { ...slot, courtId: "nope" });
    expect(badField.status).toBe(400);
    expect(badField.body.fields).toHaveProperty("courtId");

    const signedOut = await JOIN(
      request("POST", `/api/c/${slug}/waitlist`, { body: slot }),
      params({ club: slug }),
    );
    expect(signedOut.status).toBe(401);
    const crossSite = await JOIN(
      request("POST", `/api/c/${slug}/waitlist`, {
        cookie: me.cookie,
        body: slot,
        headers: { origin: "https://evil.example" },
      }),
      params({ club: slug }),
    );
    expect(crossSite.status).toBe(403);
    const outsider = await player((await bookingClub(1)).club.id);
    expect((await join(outsider.cookie, slot)).status).toBe(404);
  });
});

describe("a freed slot", () => {
  it("is offered to every waiting player; the first to confirm gets it, the second gets 409", async () => {
    const { slot, holder, bookingId } = await takenSlot(1, 3, "18:00");
    const waiters = [
      await player(clubId, {}, { name: "Wanda First" }),
      await player(clubId, {}, { name: "Walt Second" }),
    ];
    for (const w of waiters) expect((await join(w.cookie, slot)).status).toBe(201);
    // Someone waiting for another court is not told.
    const elsewhere = await takenSlot(2, 3, "18:00");
    const other = await player(clubId);
    expect((await join(other.cookie, elsewhere.slot)).status).toBe(201);

    const cancelled = await CANCEL(
      request("DELETE", `/api/c/${slug}/bookings/${bookingId}`, { cookie: holder.cookie }),
      params({ club: slug, id: bookingId }),
    );
    expect(cancelled.status).toBe(200);

    const offers = await outboxOf("waitlist-offer");
    expect(offers.map((o) => o.userId).sort()).toEqual(waiters.map((w) => w.id).sort());
    for (const o of offers) {
      expect(o.category).toBe("waiting_list");
      expect(o.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(o.text).toContain("One other player was waiting too");
      expect(o.text).not.toContain("Holder"); // who cancelled is not disclosed
    }
    const notified = await db.waitlistEntry.findMany({
      where: { userId: { in: waiters.map((w) => w.id) } },
      select: { notifiedAt: true },
    });
    expect(notified.every((e) => e.notifiedAt !== null)).toBe(true);

    // Each follows their link: it opens the booking prefilled with this exact slot.
    const bodies = offers.map((o) => {
      const url = /(http:\/\/localhost:3000\/c\/[^\s]+)/.exec(o.text)![1]!;
      expect(new URL(url).pathname).toBe(`/c/${slug}/planning`);
      const prefill = parseBookingPrefill(new URL(url).searchParams)!;
      expect(prefill).toEqual({
        courtId: slot.courtId,
        startsAt: new Date(slot.startsAt),
        durationMinutes: 60,
      });
      return {
        courtId: prefill.courtId,
        startsAt: prefill.startsAt.toISOString(),
        durationMinutes: prefill.durationMinutes,
      };
    });
    const partners = [
      await player(clubId, {}, { session: false }),
      await player(clubId, {}, { session: false }),
    ];
    const results = await Promise.all(
      waiters.map((w, i) => book(slug, w.cookie, { ...bodies[i], partnerIds: [partners[i]!.id] })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe("SLOT_TAKEN");
    const winnerIndex = results.findIndex((r) => r.status === 201);
    const winner = waiters[winnerIndex]!;
    const loserPlayer = waiters[1 - winnerIndex]!;

    const entries = await db.waitlistEntry.findMany({
      where: { courtId: slot.courtId, userId: { in: waiters.map((w) => w.id) } },
      select: { userId: true, resolution: true },
    });
    expect(entries.find((e) => e.userId === winner.id)!.resolution).toBe("BOOKED");
    // The other keeps waiting: should the slot free again, they are told again.
    expect(entries.find((e) => e.userId === loserPlayer.id)!.resolution).toBeNull();
    expect(await outboxOf("waitlist-offer")).toHaveLength(2);
  });

  it("is not offered while another booking or block still covers the waited time", async () => {
    // Waiting for 10:00–11:30 while two bookings (10:00 and 11:00) hold it: one cancel is not enough.
    const a = await takenSlot(2, 4, "10:00");
    const b = await takenSlot(2, 4, "11:00");
    const w = await player(clubId);
    expect((await join(w.cookie, { ...a.slot, durationMinutes: 90 })).status).toBe(201);
    const before = (await outboxOf("waitlist-offer")).length;
    await CANCEL(
      request("DELETE", `/api/c/${slug}/bookings/${a.bookingId}`, { cookie: a.holder.cookie }),
      params({ club: slug, id: a.bookingId }),
    );
    expect(await outboxOf("waitlist-offer")).toHaveLength(before);
    await CANCEL(
      request("DELETE", `/api/c/${slug}/bookings/${b.bookingId}`, { cookie: b.holder.cookie }),
      params({ club: slug, id: b.bookingId }),
    );
    const offers = await outboxOf("waitlist-offer");
    expect(offers).toHaveLength(before + 1);
    expect(offers.at(-1)!.userId).toBe(w.id);
  });
});

describe("leaving and expiry", () => {
  it("a player leaves their entry (idempotent); others' entries are 404; past entries expire", async () => {
    const { slot } = await takenSlot(0, 5, "12:00");
    const me = await player(clubId);
    const stranger = await player(clubId);
    const entryId = ((await join(me.cookie, slot)).body.entry as { id: string }).id;
    const leave = (cookie: string) =>
      LEAVE(
        request("DELETE", `/api/c/${slug}/waitlist/${entryId}`, { cookie }),
        params({ club: slug, id: entryId }),
      );

    expect((await leave(stranger.cookie)).status).toBe(404);
    const first = await leave(me.cookie);
    expect(first.status).toBe(200);
    expect(await jsonOf(first)).toEqual({ left: true });
    expect(await jsonOf(await leave(me.cookie))).toEqual({ left: false });
    expect((await db.waitlistEntry.findUniqueOrThrow({ where: { id: entryId } })).resolution).toBe(
      "WITHDRAWN",
    );

    // Joining again reopens the same entry.
    const rejoined = await join(me.cookie, slot);
    expect(rejoined.status).toBe(201);
    expect((rejoined.body.entry as { id: string }).id).toBe(entryId);

    const expired = await expireWaitlistEntries(new Date(new Date(slot.startsAt).getTime() + 1));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await db.waitlistEntry.findUniqueOrThrow({ where: { id: entryId } })).resolution).toBe(
      "EXPIRED",
    );
  });
});
