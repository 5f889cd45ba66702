/**
 * Input of the waiting list (server/waitlist/), shared by the JSON API and the booking UI.
 * Same field names and messages as a booking request (schemas/booking.ts).
 */
import { z } from "zod";
import { SlotMinutes, SlotStart, Uuid } from "@/schemas/booking";

/** Wait for a taken slot: the court, its start and the duration the player wants. */
export const JoinWaitlistInput = z
  .object({
    courtId: Uuid,
    startsAt: SlotStart,
    durationMinutes: SlotMinutes,
  })
  .strict();
export type JoinWaitlistInput = z.infer<typeof JoinWaitlistInput>;
