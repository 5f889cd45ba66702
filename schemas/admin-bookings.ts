/**
 * Input schemas of the club admin's bookings screen (ADR 010), shared by the forms and
 * the use cases in server/admin/bookings/.
 */
import { z } from "zod";
import { parseClockTime } from "@/lib/recurrence";
import { parseLocalDate } from "@/lib/time";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Id = z
  .string({ error: "Choose one from the list." })
  .regex(UUID_RE, "Choose one from the list.")
  .transform((v) => v.toLowerCase());

const OptionalId = z
  .string()
  .optional()
  .transform((v) => (v && UUID_RE.test(v) ? v.toLowerCase() : null));

const OptionalDate = z
  .string()
  .optional()
  .transform((v) => (v && parseLocalDate(v.trim()) ? v.trim() : null));

export const BOOKING_STATUSES = ["CONFIRMED", "PENDING_PAYMENT", "CANCELLED"] as const;

/** The list's filters (query string): anything malformed is ignored rather than refused. */
export const BookingListQuery = z.object({
  from: OptionalDate,
  to: OptionalDate,
  court: OptionalId,
  member: z
    .string()
    .optional()
    .transform((v) => (v ? v.trim().slice(0, 120) : null))
    .transform((v) => (v ? v : null)),
  status: z
    .string()
    .optional()
    .transform((v) =>
      (BOOKING_STATUSES as readonly string[]).includes(v ?? "")
        ? (v as (typeof BOOKING_STATUSES)[number])
        : null,
    ),
  page: z
    .string()
    .optional()
    .transform((v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
    }),
});
export type BookingListQuery = z.infer<typeof BookingListQuery>;

export const StaffCancelBookingInput = z.object({
  bookingId: Id,
  reason: z
    .string({ error: "Tell the players why." })
    .trim()
    .min(1, "Tell the players why.")
    .max(500, "Use at most 500 characters."),
});

/** A booking made by staff: for a member (memberId) or a walk-in guest (guestName). */
export const StaffCreateBookingInput = z
  .object({
    courtId: Id,
    date: z
      .string({ error: "Enter a date like 2027-06-30." })
      .trim()
      .refine((v) => parseLocalDate(v) !== null, "Enter a date like 2027-06-30."),
    startTime: z
      .string({ error: "Enter a time like 18:00." })
      .trim()
      .refine(
        (v) => parseClockTime(v) !== null && parseClockTime(v)! < 1440,
        "Enter a time like 18:00.",
      )
      .transform((v) => parseClockTime(v)!),
    durationMinutes: z.coerce
      .number({ error: "Enter a number of minutes." })
      .int("Enter a whole number of minutes.")
      .min(10, "At least 10 minutes.")
      .max(720, "At most 720 minutes."),
    memberId: OptionalId,
    guestName: z
      .string()
      .trim()
      .max(120, "Use at most 120 characters.")
      .optional()
      .refine((v) => !v || !/[\u0000-\u001f\u007f]/.test(v), "Use plain text.")
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (!v.memberId && !v.guestName) {
      ctx.addIssue({
        code: "custom",
        path: ["memberId"],
        message: "Choose a member, or name the walk-in guest.",
      });
    }
    if (v.memberId && v.guestName) {
      ctx.addIssue({
        code: "custom",
        path: ["guestName"],
        message: "Either a member or a walk-in guest, not both.",
      });
    }
  });
export type StaffCreateBookingInput = z.infer<typeof StaffCreateBookingInput>;
