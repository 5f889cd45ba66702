import "server-only";
/**
 * A small REST client for PayPal Orders v2 and Payments v2 (not a use case). OAuth 2.0
 * client-credentials token (cached until shortly before it expires); every mutating call carries
 * a PayPal-Request-Id so that a retry after a 5xx, a 429 or a network error returns the first
 * result instead of acting twice. The base URL comes from the club's configuration.
 */
import { toPaypalValue } from "@/lib/payments/paypal-amount";
import { logger } from "@/server/logger";

export type PaypalCredentials = { baseUrl: string; clientId: string; clientSecret: string };

export class PaypalApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = "PaypalApiError";
  }
}

export type PaypalMoney = { currency_code: string; value: string };
export type PaypalCapture = {
  id: string;
  status: string;
  amount?: PaypalMoney;
  custom_id?: string;
  invoice_id?: string;
};
export type PaypalOrder = {
  id: string;
  status: string;
  purchase_units?: {
    custom_id?: string;
    invoice_id?: string;
    amount?: PaypalMoney;
    payments?: { captures?: PaypalCapture[] };
  }[];
};
export type PaypalRefund = { id: string; status: string; amount?: PaypalMoney };

const tokens = new Map<string, { token: string; expiresAt: number }>();
const ATTEMPTS = 3;
const TIMEOUT_MS = 15_000;

/** Retry pause; tests may shorten it. */
export const paypalRetry = { baseDelayMs: 200 };

async function accessToken(c: PaypalCredentials, fresh = false): Promise<string> {
  const cacheKey = `${c.baseUrl}|${c.clientId}`;
  const cached = tokens.get(cacheKey);
  if (!fresh && cached && cached.expiresAt > Date.now()) return cached.token;
  const res = await fetch(`${c.baseUrl}/v1/oauth2/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
  };
  if (!res.ok || !body.access_token)
    throw new PaypalApiError(res.status, body, `PayPal token request failed (${res.status})`);
  const ttl = Math.max(0, (body.expires_in ?? 0) - 60) * 1000;
  tokens.set(cacheKey, { token: body.access_token, expiresAt: Date.now() + ttl });
  return body.access_token;
}

function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

async function call<T>(
  c: PaypalCredentials,
  method: "GET" | "POST",
  path: string,
  opts: { body?: unknown; requestId?: string } = {},
): Promise<T> {
  let refreshedToken = false;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      const token = await accessToken(c, refreshedToken);
      res = await fetch(`${c.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          ...(opts.body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...(opts.requestId ? { "PayPal-Request-Id": opts.requestId } : {}),
          Prefer: "return=representation",
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      // Network error or timeout: safe to retry a GET, and a POST because of PayPal-Request-Id.
      if (err instanceof PaypalApiError && !retryable(err.status)) throw err;
      if (attempt >= ATTEMPTS || (method === "POST" && !opts.requestId)) throw err;
      logger.warn({ path, attempt, err: (err as Error).message }, "paypal call retried");
      await new Promise((r) => setTimeout(r, paypalRetry.baseDelayMs * attempt));
      continue;
    }
    const body: unknown = await res.json().catch(() => ({}));
    if (res.ok) return body as T;
    if (res.status === 401 && !refreshedToken) {
      refreshedToken = true;
      attempt--;
      continue;
    }
    if (retryable(res.status) && attempt < ATTEMPTS && (method === "GET" || opts.requestId)) {
      logger.warn({ path, attempt, status: res.status }, "paypal call retried");
      await new Promise((r) => setTimeout(r, paypalRetry.baseDelayMs * attempt));
      continue;
    }
    const name = (body as { name?: unknown }).name;
    throw new PaypalApiError(
      res.status,
      body,
      `PayPal ${method} ${path} failed (${res.status}${typeof name === "string" ? ` ${name}` : ""})`,
    );
  }
}

export function createPaypalOrder(
  c: PaypalCredentials,
  o: {
    requestId: string;
    amount: number;
    currency: string;
    customId: string;
    invoiceId: string;
    description: string;
  },
): Promise<PaypalOrder> {
  return call<PaypalOrder>(c, "POST", "/v2/checkout/orders", {
    requestId: o.requestId,
    body: {
      intent: "CAPTURE",
      purchase_units: [
        {
          custom_id: o.customId,
          invoice_id: o.invoiceId,
          description: o.description.slice(0, 127),
          amount: { currency_code: o.currency, value: toPaypalValue(o.amount, o.currency) },
        },
      ],
    },
  });
}

export function capturePaypalOrder(
  c: PaypalCredentials,
  orderId: string,
  requestId: string,
): Promise<PaypalOrder> {
  return call<PaypalOrder>(
    c,
    "POST",
    `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`,
    {
      requestId,
      body: {},
    },
  );
}

export function getPaypalOrder(c: PaypalCredentials, orderId: string): Promise<PaypalOrder> {
  return call<PaypalOrder>(c, "GET", `/v2/checkout/orders/${encodeURIComponent(orderId)}`);
}

export function refundPaypalCapture(
  c: PaypalCredentials,
  captureId: string,
  r: { requestId: string; amount: number; currency: string; invoiceId: string; customId: string },
): Promise<PaypalRefund> {
  return call<PaypalRefund>(
    c,
    "POST",
    `/v2/payments/captures/${encodeURIComponent(captureId)}/refund`,
    {
      requestId: r.requestId,
      body: {
        amount: { currency_code: r.currency, value: toPaypalValue(r.amount, r.currency) },
        invoice_id: r.invoiceId,
        custom_id: r.customId,
      },
    },
  );
}

/** The first capture of an order, if any. */
export function captureOf(order: PaypalOrder): PaypalCapture | undefined {
  return order.purchase_units?.[0]?.payments?.captures?.[0];
}
