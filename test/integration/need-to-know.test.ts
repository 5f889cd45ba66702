/**
 * Need-to-know (docs/decisions/017-staff-powers-need-2fa.md): the partner search lists active,
 * confirmed members to active members only; an account whose email address is not confirmed can
 * neither book nor be named as a partner; the dashboard's security panel shows the failed
 * sign-ins and lockouts of the club's current staff accounts, not of former staff.
 */
import { randomUUID } from "node:crypto";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as membersGET } from "@/app/api/c/[club]/members/route";
import { POST } from "@/app/api/c/[club]/bookings/route";
import { getDashboard } from "@/server/admin/dashboard/get-dashboard";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { createBooking } from "@/server/bookings/create-booking";
import { searchClubMembers } from "@/server/bookings/search-club-members";
import { addDays, todayIn } from "@/lib/time";
import { db } from "@/server/db";
import { as, createAccount, sessionCookieFor, validSessionFor } from "../helpers/auth";
import { bookingClub, jsonOf, localAt, params, player, request, ZONE } from "../helpers/booking";
import { errorOf } from "../helpers/errors";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

let slug: string;
let clubId: string;
let courtId: string;
/** Every listed name contains this word, so one query finds them all. */
const WORD = `Zed${randomUUID().slice(0, 4)}`;
let activeMate: { id: string; name: string };

beforeAll(async () => {
  const { club, courts } = await bookingClub(1);
  slug = club.slug;
  clubId = club.id;
  courtId = courts[0]!.id;
  activeMate = await player(clubId, {}, { session: false, name: `${WORD} Active` });
});

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

const yesterday = () => new Date(`${addDays(todayIn(ZONE), -1)}T00:00:00Z`);

async function setMembership(
  userId: string,
  data: { status?: "ACTIVE" | "INVITED" | "ENDED"; validUntil?: Date | null; role?: "PLAYER" },
) {
  await db.membership.update({ where: { userId_clubId: { userId, clubId } }, data });
}

const search = (cookie: string) =>
  membersGET(
    request("GET", `/api/c/${slug}/members?q=${WORD}`, { cookie }),
    params({ club: slug }),
  );

/**
 * The partner search as this user, signed in afresh (a change of membership status ends the
 * user's sessions: migration 20261127020000_accounts).
 */
async function hitsOf(userId: string) {
  const cookie = Object.entries(await sessionCookieFor(userId))
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  const res = await search(cookie);
  const body = await jsonOf(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.members;
}

describe("partner search", () => {
  it("an active member sees active members, and only those", async () => {
    const ended = await player(clubId, {}, { session: false, name: `${WORD} Ended` });
    await setMembership(ended.id, { status: "ENDED" });
    const expired = await player(clubId, {}, { session: false, name: `${WORD} Expired` });
    await setMembership(expired.id, { validUntil: yesterday() });
    const invited = await player(clubId, {}, { session: false, name: `${WORD} Invited` });
    await setMembership(invited.id, { status: "INVITED" });

    const me = await player(clubId, {}, { session: false });
    const names = ((await hitsOf(me.id)) as { name: string }[]).map((m) => m.name);
    expect(names).toContain(activeMate.name);
    expect(names).not.toContain(ended.name);
    expect(names).not.toContain(expired.name);
    expect(names).not.toContain(invited.name);
  });

  it("an ended membership gets no results", async () => {
    const me = await player(clubId);
    await setMembership(me.id, { status: "ENDED" });
    expect(await hitsOf(me.id)).toEqual([]);
    expect(
      (await searchClubMembers(await validSessionFor(me.id), { club: slug, q: WORD })).members,
    ).toEqual([]);
  });

  it("an expired membership (past validUntil in the club's date) gets no results", async () => {
    const me = await player(clubId);
    await setMembership(me.id, { validUntil: yesterday() });
    expect(await hitsOf(me.id)).toEqual([]);
  });

  it("an invited membership gets no results", async () => {
    const me = await player(clubId);
    await setMembership(me.id, { status: "INVITED" });
    expect(await hitsOf(me.id)).toEqual([]);
  });

  it("does not list members whose email address is not confirmed", async () => {
    const unverified = await player(
      clubId,
      {},
      { session: false, name: `${WORD} Unconfirmed`, verified: false },
    );
    const me = await player(clubId, {}, { session: false });
    const names = ((await hitsOf(me.id)) as { name: string }[]).map((m) => m.name);
    expect(names).toContain(activeMate.name);
    expect(names).not.toContain(unverified.name);
  });
});

describe("an account whose email address is not confirmed", () => {
  const body = (days: number, partnerIds: string[] = [activeMate.id]) => ({
    courtId,
    startsAt: localAt(days, "10:00").toISOString(),
    durationMinutes: 60,
    partnerIds,
  });

  it("cannot book: 403 naming the email address (use case and route)", async () => {
    const me = await player(clubId, {}, { verified: false });
    const err = await errorOf(
      createBooking(await validSessionFor(me.id), { club: slug, body: body(2) }),
    );
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/confirm your email address/i);
    const res = await POST(
      request("POST", `/api/c/${slug}/bookings`, {
        cookie: me.cookie,
        body: body(2),
        headers: { "idempotency-key": randomUUID() },
      }),
      params({ club: slug }),
    );
    expect(res.status).toBe(403);
    expect(await jsonOf(res)).toMatchObject({ code: "EMAIL_UNVERIFIED" });
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(0);
  });

  it("cannot be named as a partner: a field error naming the partner", async () => {
    const unverified = await player(clubId, {}, { session: false, verified: false });
    const me = await player(clubId);
    const err = await errorOf(
      createBooking(await validSessionFor(me.id), {
        club: slug,
        body: body(3, [unverified.id]),
      }),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(Object.keys(err.fields)).toEqual(["partnerIds.0"]);
    expect(err.fields["partnerIds.0"]).toMatch(/confirmed their email address/);
    expect(await db.booking.count({ where: { createdById: me.id } })).toBe(0);

    // Once confirmed, the same booking goes through.
    await db.user.update({ where: { id: unverified.id }, data: { emailVerifiedAt: new Date() } });
    const ok = await createBooking(await validSessionFor(me.id), {
      club: slug,
      body: body(3, [unverified.id]),
    });
    expect(ok.booking.status).toBe("CONFIRMED");
  });
});

/** The text of a server component's page, rendered (its components included). */
function textOf(node: unknown): string {
  return renderToStaticMarkup(node as ReactElement)
    .replace(/<[^>]*>/g, "")
    .replace(/&#x27;|&#39;/g, "'");
}

describe("the booking page", () => {
  async function bookPageAs(userId: string) {
    const mod = (await import("@/app/c/[club]/book/page")) as {
      default: (p: {
        params: Promise<{ club: string }>;
        searchParams: Promise<Record<string, string>>;
      }) => Promise<unknown>;
    };
    await as(userId);
    return textOf(
      await mod.default({
        params: Promise.resolve({ club: slug }),
        searchParams: Promise.resolve({
          court: courtId,
          start: localAt(4, "15:00").toISOString(),
          duration: "60",
        }),
      }),
    );
  }

  it("tells an account whose address is not confirmed to confirm it first", async () => {
    const unverified = await player(clubId, {}, { session: false, verified: false });
    expect(await bookPageAs(unverified.id)).toContain("Confirm your email address first.");
    const verified = await player(clubId, {}, { session: false });
    const page = await bookPageAs(verified.id);
    expect(page).not.toContain("Confirm your email address first.");
    expect(page).toContain("Who plays with you?");
  });
});

describe("the dashboard's security panel", () => {
  async function failSignIn(email: string, times = 1) {
    for (let i = 0; i < times; i++) {
      await signInWithPassword(
        { email, password: "not-the-password-at-all" },
        { ip: "198.51.100.7", userAgent: "vitest" },
      );
    }
  }

  it("shows the failed sign-ins and lockouts of current staff, not of former staff", async () => {
    const manager = await createAccount({ totp: true, name: "Mona Manager" });
    await db.membership.create({ data: { userId: manager.id, clubId, role: "MANAGER" } });
    const current = await player(clubId, {}, { role: "STAFF", totp: true, name: "Cora Current" });
    const ended = await player(clubId, {}, { role: "STAFF", totp: true, name: "Ed Ended" });
    await setMembership(ended.id, { status: "ENDED" });
    const lowered = await player(clubId, {}, { role: "STAFF", totp: true, name: "Lou Lowered" });
    await setMembership(lowered.id, { role: "PLAYER" });
    const emailOf = async (id: string) =>
      (await db.user.findUniqueOrThrow({ where: { id }, select: { email: true } })).email;

    await failSignIn(await emailOf(current.id), 5);
    await failSignIn(await emailOf(ended.id), 2);
    await failSignIn(await emailOf(lowered.id), 2);
    for (const former of [ended.id, lowered.id]) {
      await recordAuditEvent({
        action: "auth.2fa.disabled",
        actorId: former,
        targetType: "user",
        targetId: former,
      });
    }

    await as(manager.id);
    const d = await getDashboard(slug);
    const events = d.securityEvents ?? [];
    const of = (name: string) =>
      events.filter((e) => e.account === name || e.actor === name).map((e) => e.action);
    expect(of("Cora Current")).toContain("auth.login.failed");
    expect(of("Cora Current")).toContain("auth.account.locked");
    expect(of("Ed Ended")).toEqual([]);
    expect(of("Lou Lowered")).toEqual([]);
  });
});
