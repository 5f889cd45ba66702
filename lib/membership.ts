/**
 * Whether a membership is active: the one definition (docs/decisions/019-capability-table.md),
 * in the club's calendar. Pure: used by the club gate (requireClubPermission), the booking and
 * waiting-list use cases, the owner guard, the partner search and the dashboard.
 */
import { todayIn, type LocalDate } from "@/lib/time";

/** The columns of a membership that decide whether it is active (validUntil is a @db.Date). */
export type MembershipValidity = { status: string; validUntil: Date | null };

/** Whether a membership is active on a date of the club's calendar (ACTIVE, not expired). */
export function activeOn(m: MembershipValidity, date: LocalDate): boolean {
  return (
    m.status === "ACTIVE" &&
    (m.validUntil === null || m.validUntil.toISOString().slice(0, 10) >= date)
  );
}

/** Whether a membership is active today in the club's time zone. */
export function isActiveMembership(
  m: MembershipValidity,
  clubTimeZone: string,
  now: Date = new Date(),
): boolean {
  return activeOn(m, todayIn(clubTimeZone, now));
}
