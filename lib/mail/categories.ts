/**
 * Email categories. Essential categories (account and security mail, booking and payment
 * receipts) carry no unsubscribe and are always sent. Optional categories carry List-Unsubscribe
 * with one-click POST (RFC 8058) and are suppressed once the recipient unsubscribes.
 * The database repeats this list in a CHECK constraint (migration 20261127010000_email).
 */
export const ESSENTIAL_CATEGORIES = ["security", "account", "booking", "payment"] as const;
export const OPTIONAL_CATEGORIES = ["reminders", "waiting_list", "club_news"] as const;
export const EMAIL_CATEGORIES = [...ESSENTIAL_CATEGORIES, ...OPTIONAL_CATEGORIES] as const;

export type EssentialCategory = (typeof ESSENTIAL_CATEGORIES)[number];
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number];

export function isEmailCategory(value: unknown): value is EmailCategory {
  return typeof value === "string" && (EMAIL_CATEGORIES as readonly string[]).includes(value);
}

export function isOptionalCategory(value: unknown): value is OptionalCategory {
  return typeof value === "string" && (OPTIONAL_CATEGORIES as readonly string[]).includes(value);
}

/** Human labels for the preferences page (English; translated with the rest of the UI later). */
export const CATEGORY_LABELS: Record<EmailCategory, string> = {
  security: "Security notices",
  account: "Account emails",
  booking: "Booking confirmations and cancellations",
  payment: "Payment receipts and refunds",
  reminders: "Booking reminders",
  waiting_list: "Waiting-list offers",
  club_news: "Club news",
};
