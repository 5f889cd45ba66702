/**
 * Input of the waiting list (server/waitlist/), shared by the JSON API and the booking UI.
 * Same field names and messages as a booking request (schemas/booking.ts).
 */
import { z } from "zod";
import { Uuid } from "@/schemas/booking";

/** Wait for a taken slot: the court, its start and the duration the player wants. */
export const JoinWaitlistInput = z
  .object({
    courtId: Uuid,
    startsAt: z
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
      ),
    durationMinutes: z
      .number({ error: "must be a number of minutes" })
      .int("must be a whole number of minutes")
      .min(10, "must be at least 10 minutes")
      .max(720, "must be at most 720 minutes"),
  })
  .strict();
export type JoinWaitlistInput = z.infer<typeof JoinWaitlistInput>;
