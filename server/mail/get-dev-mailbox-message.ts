import "server-only";
import { db } from "@/server/db";
import { notFoundError } from "@/server/errors";
import { assertDevMailboxAvailable, type DevMailboxEntry } from "./list-dev-mailbox";

export type DevMailboxMessage = DevMailboxEntry & {
  html: string;
  text: string;
  raw: string;
  links: string[];
};

const LINK = /https?:\/\/[^\s<>"')]+/g;

/** One message of the dev mailbox with the links it contains. NOT_FOUND in production. */
export async function getDevMailboxMessage(id: string): Promise<DevMailboxMessage> {
  assertDevMailboxAvailable();
  if (!/^\d{1,18}$/.test(id)) throw notFoundError("Message");
  const m = await db.devMailboxMessage.findUnique({ where: { id: BigInt(id) } });
  if (!m) throw notFoundError("Message");
  return {
    id: m.id.toString(),
    to: m.toAddress,
    subject: m.subject,
    messageId: m.messageId,
    receivedAt: m.receivedAt.toISOString(),
    html: m.html,
    text: m.text,
    raw: m.raw,
    links: [...new Set(m.text.match(LINK) ?? [])],
  };
}
