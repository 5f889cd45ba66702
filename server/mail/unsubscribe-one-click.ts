import "server-only";
import { verifyMailToken } from "@/lib/mail/mail-token";
import type { OptionalCategory } from "@/lib/mail/categories";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { getMailConfig } from "./mail-config";

/**
 * RFC 8058 one-click unsubscribe: no login and no CSRF token (mail providers POST
 * `List-Unsubscribe=One-Click` to the URL of the List-Unsubscribe header); the signed token is the
 * authorization. Takes effect at once: the worker checks again right before sending, so queued
 * messages of that category are suppressed too. Idempotent.
 */
export async function unsubscribeOneClick(
  token: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ address: string; category: OptionalCategory }> {
  const payload = verifyMailToken(getMailConfig().tokenSecret, token);
  if (!payload || payload.purpose !== "unsubscribe") {
    throw new AppError("FORBIDDEN", "This unsubscribe link is not valid.");
  }
  const { address, category } = payload;
  await db.$transaction(async (tx) => {
    const existing = await tx.emailUnsubscribe.findUnique({
      where: { address_category: { address, category } },
      select: { id: true },
    });
    if (existing) return;
    await tx.emailUnsubscribe.create({ data: { address, category }, select: { id: true } });
    await recordAuditEvent(
      {
        action: "email.unsubscribed",
        targetType: "email",
        targetId: address.slice(0, 80),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        details: { category, via: "one-click" },
      },
      tx,
    );
  });
  return { address, category };
}
