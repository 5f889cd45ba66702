/**
 * Payments of the club admin area (ADR 011, 012) against PostgreSQL: the list (newest
 * first, 50 to a page, status filter, "needs attention"), a manager refunding a paid payment
 * (queued for the worker, never above what remains, one refund per form), recording a MANUAL or
 * FAILED refund as paid back by hand (refund completed, payment refunded through the state
 * machine, audit), retrying a refused refund, and who may do what (staff look, managers act,
 * nobody reaches another club's payments).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { listPayments } from "@/server/admin/payments/list-payments";
import { markRefundManual } from "@/server/admin/payments/mark-refund-manual";
import { refundPayment } from "@/server/admin/payments/refund-payment";
import { retryRefund } from "@/server/admin/payments/retry-refund";
import { db } from "@/server/db";
import { transitionPayment } from "@/server/payments/transition-payment";
import { addMembership, as, createAccount } from "../helpers/auth";
import { digestOf, errorOf } from "../helpers/errors";
import { paymentClub, pendingPayment, setPaymentCredentialsKey, state } from "../helpers/payments";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

setPaymentCredentialsKey();

let slug = "";
let clubId = "";
let courtId = "";
let managerId = "";
let staffId = "";
let playerId = "";
let otherSlug = "";
let otherClubId = "";
let otherCourtId = "";
let otherManagerId = "";

async function account(club: string, role: "OWNER" | "MANAGER" | "STAFF" | "PLAYER") {
  const u = await createAccount({ totp: role !== "PLAYER", name: `${role} user` });
  await addMembership(u.id, club, role);
  return u.id;
}

/** A payment that was paid (booking confirmed). */
async function paid(club = clubId, court = courtId, amount = 1500) {
  const { payment, booking, booker } = await pendingPayment(club, court, "PAYPAL", { amount });
  await transitionPayment({
    paymentId: payment.id,
    from: "PENDING",
    to: "PAID",
    reason: "test",
    data: { paidAt: new Date(), paypalCaptureId: `CAP-${randomUUID().slice(0, 8)}` },
  });
  return { payment, booking, booker };
}

async function refundRow(
  paymentId: string,
  club: string,
  status: "REQUESTED" | "PENDING" | "COMPLETED" | "FAILED" | "MANUAL",
  amount: number,
  minutesAgo = 0,
) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  return db.refund.create({
    data: {
      paymentId,
      clubId: club,
      amount,
      currency: "EUR",
      status,
      reason: `test ${status.toLowerCase()}`,
      requestId: `test-${randomUUID()}`,
      createdAt: at,
      updatedAt: at,
    },
  });
}

beforeAll(async () => {
  const { club, court } = await paymentClub({});
  slug = club.slug;
  clubId = club.id;
  courtId = court.id;
  managerId = await account(clubId, "MANAGER");
  staffId = await account(clubId, "STAFF");
  playerId = await account(clubId, "PLAYER");
  const other = await paymentClub({});
  otherSlug = other.club.slug;
  otherClubId = other.club.id;
  otherCourtId = other.court.id;
  otherManagerId = await account(otherClubId, "MANAGER");
});

describe("the payments list", () => {
  it("shows newest first, 50 to a page, with booking, amounts, references and refunds", async () => {
    const { club, court } = await paymentClub({});
    const manager = await account(club.id, "MANAGER");
    const ids: string[] = [];
    for (let i = 0; i < 53; i++) {
      const { payment } = await pendingPayment(club.id, court.id, "PAYBOX", { amount: 1000 + i });
      await db.payment.update({
        where: { id: payment.id },
        data: { createdAt: new Date(Date.now() - (60 - i) * 60_000) },
      });
      ids.push(payment.id);
    }
    await as(manager);
    const first = await listPayments(club.slug, {});
    expect(first.total).toBe(53);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(50);
    expect(first.canAct).toBe(true);
    // Newest (the last made) first.
    expect(first.rows.map((r) => r.id)).toEqual(ids.slice(3).reverse());
    await as(manager);
    const second = await listPayments(club.slug, { page: "2" });
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(0, 3).reverse());

    const { payment, booking, booker } = await paid();
    await db.payment.update({
      where: { id: payment.id },
      data: { paypalOrderId: "ORDER-1", flag: "AMOUNT_MISMATCH", flagDetail: "captured 14.00" },
    });
    await refundRow(payment.id, clubId, "COMPLETED", 200);
    await as(managerId);
    const row = (await listPayments(slug, {})).rows.find((r) => r.id === payment.id)!;
    expect(row).toMatchObject({
      gateway: "PAYPAL",
      amount: 1500,
      currency: "EUR",
      status: "PAID",
      paypalOrderId: "ORDER-1",
      flag: "AMOUNT_MISMATCH",
      flagDetail: "captured 14.00",
      needsAttention: true,
      refundable: 1500,
      booking: { id: booking.id, booker: `${booker.name} (${booker.email})` },
    });
    // The start is shown in the club's time zone (Europe/Paris: UTC+1 in January).
    const utc = booking.startsAt;
    expect(row.booking.start).toBe(
      `${String((utc.getUTCHours() + 1) % 24).padStart(2, "0")}:${String(utc.getUTCMinutes()).padStart(2, "0")}`,
    );
    expect(row.refunds).toEqual([
      expect.objectContaining({ amount: 200, status: "COMPLETED", reason: "test completed" }),
    ]);
  });

  it("filters by status and by needs-attention", async () => {
    const { club, court } = await paymentClub({});
    const manager = await account(club.id, "MANAGER");
    const mk = async () => {
      const { payment } = await pendingPayment(club.id, court.id, "PAYPAL");
      return payment.id;
    };
    const calm = await mk(); // pending, hold not expired
    const expiredHold = await mk();
    await db.payment.update({
      where: { id: expiredHold },
      data: { holdExpiresAt: new Date(Date.now() - 60_000) },
    });
    const flagged = await mk();
    await db.payment.update({ where: { id: flagged }, data: { flag: "LATE_PAYMENT" } });
    const manual = await mk();
    await refundRow(manual, club.id, "MANUAL", 100);
    const stuck = await mk();
    await refundRow(stuck, club.id, "REQUESTED", 100, 11);
    const fresh = await mk();
    await refundRow(fresh, club.id, "REQUESTED", 100, 2);
    const failed = await mk();
    await refundRow(failed, club.id, "FAILED", 100, 30);
    const retried = await mk();
    await refundRow(retried, club.id, "FAILED", 100, 30);
    await refundRow(retried, club.id, "REQUESTED", 100, 1);
    const done = await mk();
    await refundRow(done, club.id, "COMPLETED", 100, 60);

    await as(manager);
    const attention = await listPayments(club.slug, { attention: "1" });
    expect(new Set(attention.rows.map((r) => r.id))).toEqual(
      new Set([expiredHold, flagged, manual, stuck, failed]),
    );
    expect(attention.rows.every((r) => r.needsAttention)).toBe(true);
    await as(manager);
    const all = await listPayments(club.slug, {});
    expect(all.total).toBe(9);
    for (const id of [calm, fresh, retried, done])
      expect(all.rows.find((r) => r.id === id)!.needsAttention).toBe(false);

    await db.payment.update({ where: { id: done }, data: { status: "FAILED" } });
    await as(manager);
    const failedOnes = await listPayments(club.slug, { status: "FAILED" });
    expect(failedOnes.rows.map((r) => r.id)).toEqual([done]);
    await as(manager);
    const both = await listPayments(club.slug, { status: "PENDING", attention: "1" });
    expect(both.total).toBe(5);
    // A malformed filter is ignored, not refused.
    await as(manager);
    expect((await listPayments(club.slug, { status: "NOPE", page: "x" })).total).toBe(9);
  });

  it("lets staff look but not act, and shows no other club's payments", async () => {
    await pendingPayment(otherClubId, otherCourtId, "PAYPAL");
    await as(staffId);
    const list = await listPayments(slug, {});
    expect(list.canAct).toBe(false);
    const otherIds = (await db.payment.findMany({ where: { clubId: otherClubId } })).map(
      (p) => p.id,
    );
    expect(list.rows.some((r) => otherIds.includes(r.id))).toBe(false);
    await as(playerId);
    expect(await digestOf(listPayments(slug, {}))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    await as(otherManagerId);
    expect(await digestOf(listPayments(slug, {}))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});

describe("refunding a paid payment", () => {
  it("queues a full refund (blank amount) once per form, for the worker to send", async () => {
    const { payment } = await paid();
    const requestKey = randomUUID();
    await as(managerId);
    const r = await refundPayment(
      slug,
      { paymentId: payment.id, amount: "", reason: "Court closed", requestKey },
      { ip: "203.0.113.5", userAgent: "test" },
    );
    expect(r).toMatchObject({ amount: 1500, currency: "EUR", alreadyQueued: false });
    // The same form again (double click): nothing more.
    await as(managerId);
    expect(
      await refundPayment(slug, {
        paymentId: payment.id,
        amount: "",
        reason: "Court closed",
        requestKey,
      }),
    ).toMatchObject({ refundId: r.refundId, alreadyQueued: true });
    const s = await state(payment.id);
    expect(s.status).toBe("PAID"); // the worker moves it when it sends the refund
    expect(s.refunds).toEqual([
      expect.objectContaining({
        id: r.refundId,
        amount: 1500,
        status: "REQUESTED",
        requestId: `admin-${requestKey}`,
        reason: "Court closed (refunded by the club)",
      }),
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "payment.refund_by_admin", targetId: payment.id },
    });
    expect(audit).toMatchObject({ actorId: managerId, ip: "203.0.113.5" });
    expect(audit.details).toMatchObject({ amount: 1500, refundId: r.refundId });
    expect(
      await db.auditEvent.count({
        where: { action: "payment.refund_queued", targetId: payment.id },
      }),
    ).toBe(1);
    // Nothing is left: a new form cannot refund more.
    await as(managerId);
    expect(
      (
        await errorOf(
          refundPayment(slug, {
            paymentId: payment.id,
            amount: "1.00",
            reason: "again",
            requestKey: randomUUID(),
          }),
        )
      ).message,
    ).toMatch(/Nothing is left to refund/);
  });

  it("queues partial refunds up to what remains, and names the amount field otherwise", async () => {
    const { payment } = await paid();
    const go = async (amount: string) => {
      await as(managerId);
      return refundPayment(slug, {
        paymentId: payment.id,
        amount,
        reason: "Rain",
        requestKey: randomUUID(),
      });
    };
    expect((await go("5")).amount).toBe(500);
    expect((await go("2,50")).amount).toBe(250);
    const tooMuch = await errorOf(go("7.51"));
    expect(tooMuch.fields.amount).toMatch(/At most €7\.50/);
    expect((await errorOf(go("1.005"))).fields.amount).toMatch(/amount in EUR such as 12\.50/);
    expect((await errorOf(go("0"))).fields.amount).toMatch(/such as 12\.50/);
    expect((await errorOf(go("ten"))).fields.amount).toMatch(/such as 12\.50/);
    expect((await go("7.50")).amount).toBe(750);
    const s = await state(payment.id);
    expect(s.refunds.map((r) => r.amount).sort()).toEqual([250, 500, 750]);
  });

  it("refuses a payment that is not paid, bad input, and other clubs' payments", async () => {
    const { payment: pending } = await pendingPayment(clubId, courtId, "PAYPAL");
    await as(managerId);
    expect(
      (
        await errorOf(
          refundPayment(slug, {
            paymentId: pending.id,
            reason: "x",
            requestKey: randomUUID(),
          }),
        )
      ).message,
    ).toMatch(/Only a paid payment/);
    const { payment } = await paid();
    await as(managerId);
    const bad = await errorOf(
      refundPayment(slug, { paymentId: "nope", reason: " ", requestKey: "k" }),
    );
    expect(Object.keys(bad.fields).sort()).toEqual(["paymentId", "reason", "requestKey"]);
    const theirs = await paid(otherClubId, otherCourtId);
    await as(managerId);
    expect(
      (
        await errorOf(
          refundPayment(slug, {
            paymentId: theirs.payment.id,
            reason: "x",
            requestKey: randomUUID(),
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    for (const who of [staffId, playerId, otherManagerId]) {
      await as(who);
      expect(
        await digestOf(
          refundPayment(slug, { paymentId: payment.id, reason: "x", requestKey: randomUUID() }),
        ),
      ).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    }
    expect(
      await db.refund.count({ where: { paymentId: { in: [payment.id, theirs.payment.id] } } }),
    ).toBe(0);
  });
});

describe("recording a refund paid back by hand", () => {
  it("completes a full MANUAL refund: payment refunded through the state machine, audited", async () => {
    const { payment } = await paid();
    const refund = await refundRow(payment.id, clubId, "MANUAL", 1500);
    await as(managerId);
    const wrong = await errorOf(markRefundManual(slug, { refundId: refund.id, amount: "15.01" }));
    expect(wrong.fields.amount).toMatch(/€15\.00/);
    expect((await state(payment.id)).refunds[0]!.status).toBe("MANUAL");

    await as(managerId);
    const r = await markRefundManual(slug, {
      refundId: refund.id,
      amount: "15.00",
      note: "Bank transfer 2026-11-27",
    });
    expect(r).toEqual({ paymentId: payment.id, refundId: refund.id, paymentStatus: "REFUNDED" });
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "REFUNDED", refundedAmount: 1500 });
    expect(s.refunds[0]).toMatchObject({ status: "COMPLETED" });
    expect(s.refunds[0]!.completedAt).not.toBeNull();
    const changes = await db.auditEvent.findMany({
      where: { action: "payment.status_changed", targetId: payment.id },
    });
    expect(changes.map((c) => (c.details as { to: string }).to).sort()).toEqual([
      "PAID",
      "REFUNDED",
      "REFUND_PENDING",
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "payment.refund_marked_manual", targetId: payment.id },
    });
    expect(audit.actorId).toBe(managerId);
    expect(audit.details).toMatchObject({
      refundId: refund.id,
      amount: 1500,
      note: "Bank transfer 2026-11-27",
      previousRefundStatus: "MANUAL",
    });
    // Twice is refused.
    await as(managerId);
    expect(
      (await errorOf(markRefundManual(slug, { refundId: refund.id, amount: "15.00" }))).message,
    ).toMatch(/already recorded/);
  });

  it("a partial one leaves the payment partly refunded; a FAILED one clears the flag", async () => {
    const { payment } = await paid();
    await db.payment.update({
      where: { id: payment.id },
      data: { flag: "REFUND_FAILED", flagDetail: "refused" },
    });
    const refund = await refundRow(payment.id, clubId, "FAILED", 400);
    await as(managerId);
    await markRefundManual(slug, { refundId: refund.id, amount: "4" });
    const s = await state(payment.id);
    expect(s).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 400, flag: null });
    // A second manual refund of the rest completes it.
    const rest = await refundRow(payment.id, clubId, "MANUAL", 1100);
    await as(managerId);
    expect(
      (await markRefundManual(slug, { refundId: rest.id, amount: "11.00" })).paymentStatus,
    ).toBe("REFUNDED");
    expect((await state(payment.id)).refundedAmount).toBe(1500);
  });

  it("gives back a mismatched capture without changing a failed payment's final status", async () => {
    const { payment } = await pendingPayment(clubId, courtId, "PAYPAL");
    await transitionPayment({
      paymentId: payment.id,
      from: "PENDING",
      to: "FAILED",
      reason: "amount mismatch",
      data: { flag: "AMOUNT_MISMATCH" },
    });
    const refund = await refundRow(payment.id, clubId, "MANUAL", 1400);
    await as(managerId);
    expect(
      (await markRefundManual(slug, { refundId: refund.id, amount: "14.00" })).paymentStatus,
    ).toBe("FAILED");
    expect(await state(payment.id)).toMatchObject({
      status: "FAILED",
      refundedAmount: 1400,
      flag: "AMOUNT_MISMATCH",
    });
  });

  it("refuses a refund still with the gateway, bad input, and other clubs' refunds", async () => {
    const { payment } = await paid();
    const requested = await refundRow(payment.id, clubId, "REQUESTED", 100);
    await as(managerId);
    expect(
      (await errorOf(markRefundManual(slug, { refundId: requested.id, amount: "1.00" }))).code,
    ).toBe("CONFLICT");
    await as(managerId);
    const bad = await errorOf(markRefundManual(slug, { refundId: "x", amount: "" }));
    expect(Object.keys(bad.fields).sort()).toEqual(["amount", "refundId"]);
    const theirs = await paid(otherClubId, otherCourtId);
    const theirRefund = await refundRow(theirs.payment.id, otherClubId, "MANUAL", 1500);
    await as(managerId);
    expect(
      (await errorOf(markRefundManual(slug, { refundId: theirRefund.id, amount: "15.00" }))).code,
    ).toBe("NOT_FOUND");
    const mine = await refundRow(payment.id, clubId, "MANUAL", 100);
    await as(staffId);
    expect(await digestOf(markRefundManual(slug, { refundId: mine.id, amount: "1.00" }))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    expect((await db.refund.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("MANUAL");
    expect((await db.refund.findUniqueOrThrow({ where: { id: theirRefund.id } })).status).toBe(
      "MANUAL",
    );
  });
});

describe("retrying a refused refund", () => {
  it("queues a new refund with a new request id, once, and clears the refusal flag", async () => {
    const { payment } = await paid();
    await db.payment.update({
      where: { id: payment.id },
      data: { flag: "REFUND_FAILED", flagDetail: "PayPal said no" },
    });
    const failed = await refundRow(payment.id, clubId, "FAILED", 600, 20);
    await as(managerId);
    const r = await retryRefund(slug, { refundId: failed.id });
    const s = await state(payment.id);
    const fresh = s.refunds.find((x) => x.id === r.refundId)!;
    expect(fresh).toMatchObject({
      status: "REQUESTED",
      amount: 600,
      requestId: `retry-${failed.id}`,
    });
    expect(fresh.requestId).not.toBe(failed.requestId);
    expect(s.flag).toBeNull();
    expect(
      await db.auditEvent.count({
        where: { action: "payment.refund_retried", targetId: payment.id, actorId: managerId },
      }),
    ).toBe(1);
    // No longer needs attention: retried, flag cleared.
    await as(managerId);
    expect(
      (await listPayments(slug, { attention: "1" })).rows.some((x) => x.id === payment.id),
    ).toBe(false);
    await as(managerId);
    expect((await errorOf(retryRefund(slug, { refundId: failed.id }))).message).toMatch(
      /already retried/,
    );
  });

  it("retries only failed refunds, within what remains, in the manager's club", async () => {
    const { payment } = await paid();
    const manual = await refundRow(payment.id, clubId, "MANUAL", 1000);
    await as(managerId);
    expect((await errorOf(retryRefund(slug, { refundId: manual.id }))).message).toMatch(
      /Only a refund the gateway refused/,
    );
    const failed = await refundRow(payment.id, clubId, "FAILED", 1000);
    await as(managerId);
    // 1500 paid, 1000 awaiting a manual refund: 500 remain, the 1000 retry would exceed it.
    expect((await errorOf(retryRefund(slug, { refundId: failed.id }))).message).toMatch(
      /Only €5\.00 can still be refunded/,
    );
    await as(managerId);
    expect((await errorOf(retryRefund(slug, { refundId: "x" }))).fields).toHaveProperty("refundId");
    await as(otherManagerId);
    expect((await errorOf(retryRefund(otherSlug, { refundId: failed.id }))).code).toBe("NOT_FOUND");
    await as(staffId);
    expect(await digestOf(retryRefund(slug, { refundId: failed.id }))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    expect(await db.refund.count({ where: { paymentId: payment.id } })).toBe(2);
  });
});
