import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
import { canGrant } from "@/lib/auth/capabilities";
import { isActiveMembership } from "@/lib/membership";
import { AppError } from "@/server/errors";

/**
 * The ownership rules shared by the members use cases: only an owner grants, removes or changes
 * an owner, and the club's last owner can never be removed or demoted. Checked under the same
 * advisory lock as the database trigger (migration 20261127052000_admin_members), which stays as
 * the last line of defence.
 */

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "membership">;

/** Serialises every change of a club's owners (same key as courtside_keep_last_owner()). */
export async function lockClubOwners(tx: Tx, clubId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(7401, hashtext(${clubId}))) l`;
}

type MembershipState = { role: Role; status: string; validUntil: Date | null };

/** An owner of the club today, in the club's calendar (lib/membership.ts isActiveMembership). */
function countsAsOwner(m: MembershipState, clubTimeZone: string, now: Date): boolean {
  return m.role === "OWNER" && isActiveMembership(m, clubTimeZone, now);
}

/**
 * Refuses a change of `before` into `after` (null: removed) that the actor may not make (only
 * manageOwners touches the owner role), or that would leave the club without an owner. Call it
 * after lockClubOwners.
 */
export async function assertOwnershipChangeAllowed(
  tx: Tx,
  input: {
    club: { id: string; timeZone: string };
    membershipId: string;
    actorRole: Role;
    before: MembershipState;
    after: MembershipState | null;
  },
  now: Date = new Date(),
): Promise<void> {
  const touchesOwnerRole =
    !canGrant(input.actorRole, input.before.role) ||
    (input.after !== null && !canGrant(input.actorRole, input.after.role));
  if (touchesOwnerRole)
    throw new AppError("FORBIDDEN", "Only an owner can grant, change or remove the owner role.");
  const zone = input.club.timeZone;
  const wasOwner = countsAsOwner(input.before, zone, now);
  const staysOwner = input.after !== null && countsAsOwner(input.after, zone, now);
  if (!wasOwner || staysOwner) return;
  const others = await tx.membership.findMany({
    where: {
      clubId: input.club.id,
      id: { not: input.membershipId },
      role: "OWNER",
      status: "ACTIVE",
    },
    select: { role: true, status: true, validUntil: true },
  });
  if (!others.some((m) => countsAsOwner(m, zone, now)))
    throw new AppError(
      "CONFLICT",
      "The club's last owner cannot be removed or demoted: make someone else an owner first.",
    );
}
