/**
 * The checkout page (app/c/[club]/bookings/[id]/pay): its booker sees the amount computed when the
 * booking was made and the gateway; anyone else — another player, the club's manager — gets 404;
 * a paid booking goes on to the status page; an expired one explains that nothing was taken.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { getCheckout } from "@/server/payments/get-checkout";
import { transitionPayment } from "@/server/payments/transition-payment";
import { as } from "../helpers/auth";
import { createMember } from "../helpers/builders";
import { digestOf } from "../helpers/errors";
import { paymentClub, pendingPayment, setPaymentCredentialsKey } from "../helpers/payments";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));
setPaymentCredentialsKey();

let slug = "";
let clubId = "";
let courtId = "";
beforeAll(async () => {
  const { club, court } = await paymentClub({
    paybox: { publicKeyPem: "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----" },
  });
  slug = club.slug;
  clubId = club.id;
  courtId = court.id;
});

/**
 * The text and props of the page's own markup (not rendered: the gateway components are async
 * server components and client components, covered by their own tests and the e2e journeys).
 */
function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  const el = node as { props?: Record<string, unknown> };
  if (!el.props) return "";
  const { children, ...rest } = el.props;
  const props = Object.entries(rest)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => ` ${k}=${String(v)}`)
    .join("");
  return `${props} ${textOf(children)}`;
}

async function page(userId: string, bookingId: string) {
  await as(userId);
  const { default: CheckoutPage } = await import("@/app/c/[club]/bookings/[id]/pay/page");
  return CheckoutPage({ params: Promise.resolve({ club: slug, id: bookingId }) });
}

describe("the checkout page", () => {
  it("shows its booker the server's amount, the hold and the gateway", async () => {
    const { booker, booking, payment } = await pendingPayment(clubId, courtId, "PAYBOX", {
      amount: 2350,
    });
    const checkout = await getCheckout(
      { userId: booker.id },
      { club: slug, bookingId: booking.id },
    );
    expect(checkout?.payment).toMatchObject({ id: payment.id, amount: 2350, gateway: "PAYBOX" });
    const text = textOf(await page(booker.id, booking.id));
    expect(text).toContain("€23.50");
    expect(text).toContain("The court is held for you until");
    expect(text).toContain(`paymentId=${payment.id}`); // the Paybox checkout of this payment
    // No card field of ours, ever: the card is typed on the gateway's page.
    expect(text).not.toMatch(/cc-number|cc-csc|cc-exp|name=(card|cvv|cvc|pan)/i);
  });

  it("answers 404 to anyone but the booker, the club's manager included", async () => {
    const { booking } = await pendingPayment(clubId, courtId, "PAYBOX");
    const other = await createMember(clubId, "PLAYER");
    const manager = await createMember(clubId, "MANAGER");
    for (const u of [other, manager]) {
      expect(await getCheckout({ userId: u.id }, { club: slug, bookingId: booking.id })).toBeNull();
      expect(await digestOf(page(u.id, booking.id))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    }
    expect(
      await getCheckout({ userId: other.id }, { club: slug, bookingId: "not-a-uuid" }),
    ).toBeNull();
  });

  it("sends a paid booking on to its status page, and explains an expired hold", async () => {
    const paid = await pendingPayment(clubId, courtId, "PAYBOX");
    await transitionPayment({
      paymentId: paid.payment.id,
      from: "PENDING",
      to: "PAID",
      reason: "test",
    });
    expect(await digestOf(page(paid.booker.id, paid.booking.id))).toContain(
      `/c/${slug}/payments/${paid.payment.id}`,
    );
    const expired = await pendingPayment(clubId, courtId, "PAYBOX");
    await transitionPayment({
      paymentId: expired.payment.id,
      from: "PENDING",
      to: "EXPIRED",
      reason: "test",
    });
    const text = textOf(await page(expired.booker.id, expired.booking.id));
    expect(text).toContain("This booking was not paid in time");
    expect(text).toContain("No money was taken");
    expect(await db.courtOccupancy.count({ where: { bookingId: expired.booking.id } })).toBe(0);
  });
});
