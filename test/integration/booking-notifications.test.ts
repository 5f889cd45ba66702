/**
 * Booking notifications through the outbox, via the real route handlers and PostgreSQL:
 * a confirmed booking queues one confirmation per member player (booker and named partners, not
 * guests) with a valid .ics invitation, in each recipient's language; a cancellation queues one to
 * every player with a METHOD:CANCEL .ics of the same UID; the reminder job queues each reminder
 * once, even with two jobs running at the same moment.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE } from "@/app/api/c/[club]/bookings/[id]/route";
import { createBookingReminderJob } from "@/server/bookings/booking-reminder-job";
import { sendBookingReminders } from "@/server/bookings/send-booking-reminders";
import { db } from "@/server/db";
import { book, bookingClub, jsonOf, localAt, params, player, request } from "../helpers/booking";
import { icsLines, icsProp, outboxOf } from "../helpers/ics";

let slug: string;
let clubId: string;
let courtIds: string[];

beforeAll(async () => {
  const { club, courts } = await bookingClub(3);
  slug = club.slug;
  clubId = club.id;
  courtIds = courts.map((c) => c.id);
});

const emailOf = async (id: string) =>
  (await db.user.findUniqueOrThrow({ where: { id }, select: { email: true } })).email;

async function cancel(cookie: string, id: string, reason?: string) {
  const res = await DELETE(
    request("DELETE", `/api/c/${slug}/bookings/${id}`, {
      cookie,
      ...(reason ? { body: { reason } } : {}),
    }),
    params({ club: slug, id }),
  );
  return { status: res.status, body: await jsonOf(res) };
}

describe("confirmation", () => {
  it("one email per member player with a valid .ics invitation, in each one's language", async () => {
    const booker = await player(clubId, {}, { name: "Ada Booker" });
    const p1 = await player(clubId, {}, { name: "Grace Partner", session: false });
    const p2 = await player(clubId, {}, { name: "Jean Partenaire", session: false });
    await db.user.update({ where: { id: p2.id }, data: { locale: "fr" } });
    const startsAt = localAt(2, "10:00");
    const res = await book(slug, booker.cookie, {
      courtId: courtIds[0],
      startsAt: startsAt.toISOString(),
      durationMinutes: 90,
      partnerIds: [p1.id, p2.id],
      guests: [{ name: "Guest Person" }],
    });
    expect(res.status).toBe(201);
    const bookingId = (res.body.booking as { id: string }).id;

    const rows = await outboxOf("booking-confirmed");
    expect(rows).toHaveLength(3);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(new Set(byUser.keys())).toEqual(new Set([booker.id, p1.id, p2.id]));
    for (const r of rows) {
      expect(r.category).toBe("booking");
      expect(r.status).toBe("PENDING");
      // Transactional: no unsubscribe.
      expect(r.headers["List-Unsubscribe"]).toBeUndefined();
      expect(r.text).toContain("Guest Person");
      expect(r.files).toHaveLength(1);
      const [file] = r.files;
      expect(file!.filename).toMatch(/^court-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.ics$/);
      expect(file!.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
      const lines = icsLines(file!.content);
      expect(icsProp(lines, "METHOD")).toEqual(["METHOD:REQUEST"]);
      expect(icsProp(lines, "UID")).toEqual([`UID:booking-${bookingId}@courtside.localhost`]);
      expect(icsProp(lines, "SEQUENCE")).toEqual(["SEQUENCE:0"]);
      expect(icsProp(lines, "DTSTART")).toEqual([
        `DTSTART:${startsAt
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z")
          .replace(/[-:]/g, "")}`,
      ]);
      expect(icsProp(lines, "X-WR-TIMEZONE")).toEqual(["X-WR-TIMEZONE:Europe/Paris"]);
      expect(icsProp(lines, "ORGANIZER")[0]).toMatch(/:mailto:no-reply@courtside\.localhost$/);
      // Only the recipient is an attendee: partners' addresses are not disclosed to each other.
      const attendees = icsProp(lines, "ATTENDEE");
      expect(attendees).toHaveLength(1);
      expect(attendees[0]).toMatch(new RegExp(`:mailto:${r.toAddress.replace(/[.+]/g, "\\$&")}$`));
    }
    expect(byUser.get(booker.id)!.text).toContain("Your booking is confirmed.");
    expect(byUser.get(booker.id)!.text).toMatch(/cancel it until/);
    expect(byUser.get(p1.id)!.text).toContain(
      "Ada Booker booked a court and named you as a player.",
    );
    expect(byUser.get(p2.id)!.locale).toBe("fr");
    expect(byUser.get(p2.id)!.subject).toMatch(/^Réservation confirmée : Tennis — /);
    expect(byUser.get(p2.id)!.subject).toContain("10:00–11:30 (Europe/Paris)");
  });

  it("a refused booking (409) queues nothing", async () => {
    const a = await player(clubId);
    const b = await player(clubId);
    const partner = await player(clubId, {}, { session: false });
    const slot = {
      courtId: courtIds[1],
      startsAt: localAt(2, "12:00").toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    };
    expect((await book(slug, a.cookie, slot)).status).toBe(201);
    const before = await db.emailOutbox.count();
    expect((await book(slug, b.cookie, slot)).status).toBe(409);
    expect(await db.emailOutbox.count()).toBe(before);
  });
});

describe("cancellation", () => {
  it("queues a METHOD:CANCEL .ics with the same UID to every player, naming who cancelled", async () => {
    const booker = await player(clubId, {}, { name: "Bob Booker" });
    const partner = await player(clubId, {}, { name: "Pat Partner", session: false });
    const res = await book(slug, booker.cookie, {
      courtId: courtIds[2],
      startsAt: localAt(3, "18:00").toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    });
    const bookingId = (res.body.booking as { id: string }).id;
    const confirmation = (
      await outboxOf("booking-confirmed", { toAddress: await emailOf(partner.id) })
    )[0]!;
    const uid = icsProp(icsLines(confirmation.files[0]!.content), "UID");

    const cancelled = await cancel(booker.cookie, bookingId, "Rain; sorry, all");
    expect(cancelled.status).toBe(200);
    const rows = (await outboxOf("booking-cancelled")).filter((r) =>
      [booker.id, partner.id].includes(r.userId ?? ""),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.category).toBe("booking");
      expect(r.text).toContain("Reason given: Rain; sorry, all");
      const file = r.files[0]!;
      expect(file.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
      const lines = icsLines(file.content);
      expect(icsProp(lines, "METHOD")).toEqual(["METHOD:CANCEL"]);
      expect(icsProp(lines, "UID")).toEqual(uid);
      expect(icsProp(lines, "SEQUENCE")).toEqual(["SEQUENCE:1"]);
      expect(icsProp(lines, "STATUS")).toEqual(["STATUS:CANCELLED"]);
    }
    expect(rows.find((r) => r.userId === booker.id)!.text).toContain("You cancelled this booking.");
    expect(rows.find((r) => r.userId === partner.id)!.text).toContain(
      "Bob Booker cancelled this booking.",
    );

    // Cancelling again changes nothing and sends nothing.
    const before = await db.emailOutbox.count();
    expect((await cancel(booker.cookie, bookingId)).status).toBe(200);
    expect(await db.emailOutbox.count()).toBe(before);
  });

  it("staff cancelling on the booker's behalf is shown as the club", async () => {
    const staff = await player(clubId, {}, { role: "STAFF", totp: true });
    const booker = await player(clubId);
    const partner = await player(clubId, {}, { session: false });
    const res = await book(slug, booker.cookie, {
      courtId: courtIds[2],
      startsAt: localAt(3, "20:00").toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    });
    const bookingId = (res.body.booking as { id: string }).id;
    expect((await cancel(staff.cookie, bookingId)).status).toBe(200);
    const rows = (await outboxOf("booking-cancelled")).filter((r) =>
      [booker.id, partner.id].includes(r.userId ?? ""),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.text).toContain("The club cancelled this booking.");
    expect((await outboxOf("booking-cancelled")).some((r) => r.userId === staff.id)).toBe(false);
  });
});

describe("reminders", () => {
  async function bookAt(days: number, hhmm: string, court = 0) {
    const booker = await player(clubId);
    const partner = await player(clubId, {}, { session: false });
    const startsAt = localAt(days, hhmm);
    const res = await book(slug, booker.cookie, {
      courtId: courtIds[court],
      startsAt: startsAt.toISOString(),
      durationMinutes: 60,
      partnerIds: [partner.id],
    });
    expect(res.status).toBe(201);
    return { id: (res.body.booking as { id: string }).id, startsAt, booker, partner };
  }

  it("two jobs at the same moment send each reminder exactly once, to every player", async () => {
    const due = [
      await bookAt(5, "09:00", 0),
      await bookAt(5, "09:00", 1),
      await bookAt(5, "10:00", 2),
      await bookAt(5, "08:00", 2),
    ];
    const later = await bookAt(5, "15:00", 1);
    const cancelledOne = await bookAt(5, "11:00", 2);
    await cancel(cancelledOne.booker.cookie, cancelledOne.id);
    // The clock of the jobs: 2 hours before the first start; lead 3 hours.
    const now = new Date(due[0]!.startsAt.getTime() - 2 * 3_600_000);

    const results = await Promise.all([
      sendBookingReminders({ now, batchSize: 2 }),
      sendBookingReminders({ now, batchSize: 2 }),
      createBookingReminderJob({ now: () => now, batchSize: 1 }).runOnce(),
      createBookingReminderJob({ now: () => now, batchSize: 3 }).runOnce(),
    ]);
    // Every pass claims what is left: in total each due booking once.
    const claimed = results.reduce((n, r) => n + r.claimed, 0);
    expect(claimed).toBe(4);

    const rows = await outboxOf("booking-reminder");
    expect(rows).toHaveLength(8); // 4 bookings × 2 players
    const perUser = new Map<string, number>();
    for (const r of rows) perUser.set(r.userId!, (perUser.get(r.userId!) ?? 0) + 1);
    for (const b of due) {
      expect(perUser.get(b.booker.id)).toBe(1);
      expect(perUser.get(b.partner.id)).toBe(1);
    }
    expect(perUser.has(later.booker.id)).toBe(false);
    expect(perUser.has(cancelledOne.booker.id)).toBe(false);
    for (const r of rows) {
      // Optional category: one-click unsubscribe (RFC 8058).
      expect(r.category).toBe("reminders");
      expect(r.headers["List-Unsubscribe"]).toMatch(
        /^<http:\/\/localhost:3000\/api\/unsubscribe\//,
      );
      expect(r.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(r.subject).toMatch(/^Reminder: Tennis — /);
    }
    const marked = await db.booking.count({
      where: { id: { in: due.map((b) => b.id) }, reminderSentAt: { not: null } },
    });
    expect(marked).toBe(4);

    // Later passes send nothing more for them; the later booking comes when its time comes.
    expect((await sendBookingReminders({ now })).claimed).toBe(0);
    const laterNow = new Date(later.startsAt.getTime() - 60 * 60_000);
    expect(await sendBookingReminders({ now: laterNow })).toMatchObject({ claimed: 1, emailed: 2 });
    expect(await outboxOf("booking-reminder")).toHaveLength(10);
  });

  it("a booking made shortly before its reminder time gets none (its confirmation is fresh)", async () => {
    const b = await bookAt(6, "09:00");
    // Pretend it was made 3 h 30 min before its start: within the quiet hour before the reminder.
    await db.booking.update({
      where: { id: b.id },
      data: { createdAt: new Date(b.startsAt.getTime() - 210 * 60_000) },
    });
    const now = new Date(b.startsAt.getTime() - 170 * 60_000);
    const r = await sendBookingReminders({ now });
    expect(r).toMatchObject({ claimed: 1, emailed: 0, skipped: 1 });
    expect((await outboxOf("booking-reminder")).some((x) => x.userId === b.booker.id)).toBe(false);
  });
});
