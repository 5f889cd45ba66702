import "server-only";
/**
 * Use case: the signed Paybox System form of a pending payment, for its booker only (anyone else
 * gets a 404: the payment does not exist for them). The payment must still be PENDING with its
 * hold not expired (409 otherwise). The amount, currency and reference are the payment's own —
 * computed on the server when the booking was made — and the return URLs lead to our payment
 * status page, which only shows what the verified IPN decided.
 */
import {
  buildPayboxForm,
  type PayboxField,
  type PayboxFormInput,
} from "@/lib/payments/paybox-form";
import { paymentStatusPath } from "@/lib/booking-links";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { AppError, notFoundError } from "@/server/errors";
import { loadPayboxConfig } from "@/server/payments/gateway-config";

export type PayboxCheckoutForm = {
  /** The hosted payment page the browser posts the form to. */
  pageUrl: string;
  fields: PayboxField[];
  amount: number;
  currency: string;
  holdExpiresAt: Date;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ISO 3166-1 numeric country of a club, from its time zone (3-D Secure billing data). */
const COUNTRY_BY_ZONE: Readonly<Record<string, string>> = {
  "Europe/Paris": "250",
  "Europe/Brussels": "056",
  "Europe/Luxembourg": "442",
  "Europe/Monaco": "492",
  "Europe/Zurich": "756",
  "Europe/London": "826",
  "Europe/Madrid": "724",
  "Europe/Berlin": "276",
  "Europe/Rome": "380",
  "Europe/Amsterdam": "528",
  "Europe/Lisbon": "620",
  "Europe/Dublin": "372",
};

function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: "Player", lastName: "Player" };
  if (words.length === 1) return { firstName: words[0]!, lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(" "), lastName: words.at(-1)! };
}

export async function payboxCheckoutForm(input: {
  paymentId: string;
  bookerId: string;
  now?: Date;
}): Promise<PayboxCheckoutForm> {
  const now = input.now ?? new Date();
  if (!UUID_RE.test(input.paymentId)) throw notFoundError("Payment");
  const p = await db.payment.findUnique({
    where: { id: input.paymentId },
    select: {
      id: true,
      clubId: true,
      gateway: true,
      status: true,
      amount: true,
      currency: true,
      reference: true,
      holdExpiresAt: true,
      club: { select: { slug: true, name: true, timeZone: true } },
      booking: {
        select: {
          createdById: true,
          createdBy: { select: { email: true, name: true } },
        },
      },
    },
  });
  if (!p || p.booking.createdById !== input.bookerId || !p.booking.createdBy)
    throw notFoundError("Payment");
  if (p.gateway !== "PAYBOX")
    throw new AppError("CONFLICT", "This payment is not made with Paybox.");
  if (p.status !== "PENDING")
    throw new AppError(
      "CONFLICT",
      `This payment is no longer waiting to be paid (it is ${p.status.toLowerCase().replace("_", " ")}).`,
    );
  if (p.holdExpiresAt.getTime() <= now.getTime())
    throw new AppError(
      "CONFLICT",
      "The time to pay for this booking has run out: the slot is no longer held.",
    );

  const config = await loadPayboxConfig(p.clubId);
  const appUrl = env().APP_URL.replace(/\/+$/, "");
  const back = (ret: "effectue" | "refuse" | "annule" | "attente") =>
    `${appUrl}${paymentStatusPath(p.club.slug, p.id)}?return=${ret}`;
  const city = p.club.timeZone.split("/").at(-1)!.replace(/_/g, " ");
  const form: PayboxFormInput = {
    site: config.site,
    rang: config.rang,
    identifiant: config.identifiant,
    amount: p.amount,
    currency: p.currency,
    reference: p.reference,
    email: p.booking.createdBy.email,
    time: now,
    urls: {
      effectue: back("effectue"),
      refuse: back("refuse"),
      annule: back("annule"),
      attente: back("attente"),
      repondreA: `${appUrl}/api/webhooks/paybox`,
    },
    totalQuantity: 1,
    billing: {
      ...splitName(p.booking.createdBy.name),
      // The schema keeps no postal address for players or clubs: the club's name and the city of
      // its time zone stand in (Paybox requires the fields for 3-D Secure 2).
      address1: p.club.name,
      zipCode: "00000",
      city,
      countryCode: COUNTRY_BY_ZONE[p.club.timeZone] ?? "250",
    },
    hmacKeyHex: config.hmacKeyHex,
  };
  let fields: PayboxField[];
  try {
    fields = buildPayboxForm(form);
  } catch (err) {
    throw new AppError("UNPROCESSABLE", (err as Error).message);
  }
  return {
    pageUrl: config.pageUrl,
    fields,
    amount: p.amount,
    currency: p.currency,
    holdExpiresAt: p.holdExpiresAt,
  };
}
