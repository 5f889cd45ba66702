import "server-only";
/** Marks a reconciliation problem on a payment, with its audit event (not a use case). */
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { PrismaTx } from "@/server/bookings/transaction";

export async function flagPayment(
  tx: PrismaTx,
  p: { id: string; clubId: string },
  flag: string,
  detail: string,
): Promise<void> {
  await tx.payment.update({
    where: { id: p.id },
    data: { flag, flagDetail: detail.slice(0, 500) },
  });
  await recordAuditEvent(
    {
      action: "payment.flagged",
      clubId: p.clubId,
      targetType: "payment",
      targetId: p.id,
      details: { flag, detail: detail.slice(0, 500) },
    },
    tx,
  );
}
