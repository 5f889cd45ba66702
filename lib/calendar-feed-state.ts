import type { FormState } from "@/lib/form-state";

/**
 * The state of the calendar-feed forms ("My bookings"): a form state plus, right after the link
 * was made, the link itself — shown this once (only its hash is stored on the server).
 */
export type CalendarFeedState = FormState & { feed?: { url: string; webcalUrl: string } };
