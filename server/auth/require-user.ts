import "server-only";
import { notFound, redirect } from "next/navigation";
import {
  CAPABILITIES,
  can,
  roleAtLeast,
  type Capability,
  type Role,
} from "@/lib/auth/capabilities";
import { isActiveMembership } from "@/lib/membership";
import { db } from "@/server/db";
import { getSession } from "@/server/auth/get-session";
import type { ValidSession } from "@/server/auth/sessions";

/**
 * The one way to ask who is calling (docs/architecture.md). Called by every page, server action and
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

/**
 * The gate of staff powers in a club (docs/decisions/017-staff-powers-need-2fa.md): the role a
 * membership may act with in this session. A STAFF, MANAGER or OWNER membership keeps its role
 * only when the account has two-factor authentication and this session verified a code; without
 * that it acts as a PLAYER (a mere booker). Whether the membership is active is the caller's check
 * (lib/membership.ts isActiveMembership).
 */
export function staffPowers(
  session: { twoFactorVerified?: boolean },
  membership: { role: Role },
): Role {
  if (!roleAtLeast(membership.role, "STAFF")) return membership.role;
  return session.twoFactorVerified === true ? membership.role : "PLAYER";
}

/**
 * Whether a membership may use a capability in this session (lib/auth/capabilities.ts): its role
 * after the staffPowers gate when the capability needs two-factor authentication, else its role.
 * Every decision that grants more to staff than to a player goes through this function:
 * requireClubPermission for the admin area, and the use cases that read the actor's membership
 * themselves (cancel-booking). Whether the membership is active is the caller's check.
 */
export function hasClubPermission(
  session: { twoFactorVerified?: boolean },
  membership: { role: Role },
  capability: Capability,
): boolean {
  const role = CAPABILITIES[capability].twoFactor
    ? staffPowers(session, membership)
    : membership.role;
  return can(role, capability);
}

export type ClubAccess = {
  user: ValidSession;
  club: { id: string; slug: string; name: string; timeZone: string };
  /** The effective role (staffPowers): what the caller may do in the club in this session. */
  role: Role;
};

/**
 * Returns the user, the club and their effective role when their active, unexpired membership (in
 * the club's local date) has `capability` (lib/auth/capabilities.ts). Otherwise the club does not
 * exist as far as the caller can tell (404): nothing about it leaks. A capability that needs
 * two-factor authentication passes the staffPowers gate: a staff role whose session has not
 * verified a code is sent to the two-factor settings first (to enrol, or to sign in again).
 */
export async function requireClubPermission(
  club: string,
  capability: Capability,
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
  const active = found && membership && isActiveMembership(membership, found.timeZone);
  if (!found || !membership || !active || !can(membership.role, capability)) notFound();
  if (!hasClubPermission(user, membership, capability)) {
    redirect(
      `/account/two-factor?required=1${options.next ? `&next=${encodeURIComponent(options.next)}` : ""}`,
    );
  }
  return {
    user,
    club: { id: found.id, slug: found.slug, name: found.name, timeZone: found.timeZone },
    role: staffPowers(user, membership),
  };
}
