import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";

export type AuditInput = {
  action: string;
  clubId?: string | null;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Prisma.InputJsonObject;
};

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/**
 * Appends one audit event. Pass the transaction client of the action being audited so that the
 * event is written if and only if the action commits.
 */
export async function recordAuditEvent(input: AuditInput, tx: Tx = db): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: input.action,
      clubId: input.clubId ?? null,
      actorId: input.actorId ?? null,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      ip: input.ip?.slice(0, 45) ?? null,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
      details: input.details ?? {},
    },
  });
}
