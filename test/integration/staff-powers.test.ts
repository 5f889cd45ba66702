/**
 * Staff powers need the staff safeguards everywhere (docs/decisions/017-staff-powers-need-2fa.md):
 * a STAFF, MANAGER or OWNER membership acts with its role only when the account has two-factor
 * authentication and the session verified a code (signed in with a TOTP or recovery code, or
 * confirmed the enrolment in it). Otherwise it acts as a player: in cancelBooking (use case, JSON
 * route and form) it may not cancel others' bookings nor cancel past the deadline, and the admin
 * area sends it to two-factor settings.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DELETE } from "@/app/api/c/[club]/bookings/[id]/route";
import { cancelBookingAction } from "@/app/c/[club]/bookings/actions";
import { IDLE } from "@/lib/form-state";
import { confirmTotpEnrolment } from "@/server/auth/confirm-totp-enrolment";
import { decodeSessionJwt, validateSession } from "@/server/auth/sessions";
import { startTotpEnrolment } from "@/server/auth/start-totp-enrolment";
import { cancelBooking } from "@/server/bookings/cancel-booking";
import { db } from "@/server/db";
import { cookieNames } from "@/server/auth/auth-settings";
import { enableTotpElsewhere, sessionCookieFor, totpAt } from "../helpers/auth";
import { bookingClub, params, player, request } from "../helpers/booking";
import { createCourt } from "../helpers/builders";
import { digestOf, errorOf } from "../helpers/errors";
import { newRequest } from "../helpers/fake-next-request";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

let slug: string;
let clubId: string;

beforeAll(async () => {
  const { club } = await bookingClub(1);
  slug = club.slug;
  clubId = club.id;
});

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

const inMinutes = (m: number) => new Date(Math.ceil((Date.now() + m * 60_000) / 60_000) * 60_000);

let nextPosition = 10;
/**
 * A confirmed booking of `bookerId` starting in `minutes` (made directly, bypassing the policy),
 * on a court of its own so that bookings never overlap.
 */
async function bookingOf(bookerId: string, minutes: number) {
  const court = await createCourt(clubId, { position: ++nextPosition });
  const startsAt = inMinutes(minutes);
  const b = await db.booking.create({
    data: {
      clubId,
      courtId: court.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      createdById: bookerId,
      players: { create: [{ userId: bookerId }] },
    },
  });
  return b.id;
}

const del = (cookie: string, id: string) =>
  DELETE(
    request("DELETE", `/api/c/${slug}/bookings/${id}`, { cookie, body: { reason: "Flooded" } }),
    params({ club: slug, id }),
  );

async function sessionOf(cookie: string) {
  const jwt = cookie.split("=").slice(1).join("=");
  const claims = await decodeSessionJwt(jwt);
  return claims ? validateSession(claims) : null;
}

const statusOf = async (id: string) =>
  (await db.booking.findUniqueOrThrow({ where: { id } })).status;

describe("cancelling a member's booking needs 2FA verified in the session", () => {
  it("a STAFF account without 2FA cannot cancel another member's booking (use case and DELETE)", async () => {
    const member = await player(clubId, { cancelNoticeMinutes: 120 });
    const staff = await player(clubId, {}, { role: "STAFF" });
    const id = await bookingOf(member.id, 24 * 60);

    const session = await sessionOf(staff.cookie);
    expect(session).toMatchObject({ userId: staff.id, twoFactorVerified: false });
    expect((await errorOf(cancelBooking(session!, { club: slug, bookingId: id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await del(staff.cookie, id)).status).toBe(404);
    expect(await statusOf(id)).toBe("CONFIRMED");
  });

  it("a MANAGER account without 2FA is refused the same way", async () => {
    const member = await player(clubId, { cancelNoticeMinutes: 120 });
    const manager = await player(clubId, {}, { role: "MANAGER" });
    const id = await bookingOf(member.id, 24 * 60);
    expect((await del(manager.cookie, id)).status).toBe(404);
    expect(await statusOf(id)).toBe("CONFIRMED");
  });

  it("a STAFF account without 2FA is a mere booker for its own booking: refused past the deadline", async () => {
    const staff = await player(clubId, { cancelNoticeMinutes: 120 }, { role: "STAFF" });
    const id = await bookingOf(staff.id, 60);
    const res = await del(staff.cookie, id);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "POLICY", rule: "CANCEL_DEADLINE" });
    expect(await statusOf(id)).toBe("CONFIRMED");
  });

  it("the same STAFF member with 2FA verified in the session cancels, past the deadline too", async () => {
    const member = await player(clubId, { cancelNoticeMinutes: 120 });
    const staff = await player(clubId, {}, { role: "STAFF", totp: true });
    expect(await sessionOf(staff.cookie)).toMatchObject({ twoFactorVerified: true });
    const late = await bookingOf(member.id, 60);
    const res = await del(staff.cookie, late);
    expect(res.status).toBe(200);
    expect(await statusOf(late)).toBe("CANCELLED");
    const audit = await db.auditEvent.findFirst({
      where: { targetId: late, action: "booking.cancelled_by_staff" },
    });
    expect(audit?.actorId).toBe(staff.id);

    const other = await bookingOf(member.id, 24 * 60);
    const session = await sessionOf(staff.cookie);
    const r = await cancelBooking(session!, { club: slug, bookingId: other });
    expect(r.booking.status).toBe("CANCELLED");
  });

  it("a password session from before 2FA was switched on elsewhere is not verified", async () => {
    const member = await player(clubId, { cancelNoticeMinutes: 120 });
    const staff = await player(clubId, {}, { role: "STAFF" });
    // 2FA switched on for the account without this session verifying a code (another session,
    // an import): the account has 2FA, this session still only knows the password.
    await enableTotpElsewhere(staff.id);
    const session = await sessionOf(staff.cookie);
    expect(session).toMatchObject({ totpEnabled: true, twoFactorVerified: false });
    const id = await bookingOf(member.id, 24 * 60);
    expect((await del(staff.cookie, id)).status).toBe(404);
    expect(await statusOf(id)).toBe("CONFIRMED");

    // Signing in again with the second factor gives the powers back.
    const fresh = await sessionCookieFor(staff.id, "totp");
    const cookie = Object.entries(fresh)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    expect((await del(cookie, id)).status).toBe(200);
  });

  it("confirming the enrolment in a password session verifies the session it hands back", async () => {
    const member = await player(clubId, { cancelNoticeMinutes: 120 });
    const staff = await player(clubId, {}, { role: "STAFF" });
    const jar = { [cookieNames().session]: staff.cookie.split("=").slice(1).join("=") };
    newRequest({ cookies: jar });
    const started = await startTotpEnrolment();
    if (started.state !== "pending") throw new Error("expected a pending enrolment");
    newRequest({ cookies: jar });
    const { session } = await confirmTotpEnrolment(
      { code: await totpAt(started.secret, new Date()) },
      { ip: "203.0.113.5", userAgent: "vitest" },
    );
    const cookie = `${cookieNames().session}=${session.jwt}`;
    expect(await sessionOf(cookie)).toMatchObject({ totpEnabled: true, twoFactorVerified: true });
    const id = await bookingOf(member.id, 60);
    expect((await del(cookie, id)).status).toBe(200);
  });

  it("the cancel form follows the same rule", async () => {
    const member = await player(clubId, { cancelNoticeMinutes: 120 });
    const staff = await player(clubId, {}, { role: "STAFF" });
    const id = await bookingOf(member.id, 24 * 60);
    const form = new FormData();
    form.set("club", slug);
    form.set("bookingId", id);
    newRequest({
      cookies: { [cookieNames().session]: staff.cookie.split("=").slice(1).join("=") },
    });
    expect((await errorOf(cancelBookingAction(IDLE, form))).code).toBe("NOT_FOUND");
    expect(await statusOf(id)).toBe("CONFIRMED");
  });
});

describe("the admin area needs the same gate", () => {
  it("sends a staff session that did not verify a code to two-factor settings", async () => {
    const staff = await player(clubId, {}, { role: "STAFF" });
    await enableTotpElsewhere(staff.id);
    const page = (await import("@/app/c/[club]/admin/page")) as {
      default: (p: { params: Promise<{ club: string }> }) => Promise<unknown>;
    };
    newRequest({
      cookies: { [cookieNames().session]: staff.cookie.split("=").slice(1).join("=") },
    });
    expect(await digestOf(page.default({ params: Promise.resolve({ club: slug }) }))).toMatch(
      /^NEXT_REDIRECT;[a-z]+;\/account\/two-factor\?required=1/,
    );
  });
});
