import "server-only";
import { z } from "zod";
import {
  bookingFactRows,
  BookingFactsSchema,
  courtLabel,
  formatSlot,
  greeting,
} from "./booking-facts";
import { defineTemplate, pick, type Catalogue } from "./layout";

/** Minor units → "€15.00" in the recipient's language. */
function money(amountMinor: number, currency: string, locale: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits;
  const fmt = (l: string) =>
    new Intl.NumberFormat(l, { style: "currency", currency }).format(
      amountMinor / 10 ** (digits ?? 2),
    );
  try {
    return fmt(locale);
  } catch {
    return fmt("en");
  }
}

const messages: Catalogue<{
  receiptSubject: (court: string, when: string) => string;
  receiptIntro: (amount: string) => string;
  refundSubject: (amount: string) => string;
  refundIntro: (amount: string, total: string) => string;
  refundDelay: string;
  amount: string;
  refunded: string;
  reference: string;
  method: string;
  gateways: Record<"PAYPAL" | "PAYBOX", string>;
  noCard: string;
  action: string;
}> = {
  en: {
    receiptSubject: (court, when) => `Payment receipt: ${court}, ${when}`,
    receiptIntro: (amount) => `We received your payment of ${amount}. Your booking is confirmed.`,
    refundSubject: (amount) => `Refund of ${amount} sent`,
    refundIntro: (amount, total) =>
      `We refunded ${amount} of the ${total} you paid for this booking.`,
    refundDelay: "Depending on your bank, it may take a few days to appear on your statement.",
    amount: "Amount paid",
    refunded: "Refunded",
    reference: "Payment reference",
    method: "Paid with",
    gateways: { PAYPAL: "PayPal", PAYBOX: "Card (Paybox)" },
    noCard: "Your card details were handled by the payment provider; the club never sees them.",
    action: "See my bookings",
  },
  fr: {
    receiptSubject: (court, when) => `Reçu de paiement : ${court}, ${when}`,
    receiptIntro: (amount) =>
      `Nous avons bien reçu votre paiement de ${amount}. Votre réservation est confirmée.`,
    refundSubject: (amount) => `Remboursement de ${amount} effectué`,
    refundIntro: (amount, total) =>
      `Nous vous avons remboursé ${amount} sur les ${total} payés pour cette réservation.`,
    refundDelay: "Selon votre banque, il peut apparaître sur votre relevé après quelques jours.",
    amount: "Montant payé",
    refunded: "Remboursé",
    reference: "Référence du paiement",
    method: "Payé avec",
    gateways: { PAYPAL: "PayPal", PAYBOX: "Carte (Paybox)" },
    noCard:
      "Vos données de carte ont été traitées par le prestataire de paiement ; le club ne les voit jamais.",
    action: "Voir mes réservations",
  },
};

/** Payment receipt and refund notice to the booker (category payment: essential). */
export const paymentNoticeTemplate = defineTemplate({
  name: "payment-notice",
  schema: BookingFactsSchema.extend({
    name: z.string().max(120).optional(),
    kind: z.enum(["receipt", "refund"]),
    gateway: z.enum(["PAYPAL", "PAYBOX"]),
    amount: z.number().int().positive(),
    /** For a refund: this refund's amount. */
    refundAmount: z.number().int().positive().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    reference: z.string().min(1).max(64),
    bookingsUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    const paid = money(data.amount, data.currency, ctx.locale);
    const facts: Array<[string, string]> = [
      [m.amount, paid],
      [m.method, m.gateways[data.gateway]],
      [m.reference, data.reference],
    ];
    if (data.kind === "receipt") {
      const intro = m.receiptIntro(paid);
      return {
        subject: m.receiptSubject(courtLabel(data, ctx.locale), formatSlot(data, ctx.locale)),
        preheader: intro,
        greeting: pick(greeting, ctx.locale)(data.name),
        paragraphs: [intro, m.noCard],
        facts: [...bookingFactRows(data, ctx.locale), ...facts],
        action: { label: m.action, url: data.bookingsUrl },
      };
    }
    const refunded = money(data.refundAmount ?? data.amount, data.currency, ctx.locale);
    const intro = m.refundIntro(refunded, paid);
    return {
      subject: m.refundSubject(refunded),
      preheader: intro,
      greeting: pick(greeting, ctx.locale)(data.name),
      paragraphs: [intro, m.refundDelay],
      facts: [...bookingFactRows(data, ctx.locale), ...facts, [m.refunded, refunded]],
      action: { label: m.action, url: data.bookingsUrl },
    };
  },
});
