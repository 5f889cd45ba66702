import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAuditEvent } from "@/server/audit/record-audit-event";

/** Kinds of email a stranger (anyone who can type an address) can cause us to send. */
export type StrangerEmailKind =
  "verification" | "password_reset" | "invitation" | "unlock" | (string & {});

/**
 * The limits against email bombing, in one table. Hits are counted in PostgreSQL so that they hold
 * across any number of app instances. Only allowed sends count: a refused request does not extend
 * the block (no information leaks, and a victim's address recovers on schedule).
 */
export const STRANGER_EMAIL_LIMITS = [
  { scope: "recipient", window: "15m", windowMs: 15 * 60_000, max: 3 },
  { scope: "recipient", window: "24h", windowMs: 24 * 3_600_000, max: 10 },
  { scope: "ip", window: "15m", windowMs: 15 * 60_000, max: 10 },
  { scope: "ip", window: "24h", windowMs: 24 * 3_600_000, max: 50 },
] as const;

// Advisory-lock namespaces (first key of pg_advisory_xact_lock(int, int)); distinct per scope so a
// recipient's hash can never collide with an IP's.
const LOCK_RECIPIENT = 7_301;
const LOCK_IP = 7_302;

type ThrottleTx = Pick<Prisma.TransactionClient, "$queryRaw" | "emailThrottleHit" | "auditEvent">;

export type StrangerEmailRequest = {
  kind: StrangerEmailKind;
  recipient: string;
  /** The requesting client's address (null when unknown: then only recipient limits apply). */
  ip: string | null;
  userAgent?: string | null;
  now?: Date;
};

/**
 * Decides whether an email a stranger asked for may be sent, and records the decision. Call it
 * inside the transaction of the request (it takes transaction-scoped advisory locks so that
 * concurrent requests for one address are counted one after the other), then enqueue the email
 * only when it returns true. Whatever it returns, answer the client exactly as for an accepted
 * request. A refusal is written to the audit log as the security event `email.throttled`.
 */
export async function allowStrangerEmail(
  tx: ThrottleTx,
  req: StrangerEmailRequest,
): Promise<boolean> {
  const recipient = req.recipient.trim().toLowerCase();
  const ip = req.ip?.slice(0, 45) || null;
  const now = req.now ?? new Date();
  const since = new Date(now.getTime() - Math.max(...STRANGER_EMAIL_LIMITS.map((l) => l.windowMs)));

  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${LOCK_RECIPIENT}::int, hashtext(${recipient}))) l`;
  if (ip)
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${LOCK_IP}::int, hashtext(${ip}))) l`;

  const hits = await tx.emailThrottleHit.findMany({
    // No upper bound: a hit stamped slightly "later" by another instance's clock still counts.
    where: { at: { gt: since }, OR: [{ recipient }, ...(ip ? [{ ip }] : [])] },
    select: { recipient: true, ip: true, at: true },
  });

  const exceeded = STRANGER_EMAIL_LIMITS.find((limit) => {
    if (limit.scope === "ip" && !ip) return false;
    const from = now.getTime() - limit.windowMs;
    const count = hits.filter(
      (h) =>
        h.at.getTime() > from &&
        (limit.scope === "recipient" ? h.recipient.toLowerCase() === recipient : h.ip === ip),
    ).length;
    return count >= limit.max;
  });

  if (exceeded) {
    await recordAuditEvent(
      {
        action: "email.throttled",
        targetType: "email",
        targetId: recipient.slice(0, 80),
        ip,
        userAgent: req.userAgent ?? null,
        details: { kind: req.kind, limit: `${exceeded.scope}:${exceeded.max}/${exceeded.window}` },
      },
      tx,
    );
    return false;
  }
  await tx.emailThrottleHit.create({
    data: { kind: req.kind.slice(0, 40), recipient, ip, at: now },
    select: { id: true },
  });
  return true;
}
