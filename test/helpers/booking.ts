/** Builders and request helpers for the booking integration tests. */
import { randomUUID } from "node:crypto";
import { DEFAULT_TIER_RULES, type TierRules } from "@/lib/booking-policy";
import { addDays, todayIn, zonedInstant } from "@/lib/time";
import { db } from "@/server/db";
import { addMembership, createAccount, sessionCookieFor } from "./auth";
import { createClub, createCourt } from "./builders";

export const ORIGIN = "http://localhost:3000";
export const ZONE = "Europe/Paris";

export type { TierRules };

/** A permissive tier: only what a test sets limits anything (the defaults, two hours' notice). */
export const OPEN_POLICY: TierRules = { ...DEFAULT_TIER_RULES, cancelNoticeMinutes: 120 };

/** A club open 08:00–22:00 every day, with tennis courts (60/90 min, 2 or 4 players). */
export async function bookingClub(courts = 1) {
  const club = await createClub({ timeZone: ZONE });
  await db.openingHours.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      clubId: club.id,
      weekday,
      opensMinute: 8 * 60,
      closesMinute: 22 * 60,
    })),
  });
  await db.clubSport.create({
    data: {
      clubId: club.id,
      sport: "TENNIS",
      allowedDurations: [60, 90],
      allowedPlayerCounts: [2, 4],
    },
  });
  const courtList = [];
  for (let i = 0; i < courts; i++) courtList.push(await createCourt(club.id, { position: i }));
  return { club, courts: courtList };
}

/**
 * A member of a club in a tier of their own with these rules, and their session cookie. With
 * `totp` the account has two-factor authentication and the session signed in with a code (staff
 * powers need both: docs/decisions/017-staff-powers-need-2fa.md).
 */
export async function player(
  clubId: string,
  policy: Partial<TierRules> = {},
  options: {
    role?: "PLAYER" | "STAFF" | "MANAGER";
    name?: string;
    session?: boolean;
    totp?: boolean;
    verified?: boolean;
  } = {},
) {
  const user = await createAccount({
    name: options.name ?? `Player ${randomUUID().slice(0, 6)}`,
    totp: options.totp,
    verified: options.verified,
  });
  const tier = await db.membershipTier.create({
    data: { clubId, name: `Tier ${randomUUID().slice(0, 8)}`, ...OPEN_POLICY, ...policy },
  });
  await addMembership(user.id, clubId, options.role ?? "PLAYER");
  await db.membership.update({
    where: { userId_clubId: { userId: user.id, clubId } },
    data: { tierId: tier.id },
  });
  const cookies = options.session === false ? {} : await sessionCookieFor(user.id);
  const cookie = Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  return { id: user.id, name: user.name, email: user.email, tierId: tier.id, cookie };
}

/** The instant of a local wall-clock time `days` days from today (club time). */
export function localAt(days: number, hhmm: string, now = new Date()): Date {
  const [h, m] = hhmm.split(":").map(Number);
  return zonedInstant(addDays(todayIn(ZONE, now), days), h! * 60 + m!, ZONE);
}

export function request(
  method: string,
  path: string,
  options: {
    cookie?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers: Record<string, string> = { origin: ORIGIN, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

export const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

export async function jsonOf(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

/**
 * Books through the real route handler (POST /api/c/[club]/bookings) as the browser with this
 * cookie, with a fresh idempotency key unless `idempotencyKey` names one (a retry sends the same).
 * The route is loaded on first use, so that the files that never book do not load it.
 */
export async function book(
  club: string,
  cookie: string,
  body: Record<string, unknown>,
  options: { idempotencyKey?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const { POST } = await import("@/app/api/c/[club]/bookings/route");
  const res = await POST(
    request("POST", `/api/c/${club}/bookings`, {
      cookie,
      body,
      headers: { "idempotency-key": options.idempotencyKey ?? randomUUID() },
    }),
    params({ club }),
  );
  return { status: res.status, headers: res.headers, body: await jsonOf(res) };
}
