import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Role } from "@/generated/prisma/client";
import { todayIn } from "@/lib/time";
import { db } from "@/server/db";
import { activeOn } from "@/server/bookings/policy-context";
import { getSession } from "@/server/auth/get-session";
import type { ValidSession } from "@/server/auth/sessions";

/**
 * The one way to ask who is calling (ARCHITECTURE.md). Called by every page, server action and
 * route handler that needs a user; proxy.ts is never the only check.
 */

/** Returns the signed-in user, or sends the caller to /login (and back to `next` afterwards). */
export async function requireUser(options: { next?: string } = {}): Promise<ValidSession> {
  const session = await getSession();
  if (!session) redirect(loginUrl(options.next));
  return session;
}

/** The sign-in page, always with a `next` (an auth redirect is recognisable by it). */
export function loginUrl(next?: string): string {
  return `/login?next=${encodeURIComponent(next && isSafeNext(next) ? next : "/account")}`;
}

/** Only same-site absolute paths are followed after sign-in (no open redirect). */
export function isSafeNext(next: string): boolean {
  return /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith("/api/");
}

/** What each role may do includes what the roles below it may do. */
export const ROLE_RANK: Record<Role, number> = { PLAYER: 0, STAFF: 1, MANAGER: 2, OWNER: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/**
 * The gate of staff powers in a club (docs/decisions/017-staff-powers-need-2fa.md): the role a
 * membership may act with in this session. A STAFF, MANAGER or OWNER membership keeps its role
 * only when the account has two-factor authentication and this session verified a code; without
 * that it acts as a PLAYER (a mere booker). Every decision that grants more to staff than to a
 * player goes through this function: requireClubRole for the admin area, and the use cases that
 * read the actor's membership themselves (cancel-booking). Whether the membership is active is
 * the caller's check (policy-context activeOn).
 */
export function staffPowers(
  session: { twoFactorVerified?: boolean },
  membership: { role: Role },
): Role {
  if (membership.role === "PLAYER") return "PLAYER";
  return session.twoFactorVerified === true ? membership.role : "PLAYER";
}

export type ClubAccess = {
  user: ValidSession;
  club: { id: string; slug: string; name: string; timeZone: string };
  role: Role;
};

/**
 * Returns the user, the club and their role when they hold at least `minimum` there with an
 * active, unexpired membership (in the club's local date). Otherwise the club does not exist as
 * far as the caller can tell (404): nothing about it leaks. Staff powers pass the staffPowers gate:
 * a staff role whose session has not verified two-factor authentication is sent to the two-factor
 * settings first (to enrol, or to sign in again with a code).
 */
export async function requireClubRole(
  club: string,
  minimum: Role,
  options: { next?: string } = {},
): Promise<ClubAccess> {
  const user = await requireUser(options);
  const found = await db.club.findFirst({
    where: /^[0-9a-f-]{36}$/.test(club) ? { id: club } : { slug: club },
    select: {
      id: true,
      slug: true,
      name: true,
      timeZone: true,
      memberships: {
        where: { userId: user.userId },
        select: { role: true, status: true, validUntil: true },
      },
    },
  });
  const membership = found?.memberships[0];
  const active = found && membership && activeOn(membership, todayIn(found.timeZone));
  if (!found || !membership || !active || !roleAtLeast(membership.role, minimum)) notFound();
  const role = staffPowers(user, membership);
  if (!roleAtLeast(role, minimum)) {
    redirect(
      `/account/two-factor?required=1${options.next ? `&next=${encodeURIComponent(options.next)}` : ""}`,
    );
  }
  return {
    user,
    club: { id: found.id, slug: found.slug, name: found.name, timeZone: found.timeZone },
    role,
  };
}
