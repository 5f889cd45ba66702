import "server-only";
import { db } from "@/server/db";
import { notFoundError } from "@/server/errors";

export type DevMailboxEntry = {
  id: string;
  to: string;
  subject: string;
  messageId: string;
  receivedAt: string;
};

/** Throws NOT_FOUND in production: the dev mailbox does not exist there. */
export function assertDevMailboxAvailable(): void {
  if (process.env.NODE_ENV === "production") throw notFoundError("Mailbox");
}

/**
 * The local mailbox of development (SMTP_URL unset), newest first, plus how many messages still
 * wait in the outbox (a non-zero count with nothing arriving means the worker is not running).
 */
export async function listDevMailbox(
  limit = 100,
): Promise<{ messages: DevMailboxEntry[]; waiting: number }> {
  assertDevMailboxAvailable();
  const [rows, waiting] = await Promise.all([
    db.devMailboxMessage.findMany({
      orderBy: { id: "desc" },
      take: Math.min(Math.max(limit, 1), 500),
      select: { id: true, toAddress: true, subject: true, messageId: true, receivedAt: true },
    }),
    db.emailOutbox.count({ where: { status: { in: ["PENDING", "CLAIMED", "SENDING"] } } }),
  ]);
  return {
    messages: rows.map((r) => ({
      id: r.id.toString(),
      to: r.toAddress,
      subject: r.subject,
      messageId: r.messageId,
      receivedAt: r.receivedAt.toISOString(),
    })),
    waiting,
  };
}
