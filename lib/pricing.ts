/**
 * Court prices (ADR 010). Pure (no I/O): the payments issue loads a club's price rules and
 * asks `priceBooking` what a booking costs; the admin "Prices" screen shows the same answer.
 *
 * A rule prices one audience (member, guest, non-member) on one court — or on every court of the
 * club when `courtId` is null — on some ISO weekdays between two local minutes of the day
 * (half-open), in integer minor units of the club's currency per player and per hour.
 *
 * Every minute of the booking is priced by the rule that covers it in the club's time zone, for
 * each audience of the party separately: a court-specific rule wins over an all-courts rule, and
 * between rules of the same kind the first in the given order wins (the admin screen refuses
 * overlapping rules, so this only matters for data written by hand). Minutes no rule covers are
 * free for that audience (they are reported, so the screen can warn). Elapsed time is priced: on
 * the night clocks go back, the repeated hour is played, and paid, twice.
 */
import { DateTime } from "luxon";

export type PriceAudience = "MEMBER" | "GUEST" | "NON_MEMBER";

export const PRICE_AUDIENCES: ReadonlyArray<PriceAudience> = ["MEMBER", "GUEST", "NON_MEMBER"];

export type PriceRule = {
  id: string;
  name: string;
  /** Null: every court of the club. */
  courtId: string | null;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: ReadonlyArray<number>;
  /** Local minutes since midnight, half-open [start, end); end may be 1440. */
  startMinute: number;
  endMinute: number;
  audience: PriceAudience;
  /** Minor units (e.g. cents) per player and per hour. */
  amountMinor: number;
};

/** Who plays: members (the booker included when a member), named guests, non-members. */
export type Party = { members: number; guests: number; nonMembers?: number };

export type PriceLine = {
  ruleId: string;
  ruleName: string;
  audience: PriceAudience;
  players: number;
  minutes: number;
  /** Per player and per hour, as in the rule. */
  rateMinor: number;
  /** round(rate × players × minutes / 60), in minor units. */
  amountMinor: number;
};

export type PriceQuote = {
  amountMinor: number;
  currency: string;
  /** One line per rule that priced part of the booking, in order of first use. */
  lines: PriceLine[];
  /** Minutes of the booking no rule covered, per audience present in the party (free). */
  unpricedMinutes: Partial<Record<PriceAudience, number>>;
};

export type PriceRequest = {
  rules: ReadonlyArray<PriceRule>;
  courtId: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  party: Party;
  currency: string;
};

function playersOf(party: Party, audience: PriceAudience): number {
  if (audience === "MEMBER") return party.members;
  if (audience === "GUEST") return party.guests;
  return party.nonMembers ?? 0;
}

function covers(rule: PriceRule, weekday: number, minute: number): boolean {
  return rule.weekdays.includes(weekday) && minute >= rule.startMinute && minute < rule.endMinute;
}

/** The rule pricing one local minute of a court for an audience, or null when none does. */
export function ruleFor(
  rules: ReadonlyArray<PriceRule>,
  courtId: string,
  audience: PriceAudience,
  weekday: number,
  minute: number,
): PriceRule | null {
  let general: PriceRule | null = null;
  for (const rule of rules) {
    if (rule.audience !== audience || !covers(rule, weekday, minute)) continue;
    if (rule.courtId === courtId) return rule;
    if (rule.courtId === null && general === null) general = rule;
  }
  return general;
}

export function priceBooking(req: PriceRequest): PriceQuote {
  const { party } = req;
  for (const a of PRICE_AUDIENCES) {
    const n = playersOf(party, a);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`party: invalid count for ${a}`);
  }
  if (!Number.isInteger(req.durationMinutes) || req.durationMinutes <= 0) {
    throw new RangeError("durationMinutes must be a positive integer");
  }
  const minutesByRule = new Map<string, { rule: PriceRule; minutes: number }>();
  const unpriced: Partial<Record<PriceAudience, number>> = {};
  const audiences = PRICE_AUDIENCES.filter((a) => playersOf(party, a) > 0);
  for (const a of audiences) unpriced[a] = 0;

  const start = req.startsAt.getTime();
  for (let i = 0; i < req.durationMinutes; i++) {
    const local = DateTime.fromMillis(start + i * 60_000, { zone: req.timeZone });
    const minute = local.hour * 60 + local.minute;
    for (const a of audiences) {
      const rule = ruleFor(req.rules, req.courtId, a, local.weekday, minute);
      if (!rule) {
        unpriced[a] = (unpriced[a] ?? 0) + 1;
        continue;
      }
      const entry = minutesByRule.get(rule.id) ?? { rule, minutes: 0 };
      entry.minutes += 1;
      minutesByRule.set(rule.id, entry);
    }
  }

  const lines: PriceLine[] = [...minutesByRule.values()].map(({ rule, minutes }) => {
    const players = playersOf(party, rule.audience);
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      audience: rule.audience,
      players,
      minutes,
      rateMinor: rule.amountMinor,
      amountMinor: Math.round((rule.amountMinor * players * minutes) / 60),
    };
  });
  return {
    amountMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
    currency: req.currency,
    lines,
    unpricedMinutes: unpriced,
  };
}

/** Whether two rules would price the same minute of the same court for the same audience. */
export function rulesOverlap(
  a: Pick<PriceRule, "courtId" | "weekdays" | "startMinute" | "endMinute" | "audience">,
  b: Pick<PriceRule, "courtId" | "weekdays" | "startMinute" | "endMinute" | "audience">,
): boolean {
  return (
    a.audience === b.audience &&
    a.courtId === b.courtId &&
    a.weekdays.some((d) => b.weekdays.includes(d)) &&
    a.startMinute < b.endMinute &&
    b.startMinute < a.endMinute
  );
}

/** Digits of the minor unit of an ISO 4217 currency: EUR 2, JPY 0. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** An amount in minor units for people, e.g. 1250 EUR → "€12.50". */
export function formatMoney(amountMinor: number, currency: string, locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    amountMinor / 10 ** currencyDigits(currency),
  );
}

/**
 * A decimal amount typed by a person ("12.50", "12,5", "800") in minor units of the currency, or
 * null when it has more decimals than the currency has (12.345 EUR, 5.5 JPY) or is not a number.
 * Exact: the digits are shifted as text, never multiplied as floating point.
 */
export function parseMoney(text: string, currency: string): number | null {
  const m = /^(\d{1,7})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const digits = currencyDigits(currency);
  const fraction = m[2] ?? "";
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}
