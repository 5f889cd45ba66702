/**
 * A club's refund policy for cancelled paid bookings (ADR 011, 012), pure. Cancelled at least
 * `fullNoticeMinutes` before the start → everything still refundable; at least
 * `partialNoticeMinutes` before → `partialPercent` of what was paid (rounded down to the minor
 * unit, never more than what is left); later → nothing. A club can cancel on the player's behalf,
 * which always refunds in full (the player did not choose to cancel).
 */
export type RefundPolicy = {
  fullNoticeMinutes: number;
  partialNoticeMinutes: number;
  partialPercent: number;
};

export type RefundDecision = {
  kind: "FULL" | "PARTIAL" | "NONE";
  /** Minor units to refund now (0 for NONE). */
  amount: number;
  /** Plain-language reason, stored on the refund and shown to the player. */
  reason: string;
};

function hours(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

export function validateRefundPolicy(p: RefundPolicy): string | null {
  const ints = [p.fullNoticeMinutes, p.partialNoticeMinutes, p.partialPercent];
  if (!ints.every((n) => Number.isInteger(n) && n >= 0))
    return "must be whole non-negative numbers";
  if (p.fullNoticeMinutes > 525_600) return "full-refund notice must be at most 365 days";
  if (p.partialNoticeMinutes > p.fullNoticeMinutes)
    return "partial-refund notice must not be longer than the full-refund notice";
  if (p.partialPercent > 100) return "partial refund must be between 0 and 100 %";
  return null;
}

export function decideRefund(input: {
  policy: RefundPolicy;
  startsAt: Date;
  cancelledAt: Date;
  /** What was paid and not refunded yet, in minor units. */
  refundable: number;
  /** Cancelled by the club on the player's behalf. */
  byClub?: boolean;
}): RefundDecision {
  const { policy, refundable } = input;
  if (!Number.isSafeInteger(refundable) || refundable <= 0)
    return { kind: "NONE", amount: 0, reason: "nothing left to refund" };
  if (input.byClub) return { kind: "FULL", amount: refundable, reason: "cancelled by the club" };
  const noticeMinutes = Math.floor(
    (input.startsAt.getTime() - input.cancelledAt.getTime()) / 60_000,
  );
  if (noticeMinutes >= policy.fullNoticeMinutes)
    return {
      kind: "FULL",
      amount: refundable,
      reason: `cancelled at least ${hours(policy.fullNoticeMinutes)} before the start: full refund`,
    };
  if (noticeMinutes >= policy.partialNoticeMinutes && policy.partialPercent > 0) {
    const amount = Math.min(refundable, Math.floor((refundable * policy.partialPercent) / 100));
    if (amount > 0)
      return {
        kind: amount === refundable ? "FULL" : "PARTIAL",
        amount,
        reason: `cancelled at least ${hours(policy.partialNoticeMinutes)} before the start: ${policy.partialPercent} % refund`,
      };
  }
  return {
    kind: "NONE",
    amount: 0,
    reason: `cancelled less than ${hours(
      policy.partialPercent > 0 ? policy.partialNoticeMinutes : policy.fullNoticeMinutes,
    )} before the start: no refund under the club's policy`,
  };
}
