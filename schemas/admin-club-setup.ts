/**
 * Input of the club-setup screens of the admin area (ADR 010: courts, opening hours, tiers and
 * booking rules, prices, club settings), shared by the server actions and the use cases in
 * server/admin/{courts,hours,tiers,prices,settings}. Forms post strings: numbers, checkboxes and
 * HH:mm times are parsed here, and every message names the problem in plain words.
 */
import { z } from "zod";
import { isValidTimeZone, parseLocalDate } from "@/lib/time";
import { Uuid } from "@/schemas/booking";

export { Uuid };

export const SPORTS = ["TENNIS", "PADEL", "SQUASH", "BADMINTON", "PICKLEBALL"] as const;
export const SURFACES = [
  "CLAY",
  "HARD",
  "GRASS",
  "ARTIFICIAL_GRASS",
  "CARPET",
  "WOOD",
  "OTHER",
] as const;
export const AUDIENCES = ["MEMBER", "GUEST", "NON_MEMBER"] as const;
export const SLOT_LENGTHS = [10, 15, 20, 30, 60] as const;

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

const text = (max: number) =>
  z
    .string({ error: "is required" })
    .trim()
    .min(1, "must not be empty")
    .max(max, `is too long (${max} characters at most)`)
    .regex(NO_CONTROL, "must not contain control characters");

/** A checkbox: present ("on", "true") or absent. */
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const toNumber = (v: string | number): number =>
  typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v.trim());

const int = (min: number, max: number) =>
  z
    .union([z.string(), z.number()], { error: "must be a whole number" })
    .transform(toNumber)
    .pipe(
      z
        .number({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );

/** A whole number, or empty for "no limit" (null). */
const limit = (max: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v === null || v === undefined || v === "" ? null : toNumber(v)))
    .pipe(
      z
        .number({ error: "must be a whole number, or empty for no limit" })
        .int("must be a whole number, or empty for no limit")
        .min(0, "must be at least 0")
        .max(max, `must be at most ${max}`)
        .nullable(),
    );

/** HH:mm local time → minutes since midnight; "24:00" allowed when `allowMidnightEnd`. */
export const timeOfDay = (allowMidnightEnd = false) =>
  z
    .string({ error: "must be a time such as 09:00" })
    .trim()
    .regex(/^([01]\d|2[0-4]):[0-5]\d$/, "must be a time such as 09:00")
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)))
    .refine(
      (m) => m <= (allowMidnightEnd ? 1440 : 1439),
      "must be at most 23:59, or 24:00 to close at midnight",
    );

export const localDate = z
  .string({ error: "must be a date" })
  .trim()
  .refine((v) => parseLocalDate(v) !== null, "must be a real date written YYYY-MM-DD");

// ── Courts ─────────────────────────────────────────────────────────────────────────────────────

export const CourtInput = z.object({
  name: text(60),
  sport: z.enum(SPORTS, { error: "must be one of the sports listed" }),
  surface: z.enum(SURFACES, { error: "must be one of the surfaces listed" }),
  indoor: checkbox,
  floodlights: checkbox,
});

export const UpdateCourtInput = CourtInput.extend({ courtId: Uuid });
export const CourtIdInput = z.object({ courtId: Uuid });
export const MoveCourtInput = z.object({
  courtId: Uuid,
  direction: z.enum(["up", "down"], { error: "must be up or down" }),
});
export const SetCourtActiveInput = z.object({
  courtId: Uuid,
  active: z
    .enum(["true", "false"], { error: "must be true or false" })
    .transform((v) => v === "true"),
});

// ── Opening hours ──────────────────────────────────────────────────────────────────────────────

/** One form for the seven weekdays: `open-N`, `opens-N`, `closes-N` for N = 1 … 7. */
export const ClubHoursInput = z.record(z.string(), z.string()).transform((raw, ctx) => {
  const days: { weekday: number; opensMinute: number; closesMinute: number }[] = [];
  for (let d = 1; d <= 7; d++) {
    if (raw[`open-${d}`] !== "on") continue;
    const opens = timeOfDay(false).safeParse(raw[`opens-${d}`] ?? "");
    const closes = timeOfDay(true).safeParse(raw[`closes-${d}`] ?? "");
    if (!opens.success) {
      ctx.addIssue({
        code: "custom",
        path: [`opens-${d}`],
        message: opens.error.issues[0]!.message,
      });
      continue;
    }
    if (!closes.success) {
      ctx.addIssue({
        code: "custom",
        path: [`closes-${d}`],
        message: closes.error.issues[0]!.message,
      });
      continue;
    }
    if (!(opens.data < closes.data)) {
      ctx.addIssue({
        code: "custom",
        path: [`closes-${d}`],
        message: "must be after the opening time",
      });
      continue;
    }
    days.push({ weekday: d, opensMinute: opens.data, closesMinute: closes.data });
  }
  return days;
});

/** Per-court override of one or more weekdays: `mode-N` = club | closed | custom. */
export const CourtHoursInput = z.record(z.string(), z.string()).transform((raw, ctx) => {
  const courtId = Uuid.safeParse(raw.courtId ?? "");
  if (!courtId.success) {
    ctx.addIssue({ code: "custom", path: ["courtId"], message: "must be an id" });
    return z.NEVER;
  }
  const days: {
    weekday: number;
    closed: boolean;
    opensMinute: number | null;
    closesMinute: number | null;
  }[] = [];
  for (let d = 1; d <= 7; d++) {
    const mode = raw[`mode-${d}`] ?? "club";
    if (mode === "club") continue;
    if (mode === "closed") {
      days.push({ weekday: d, closed: true, opensMinute: null, closesMinute: null });
      continue;
    }
    if (mode !== "custom") {
      ctx.addIssue({
        code: "custom",
        path: [`mode-${d}`],
        message: "must be club hours, closed or own hours",
      });
      continue;
    }
    const opens = timeOfDay(false).safeParse(raw[`opens-${d}`] ?? "");
    const closes = timeOfDay(true).safeParse(raw[`closes-${d}`] ?? "");
    if (!opens.success || !closes.success || !(opens.data < closes.data)) {
      ctx.addIssue({
        code: "custom",
        path: [`closes-${d}`],
        message: "own hours need an opening time before the closing time, such as 08:00 and 22:00",
      });
      continue;
    }
    days.push({ weekday: d, closed: false, opensMinute: opens.data, closesMinute: closes.data });
  }
  return { courtId: courtId.data, days };
});

export const ClosureInput = z.object({
  date: localDate,
  /** Empty: the whole club. */
  courtId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(Uuid.nullable()),
  reason: text(200),
});
export const ClosureIdInput = z.object({ closureId: Uuid });

// ── Tiers and booking rules ────────────────────────────────────────────────────────────────────

export const TierInput = z.object({
  name: text(60),
  description: z
    .string()
    .trim()
    .max(500, "is too long (500 characters at most)")
    .optional()
    .transform((v) => (v ? v : null)),
  horizonDays: int(0, 365),
  releaseTime: timeOfDay(false),
  maxActiveBookings: limit(1000),
  maxPerDay: limit(100),
  maxPerWeek: limit(700),
  maxPeakPerWeek: limit(700),
  noBackToBack: checkbox,
  cancelNoticeMinutes: int(0, 43200),
  partnerBookingsCount: checkbox,
  partnersMustBeActive: checkbox,
  maxGuestsPerBooking: int(0, 10),
});
export const UpdateTierInput = TierInput.extend({ tierId: Uuid });

/** Comma-separated whole numbers, e.g. "60, 90". */
const intList = (min: number, max: number, what: string) =>
  z
    .string({ error: `must list ${what}` })
    .transform((v) => v.split(/[,\s]+/).filter(Boolean))
    .pipe(
      z
        .array(
          z
            .string()
            .transform(toNumber)
            .pipe(
              z
                .number({ error: `must list ${what} as whole numbers` })
                .int(`must list ${what} as whole numbers`)
                .min(min, `must list ${what} between ${min} and ${max}`)
                .max(max, `must list ${what} between ${min} and ${max}`),
            ),
        )
        .min(1, `must list at least one of the ${what}`)
        .max(8, `must list at most 8 ${what}`),
    )
    .transform((list) => [...new Set(list)].sort((a, b) => a - b));

export const SportRulesInput = z.object({
  sport: z.enum(SPORTS, { error: "must be one of the sports listed" }),
  allowedDurations: intList(10, 720, "durations in minutes"),
  allowedPlayerCounts: intList(1, 12, "player counts"),
});

export const PeakBandInput = z
  .object({
    weekday: int(1, 7),
    start: timeOfDay(false),
    end: timeOfDay(true),
  })
  .refine((v) => v.start < v.end, { path: ["end"], message: "must be after the start" });
export const PeakBandIdInput = z.object({ peakBandId: Uuid });

export const TestAsMemberInput = z.object({ userId: Uuid, date: localDate.optional() });

// ── Prices ─────────────────────────────────────────────────────────────────────────────────────

export const PriceRuleInput = z
  .object({
    name: text(60),
    courtId: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(Uuid.nullable()),
    weekdays: z
      .array(z.string().transform(toNumber).pipe(z.number().int().min(1).max(7)), {
        error: "must be weekdays",
      })
      .min(1, "pick at least one weekday")
      .transform((l) => [...new Set(l)].sort((a, b) => a - b)),
    start: timeOfDay(false),
    end: timeOfDay(true),
    audience: z.enum(AUDIENCES, { error: "must be member, guest or non-member" }),
    /** Decimal amount in major units, e.g. "12.50"; lib/pricing.ts parseMoney makes it minor units. */
    amount: z
      .string({ error: "must be an amount such as 12.50" })
      .trim()
      .regex(/^\d{1,7}([.,]\d{1,3})?$/, "must be an amount such as 12.50"),
  })
  .refine((v) => v.start < v.end, { path: ["end"], message: "must be after the start" });
export const PriceRuleIdInput = z.object({ priceRuleId: Uuid });

// ── Club settings ──────────────────────────────────────────────────────────────────────────────

const email = z
  .string({ error: "must be an email address" })
  .trim()
  .max(254, "is too long")
  .pipe(z.email({ error: "must be an email address" }));

export const ClubSettingsInput = z.object({
  name: text(120),
  timeZone: z
    .string({ error: "must be a time zone such as Europe/Paris" })
    .trim()
    .max(64, "is too long")
    .refine((v) => /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(v) && isValidTimeZone(v), {
      message: "must be an IANA time zone such as Europe/Paris",
    }),
  contactEmail: email,
  securityContactEmail: email,
  slotMinutes: int(10, 60).refine((v) => (SLOT_LENGTHS as readonly number[]).includes(v), {
    message: `must be one of ${SLOT_LENGTHS.join(", ")} minutes`,
  }),
});

/** The price preview of the Prices screen: what a booking would cost (a GET form). */
export const PriceQuoteInput = z.object({
  courtId: Uuid,
  date: localDate,
  start: timeOfDay(false),
  durationMinutes: int(10, 720),
  members: int(0, 12),
  guests: int(0, 12),
  nonMembers: int(0, 12),
});
