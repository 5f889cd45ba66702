import "server-only";
/**
 * Use case: a PayPal webhook delivery (POST /api/webhooks/paypal). The raw body is stored with
 * its verification result before anything is trusted; the JSON is read first only to find which
 * payment (hence which club's webhook id) it claims to concern. Verified events are processed
 * idempotently by PayPal's event id.
 */
import { AppError } from "@/server/errors";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { loadPaypalConfig } from "@/server/payments/gateway-config";
import {
  type IncomingEvent,
  processStoredEvent,
  storeRejectedEvent,
  storeVerifiedEvent,
} from "@/server/payments/payment-events";
import { applyPaypalCapture, type CaptureKind } from "./apply-paypal-capture";
import { applyPaypalRefund } from "./apply-paypal-refund";
import type { PaypalCapture } from "./paypal-client";
import { paypalHeadersOf, verifyPaypalWebhook } from "./verify-paypal-webhook";

export const PAYPAL_WEBHOOK_MAX_BYTES = 64 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CAPTURE_EVENTS: Record<string, CaptureKind> = {
  "PAYMENT.CAPTURE.COMPLETED": "COMPLETED",
  "PAYMENT.CAPTURE.DENIED": "DECLINED",
  "PAYMENT.CAPTURE.PENDING": "PENDING",
};
const REFUND_EVENTS: Record<string, "REFUNDED" | "REVERSED"> = {
  "PAYMENT.CAPTURE.REFUNDED": "REFUNDED",
  "PAYMENT.CAPTURE.REVERSED": "REVERSED",
};

type WebhookBody = {
  id?: unknown;
  event_type?: unknown;
  resource?: {
    id?: unknown;
    status?: unknown;
    custom_id?: unknown;
    amount?: { currency_code?: unknown; value?: unknown };
    links?: { rel?: unknown; href?: unknown }[];
  };
};

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The capture id a refund resource points to (its `up` link …/captures/{id}). */
function upCaptureId(body: WebhookBody): string | null {
  for (const l of body.resource?.links ?? []) {
    const href = str(l.href);
    if (l.rel === "up" && href) {
      const m = /\/v2\/payments\/captures\/([A-Za-z0-9-]+)$/.exec(href);
      if (m?.[1]) return m[1];
    }
  }
  return null;
}

async function findPayment(body: WebhookBody, eventType: string | null) {
  const select = { id: true, clubId: true } as const;
  const customId = str(body.resource?.custom_id);
  if (customId && UUID.test(customId)) {
    const p = await db.payment.findUnique({ where: { id: customId }, select });
    if (p) return p;
  }
  const captureId =
    eventType && eventType in REFUND_EVENTS ? upCaptureId(body) : str(body.resource?.id);
  if (captureId) return db.payment.findUnique({ where: { paypalCaptureId: captureId }, select });
  return null;
}

export type WebhookAnswer = { status: number; outcome: string };

export async function handlePaypalWebhook(input: {
  rawBody: Uint8Array;
  headers: Headers;
}): Promise<WebhookAnswer> {
  const h = paypalHeadersOf(input.headers);
  const rawText = new TextDecoder("utf-8").decode(input.rawBody);
  const base: IncomingEvent = {
    gateway: "PAYPAL",
    claimedEventId: null,
    eventType: null,
    paymentId: null,
    clubId: null,
    rawBody: rawText,
    headers: Object.fromEntries(
      Object.entries({ ...h, contentType: input.headers.get("content-type") }).filter(
        ([, v]) => v !== null,
      ),
    ) as Record<string, string>,
  };

  let body: WebhookBody;
  try {
    body = JSON.parse(rawText) as WebhookBody;
    if (typeof body !== "object" || body === null) throw new Error("not an object");
  } catch {
    await storeRejectedEvent(base, "body is not a JSON object");
    return { status: 400, outcome: "rejected: not JSON" };
  }
  const eventType = str(body.event_type);
  const event: IncomingEvent = { ...base, claimedEventId: str(body.id), eventType };

  if (!eventType || (!(eventType in CAPTURE_EVENTS) && !(eventType in REFUND_EVENTS))) {
    // Not an event we act on (e.g. CHECKOUT.ORDER.APPROVED: capture is our own call). Stored as
    // received, unverified, and acknowledged so that PayPal does not retry it for three days.
    await storeRejectedEvent(event, "event type not handled (not verified, not processed)");
    return { status: 200, outcome: `ignored: ${eventType ?? "no event type"}` };
  }

  const payment = await findPayment(body, eventType);
  if (!payment) {
    await storeRejectedEvent(event, "no payment matches this event");
    return { status: 400, outcome: "rejected: unknown payment" };
  }
  const attributed = { ...event, paymentId: payment.id, clubId: payment.clubId };

  let config;
  try {
    config = await loadPaypalConfig(payment.clubId);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await storeRejectedEvent(attributed, `club configuration: ${err.message}`);
    return { status: 400, outcome: "rejected: club not configured" };
  }
  const verification = await verifyPaypalWebhook(h, input.rawBody, config);
  if (!verification.ok) {
    logger.warn({ reason: verification.reason, paymentId: payment.id }, "paypal webhook refused");
    await storeRejectedEvent(attributed, verification.reason);
    return { status: 400, outcome: `rejected: ${verification.reason}` };
  }
  const eventId = str(body.id);
  if (!eventId) {
    await storeRejectedEvent(attributed, "verified but no event id");
    return { status: 400, outcome: "rejected: no event id" };
  }

  const stored = await storeVerifiedEvent({ ...attributed, eventId });
  if (!stored) return { status: 200, outcome: "duplicate" };

  const outcome = await processStoredEvent(stored.id, async (tx) => {
    const source = `paypal webhook ${eventType ?? "?"}`;
    const resource = body.resource ?? {};
    const id = str(resource.id);
    if (!id) return "ignored: resource without id";
    const amount =
      typeof resource.amount?.currency_code === "string" &&
      typeof resource.amount.value === "string"
        ? { currency_code: resource.amount.currency_code, value: resource.amount.value }
        : undefined;
    const captureKind = eventType ? CAPTURE_EVENTS[eventType] : undefined;
    const refundKind = eventType ? REFUND_EVENTS[eventType] : undefined;
    if (captureKind) {
      const capture: PaypalCapture = { id, status: str(resource.status) ?? "", amount };
      return applyPaypalCapture(tx, payment.id, capture, captureKind, source);
    }
    if (refundKind) {
      return applyPaypalRefund(
        tx,
        payment.id,
        { id, status: str(resource.status) ?? undefined, amount },
        refundKind,
        source,
      );
    }
    return "ignored";
  });
  return { status: 200, outcome };
}
