/** Builders for the payment integration tests: a club with both gateways, pending payments. */
import { randomBytes } from "node:crypto";
import type { PaymentGateway } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { sealGatewaySecrets } from "@/server/payments/gateway-config";
import type { PayboxServer } from "../fakes/paybox-fake";
import { createClub, createCourt, createUser } from "./builders";

export const PAYPAL_WEBHOOK_ID = "WH-FAKE-0001";
export const PAYBOX_HMAC_KEY = randomBytes(64).toString("hex").toUpperCase();
export const PAYBOX_SITE = "1999888";
export const PAYBOX_RANG = "32";
/** The club's Paybox Direct key (CLE): what the PPPS consultation of an IPN needs (ADR 014). */
export const PAYBOX_DIRECT_KEY = "1999888I";

/** Must run before the first env() read of the test file. */
export function setPaymentCredentialsKey(): void {
  process.env.PAYMENT_CREDENTIALS_KEY ??= randomBytes(32).toString("base64");
}

/**
 * A club whose Paybox gateway points at the fake, with its merchant account (PAYBOX_SITE/RANG and
 * keys) registered there: Paybox Direct then confirms the IPNs' transactions (ADR 014).
 */
export async function payboxClub(fake: PayboxServer, options: { withPage?: boolean } = {}) {
  fake.setMerchant({
    site: PAYBOX_SITE,
    rang: PAYBOX_RANG,
    hmacKeyHex: PAYBOX_HMAC_KEY,
    directKey: PAYBOX_DIRECT_KEY,
  });
  return paymentClub({
    paybox: {
      publicKeyPem: fake.publicKeyPem,
      directUrl: fake.directUrl,
      ...(options.withPage ? { pageUrl: fake.pageUrl } : {}),
    },
  });
}

/** Posts a hosted-page form's signed fields to the Paybox fake, as the player's browser does. */
export function postToPayboxPage(
  fake: PayboxServer,
  fields: readonly (readonly [string, string])[],
): Promise<Response> {
  return fetch(fake.pageUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields as [string, string][]).toString(),
    redirect: "manual",
  });
}

export async function paymentClub(opts: {
  paypal?: { baseUrl: string; clientId: string; clientSecret: string };
  /**
   * `directUrl`: the Paybox Direct (PPPS) endpoint of the fake; the club then has its Direct key
   * (needed to verify IPNs) and, with `refunds`, sends refunds through Paybox Direct too.
   */
  paybox?: { publicKeyPem: string; directUrl?: string; pageUrl?: string; refunds?: boolean };
}) {
  const club = await createClub();
  const court = await createCourt(club.id);
  if (opts.paypal) {
    await db.paymentGatewayConfig.create({
      data: {
        clubId: club.id,
        gateway: "PAYPAL",
        mode: "SANDBOX",
        enabled: true,
        settings: {
          clientId: opts.paypal.clientId,
          webhookId: PAYPAL_WEBHOOK_ID,
          apiBaseUrl: opts.paypal.baseUrl,
        },
        credentialsCiphertext: sealGatewaySecrets(club.id, "PAYPAL", "SANDBOX", {
          clientSecret: opts.paypal.clientSecret,
        }),
      },
    });
  }
  if (opts.paybox) {
    await db.paymentGatewayConfig.create({
      data: {
        clubId: club.id,
        gateway: "PAYBOX",
        mode: "SANDBOX",
        enabled: true,
        settings: {
          site: PAYBOX_SITE,
          rang: PAYBOX_RANG,
          identifiant: "107904482",
          publicKeyPem: opts.paybox.publicKeyPem,
          ...(opts.paybox.pageUrl ? { pageUrl: opts.paybox.pageUrl } : {}),
          ...(opts.paybox.directUrl
            ? { directUrl: opts.paybox.directUrl, directEnabled: opts.paybox.refunds ?? false }
            : {}),
        },
        credentialsCiphertext: sealGatewaySecrets(club.id, "PAYBOX", "SANDBOX", {
          hmacKeyHex: PAYBOX_HMAC_KEY,
          ...(opts.paybox.directUrl ? { directKey: PAYBOX_DIRECT_KEY } : {}),
        }),
      },
    });
  }
  return { club, court };
}

let slot = 0;

/** A booking waiting for payment (it holds its slot) and its pending payment. */
export async function pendingPayment(
  clubId: string,
  courtId: string,
  gateway: PaymentGateway,
  opts: { amount?: number; currency?: string; holdMinutes?: number } = {},
) {
  const booker = await createUser();
  const startsAt = new Date(Date.UTC(2030, 0, 1, 8) + slot++ * 3_600_000);
  const booking = await db.booking.create({
    data: {
      clubId,
      courtId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      status: "PENDING_PAYMENT",
      createdById: booker.id,
    },
  });
  const payment = await db.payment.create({
    data: {
      clubId,
      bookingId: booking.id,
      gateway,
      amount: opts.amount ?? 1500,
      currency: opts.currency ?? "EUR",
      priceSnapshot: { rule: "guest fee", audience: "GUEST", amount: opts.amount ?? 1500 },
      reference: `CS-${randomBytes(6).toString("hex")}`,
      holdExpiresAt: new Date(Date.now() + (opts.holdMinutes ?? 15) * 60_000),
    },
  });
  return { booker, booking, payment };
}

export async function state(paymentId: string) {
  const p = await db.payment.findUniqueOrThrow({
    where: { id: paymentId },
    include: { booking: { include: { occupancy: true } }, refunds: true },
  });
  return p;
}

/** Someone else books the slot a booking held (after its hold was released). */
export async function takeSlotOf(booking: {
  clubId: string;
  courtId: string;
  startsAt: Date;
  endsAt: Date;
}) {
  const other = await createUser();
  return db.booking.create({
    data: {
      clubId: booking.clubId,
      courtId: booking.courtId,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      status: "CONFIRMED",
      createdById: other.id,
    },
  });
}
