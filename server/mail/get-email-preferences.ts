import "server-only";
import { CATEGORY_LABELS, OPTIONAL_CATEGORIES, type OptionalCategory } from "@/lib/mail/categories";
import { verifyMailToken } from "@/lib/mail/mail-token";
import { db } from "@/server/db";
import { getMailConfig } from "./mail-config";

export type EmailPreferences = {
  address: string;
  /** Set when the link was an unsubscribe link for one category. */
  linkCategory: OptionalCategory | null;
  categories: Array<{ category: OptionalCategory; label: string; subscribed: boolean }>;
};

/**
 * The optional email categories of the address named by a signed link (preferences or unsubscribe
 * token), or null when the link is forged or damaged. Essential mail is not listed: it is always sent.
 */
export async function getEmailPreferences(token: string): Promise<EmailPreferences | null> {
  const payload = verifyMailToken(getMailConfig().tokenSecret, token);
  if (!payload) return null;
  const rows = await db.emailUnsubscribe.findMany({
    where: { address: payload.address },
    select: { category: true },
  });
  const off = new Set(rows.map((r) => r.category));
  return {
    address: payload.address,
    linkCategory: payload.purpose === "unsubscribe" ? payload.category : null,
    categories: OPTIONAL_CATEGORIES.map((category) => ({
      category,
      label: CATEGORY_LABELS[category],
      subscribed: !off.has(category),
    })),
  };
}
