import "server-only";
/**
 * Shared by the booking use cases (not a use case itself): how database rows become the inputs of
 * the policy engine (lib/booking-policy.ts), and the SQL that loads a member's held bookings.
 */
import type { Prisma, Sport } from "@/generated/prisma/client";
import {
  DEFAULT_TIER_POLICY,
  type HeldBooking,
  type MemberState,
  type PeakBand,
  type SportRules,
  type TierPolicy,
  type TierRules,
} from "@/lib/booking-policy";
import type { PrismaTx } from "@/server/bookings/transaction";

/** Rules for a sport the club has not configured (club_sport has no row for it). */
export const DEFAULT_SPORT_RULES: Record<Sport, SportRules> = {
  TENNIS: { allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] },
  PADEL: { allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] },
  SQUASH: { allowedDurations: [30, 45, 60], allowedPlayerCounts: [2] },
  BADMINTON: { allowedDurations: [60], allowedPlayerCounts: [2, 4] },
  PICKLEBALL: { allowedDurations: [60], allowedPlayerCounts: [2, 4] },
};

/** The columns of membership_tier the policy needs: its rules and its name. */
export type TierRow = TierRules & { name: string };

/** Selects a TierRow (checked against TierRules: a rule added there must be selected here). */
export const TIER_SELECT = {
  name: true,
  horizonDays: true,
  releaseMinute: true,
  maxActiveBookings: true,
  maxPerDay: true,
  maxPerWeek: true,
  maxPeakPerWeek: true,
  noBackToBack: true,
  cancelNoticeMinutes: true,
  partnerBookingsCount: true,
  partnersMustBeActive: true,
  maxGuestsPerBooking: true,
} as const satisfies Record<keyof TierRow, true> & Prisma.MembershipTierSelect;

export function tierPolicyOf(tier: TierRow | null): TierPolicy {
  if (!tier) return DEFAULT_TIER_POLICY;
  const { name, ...rules } = tier;
  return { tierName: name, ...rules };
}

export function memberStateOf(m: {
  status: MemberState["status"];
  validUntil: Date | null;
}): MemberState {
  return { status: m.status, validUntil: m.validUntil?.toISOString().slice(0, 10) ?? null };
}

export function sportRulesOf(
  sport: Sport,
  configured: ReadonlyArray<{
    sport: Sport;
    allowedDurations: number[];
    allowedPlayerCounts: number[];
  }>,
): SportRules {
  const row = configured.find((s) => s.sport === sport);
  return row
    ? { allowedDurations: row.allowedDurations, allowedPlayerCounts: row.allowedPlayerCounts }
    : DEFAULT_SPORT_RULES[sport];
}

export function peakBandsOf(
  rows: ReadonlyArray<{ weekday: number; startMinute: number; endMinute: number }>,
): PeakBand[] {
  return rows.map((r) => ({
    weekday: r.weekday,
    startMinute: r.startMinute,
    endMinute: r.endMinute,
  }));
}

export type HeldRow = HeldBooking & { id: string; courtId: string };

/**
 * The member's bookings in a club that end after `now` and are not cancelled: as booker, or as a
 * named player. One statement.
 */
export async function loadHeldBookings(
  tx: Pick<PrismaTx, "$queryRaw">,
  clubId: string,
  userId: string,
  now: Date,
): Promise<HeldRow[]> {
  const rows = await tx.$queryRaw<
    { id: string; courtId: string; startsAt: Date; endsAt: Date; asPartner: boolean }[]
  >`
    SELECT b.id::text AS "id", b.court_id::text AS "courtId", b.starts_at AS "startsAt",
           b.ends_at AS "endsAt", (b.created_by_id IS DISTINCT FROM ${userId}::uuid) AS "asPartner"
    FROM booking b
    WHERE b.club_id = ${clubId}::uuid
      AND b.status <> 'CANCELLED'
      AND b.ends_at > ${now}
      AND (b.created_by_id = ${userId}::uuid
           OR EXISTS (SELECT 1 FROM booking_player p WHERE p.booking_id = b.id AND p.user_id = ${userId}::uuid))
    ORDER BY b.starts_at`;
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}

/**
 * Refuses an actor without a proper user id. Prisma reads `where: { userId: undefined }` as "no
 * filter", so an untyped caller passing the wrong object must not reach a membership check.
 */
export function assertActor(actor: { userId: string } | null): void {
  if (actor !== null && !/^[0-9a-f-]{36}$/.test(String(actor?.userId))) {
    throw new TypeError("booking use cases need an actor { userId }");
  }
}
