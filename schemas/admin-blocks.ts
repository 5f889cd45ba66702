/**
 * Input schemas of the club admin's blocks screen (ADR 010), shared by the form, the
 * preview and the use cases in server/admin/blocks/.
 */
import { z } from "zod";
import { parseClockTime } from "@/lib/recurrence";
import { parseLocalDate } from "@/lib/time";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const BLOCK_KINDS = ["LESSON", "TOURNAMENT", "MAINTENANCE", "OTHER"] as const;
export const BLOCK_KIND_LABELS: Record<(typeof BLOCK_KINDS)[number], string> = {
  LESSON: "Lesson",
  TOURNAMENT: "Tournament",
  MAINTENANCE: "Maintenance",
  OTHER: "Other",
};

export const BlockUuid = z
  .string({ error: "Choose one from the list." })
  .regex(UUID_RE, "Choose one from the list.")
  .transform((v) => v.toLowerCase());

const LocalDateText = z
  .string({ error: "Enter a date like 2027-06-30." })
  .trim()
  .refine((v) => parseLocalDate(v) !== null, "Enter a date like 2027-06-30.");

const ClockTime = z
  .string({ error: "Enter a time like 18:00." })
  .trim()
  .refine((v) => parseClockTime(v) !== null, "Enter a time like 18:00.")
  .transform((v) => parseClockTime(v)!);

/** What the manager describes; its occurrences come from lib/recurrence.ts. */
export const BlockInput = z
  .object({
    /** "" (or "all") = every court of the club. */
    courtId: z
      .union([z.literal(""), z.literal("all"), BlockUuid])
      .optional()
      .transform((v) => (v && v !== "all" ? v : null)),
    kind: z.enum(BLOCK_KINDS, { error: "Choose what the block is for." }),
    title: z
      .string({ error: "Give the block a title." })
      .trim()
      .min(1, "Give the block a title.")
      .max(120, "Use at most 120 characters.")
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Use plain text."),
    date: LocalDateText,
    startTime: ClockTime,
    endTime: ClockTime,
    repeat: z.enum(["none", "weekly"], { error: "Choose once or weekly." }).default("none"),
    repeatUntil: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || parseLocalDate(v) !== null, "Enter a date like 2027-06-30.")
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "End after the start time." });
    }
    if (v.repeat === "weekly") {
      if (!v.repeatUntil) {
        ctx.addIssue({
          code: "custom",
          path: ["repeatUntil"],
          message: "Say until when it repeats.",
        });
      } else if (v.repeatUntil < v.date) {
        ctx.addIssue({
          code: "custom",
          path: ["repeatUntil"],
          message: "The last date must not be before the first.",
        });
      }
    }
  })
  .transform((v) => ({
    courtId: v.courtId,
    kind: v.kind,
    title: v.title,
    date: v.date,
    startMinute: v.startTime,
    endMinute: v.endTime,
    repeatUntil: v.repeat === "weekly" ? v.repeatUntil : null,
  }));
export type BlockInput = z.infer<typeof BlockInput>;

/**
 * Confirming a block: `onCollision` says what to do with bookings that collide ("cancel" them,
 * with `reason` told to the players, or "skip" the colliding occurrences); `previewed` lists the
 * colliding booking ids the manager saw, so that a booking made since is never cancelled unseen.
 */
export const BlockCreateOptions = z.object({
  onCollision: z.enum(["none", "cancel", "skip"]).default("none"),
  reason: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
  previewed: z
    .string()
    .max(100_000)
    .optional()
    .transform((v) => (v ? v.split(",").filter((id) => UUID_RE.test(id)) : [])),
});
export type BlockCreateOptions = z.infer<typeof BlockCreateOptions>;

export const DeleteBlockInput = z.object({
  blockId: BlockUuid,
  /** "one": this occurrence; "following": it and later ones of its series; "series": all. */
  scope: z.enum(["one", "following", "series"]).default("one"),
});
