/**
 * A local PayPal REST fake that speaks the real protocol (test code only): OAuth client
 * credentials, Orders v2 (create, get, capture), the buyer's approval (what PayPal's popup or card
 * fields do, driven by the tests), Payments v2 refunds, PayPal-Request-Id
 * idempotency, scripted failures, and webhooks signed SHA256withRSA with a test certificate served
 * from the fake itself. The certificate is made with the openssl CLI (node:crypto cannot create
 * X.509 certificates). The production client and verifier run unchanged against it.
 */
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";

type Money = { currency_code: string; value: string };
type Order = {
  id: string;
  status: "CREATED" | "APPROVED" | "COMPLETED";
  payment_source?: PaymentSource;
  purchase_units: {
    custom_id?: string;
    invoice_id?: string;
    amount: Money;
    payments?: { captures: Capture[] };
  }[];
};
type Capture = {
  id: string;
  status: string;
  amount: Money;
  custom_id?: string;
  invoice_id?: string;
};

/** What PayPal reports about how the buyer paid (never a full card number). */
type PaymentSource =
  | { paypal: { email_address: string; account_id: string } }
  | { card: { last_digits: string; brand: string; expiry: string } };

/** The buyer's side of an approval, as typed in PayPal's popup or card-field iframes. */
export type BuyerApproval =
  | { kind: "paypal"; email?: string }
  | { kind: "card"; number: string; expiry: string; cvv: string };

type Failure = { method: string; path: RegExp; status: number; times: number; after: boolean };

export type PaypalFake = {
  baseUrl: string;
  certUrl: string;
  clientId: string;
  clientSecret: string;
  /** Every API request received (not the certificate downloads). */
  requests: { method: string; path: string; requestId: string | null }[];
  /** How many captures were really performed, per order. */
  capturesPerformed: Map<string, number>;
  /** How many refunds were really performed, per capture. */
  refundsPerformed: Map<string, number>;
  /**
   * The next `times` requests matching fail with `status`. `after: true` performs the operation
   * first and then answers with the error (the answer is "lost", as after a gateway timeout).
   */
  fail(
    method: string,
    path: RegExp,
    status: number,
    opts?: { times?: number; after?: boolean },
  ): void;
  /** Scripted: the next captures capture this amount instead of the order's (misbehaving gateway). */
  captureAmountOverride: Money | null;
  /** Scripted: the next capture is declined. */
  declineNextCapture: boolean;
  /**
   * As the real API: capturing an order the buyer has not approved answers 422 ORDER_NOT_APPROVED.
   * Off by default (the server-side tests capture directly); the browser journeys turn it on.
   */
  requireApproval: boolean;
  /** Card numbers whose capture is declined (the card's bank refuses). */
  declinedCards: Set<string>;
  /** Approvals received, in order (card approvals keep only the last four digits). */
  approvals: { orderId: string; kind: "paypal" | "card"; lastDigits?: string }[];
  /**
   * The buyer approves an order, as PayPal's popup or card fields do. Refused (ok: false, with
   * PayPal's issue) for an unknown or already captured order, or card data PayPal would refuse.
   */
  approve(orderId: string, buyer: BuyerApproval): { ok: true } | { ok: false; issue: string };
  order(id: string): Order | undefined;
  /** A signed webhook delivery: the raw body and PayPal's transmission headers. */
  webhook(
    eventType: string,
    resource: Record<string, unknown>,
    webhookId: string,
    opts?: { eventId?: string; certUrl?: string },
  ): { body: string; headers: Record<string, string>; eventId: string };
  close(): Promise<void>;
};

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const newId = (prefix = "") => prefix + randomBytes(8).toString("hex").toUpperCase().slice(0, 17);

export async function startPaypalFake(): Promise<PaypalFake> {
  const dir = mkdtempSync(path.join(tmpdir(), "paypal-fake-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "key.pem",
      "-out",
      "cert.pem",
    ].concat(["-days", "2", "-subj", "/CN=messageverificationcerts.paypal-fake.test"]),
    { cwd: dir, stdio: "ignore" },
  );
  const keyPem = readFileSync(path.join(dir, "key.pem"), "utf8");
  const certPem = readFileSync(path.join(dir, "cert.pem"), "utf8");
  rmSync(dir, { recursive: true, force: true });

  const clientId = `fake-client-${randomBytes(4).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("hex");
  const tokens = new Set<string>();
  const orders = new Map<string, Order>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const failures: Failure[] = [];
  const refunds = new Map<
    string,
    { id: string; status: string; amount: Money; captureId: string }
  >();

  const fake = {
    requests: [] as PaypalFake["requests"],
    capturesPerformed: new Map<string, number>(),
    refundsPerformed: new Map<string, number>(),
    captureAmountOverride: null as Money | null,
    declineNextCapture: false,
    requireApproval: false,
    declinedCards: new Set<string>(["4000000000000002"]),
    approvals: [] as PaypalFake["approvals"],
  };
  const declinedOrders = new Set<string>();

  function perform(
    method: string,
    p: string,
    body: Record<string, unknown>,
  ): { status: number; body: unknown } {
    if (method === "POST" && p === "/v2/checkout/orders") {
      const units = body.purchase_units as Order["purchase_units"] | undefined;
      if (body.intent !== "CAPTURE" || !units?.[0]?.amount)
        return { status: 400, body: { name: "INVALID_REQUEST" } };
      const order: Order = { id: newId(), status: "CREATED", purchase_units: units };
      orders.set(order.id, order);
      return { status: 201, body: order };
    }
    let m = /^\/v2\/checkout\/orders\/([^/]+)$/.exec(p);
    if (method === "GET" && m) {
      const order = orders.get(m[1]!);
      return order
        ? { status: 200, body: order }
        : { status: 404, body: { name: "RESOURCE_NOT_FOUND" } };
    }
    m = /^\/v2\/checkout\/orders\/([^/]+)\/capture$/.exec(p);
    if (method === "POST" && m) {
      const order = orders.get(m[1]!);
      if (!order) return { status: 404, body: { name: "RESOURCE_NOT_FOUND" } };
      if (order.status === "COMPLETED")
        return {
          status: 422,
          body: { name: "UNPROCESSABLE_ENTITY", details: [{ issue: "ORDER_ALREADY_CAPTURED" }] },
        };
      if (fake.requireApproval && order.status !== "APPROVED")
        return {
          status: 422,
          body: { name: "UNPROCESSABLE_ENTITY", details: [{ issue: "ORDER_NOT_APPROVED" }] },
        };
      const unit = order.purchase_units[0]!;
      const capture: Capture = {
        id: newId("C"),
        status: fake.declineNextCapture || declinedOrders.has(order.id) ? "DECLINED" : "COMPLETED",
        amount: fake.captureAmountOverride ?? unit.amount,
        custom_id: unit.custom_id,
        invoice_id: unit.invoice_id,
      };
      fake.declineNextCapture = false;
      fake.captureAmountOverride = null;
      unit.payments = { captures: [capture] };
      order.status = "COMPLETED";
      fake.capturesPerformed.set(order.id, (fake.capturesPerformed.get(order.id) ?? 0) + 1);
      return { status: 201, body: order };
    }
    m = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(p);
    if (method === "POST" && m) {
      const capture = [...orders.values()]
        .flatMap((o) => o.purchase_units[0]?.payments?.captures ?? [])
        .find((c) => c.id === m![1]);
      if (!capture) return { status: 404, body: { name: "RESOURCE_NOT_FOUND" } };
      const refund = {
        id: newId("R"),
        status: "COMPLETED",
        amount: (body.amount as Money | undefined) ?? capture.amount,
      };
      const already = [...refunds.values()]
        .filter((r) => r.captureId === capture.id)
        .reduce((sum, r) => sum + Number(r.amount.value), 0);
      if (already + Number(refund.amount.value) > Number(capture.amount.value) + 1e-9)
        return {
          status: 422,
          body: { name: "UNPROCESSABLE_ENTITY", details: [{ issue: "REFUND_AMOUNT_EXCEEDED" }] },
        };
      refunds.set(refund.id, { ...refund, captureId: capture.id });
      fake.refundsPerformed.set(capture.id, (fake.refundsPerformed.get(capture.id) ?? 0) + 1);
      return { status: 201, body: refund };
    }
    return { status: 404, body: { name: "RESOURCE_NOT_FOUND" } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const p = url.pathname;
      const method = req.method ?? "GET";
      const send = (status: number, body: unknown, type = "application/json") => {
        res.writeHead(status, { "Content-Type": type });
        res.end(typeof body === "string" ? body : JSON.stringify(body));
      };
      if (p === "/certs/cert.pem") return send(200, certPem, "application/x-pem-file");

      const requestId = (req.headers["paypal-request-id"] as string | undefined) ?? null;
      fake.requests.push({ method, path: p, requestId });

      if (p === "/v1/oauth2/token") {
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
        if (req.headers.authorization !== expected) return send(401, { error: "invalid_client" });
        const token = randomBytes(12).toString("hex");
        tokens.add(token);
        return send(200, { access_token: token, token_type: "Bearer", expires_in: 32400 });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !tokens.has(bearer)) return send(401, { name: "AUTHENTICATION_FAILURE" });

      const failure = failures.find((f) => f.method === method && f.path.test(p) && f.times > 0);
      if (failure && !failure.after) {
        failure.times--;
        return send(failure.status, { name: "INTERNAL_SERVER_ERROR" });
      }
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>)
          : {};
      } catch {
        return send(400, { name: "MALFORMED_REQUEST_JSON" });
      }
      const key = requestId ? `${method} ${p} ${requestId}` : null;
      let result = key ? idempotent.get(key) : undefined;
      if (!result) {
        result = perform(method, p, body);
        if (key && result.status < 500) idempotent.set(key, result);
      }
      if (failure?.after) {
        failure.times--;
        return send(failure.status, { name: "INTERNAL_SERVER_ERROR" });
      }
      return send(result.status, result.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return Object.assign(fake, {
    baseUrl,
    certUrl: `${baseUrl}/certs/cert.pem`,
    clientId,
    clientSecret,
    fail(
      method: string,
      p: RegExp,
      status: number,
      opts: { times?: number; after?: boolean } = {},
    ) {
      failures.push({
        method,
        path: p,
        status,
        times: opts.times ?? 1,
        after: opts.after ?? false,
      });
    },
    approve(orderId: string, buyer: BuyerApproval): { ok: true } | { ok: false; issue: string } {
      const order = orders.get(orderId);
      if (!order) return { ok: false, issue: "RESOURCE_NOT_FOUND" };
      if (order.status === "COMPLETED") return { ok: false, issue: "ORDER_ALREADY_CAPTURED" };
      if (buyer.kind === "paypal") {
        order.payment_source = {
          paypal: {
            email_address: buyer.email ?? "buyer@example.test",
            account_id: newId("P").slice(0, 13),
          },
        };
        fake.approvals.push({ orderId, kind: "paypal" });
      } else {
        const digits = buyer.number.replace(/[ -]/g, "");
        if (!/^\d{13,19}$/.test(digits) || !luhn(digits))
          return { ok: false, issue: "CARD_NUMBER_INVALID" };
        const m = /^(\d{2})\s*\/\s*(\d{2}|\d{4})$/.exec(buyer.expiry.trim());
        const month = Number(m?.[1]);
        const year = m ? Number(m[2]!.length === 2 ? `20${m[2]}` : m[2]) : 0;
        const now = new Date();
        if (
          !m ||
          month < 1 ||
          month > 12 ||
          year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1
        )
          return { ok: false, issue: "CARD_EXPIRED" };
        if (!/^\d{3,4}$/.test(buyer.cvv.trim()))
          return { ok: false, issue: "INVALID_SECURITY_CODE" };
        order.payment_source = {
          card: {
            last_digits: digits.slice(-4),
            brand: digits.startsWith("4")
              ? "VISA"
              : digits.startsWith("5")
                ? "MASTERCARD"
                : "UNKNOWN",
            expiry: `${year}-${String(month).padStart(2, "0")}`,
          },
        };
        if (fake.declinedCards.has(digits)) declinedOrders.add(orderId);
        fake.approvals.push({ orderId, kind: "card", lastDigits: digits.slice(-4) });
      }
      order.status = "APPROVED";
      return { ok: true };
    },
    order: (id: string) => orders.get(id),
    webhook(
      eventType: string,
      resource: Record<string, unknown>,
      webhookId: string,
      opts: { eventId?: string; certUrl?: string } = {},
    ) {
      const eventId = opts.eventId ?? `WH-${newId()}`;
      const body = JSON.stringify({
        id: eventId,
        event_version: "1.0",
        create_time: new Date().toISOString(),
        resource_type:
          eventType.includes("REFUND") || eventType.includes("REVERSED") ? "refund" : "capture",
        resource_version: "2.0",
        event_type: eventType,
        summary: eventType,
        resource,
      });
      const transmissionId = randomUUID();
      const transmissionTime = new Date().toISOString();
      const signed = `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(Buffer.from(body)) >>> 0}`;
      const sig = sign("sha256", Buffer.from(signed), keyPem).toString("base64");
      return {
        body,
        eventId,
        headers: {
          "content-type": "application/json",
          "paypal-transmission-id": transmissionId,
          "paypal-transmission-time": transmissionTime,
          "paypal-transmission-sig": sig,
          "paypal-cert-url": opts.certUrl ?? `${baseUrl}/certs/cert.pem`,
          "paypal-auth-algo": "SHA256withRSA",
        },
      };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
