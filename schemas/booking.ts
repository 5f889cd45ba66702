/**
 * Input of the booking features, shared by the JSON API (app/api/c/[club]/bookings…), the booking
 * dialog's server action and the use cases in server/bookings/. Messages name the problem in plain
 * words; the field name comes from the path (fromZodIssues in server/errors.ts).
 */
import { z } from "zod";
import { planningDate } from "@/schemas/planning";

export const Uuid = z
  .string({ error: "must be an id (text)" })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be an id")
  .transform((v) => v.toLowerCase());

/** Players on court are at most this many (booker, partners and guests). */
export const MAX_PLAYERS = 12;

/** A guest named by the booker (not a member of the club). */
export const GuestInput = z.object({
  name: z
    .string({ error: "must be the guest's name" })
    .trim()
    .min(1, "must not be empty")
    .max(120, "is too long (120 characters at most)")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "must not contain control characters"),
});

/** The start of a slot: an ISO 8601 instant with its offset, on a whole minute. */
export const SlotStart = z
  .string({ error: "must be a date and time, e.g. 2026-06-16T10:00:00+02:00" })
  .max(40, "is too long")
  .pipe(
    z.iso.datetime({
      offset: true,
      error: "must be an ISO 8601 date and time with its offset",
    }),
  )
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), "is not a real date and time")
  .refine(
    (d) => d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0,
    "must be on a whole minute",
  );

/** The length of a booking in minutes (the sport's allowed durations are checked by policy). */
export const SlotMinutes = z
  .number({ error: "must be a number of minutes" })
  .int("must be a whole number of minutes")
  .min(10, "must be at least 10 minutes")
  .max(720, "must be at most 720 minutes");

/**
 * A booking request. `startsAt` is an ISO 8601 instant with its offset (e.g. 2026-06-16T08:00:00Z
 * or 2026-06-16T10:00:00+02:00), on a slot boundary of the club's planning.
 */
export const CreateBookingInput = z
  .object({
    courtId: Uuid,
    startsAt: SlotStart,
    durationMinutes: SlotMinutes,
    partnerIds: z
      .array(Uuid, { error: "must be a list of member ids" })
      .max(MAX_PLAYERS - 1, `names too many partners (${MAX_PLAYERS - 1} at most)`)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, "names the same partner twice"),
    guests: z
      .array(GuestInput, { error: 'must be a list of guests, e.g. [{ "name": "Ann Lee" }]' })
      .max(MAX_PLAYERS - 1, `names too many guests (${MAX_PLAYERS - 1} at most)`)
      .default([]),
    /** How a booking with a fee is paid, when the club offers more than one gateway. */
    gateway: z.enum(["PAYPAL", "PAYBOX"], { error: "must be PAYPAL or PAYBOX" }).optional(),
  })
  .strict();
export type CreateBookingInput = z.infer<typeof CreateBookingInput>;

/**
 * The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header): any printable ASCII,
 * e.g. a UUID generated when the booking dialog opens.
 */
export const IdempotencyKey = z
  .string({ error: "is required: send a unique key per booking attempt, e.g. a UUID" })
  .min(8, "is too short (8 characters at least, e.g. a UUID)")
  .max(200, "is too long (200 characters at most)")
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

export const CancelBookingInput = z
  .object({
    reason: z
      .string({ error: "must be text" })
      .trim()
      .max(500, "is too long (500 characters at most)")
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
  })
  .strict();
export type CancelBookingInput = z.infer<typeof CancelBookingInput>;

/** `?date=YYYY-MM-DD` of the availability endpoint (±2 years of today, like the planning page). */
export function availabilityQuery(now: Date = new Date()) {
  return z.object({ date: planningDate(now) });
}

/** The partner picker's search box. */
export const MemberSearchInput = z.object({
  q: z
    .string({ error: "must be text" })
    .trim()
    .min(2, "must be at least 2 characters")
    .max(60, "is too long (60 characters at most)"),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export type MemberSearchInput = z.infer<typeof MemberSearchInput>;

/**
 * Zod issues with unknown keys of a strict object reported against each key (so that a 400 names
 * `partnerId` rather than the whole input), ready for fromZodIssues (server/errors.ts).
 */
export function issuesByField(
  issues: ReadonlyArray<z.core.$ZodIssue>,
): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => ({ path: [...i.path, k], message: "is not a known field" }))
      : [{ path: [...i.path], message: i.message }],
  );
}
