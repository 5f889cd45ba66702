/**
 * The booking policy engine: one pure function decides both what the planning grid offers a player
 * and what the server accepts. Every refusal names its rule, explains itself in plain language and,
 * when there is one, gives the moment the player becomes eligible.
 */
import { DateTime } from "luxon";
import { addDays, isoWeekday, zonedInstant, type LocalDate } from "./time";

/** The booking rules of a membership tier. Counts of `null` mean "no limit". */
export type TierPolicy = {
  tierName: string;
  /** How many days ahead a day can be booked (0 = today only). */
  horizonDays: number;
  /** Local time (minutes after midnight) at which a day opens, `horizonDays` days before it. */
  releaseMinute: number;
  /** Upcoming bookings a player may hold at once. */
  maxActiveBookings: number | null;
  maxPerDay: number | null;
  /** Per ISO week (Monday to Sunday, club time). */
  maxPerWeek: number | null;
  /** Bookings in the club's peak bands per ISO week. */
  maxPeakPerWeek: number | null;
  /** Refuse a booking that starts when another of the player's bookings ends (or vice versa). */
  noBackToBack: boolean;
  /** Minimum notice to cancel, in minutes before the start. */
  cancelNoticeMinutes: number;
  /** Whether bookings in which the player is a named partner count towards their limits. */
  partnerBookingsCount: boolean;
  /** Whether named partners must hold an active membership. */
  partnersMustBeActive: boolean;
  /** Guests a player may bring to one booking. */
  maxGuestsPerBooking: number;
};

/**
 * A tier's rules as membership_tier stores them, without its name: what a tier form edits and
 * what a test tier is built from.
 */
export type TierRules = Omit<TierPolicy, "tierName">;

/** Rules of a member without a tier and of a new tier: the column defaults of membership_tier. */
export const DEFAULT_TIER_RULES: TierRules = {
  horizonDays: 7,
  releaseMinute: 0,
  maxActiveBookings: null,
  maxPerDay: null,
  maxPerWeek: null,
  maxPeakPerWeek: null,
  noBackToBack: false,
  cancelNoticeMinutes: 60,
  partnerBookingsCount: true,
  partnersMustBeActive: true,
  maxGuestsPerBooking: 1,
};

/** The policy of a member without a tier. */
export const DEFAULT_TIER_POLICY: TierPolicy = { tierName: "Club", ...DEFAULT_TIER_RULES };

/** A time band of the club in which peak limits apply (local time, ISO weekday). */
export type PeakBand = { weekday: number; startMinute: number; endMinute: number };

/** A booking the player already holds (made by them or naming them as partner). */
export type HeldBooking = { startsAt: Date; endsAt: Date; asPartner: boolean };

export type MemberState = {
  status: "INVITED" | "ACTIVE" | "SUSPENDED" | "ENDED";
  /** Last day of validity (club calendar), inclusive. */
  validUntil: LocalDate | null;
};

export type BookingRequest = {
  startsAt: Date;
  durationMinutes: number;
  /** Named partners (members), not counting the booker. */
  partners: { active: boolean }[];
  guests: number;
};

export type SportRules = {
  allowedDurations: number[];
  /** Players on court including the booker, e.g. singles 2 and doubles 4. */
  allowedPlayerCounts: number[];
};

export type PolicyContext = {
  now: Date;
  timeZone: string;
  tier: TierPolicy;
  member: MemberState;
  sport: SportRules;
  peakBands: PeakBand[];
  /** The player's bookings that end after `now` (past ones do not matter). */
  held: HeldBooking[];
};

export type RuleCode =
  | "MEMBERSHIP_INACTIVE"
  | "MEMBERSHIP_EXPIRED"
  | "IN_PAST"
  | "DURATION_NOT_ALLOWED"
  | "NOT_OPEN_YET"
  | "MAX_ACTIVE"
  | "MAX_PER_DAY"
  | "MAX_PER_WEEK"
  | "MAX_PEAK_PER_WEEK"
  | "BACK_TO_BACK"
  | "TOO_MANY_GUESTS"
  | "PARTNER_INACTIVE"
  | "PLAYER_COUNT"
  | "CANCEL_DEADLINE";

export type Decision =
  { ok: true } | { ok: false; rule: RuleCode; message: string; eligibleAt: Date | null };

/** "Sat 14 Jun 15:00" in the club's time zone. */
export function formatMoment(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale("en-GB").toFormat("ccc d LLL HH:mm");
}

function localDateOf(instant: Date, zone: string): LocalDate {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

function minuteOfDay(instant: Date, zone: string): number {
  const dt = DateTime.fromJSDate(instant, { zone });
  return dt.hour * 60 + dt.minute;
}

/** Monday of the ISO week that contains `date`. */
function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Whether a booking starting at `instant` starts inside one of the club's peak bands. */
export function isPeak(instant: Date, zone: string, bands: PeakBand[]): boolean {
  const date = localDateOf(instant, zone);
  const weekday = isoWeekday(date);
  const minute = minuteOfDay(instant, zone);
  return bands.some(
    (b) => b.weekday === weekday && minute >= b.startMinute && minute < b.endMinute,
  );
}

/** The moment a given local date opens for booking under a tier. */
export function releaseMoment(date: LocalDate, tier: TierPolicy, zone: string): Date {
  return zonedInstant(addDays(date, -tier.horizonDays), tier.releaseMinute, zone);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function refuse(rule: RuleCode, message: string, eligibleAt: Date | null = null): Decision {
  return { ok: false, rule, message, eligibleAt };
}

/**
 * Decides whether the player described by `ctx` may make `req`. Rules are checked in a fixed
 * order, from the most fundamental (membership, time) to the most specific (players on court), so
 * the reason given is the one that matters most.
 */
export function decideBooking(req: BookingRequest, ctx: PolicyContext): Decision {
  const slot = decideSlot(req, ctx);
  if (!slot.ok) return slot;
  return decideParty(req, ctx);
}

/**
 * The rules that depend only on the time and length of a booking, not on who plays: membership,
 * time, duration, release, quotas and back-to-back. The planning grid asks this for each free cell
 * (the party is chosen later, in the booking dialog); decideBooking runs it first.
 */
export function decideSlot(
  req: Pick<BookingRequest, "startsAt" | "durationMinutes">,
  ctx: PolicyContext,
): Decision {
  const { tier, timeZone: zone, now } = ctx;
  const startsAt = req.startsAt;
  const endsAt = new Date(startsAt.getTime() + req.durationMinutes * 60_000);
  const date = localDateOf(startsAt, zone);
  const tierLabel = `${tier.tierName} members`;

  if (ctx.member.status !== "ACTIVE") {
    return refuse(
      "MEMBERSHIP_INACTIVE",
      ctx.member.status === "INVITED"
        ? "Your membership is not active yet: accept your invitation first."
        : "Your membership is not active. Please contact the club.",
    );
  }
  if (ctx.member.validUntil !== null && date > ctx.member.validUntil) {
    return refuse(
      "MEMBERSHIP_EXPIRED",
      `Your membership is valid until ${ctx.member.validUntil}; this booking is after that. Please renew with the club.`,
    );
  }
  if (startsAt.getTime() <= now.getTime()) {
    return refuse("IN_PAST", "This time has already started or passed.");
  }
  if (!ctx.sport.allowedDurations.includes(req.durationMinutes)) {
    return refuse(
      "DURATION_NOT_ALLOWED",
      `Bookings here last ${ctx.sport.allowedDurations.join(" or ")} minutes, not ${req.durationMinutes}.`,
    );
  }
  const opensAt = releaseMoment(date, tier, zone);
  if (now.getTime() < opensAt.getTime()) {
    return refuse(
      "NOT_OPEN_YET",
      `${tierLabel} can book ${plural(tier.horizonDays, "day")} ahead. ` +
        `This day opens for booking on ${formatMoment(opensAt, zone)}.`,
      opensAt,
    );
  }

  const counted = ctx.held
    .filter((b) => b.endsAt.getTime() > now.getTime())
    .filter((b) => tier.partnerBookingsCount || !b.asPartner);

  if (tier.maxActiveBookings !== null && counted.length >= tier.maxActiveBookings) {
    // Eligible again when enough of the held bookings are over.
    const ends = counted.map((b) => b.endsAt.getTime()).sort((a, b) => a - b);
    const freeAt = new Date(ends[counted.length - tier.maxActiveBookings]!);
    return refuse(
      "MAX_ACTIVE",
      `You already hold ${plural(counted.length, "upcoming booking")} (limit ${tier.maxActiveBookings} for ${tierLabel}). ` +
        `You can book again after ${formatMoment(freeAt, zone)}.`,
      freeAt,
    );
  }
  if (tier.maxPerDay !== null) {
    const sameDay = counted.filter((b) => localDateOf(b.startsAt, zone) === date).length;
    if (sameDay >= tier.maxPerDay) {
      return refuse(
        "MAX_PER_DAY",
        `You already have ${plural(sameDay, "booking")} on this day (limit ${tier.maxPerDay} a day for ${tierLabel}).`,
      );
    }
  }
  const week = weekStart(date);
  const inWeek = counted.filter((b) => weekStart(localDateOf(b.startsAt, zone)) === week);
  if (tier.maxPerWeek !== null && inWeek.length >= tier.maxPerWeek) {
    return refuse(
      "MAX_PER_WEEK",
      `You already have ${plural(inWeek.length, "booking")} this week (limit ${tier.maxPerWeek} a week for ${tierLabel}).`,
    );
  }
  if (tier.maxPeakPerWeek !== null && isPeak(startsAt, zone, ctx.peakBands)) {
    const peak = inWeek.filter((b) => isPeak(b.startsAt, zone, ctx.peakBands)).length;
    if (peak >= tier.maxPeakPerWeek) {
      return refuse(
        "MAX_PEAK_PER_WEEK",
        `This is a peak time. You already have ${plural(peak, "peak-time booking")} this week ` +
          `(limit ${tier.maxPeakPerWeek} for ${tierLabel}). Off-peak times are still open to you.`,
      );
    }
  }
  if (tier.noBackToBack) {
    for (const b of counted) {
      const before = b.endsAt.getTime() === startsAt.getTime();
      const after = b.startsAt.getTime() === endsAt.getTime();
      if (!before && !after) continue;
      // Allowed once the earlier of the two bookings has started (extending a game in progress).
      const earlierStart = before ? b.startsAt : startsAt;
      if (before && now.getTime() >= earlierStart.getTime()) continue;
      return refuse(
        "BACK_TO_BACK",
        before
          ? `You have a booking that ends when this one starts. Back-to-back bookings are not allowed for ${tierLabel} ` +
              `until the first one has started (${formatMoment(b.startsAt, zone)}).`
          : `You have a booking that starts when this one ends. Back-to-back bookings are not allowed for ${tierLabel}.`,
        before ? b.startsAt : null,
      );
    }
  }
  return { ok: true };
}

/** The rules about who plays: guests, partners' membership and the number of players. */
export function decideParty(
  req: Pick<BookingRequest, "partners" | "guests">,
  ctx: Pick<PolicyContext, "tier" | "sport">,
): Decision {
  const { tier } = ctx;
  const tierLabel = `${tier.tierName} members`;
  if (req.guests > tier.maxGuestsPerBooking) {
    return refuse(
      "TOO_MANY_GUESTS",
      tier.maxGuestsPerBooking === 0
        ? `${tierLabel} cannot bring guests.`
        : `${tierLabel} can bring at most ${plural(tier.maxGuestsPerBooking, "guest")} per booking.`,
    );
  }
  if (tier.partnersMustBeActive && req.partners.some((p) => !p.active)) {
    return refuse(
      "PARTNER_INACTIVE",
      "Every partner you name must be an active member of the club.",
    );
  }
  const players = 1 + req.partners.length + req.guests;
  if (!ctx.sport.allowedPlayerCounts.includes(players)) {
    return refuse(
      "PLAYER_COUNT",
      `This court is booked for ${ctx.sport.allowedPlayerCounts.join(" or ")} players, you named ${players} ` +
        `(you, ${plural(req.partners.length, "partner")} and ${plural(req.guests, "guest")}).`,
    );
  }
  return { ok: true };
}

/** Whether a player may still cancel a booking under the tier's notice rule. */
export function decideCancellation(
  booking: { startsAt: Date },
  ctx: { now: Date; timeZone: string; tier: Pick<TierPolicy, "cancelNoticeMinutes" | "tierName"> },
): Decision {
  const deadline = new Date(booking.startsAt.getTime() - ctx.tier.cancelNoticeMinutes * 60_000);
  if (ctx.now.getTime() > deadline.getTime()) {
    return refuse(
      "CANCEL_DEADLINE",
      ctx.now.getTime() >= booking.startsAt.getTime()
        ? "This booking has already started."
        : `Bookings can be cancelled up to ${plural(ctx.tier.cancelNoticeMinutes, "minute")} before they start ` +
            `(deadline was ${formatMoment(deadline, ctx.timeZone)}). Please contact the club.`,
    );
  }
  return { ok: true };
}
