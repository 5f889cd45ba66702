import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { EmailStatus, Prisma } from "@/generated/prisma/client";
import { isEmailCategory, isOptionalCategory, type EmailCategory } from "@/lib/mail/categories";
import { signMailToken } from "@/lib/mail/mail-token";
import { AppError, notFoundError } from "@/server/errors";
import { getMailConfig } from "./mail-config";
import { renderEmail, type TemplateData, type TemplateName } from "./render-email";

export type EmailAttachment = {
  filename: string;
  /** e.g. `text/calendar; method=REQUEST; charset=utf-8` for a booking's .ics. */
  contentType: string;
  /** Text (UTF-8) or bytes. */
  content: string | Uint8Array;
};

export type EnqueueEmailInput<T extends TemplateName> = {
  to: string;
  template: T;
  data: TemplateData<T>;
  category: EmailCategory;
  /** Recipient's language; defaults to the user's locale (userId), else English. */
  locale?: string;
  clubId?: string | null;
  userId?: string | null;
  attachments?: EmailAttachment[];
};

export type EnqueuedEmail = { id: string; messageId: string; status: EmailStatus };

/** Anything with the outbox tables: `db` or the transaction client of the caller's action. */
export type MailTx = Pick<
  Prisma.TransactionClient,
  "emailOutbox" | "emailUnsubscribe" | "club" | "user"
>;

const Address = z.email({ error: "must be an email address" }).max(254);
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * Renders an email and writes it to the outbox inside the caller's transaction: it is sent by the
 * delivery worker after the transaction commits, and never if it rolls back. Optional categories
 * get List-Unsubscribe (one-click, RFC 8058) and are stored as SUPPRESSED, never sent, when the
 * recipient has unsubscribed. Stranger-triggerable mail must pass allowStrangerEmail() first.
 */
export async function enqueueEmail<T extends TemplateName>(
  tx: MailTx,
  input: EnqueueEmailInput<T>,
): Promise<EnqueuedEmail> {
  const to = Address.safeParse(input.to.trim());
  if (!to.success)
    throw new AppError("BAD_REQUEST", "Invalid recipient", { to: "must be an email address" });
  if (!isEmailCategory(input.category)) {
    throw new AppError("BAD_REQUEST", `Unknown email category ${String(input.category)}`, {
      category: "unknown",
    });
  }
  const address = to.data.toLowerCase();
  const config = getMailConfig();

  const club = input.clubId
    ? await tx.club.findUnique({ where: { id: input.clubId }, select: { name: true } })
    : null;
  if (input.clubId && !club) throw notFoundError("Club");
  let locale = input.locale;
  if (!locale && input.userId) {
    locale = (await tx.user.findUnique({ where: { id: input.userId }, select: { locale: true } }))
      ?.locale;
  }
  locale = (locale ?? "en").slice(0, 10);

  const id = randomUUID();
  const messageId = `<${id}@${config.messageIdDomain}>`;
  const headers: Record<string, string> = { "Auto-Submitted": "auto-generated" };
  let unsubscribeUrl: string | undefined;
  let preferencesUrl: string | undefined;
  let status: EmailStatus = "PENDING";

  if (isOptionalCategory(input.category)) {
    const unsubscribeToken = signMailToken(config.tokenSecret, {
      purpose: "unsubscribe",
      address,
      category: input.category,
    });
    const preferencesToken = signMailToken(config.tokenSecret, { purpose: "preferences", address });
    unsubscribeUrl = `${config.appUrl}/api/unsubscribe/${unsubscribeToken}`;
    preferencesUrl = `${config.appUrl}/email-preferences/${preferencesToken}`;
    headers["List-Unsubscribe"] = `<${unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    const unsubscribed = await tx.emailUnsubscribe.findUnique({
      where: { address_category: { address, category: input.category } },
      select: { id: true },
    });
    if (unsubscribed) status = "SUPPRESSED";
  }

  const rendered = renderEmail(input.template, input.data, {
    locale,
    clubName: club?.name ?? null,
    unsubscribeUrl,
    preferencesUrl,
  });

  const attachments = (input.attachments ?? []).map((a) => {
    const bytes =
      typeof a.content === "string" ? Buffer.from(a.content, "utf8") : Buffer.from(a.content);
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", `Attachment ${a.filename} is too large`);
    return {
      filename: a.filename,
      contentType: a.contentType,
      contentBase64: bytes.toString("base64"),
    };
  });

  await tx.emailOutbox.create({
    data: {
      id,
      messageId,
      category: input.category,
      template: input.template,
      locale,
      clubId: input.clubId ?? null,
      userId: input.userId ?? null,
      toAddress: address,
      subject: rendered.subject.slice(0, 998),
      html: rendered.html,
      text: rendered.text,
      headers,
      attachments,
      status,
    },
    select: { id: true },
  });
  return { id, messageId, status };
}
