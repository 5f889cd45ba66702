/**
 * The booking JSON API through its route handlers: every policy refusal is a 422 naming its rule,
 * bad bodies are 400s naming the field, authentication and CSRF are enforced, other clubs' courts
 * and bookings are out of reach, cancellation follows the notice rule, and my-bookings lists them.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as availabilityGET } from "@/app/api/c/[club]/availability/route";
import { DELETE } from "@/app/api/c/[club]/bookings/[id]/route";
import { POST } from "@/app/api/c/[club]/bookings/route";
import { GET as membersGET } from "@/app/api/c/[club]/members/route";
import { GET as myBookingsGET } from "@/app/api/me/bookings/route";
import { db } from "@/server/db";
import { sessionCookieFor } from "../helpers/auth";
import {
  bookingClub,
  jsonOf,
  localAt,
  type TierRules,
  params,
  player,
  request,
} from "../helpers/booking";

let slug: string;
let clubId: string;
let courtId: string;
let otherSlug: string;
let otherCourtId: string;
let partnerId: string;

beforeAll(async () => {
  const { club, courts } = await bookingClub(2);
  slug = club.slug;
  clubId = club.id;
  courtId = courts[0]!.id;
  const other = await bookingClub(1);
  otherSlug = other.club.slug;
  otherCourtId = other.courts[0]!.id;
  partnerId = (await player(clubId, {}, { session: false, name: "Paula Partner" })).id;
  // Evenings are peak time every day.
  await db.peakBand.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      clubId,
      weekday,
      startMinute: 17 * 60,
      endMinute: 21 * 60,
    })),
  });
});

type Body = Record<string, unknown>;

const cookieOf = (c: Record<string, string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

function post(
  cookie: string,
  body: Body | undefined,
  options: {
    club?: string;
    key?: string | null;
    headers?: Record<string, string>;
    rawBody?: string;
  } = {},
) {
  const club = options.club ?? slug;
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers["idempotency-key"] = options.key ?? randomUUID();
  return POST(
    request("POST", `/api/c/${club}/bookings`, { cookie, body, rawBody: options.rawBody, headers }),
    params({ club }),
  );
}

const slot = (days: number, hhmm: string, extra: Body = {}): Body => ({
  courtId,
  startsAt: localAt(days, hhmm).toISOString(),
  durationMinutes: 60,
  partnerIds: [partnerId],
  ...extra,
});

async function refusal(res: Response): Promise<Record<string, unknown>> {
  const body = await jsonOf(res);
  return { status: res.status, ...body };
}

describe("POST /api/c/{club}/bookings", () => {
  it("books: 201 with the booking, its players and a Location", async () => {
    const me = await player(clubId, {}, { name: "Anna Booker" });
    const ok = await post(me.cookie, slot(1, "10:00"));
    expect(ok.status).toBe(201);
    const { booking } = (await jsonOf(ok)) as { booking: Record<string, unknown> };
    expect(booking).toMatchObject({
      status: "CONFIRMED",
      durationMinutes: 60,
      court: { id: courtId },
      club: { slug },
      createdById: me.id,
    });
    expect(booking.players).toEqual([
      { kind: "member", userId: me.id, name: "Anna Booker", isBooker: true },
      { kind: "member", userId: partnerId, name: "Paula Partner", isBooker: false },
    ]);
    expect(ok.headers.get("location")).toBe(`/api/c/${slug}/bookings/${String(booking.id)}`);
    const audit = await db.auditEvent.findFirst({
      where: { action: "booking.created", targetId: String(booking.id) },
    });
    expect(audit?.actorId).toBe(me.id);
  });

  it("books with guests as players", async () => {
    const me = await player(clubId, { maxGuestsPerBooking: 2 });
    const res = await post(
      me.cookie,
      slot(1, "12:00", { guests: [{ name: "Gary Guest" }, { name: "Gina Guest" }] }),
    );
    expect(res.status).toBe(201);
    const { booking } = (await jsonOf(res)) as { booking: { players: unknown[] } };
    expect(booking.players).toHaveLength(4);
  });

  describe("each policy refusal is a 422 naming its rule", () => {
    const cases: Array<{
      rule: string;
      policy?: Partial<TierRules>;
      setup?: (me: { id: string; cookie: string }) => Promise<string | void>;
      body: () => Body;
      eligibleAt?: boolean;
    }> = [
      {
        rule: "MEMBERSHIP_INACTIVE",
        setup: async (me) => {
          await db.membership.update({
            where: { userId_clubId: { userId: me.id, clubId } },
            data: { status: "SUSPENDED" },
          });
          // A status change ends the member's sessions (accounts issue): they sign in again.
          return cookieOf(await sessionCookieFor(me.id));
        },
        body: () => slot(1, "14:00"),
      },
      {
        rule: "MEMBERSHIP_EXPIRED",
        setup: async (me) => {
          await db.membership.update({
            where: { userId_clubId: { userId: me.id, clubId } },
            data: {
              validUntil: new Date(`${localAt(0, "12:00").toISOString().slice(0, 10)}T00:00:00Z`),
            },
          });
        },
        body: () => slot(3, "14:00"),
      },
      { rule: "IN_PAST", body: () => slot(-1, "10:00") },
      { rule: "DURATION_NOT_ALLOWED", body: () => slot(1, "14:00", { durationMinutes: 120 }) },
      {
        rule: "NOT_OPEN_YET",
        policy: { horizonDays: 2 },
        body: () => slot(5, "10:00"),
        eligibleAt: true,
      },
      {
        rule: "MAX_ACTIVE",
        policy: { maxActiveBookings: 1 },
        setup: async (me) => void (await post(me.cookie, slot(2, "08:00"))),
        body: () => slot(2, "13:00"),
        eligibleAt: true,
      },
      {
        rule: "MAX_PER_DAY",
        policy: { maxPerDay: 1 },
        setup: async (me) => void (await post(me.cookie, slot(2, "09:00"))),
        body: () => slot(2, "14:00"),
      },
      {
        rule: "MAX_PER_WEEK",
        policy: { maxPerWeek: 1 },
        setup: async (me) => void (await post(me.cookie, slot(2, "10:00"))),
        body: () => slot(2, "15:00"),
      },
      {
        rule: "MAX_PEAK_PER_WEEK",
        policy: { maxPeakPerWeek: 1 },
        setup: async (me) => void (await post(me.cookie, slot(2, "17:00"))),
        body: () => slot(2, "19:00"),
      },
      {
        rule: "BACK_TO_BACK",
        policy: { noBackToBack: true },
        setup: async (me) => void (await post(me.cookie, slot(4, "10:00"))),
        body: () => slot(4, "11:00"),
        eligibleAt: true,
      },
      {
        rule: "TOO_MANY_GUESTS",
        policy: { maxGuestsPerBooking: 0 },
        body: () => slot(1, "15:00", { partnerIds: [], guests: [{ name: "Gus" }] }),
      },
      {
        rule: "PARTNER_INACTIVE",
        body: () => slot(1, "16:00", { partnerIds: [inactivePartner] }),
      },
      { rule: "PLAYER_COUNT", body: () => slot(1, "16:00", { partnerIds: [] }) },
      { rule: "OUTSIDE_HOURS", body: () => slot(1, "07:00") },
    ];
    let inactivePartner = "";
    beforeAll(async () => {
      const p = await player(clubId, {}, { session: false });
      await db.membership.update({
        where: { userId_clubId: { userId: p.id, clubId } },
        data: { status: "SUSPENDED" },
      });
      inactivePartner = p.id;
    });

    it.each(cases)("$rule", async ({ rule, policy, setup, body, eligibleAt }) => {
      const me = await player(clubId, policy ?? {});
      const fresh = await setup?.(me);
      if (fresh) me.cookie = fresh;
      const before = await db.booking.count({ where: { createdById: me.id } });
      const res = await refusal(await post(me.cookie, body()));
      expect(res).toMatchObject({ status: 422, code: "POLICY", rule });
      expect(typeof res.message).toBe("string");
      expect("eligibleAt" in res).toBe(true);
      if (eligibleAt) expect(Number.isNaN(Date.parse(String(res.eligibleAt)))).toBe(false);
      expect(await db.booking.count({ where: { createdById: me.id } })).toBe(before);
    });
  });

  describe("bad input is a 400 naming the field, never a 500", () => {
    let cookie = "";
    beforeAll(async () => {
      cookie = (await player(clubId)).cookie;
    });
    const good = () => slot(1, "18:00");
    it.each([
      ["courtId", () => ({ ...good(), courtId: undefined })],
      ["courtId", () => ({ ...good(), courtId: "court-1" })],
      ["startsAt", () => ({ ...good(), startsAt: "tomorrow at ten" })],
      ["startsAt", () => ({ ...good(), startsAt: "2026-13-45T10:00:00Z" })],
      ["startsAt", () => ({ ...good(), startsAt: 1718000000 })],
      ["durationMinutes", () => ({ ...good(), durationMinutes: "60" })],
      ["durationMinutes", () => ({ ...good(), durationMinutes: 60.5 })],
      ["partnerIds", () => ({ ...good(), partnerIds: "someone" })],
      ["partnerIds.0", () => ({ ...good(), partnerIds: ["not-an-id"] })],
      ["partnerIds.0", () => ({ ...good(), partnerIds: [randomUUID()] })],
      ["guests.0.name", () => ({ ...good(), guests: [{ name: "   " }] })],
      ["guests.0", () => ({ ...good(), guests: ["Gus"] })],
      ["partnerId", () => ({ ...good(), partnerId: partnerId })],
      ["startsAt", () => ({ ...good(), startsAt: localAt(1, "18:10").toISOString() })],
    ])("%s", async (field, make) => {
      const res = await post(cookie, make() as Body);
      expect(res.status).toBe(400);
      const body = await jsonOf(res);
      expect(body.code).toBe("BAD_REQUEST");
      expect(Object.keys(body.fields as object)).toContain(field);
    });

    it("a body that is not JSON, or not an object", async () => {
      expect(
        (
          await post(cookie, undefined, {
            rawBody: "{not json",
            headers: { "content-type": "application/json" },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post(cookie, undefined, {
            rawBody: "[]",
            headers: { "content-type": "application/json" },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post(cookie, undefined, {
            rawBody: "null",
            headers: { "content-type": "application/json" },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post(cookie, undefined, {
            rawBody: "courtId=1",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          })
        ).status,
      ).toBe(400);
    });

    it("an oversized body is a 413", async () => {
      const res = await post(cookie, { ...good(), guests: [{ name: "x".repeat(20_000) }] });
      expect(res.status).toBe(413);
    });

    it("a missing or malformed Idempotency-Key is a 400 naming it", async () => {
      for (const key of [null, "short", "has spaces in it"]) {
        const res = await post(cookie, good(), { key });
        expect(res.status).toBe(400);
        expect(Object.keys((await jsonOf(res)).fields as object)).toContain("Idempotency-Key");
      }
    });
  });

  it("401 without a session, with a JSON body (no redirect)", async () => {
    const res = await post("", slot(1, "18:00"));
    expect(res.status).toBe(401);
    expect((await jsonOf(res)).code).toBe("UNAUTHENTICATED");
  });

  it("403 for a cross-site request (Fetch Metadata or Origin)", async () => {
    const me = await player(clubId);
    const a = await post(me.cookie, slot(1, "19:00"), {
      headers: { "sec-fetch-site": "cross-site" },
    });
    const b = await post(me.cookie, slot(1, "19:00"), {
      headers: { origin: "https://evil.example" },
    });
    expect([a.status, b.status]).toEqual([403, 403]);
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(0);
  });

  it("cross-club ids are refused and nothing is booked", async () => {
    const me = await player(clubId);
    // A court of another club, through my club's URL.
    const a = await post(me.cookie, { ...slot(1, "20:00"), courtId: otherCourtId });
    expect(a.status).toBe(400);
    expect(Object.keys((await jsonOf(a)).fields as object)).toEqual(["courtId"]);
    // Another club's URL, where I am not a member.
    const b = await post(
      me.cookie,
      { ...slot(1, "20:00"), courtId: otherCourtId },
      { club: otherSlug },
    );
    expect(b.status).toBe(404);
    // A partner who is a member of another club only.
    const stranger = await player(
      (await db.club.findUniqueOrThrow({ where: { slug: otherSlug } })).id,
      {},
      { session: false },
    );
    const c = await post(me.cookie, { ...slot(1, "20:00"), partnerIds: [stranger.id] });
    expect(c.status).toBe(400);
    expect(Object.keys((await jsonOf(c)).fields as object)).toEqual(["partnerIds.0"]);
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(0);
  });

  it("409 SLOT_TAKEN for an overlapping request, and for a block", async () => {
    const a = await player(clubId);
    const b = await player(clubId);
    expect((await post(a.cookie, slot(5, "10:00", { durationMinutes: 90 }))).status).toBe(201);
    const res = await post(b.cookie, slot(5, "11:00"));
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).code).toBe("SLOT_TAKEN");
    await db.block.create({
      data: {
        clubId,
        courtId,
        startsAt: localAt(5, "14:00"),
        endsAt: localAt(5, "16:00"),
        kind: "LESSON",
        title: "Lesson",
      },
    });
    expect((await post(b.cookie, slot(5, "15:00"))).status).toBe(409);
  });
});

describe("DELETE /api/c/{club}/bookings/{id}", () => {
  function del(cookie: string, id: string, body?: Body, club = slug) {
    return DELETE(
      request("DELETE", `/api/c/${club}/bookings/${id}`, { cookie, body }),
      params({ club, id }),
    );
  }

  /** A booking made directly in the database (any time, bypassing the policy). */
  async function bookingAt(startsAt: Date, bookerId: string, partner = partnerId) {
    const b = await db.booking.create({
      data: {
        clubId,
        courtId: (await db.court.findFirstOrThrow({ where: { clubId, position: 1 } })).id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60_000),
        createdById: bookerId,
        players: { create: [{ userId: bookerId }, { userId: partner }] },
      },
    });
    return b.id;
  }
  const inMinutes = (m: number) => new Date(Math.ceil((Date.now() + m * 60_000) / 60_000) * 60_000);

  it("the booker cancels within the notice, with a reason; again is a no-op", async () => {
    const me = await player(clubId, { cancelNoticeMinutes: 120 });
    const id = await bookingAt(inMinutes(24 * 60), me.id);
    const res = await del(me.cookie, id, { reason: "Rain" });
    expect(res.status).toBe(200);
    const body = (await jsonOf(res)) as {
      booking: Record<string, unknown>;
      alreadyCancelled: boolean;
    };
    expect(body.alreadyCancelled).toBe(false);
    expect(body.booking).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Rain",
      cancelledById: me.id,
    });
    expect(await db.courtOccupancy.count({ where: { bookingId: id } })).toBe(0);
    const again = await del(me.cookie, id);
    expect(again.status).toBe(200);
    expect(((await jsonOf(again)) as { alreadyCancelled: boolean }).alreadyCancelled).toBe(true);
  });

  it("after the notice deadline: 422 CANCEL_DEADLINE; club staff may still cancel", async () => {
    const me = await player(clubId, { cancelNoticeMinutes: 120 });
    const id = await bookingAt(inMinutes(60), me.id);
    const res = await refusal(await del(me.cookie, id));
    expect(res).toMatchObject({ status: 422, code: "POLICY", rule: "CANCEL_DEADLINE" });
    expect((await db.booking.findUniqueOrThrow({ where: { id } })).status).toBe("CONFIRMED");

    const staff = await player(clubId, {}, { role: "STAFF", totp: true });
    const byStaff = await del(staff.cookie, id, { reason: "Court flooded" });
    expect(byStaff.status).toBe(200);
    const audit = await db.auditEvent.findFirst({
      where: { targetId: id, action: "booking.cancelled_by_staff" },
    });
    expect(audit?.actorId).toBe(staff.id);
  });

  it("a named partner gets 403, a stranger and another club's URL 404, nobody signed in 401", async () => {
    const me = await player(clubId);
    const partner = await player(clubId);
    const stranger = await player(clubId);
    const id = await bookingAt(inMinutes(48 * 60), me.id, partner.id);
    expect((await del(partner.cookie, id)).status).toBe(403);
    expect((await del(stranger.cookie, id)).status).toBe(404);
    expect((await del(me.cookie, id, undefined, otherSlug)).status).toBe(404);
    expect((await del("", id)).status).toBe(401);
    expect((await del(me.cookie, "not-a-uuid")).status).toBe(404);
    expect((await db.booking.findUniqueOrThrow({ where: { id } })).status).toBe("CONFIRMED");
  });
});

describe("GET /api/me/bookings, /availability and /members", () => {
  it("lists upcoming, past and cancelled bookings across clubs with cancellation hints", async () => {
    const me = await player(clubId);
    expect((await post(me.cookie, slot(6, "10:00"))).status).toBe(201);
    const res = await myBookingsGET(request("GET", "/api/me/bookings", { cookie: me.cookie }));
    expect(res.status).toBe(200);
    const body = (await jsonOf(res)) as {
      upcoming: Array<Record<string, unknown>>;
      past: unknown[];
    };
    expect(body.upcoming).toHaveLength(1);
    expect(body.upcoming[0]).toMatchObject({ role: "booker", canCancel: true });
    expect((await myBookingsGET(request("GET", "/api/me/bookings"))).status).toBe(401);
  });

  it("availability: anonymous sees 'Sign in to book'; a member sees bookable cells; bad date is a 400", async () => {
    const date = localAt(1, "12:00").toISOString().slice(0, 10);
    const anon = await availabilityGET(
      request("GET", `/api/c/${slug}/availability?date=${date}`),
      params({ club: slug }),
    );
    expect(anon.status).toBe(200);
    const a = (await jsonOf(anon)) as {
      grid: { rows: Array<{ cells: Array<Record<string, unknown>> }> };
    };
    const free = a.grid.rows.flatMap((r) => r.cells).filter((c) => c.status === "free");
    expect(free.length).toBeGreaterThan(0);
    expect(
      free.every((c) => c.bookable === false && (c.reason as { rule: string }).rule === "SIGN_IN"),
    ).toBe(true);

    const me = await player(clubId);
    const mine = await availabilityGET(
      request("GET", `/api/c/${slug}/availability?date=${date}`, { cookie: me.cookie }),
      params({ club: slug }),
    );
    const m = (await jsonOf(mine)) as {
      grid: { rows: Array<{ cells: Array<Record<string, unknown>> }> };
    };
    expect(m.grid.rows.flatMap((r) => r.cells).some((c) => c.bookable === true)).toBe(true);

    for (const q of ["date=2026-02-30", "date=tomorrow", "date=2026-01-01&date=2026-01-02"]) {
      const bad = await availabilityGET(
        request("GET", `/api/c/${slug}/availability?${q}`),
        params({ club: slug }),
      );
      expect(bad.status).toBe(400);
      expect(Object.keys((await jsonOf(bad)).fields as object)).toEqual(["date"]);
    }
    const none = await availabilityGET(
      request("GET", `/api/c/no-such-club/availability`),
      params({ club: "no-such-club" }),
    );
    expect(none.status).toBe(404);
  });

  it("members search: members only, minimal fields", async () => {
    const me = await player(clubId);
    const res = await membersGET(
      request("GET", `/api/c/${slug}/members?q=paula`, { cookie: me.cookie }),
      params({ club: slug }),
    );
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ members: [{ userId: partnerId, name: "Paula Partner" }] });
    const outsider = await player(
      (await db.club.findUniqueOrThrow({ where: { slug: otherSlug } })).id,
    );
    const denied = await membersGET(
      request("GET", `/api/c/${slug}/members?q=paula`, { cookie: outsider.cookie }),
      params({ club: slug }),
    );
    expect(denied.status).toBe(404);
  });
});
