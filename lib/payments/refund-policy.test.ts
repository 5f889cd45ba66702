import { describe, expect, it } from "vitest";
import { decideRefund, validateRefundPolicy, type RefundPolicy } from "./refund-policy";

const policy: RefundPolicy = {
  fullNoticeMinutes: 1440,
  partialNoticeMinutes: 120,
  partialPercent: 50,
};
const startsAt = new Date("2026-12-10T18:00:00Z");
const before = (minutes: number) => new Date(startsAt.getTime() - minutes * 60_000);

describe("decideRefund", () => {
  it("refunds everything with at least the full notice", () => {
    expect(
      decideRefund({ policy, startsAt, cancelledAt: before(1440), refundable: 1500 }),
    ).toMatchObject({
      kind: "FULL",
      amount: 1500,
    });
    expect(
      decideRefund({ policy, startsAt, cancelledAt: before(5000), refundable: 1500 }).amount,
    ).toBe(1500);
  });

  it("refunds the partial percentage between the two notices, rounded down", () => {
    const d = decideRefund({ policy, startsAt, cancelledAt: before(1439), refundable: 1501 });
    expect(d).toMatchObject({ kind: "PARTIAL", amount: 750 });
    expect(d.reason).toContain("50 %");
    expect(
      decideRefund({ policy, startsAt, cancelledAt: before(120), refundable: 1000 }).amount,
    ).toBe(500);
  });

  it("refunds nothing later than the partial notice", () => {
    const d = decideRefund({ policy, startsAt, cancelledAt: before(119), refundable: 1000 });
    expect(d).toMatchObject({ kind: "NONE", amount: 0 });
    expect(d.reason).toContain("less than 2 h");
  });

  it("a 0 % partial refund means none below the full notice", () => {
    const p = { ...policy, partialPercent: 0 };
    expect(
      decideRefund({ policy: p, startsAt, cancelledAt: before(600), refundable: 1000 }),
    ).toMatchObject({
      kind: "NONE",
      amount: 0,
    });
  });

  it("the club cancelling on the player's behalf always refunds in full", () => {
    expect(
      decideRefund({ policy, startsAt, cancelledAt: before(10), refundable: 900, byClub: true }),
    ).toMatchObject({ kind: "FULL", amount: 900 });
  });

  it("never refunds more than what is left, nor anything when nothing is left", () => {
    expect(decideRefund({ policy, startsAt, cancelledAt: before(2000), refundable: 0 }).kind).toBe(
      "NONE",
    );
    expect(
      decideRefund({
        policy: { ...policy, partialPercent: 100 },
        startsAt,
        cancelledAt: before(200),
        refundable: 300,
      }),
    ).toMatchObject({ kind: "FULL", amount: 300 });
  });
});

describe("validateRefundPolicy", () => {
  it("accepts the defaults and refuses inconsistent policies, naming the problem", () => {
    expect(validateRefundPolicy(policy)).toBeNull();
    expect(validateRefundPolicy({ ...policy, partialNoticeMinutes: 2000 })).toMatch(
      /partial-refund notice/,
    );
    expect(validateRefundPolicy({ ...policy, partialPercent: 101 })).toMatch(/0 and 100/);
    expect(validateRefundPolicy({ ...policy, fullNoticeMinutes: 600_000 })).toMatch(/365 days/);
    expect(validateRefundPolicy({ ...policy, partialPercent: 1.5 })).toMatch(/whole/);
  });
});
