import "server-only";
import { OPTIONAL_CATEGORIES, isOptionalCategory } from "@/lib/mail/categories";
import { verifyMailToken } from "@/lib/mail/mail-token";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { getMailConfig } from "./mail-config";

/**
 * Saves the optional categories an address wants, from the preferences page reached through a
 * signed link (no login needed; the logged-in variant comes with accounts).
 */
export async function updateEmailPreferences(
  token: string,
  subscribed: readonly string[],
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<void> {
  const payload = verifyMailToken(getMailConfig().tokenSecret, token);
  if (!payload) throw new AppError("FORBIDDEN", "This link is not valid.");
  const wanted = new Set(subscribed.filter(isOptionalCategory));
  const off = OPTIONAL_CATEGORIES.filter((c) => !wanted.has(c));
  await db.$transaction(async (tx) => {
    await tx.emailUnsubscribe.deleteMany({
      where: { address: payload.address, category: { in: [...wanted] } },
    });
    for (const category of off) {
      await tx.emailUnsubscribe.upsert({
        where: { address_category: { address: payload.address, category } },
        create: { address: payload.address, category },
        update: {},
        select: { id: true },
      });
    }
    await recordAuditEvent(
      {
        action: "email.preferences_updated",
        targetType: "email",
        targetId: payload.address.slice(0, 80),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        details: { unsubscribed: off },
      },
      tx,
    );
  });
}
