import "server-only";
import type { Prisma, Role } from "@/generated/prisma/client";
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

export function countsAsOwner(m: MembershipState, today: Date): boolean {
  return (
    m.role === "OWNER" && m.status === "ACTIVE" && (m.validUntil === null || m.validUntil >= today)
  );
}

/** UTC midnight of today, comparable with a @db.Date value (as the trigger's current_date). */
export function todayDate(now = new Date()): Date {
  return new Date(now.toISOString().slice(0, 10));
}

/**
 * Refuses a change of `before` into `after` (null: removed) that a non-owner may not make, or
 * that would leave the club without an owner. Call it after lockClubOwners.
 */
export async function assertOwnershipChangeAllowed(
  tx: Tx,
  input: {
    clubId: string;
    membershipId: string;
    actorRole: Role;
    before: MembershipState;
    after: MembershipState | null;
  },
): Promise<void> {
  const touchesOwner = input.before.role === "OWNER" || input.after?.role === "OWNER";
  if (touchesOwner && input.actorRole !== "OWNER")
    throw new AppError("FORBIDDEN", "Only an owner can grant, change or remove the owner role.");
  const today = todayDate();
  const wasOwner = countsAsOwner(input.before, today);
  const staysOwner = input.after !== null && countsAsOwner(input.after, today);
  if (!wasOwner || staysOwner) return;
  const others = await tx.membership.count({
    where: {
      clubId: input.clubId,
      id: { not: input.membershipId },
      role: "OWNER",
      status: "ACTIVE",
      OR: [{ validUntil: null }, { validUntil: { gte: today } }],
    },
  });
  if (others === 0)
    throw new AppError(
      "CONFLICT",
      "The club's last owner cannot be removed or demoted: make someone else an owner first.",
    );
}
