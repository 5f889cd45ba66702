/**
 * Calendar files and the personal calendar feed through the real route handlers: the .ics
 * download is for the booking's players only; the feed URL works without a session, lists only its
 * owner's bookings (across clubs, cancelled ones marked so), stores only the token's hash, and
 * stops working at once when rotated or revoked (404).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as FEED } from "@/app/api/calendar/[token]/route";
import { DELETE as CANCEL } from "@/app/api/c/[club]/bookings/[id]/route";
import { GET as ICS } from "@/app/api/c/[club]/bookings/[id]/ics/route";
import { DELETE as REVOKE, GET as STATUS, POST as ROTATE } from "@/app/api/me/calendar-feed/route";
import { db } from "@/server/db";
import { sha256Hex } from "@/server/auth/crypto-tokens";
import { book, bookingClub, jsonOf, localAt, params, player, request } from "../helpers/booking";
import { icsLines, icsProp } from "../helpers/ics";

let clubA: { slug: string; id: string; courtId: string };
let clubB: { slug: string; id: string; courtId: string };

beforeAll(async () => {
  const a = await bookingClub(1);
  const b = await bookingClub(1);
  clubA = { slug: a.club.slug, id: a.club.id, courtId: a.courts[0]!.id };
  clubB = { slug: b.club.slug, id: b.club.id, courtId: b.courts[0]!.id };
});

/** The id of a booking made in two days at `hhmm` with one partner, through the route. */
async function bookedAt(club: typeof clubA, cookie: string, hhmm: string, partnerId: string) {
  const res = await book(club.slug, cookie, {
    courtId: club.courtId,
    startsAt: localAt(2, hhmm).toISOString(),
    durationMinutes: 60,
    partnerIds: [partnerId],
  });
  expect(res.status).toBe(201);
  return (res.body.booking as { id: string }).id;
}

const feed = (token: string) =>
  FEED(request("GET", `/api/calendar/${token}.ics`), params({ token: `${token}.ics` }));
const tokenOf = (url: string) => /\/api\/calendar\/([\w-]+)\.ics$/.exec(url)![1]!;

describe(".ics download", () => {
  it("gives a booking's players its calendar file; others get 404, signed out 401", async () => {
    const booker = await player(clubA.id);
    const partner = await player(clubA.id);
    const stranger = await player(clubA.id);
    const id = await bookedAt(clubA, booker.cookie, "09:00", partner.id);
    const get = (cookie?: string, slug = clubA.slug) =>
      ICS(
        request("GET", `/api/c/${slug}/bookings/${id}/ics`, cookie ? { cookie } : {}),
        params({ club: slug, id }),
      );

    for (const who of [booker, partner]) {
      const res = await get(who.cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="court-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.ics"$/,
      );
      expect(res.headers.get("cache-control")).toContain("no-store");
      const lines = icsLines(await res.text());
      expect(icsProp(lines, "METHOD")).toEqual(["METHOD:PUBLISH"]);
      expect(icsProp(lines, "UID")).toEqual([`UID:booking-${id}@courtside.localhost`]);
      expect(icsProp(lines, "ATTENDEE")).toEqual([]); // no addresses in a download
    }
    expect((await get(stranger.cookie)).status).toBe(404);
    expect((await get(booker.cookie, clubB.slug)).status).toBe(404);
    expect((await get()).status).toBe(401);
  });
});

describe("personal calendar feed", () => {
  it("lists its owner's bookings across clubs, without a session, and nothing else", async () => {
    const me = await player(clubA.id, {}, { name: "Feed Owner" });
    await db.membership.create({ data: { userId: me.id, clubId: clubB.id, role: "PLAYER" } });
    const partnerA = await player(clubA.id, {}, { name: "Partner A" });
    const partnerB = await player(clubB.id, {}, { name: "Partner B" });
    const other = await player(clubA.id, {}, { name: "Someone Else" });
    const otherPartner = await player(clubA.id, {}, { session: false });

    const mine = await bookedAt(clubA, me.cookie, "11:00", partnerA.id);
    const asPartner = await bookedAt(clubB, partnerB.cookie, "11:00", me.id);
    const cancelled = await bookedAt(clubA, me.cookie, "13:00", partnerA.id);
    const notMine = await bookedAt(clubA, other.cookie, "15:00", otherPartner.id);
    await CANCEL(
      request("DELETE", `/api/c/${clubA.slug}/bookings/${cancelled}`, { cookie: me.cookie }),
      params({ club: clubA.slug, id: cancelled }),
    );

    const created = await ROTATE(request("POST", "/api/me/calendar-feed", { cookie: me.cookie }));
    expect(created.status).toBe(201);
    const body = (await jsonOf(created)) as { url: string; webcalUrl: string; replaced: boolean };
    expect(body.url).toMatch(/^http:\/\/localhost:3000\/api\/calendar\/[\w-]{43}\.ics$/);
    expect(body.webcalUrl).toBe(body.url.replace(/^http:/, "webcal:"));
    expect(body.replaced).toBe(false);
    const token = tokenOf(body.url);

    // Only the hash is stored.
    const rows = await db.calendarFeed.findMany({ where: { userId: me.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    const res = await feed(token); // no cookie at all
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const text = await res.text();
    const lines = icsLines(text);
    expect(icsProp(lines, "METHOD")).toEqual([]);
    expect(icsProp(lines, "X-WR-CALNAME")).toEqual(["X-WR-CALNAME:Courtside"]);
    const uids = icsProp(lines, "UID").map((l) => l.slice(4));
    expect(new Set(uids)).toEqual(
      new Set([mine, asPartner, cancelled].map((id) => `booking-${id}@courtside.localhost`)),
    );
    expect(text).not.toContain(notMine);
    expect(text).not.toContain("Someone Else");
    expect(text).not.toMatch(/mailto:|@example\.test/); // no addresses of anyone
    const statuses = icsProp(lines, "STATUS");
    expect(statuses.filter((s) => s === "STATUS:CANCELLED")).toHaveLength(1);
    expect(statuses.filter((s) => s === "STATUS:CONFIRMED")).toHaveLength(2);

    const status = await STATUS(request("GET", "/api/me/calendar-feed", { cookie: me.cookie }));
    expect(await jsonOf(status)).toMatchObject({ active: true, lastUsedAt: expect.any(String) });
  });

  it("rotating replaces the URL (the old one is 404); revoking ends it; bad tokens are 404", async () => {
    const me = await player(clubA.id);
    const rotate = async () =>
      (await jsonOf(
        await ROTATE(request("POST", "/api/me/calendar-feed", { cookie: me.cookie })),
      )) as {
        url: string;
        replaced: boolean;
      };
    const first = tokenOf((await rotate()).url);
    expect((await feed(first)).status).toBe(200);
    const second = await rotate();
    expect(second.replaced).toBe(true);
    const secondToken = tokenOf(second.url);
    expect((await feed(first)).status).toBe(404);
    expect((await feed(secondToken)).status).toBe(200);

    // Concurrent rotations leave exactly one live feed.
    await Promise.all([rotate(), rotate(), rotate()]);
    expect(await db.calendarFeed.count({ where: { userId: me.id, revokedAt: null } })).toBe(1);

    const revoked = await REVOKE(request("DELETE", "/api/me/calendar-feed", { cookie: me.cookie }));
    expect(await jsonOf(revoked)).toEqual({ revoked: true });
    expect((await feed(secondToken)).status).toBe(404);
    expect(await db.calendarFeed.count({ where: { userId: me.id, revokedAt: null } })).toBe(0);
    expect(
      await jsonOf(await STATUS(request("GET", "/api/me/calendar-feed", { cookie: me.cookie }))),
    ).toEqual({
      active: false,
    });
    const again = await REVOKE(request("DELETE", "/api/me/calendar-feed", { cookie: me.cookie }));
    expect(await jsonOf(again)).toEqual({ revoked: false });

    for (const bad of ["x", "a".repeat(43), `${"a".repeat(42)}!`, "../../etc/passwd"]) {
      const res = await FEED(request("GET", "/api/calendar/x.ics"), params({ token: bad }));
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Not found\n");
    }

    // Managing the feed needs a session and a same-origin request.
    expect((await ROTATE(request("POST", "/api/me/calendar-feed"))).status).toBe(401);
    const crossSite = await ROTATE(
      request("POST", "/api/me/calendar-feed", {
        cookie: me.cookie,
        headers: { origin: "https://evil.example" },
      }),
    );
    expect(crossSite.status).toBe(403);
  });
});
