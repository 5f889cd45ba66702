import "server-only";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type StreamTransport from "nodemailer/lib/stream-transport";
import { db } from "@/server/db";
import type { MailConfig } from "./mail-config";

export type OutboundMessage = {
  outboxId: string;
  messageId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: Array<{ filename: string; contentType: string; contentBase64: string }>;
  date: Date;
};

export type MailTransport = {
  kind: "smtp" | "dev-mailbox";
  /** Resolves once the server accepted the message; rejects with nodemailer's error otherwise. */
  send(message: OutboundMessage): Promise<{ response: string }>;
  close(): void;
};

/**
 * Headers covered by the DKIM signature: the ones the issue requires (From, To, Subject, Date,
 * Message-ID, List-Unsubscribe, List-Unsubscribe-Post) plus the MIME structure. Only headers
 * present in a message are signed.
 */
export const DKIM_SIGNED_HEADERS = [
  "From",
  "Sender",
  "Reply-To",
  "To",
  "Cc",
  "Subject",
  "Date",
  "Message-ID",
  "MIME-Version",
  "Content-Type",
  "Content-Transfer-Encoding",
  "List-Unsubscribe",
  "List-Unsubscribe-Post",
  "Auto-Submitted",
].join(":");

function toNodemailer(config: MailConfig, m: OutboundMessage) {
  return {
    from: config.from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
    messageId: m.messageId,
    date: m.date,
    headers: m.headers,
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.contentBase64, "base64"),
    })),
  };
}

function dkimOption(config: MailConfig) {
  return config.dkim ? { dkim: { ...config.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {};
}

/**
 * Connection options from SMTP_URL. Parsed here rather than passed as nodemailer's `url` option:
 * given a URL, nodemailer's createTransport keeps only what the URL says and silently drops every
 * other option (requireTLS, timeouts, DKIM).
 */
export function smtpUrlOptions(
  smtpUrl: string,
): Pick<SMTPTransport.Options, "host" | "port" | "secure" | "auth"> {
  const u = new URL(smtpUrl);
  const secure = u.protocol === "smtps:";
  const user = decodeURIComponent(u.username);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(u.password) } } : {}),
  };
}

/**
 * SMTP (nodemailer, STARTTLS required unless SMTP_REQUIRE_TLS=false) when SMTP_URL is set;
 * otherwise the local dev mailbox: the complete signed message is stored in dev_mailbox_message
 * and shown at /dev/mailbox.
 */
export function createMailTransport(config: MailConfig): MailTransport {
  if (config.smtp) {
    const options: SMTPTransport.Options = {
      ...smtpUrlOptions(config.smtp.url),
      requireTLS: config.smtp.requireTLS,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      ...dkimOption(config),
    };
    const transporter = nodemailer.createTransport(options);
    return {
      kind: "smtp",
      async send(m) {
        const info = await transporter.sendMail(toNodemailer(config, m));
        return { response: String(info.response ?? "accepted") };
      },
      close: () => transporter.close(),
    };
  }

  const options: StreamTransport.Options = {
    streamTransport: true,
    buffer: true,
    newline: "unix",
    ...dkimOption(config),
  };
  const transporter = nodemailer.createTransport(options);
  return {
    kind: "dev-mailbox",
    async send(m) {
      const info = await transporter.sendMail(toNodemailer(config, m));
      const raw = Buffer.isBuffer(info.message)
        ? info.message.toString("utf8")
        : String(info.message);
      // Idempotent by Message-ID: a repeated delivery of one outbox row shows up once.
      await db.devMailboxMessage.upsert({
        where: { messageId: m.messageId },
        create: {
          outboxId: m.outboxId,
          messageId: m.messageId,
          toAddress: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          raw,
        },
        update: {},
        select: { id: true },
      });
      return { response: "250 stored in the dev mailbox" };
    },
    close: () => transporter.close(),
  };
}
