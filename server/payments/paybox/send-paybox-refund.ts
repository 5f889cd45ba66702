import "server-only";
/**
 * Use case (for the worker): sends one queued refund of a Paybox payment through Paybox Direct
 * (PPPS, TYPE 00014). The question number is derived from the refund's `request_id`, so a retry
 * — after a 5xx, a lost answer or a crash — asks the same question instead of refunding twice.
 * A paid payment goes to REFUND_PENDING before the call and to REFUNDED / PARTIALLY_REFUNDED
 * when Paybox answers 00000; a refusal puts it back and flags it REFUND_FAILED. Without Paybox
 * Direct (not enabled, no key, or no transaction to refund) the refund is MANUAL: the club
 * refunds it in the Paybox back office and the admin payments list shows it.
 */
import { runBookingTransaction, type PrismaTx } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, notFoundError } from "@/server/errors";
import { logger } from "@/server/logger";
import { loadPayboxConfig, type PayboxConfig } from "@/server/payments/gateway-config";
import {
  prepareRefund,
  recordRefundRefused,
  settleCompletedRefunds,
} from "@/server/payments/refund-lifecycle";
import { lockPayment } from "@/server/payments/paypal/apply-paypal-capture";
import { numQuestionFor, refundPayboxTransaction } from "./paybox-direct-client";

async function directConfig(clubId: string): Promise<PayboxConfig | null> {
  try {
    const c = await loadPayboxConfig(clubId);
    return c.direct ? c : null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    logger.warn({ clubId, err: err.message }, "paybox configuration unusable: refund is manual");
    return null;
  }
}

export async function sendPayboxRefund(refundId: string): Promise<{ status: string }> {
  const head = await db.refund.findUnique({ where: { id: refundId }, select: { clubId: true } });
  if (!head) throw notFoundError("Refund");
  const config = await directConfig(head.clubId);

  const prepared = await prepareRefund("paybox-refund-prepare", refundId, (p) => {
    const numTrans = p.payboxTransaction;
    const numAppel = p.payboxCallNumber;
    if (
      p.gateway !== "PAYBOX" ||
      !config ||
      !numTrans ||
      !numAppel ||
      !/^\d{1,10}$/.test(numTrans) ||
      !/^\d{1,10}$/.test(numAppel)
    )
      return null;
    return { numTrans, numAppel };
  });
  if (prepared.kind === "done") return { status: prepared.status };
  const { refund, payment } = prepared;
  const direct = config!.direct!;

  const answer = await refundPayboxTransaction(
    {
      url: direct.url,
      key: direct.key,
      site: config!.site,
      rang: config!.rang,
      hmacKeyHex: config!.hmacKeyHex,
    },
    {
      numQuestion: numQuestionFor(refund.requestId),
      amount: refund.amount,
      currency: refund.currency,
      reference: payment.reference,
      numAppel: prepared.via.numAppel,
      numTrans: prepared.via.numTrans,
    },
  );

  if (answer.kind === "retry") {
    // Still unknown: stays PENDING, asked again later with the same NUMQUESTION.
    logger.warn({ refundId, reason: answer.reason }, "paybox refund to be retried");
    return { status: "PENDING" };
  }

  if (answer.kind === "refused")
    return recordRefundRefused(
      "paybox-refund-refused",
      refund.id,
      payment,
      `paybox direct refused the refund (${answer.code})`,
      `Paybox Direct refused the refund: CODEREPONSE ${answer.code} ${answer.comment}`.trim(),
    );

  return runBookingTransaction("paybox-refund-answer", (tx) =>
    recordPayboxRefund(tx, refund.id, payment.id, `${config!.site}:${answer.numTrans}`),
  );
}

/** Records a refund Paybox Direct performed, once; the payment follows. */
async function recordPayboxRefund(
  tx: PrismaTx,
  refundId: string,
  paymentId: string,
  gatewayRefundId: string,
): Promise<{ status: string }> {
  const p = await lockPayment(tx, paymentId);
  const r = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
  if (r.status === "COMPLETED") return { status: "COMPLETED" };
  const taken = await tx.refund.findUnique({ where: { gatewayRefundId } });
  await tx.refund.update({
    where: { id: refundId },
    data: {
      status: "COMPLETED",
      completedAt: new Date(),
      ...(taken ? {} : { gatewayRefundId }),
    },
  });
  if (r.currency === p.currency)
    await settleCompletedRefunds(tx, p, "paybox direct: refund completed");
  return { status: "COMPLETED" };
}
