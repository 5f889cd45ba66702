/**
 * Input schemas of the admin's exports, statistics and audit screens (ADR 009).
 * Periods are calendar dates in the club's time zone, both ends included.
 */
import { z } from "zod";
import { parseLocalDate } from "@/lib/time";

const LocalDateText = z
  .string()
  .trim()
  .refine((v) => parseLocalDate(v) !== null, "Enter a date like 2026-11-30.");

export const MAX_PERIOD_DAYS = 366;

export const PeriodInput = z
  .object({ from: LocalDateText, to: LocalDateText })
  .refine((p) => p.from <= p.to, { path: ["to"], message: "The end must not be before the start." })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
    path: ["to"],
    message: `Choose a period of at most ${MAX_PERIOD_DAYS} days.`,
  });
export type PeriodInput = z.infer<typeof PeriodInput>;

export const AuditFilterInput = z.object({
  action: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z0-9_.]*$/, "Use letters, digits, dots and underscores.")
    .optional()
    .transform((v) => v || null),
  actor: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || null),
  from: LocalDateText.optional()
    .or(z.literal(""))
    .transform((v) => v || null),
  to: LocalDateText.optional()
    .or(z.literal(""))
    .transform((v) => v || null),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type AuditFilterInput = z.infer<typeof AuditFilterInput>;
