/**
 * Input schemas of the security alerts screen (app/c/[club]/admin/security) and its use cases
 * (server/admin/security/), shared by the form and the use case. Forms post strings.
 */
import { z } from "zod";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which alerts a list shows: not yet acknowledged (the default), acknowledged, or all. */
export const ALERT_FILTERS = ["open", "acknowledged", "all"] as const;
export type AlertFilter = (typeof ALERT_FILTERS)[number];

/** The list's query string: anything malformed falls back to the default rather than refused. */
export const SecurityAlertListQuery = z.object({
  state: z.enum(ALERT_FILTERS).catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type SecurityAlertListQuery = z.infer<typeof SecurityAlertListQuery>;

export const ACK_NOTE_MIN = 3;
export const ACK_NOTE_MAX = 1000;

/** A manager acknowledges one alert of the club, saying in their own words what was done. */
export const AcknowledgeSecurityAlertInput = z.object({
  alertId: z
    .string({ error: "Choose an alert from the list." })
    .regex(UUID_RE, "Choose an alert from the list.")
    .transform((v) => v.toLowerCase()),
  note: z
    .string({ error: "Write a note: what you checked or did." })
    .trim()
    .min(
      ACK_NOTE_MIN,
      `Write a note of at least ${ACK_NOTE_MIN} characters: what you checked or did.`,
    )
    .max(ACK_NOTE_MAX, `Keep the note under ${ACK_NOTE_MAX} characters.`),
});
export type AcknowledgeSecurityAlertInput = z.infer<typeof AcknowledgeSecurityAlertInput>;
