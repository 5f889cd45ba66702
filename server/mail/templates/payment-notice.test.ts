import { describe, expect, it } from "vitest";
import { findCardNumbers } from "@/lib/payments/card-number-scan";
import { renderEmail } from "../render-email";

const ctx = { locale: "en", clubName: "Demo Club" };
const data = {
  courtName: "Court 2",
  sport: "TENNIS",
  startsAt: "2026-12-02T09:00:00.000Z",
  endsAt: "2026-12-02T10:30:00.000Z",
  timeZone: "Europe/Paris",
  players: ["Alice Martin"],
  guests: ["Gus"],
  name: "Alice",
  gateway: "PAYPAL" as const,
  amount: 1800,
  currency: "EUR",
  reference: "CS-0123ABCD4567EF89",
  bookingsUrl: "https://x.test/c/demo/bookings",
};

describe("payment notices", () => {
  it("a receipt states the amount, the gateway and our reference, and the booking", () => {
    const r = renderEmail("payment-notice", { ...data, kind: "receipt" }, ctx);
    expect(r.subject).toMatch(/^Payment receipt: Tennis — Court 2, /);
    expect(r.text).toContain("We received your payment of €18.00. Your booking is confirmed.");
    expect(r.text).toContain("Paid with: PayPal");
    expect(r.text).toContain("Payment reference: CS-0123ABCD4567EF89");
    expect(r.text).toContain("Guests: Gus");
    expect(r.text).toContain("the club never sees them");
    expect(findCardNumbers(`${r.text}\n${r.html}`)).toEqual([]);
  });

  it("a refund notice states what came back of what was paid, in the player's language", () => {
    const en = renderEmail(
      "payment-notice",
      { ...data, gateway: "PAYBOX", kind: "refund", refundAmount: 900 },
      ctx,
    );
    expect(en.subject).toBe("Refund of €9.00 sent");
    expect(en.text).toContain("We refunded €9.00 of the €18.00 you paid for this booking.");
    expect(en.text).toContain("Paid with: Card (Paybox)");
    const fr = renderEmail(
      "payment-notice",
      { ...data, kind: "refund", refundAmount: 1800 },
      { ...ctx, locale: "fr" },
    );
    expect(fr.subject).toMatch(/^Remboursement de 18,00\s€ effectué$/);
  });

  it("refuses data that is not an amount in minor units or a currency code", () => {
    expect(() =>
      renderEmail("payment-notice", { ...data, kind: "receipt", amount: 12.5 }, ctx),
    ).toThrow(/amount/);
    expect(() =>
      renderEmail("payment-notice", { ...data, kind: "receipt", currency: "euro" }, ctx),
    ).toThrow(/currency/);
  });
});
