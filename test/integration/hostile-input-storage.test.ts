/**
 * The storage side of docs/decisions/016-hostile-input.md, against a real database: the
 * unauthenticated endpoints that store what they receive refuse, before storing anything, what no
 * gateway or browser sends (wrong media type, control characters, invalid UTF-8) and more than
 * their per-address rate; the retention purge deletes old CSP reports, unmatched payment events
 * and security signals, and keeps every event of a payment. (Every route over real HTTP: e2e/hostile-input.spec.ts.)
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as cspReport } from "@/app/api/csp-report/route";
import { GET as payboxGet, POST as payboxPost } from "@/app/api/webhooks/paybox/route";
import { POST as paypalPost } from "@/app/api/webhooks/paypal/route";
import { LIMITS } from "@/server/rate-limit/limits";
import {
  purgeStoredInput,
  SECURITY_SIGNAL_RETENTION_DAYS,
  UNMATCHED_PAYMENT_EVENT_RETENTION_DAYS,
} from "@/server/retention/purge-stored-input";
import { CSP_RETENTION_DAYS } from "@/server/security/record-csp-violation";
import { paymentClub, pendingPayment, setPaymentCredentialsKey } from "../helpers/payments";
import { sql } from "../helpers/sql";

setPaymentCredentialsKey();
let clubId = "";
let courtId = "";
let ipSeq = 0;
/** A fresh source address per test, so that the per-address limits do not leak between tests. */
const nextIp = () => `198.51.100.${++ipSeq}`;

beforeAll(async () => {
  const { club, court } = await paymentClub({});
  clubId = club.id;
  courtId = court.id;
});

afterEach(() => {
  LIMITS.webhooksPerIp.limit = 120;
  LIMITS.cspReportsPerIp.limit = 120;
});

async function eventCount(): Promise<number> {
  const { rows } = await sql().query<{ n: number }>("SELECT count(*)::int AS n FROM payment_event");
  return rows[0]!.n;
}

function paypal(body: string | Uint8Array<ArrayBuffer>, type: string | null, ip = nextIp()) {
  const headers = new Headers({ "x-forwarded-for": ip });
  if (type) headers.set("content-type", type);
  return paypalPost(
    new Request("http://localhost:3000/api/webhooks/paypal", { method: "POST", headers, body }),
  );
}

function paybox(body: string, type: string | null, ip = nextIp()) {
  const headers = new Headers({ "x-forwarded-for": ip });
  if (type) headers.set("content-type", type);
  return payboxPost(
    new Request("http://localhost:3000/api/webhooks/paybox", { method: "POST", headers, body }),
  );
}

describe("payment webhooks refuse hostile input before storing it", () => {
  it("PayPal: wrong media type 415, NUL (escaped or raw) 400, invalid UTF-8 400; nothing stored", async () => {
    const before = await eventCount();
    const cases: Array<[string | Uint8Array<ArrayBuffer>, string | null, number, RegExp]> = [
      ['{"id":"x"}', "application/x-www-form-urlencoded", 415, /application\/json/],
      ['{"id":"x"}', null, 415, /application\/json/],
      [
        '{"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED\\u0000"}',
        "application/json",
        400,
        /event_type contains a control character/,
      ],
      ['{"id":"a\0b"}', "application/json", 400, /control character/],
      [
        new Uint8Array([0x7b, 0x22, 0xc0, 0xae, 0x22, 0x7d]),
        "application/json",
        400,
        /not valid UTF-8/,
      ],
    ];
    for (const [body, type, status, text] of cases) {
      const res = await paypal(body, type);
      expect(res.status).toBe(status);
      expect(await res.text()).toMatch(text);
    }
    expect(await eventCount()).toBe(before);
  });

  it("Paybox: NUL in a parameter, bad escapes, no parameters, wrong media type; nothing stored", async () => {
    const before = await eventCount();
    const { payment } = await pendingPayment(clubId, courtId, "PAYBOX");
    const reference = encodeURIComponent(payment.reference);
    for (const [body, type, status] of [
      [`M=1500&R=${reference}%00&E=00000`, "application/x-www-form-urlencoded", 400],
      [`M=1500&R=${reference}&E=%zz`, "application/x-www-form-urlencoded", 400],
      ["", "application/x-www-form-urlencoded", 400],
      [`{"R":"${reference}"}`, "application/json", 415],
    ] as const) {
      const res = await paybox(body, type);
      expect(res.status, body).toBe(status);
      expect((await res.text()).trim()).not.toBe("");
    }
    const get = await payboxGet(
      new Request(`http://localhost:3000/api/webhooks/paybox?R=${reference}&E=%00`, {
        headers: { "x-forwarded-for": nextIp() },
      }),
    );
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/IPN contains a control character/);
    expect(await eventCount()).toBe(before);
  });

  it("a source over its rate is refused with 429 and Retry-After, and its messages are not stored", async () => {
    LIMITS.webhooksPerIp.limit = 3;
    const ip = nextIp();
    const body = JSON.stringify({ id: "WH-x", event_type: "CHECKOUT.ORDER.APPROVED" });
    for (let i = 0; i < 3; i++)
      expect((await paypal(body, "application/json", ip)).status).toBe(200);
    const before = await eventCount();
    const refused = await paypal(body, "application/json", ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.text()).toMatch(/Too many requests/);
    expect((await paybox("R=x", "application/x-www-form-urlencoded", ip)).status).toBe(429);
    expect(await eventCount()).toBe(before);
    // Another address is not affected.
    expect((await paypal(body, "application/json")).status).toBe(200);
  });
});

describe("CSP reports are rate-limited per address", () => {
  it("refuses a source over its rate with 429, other sources still report", async () => {
    LIMITS.cspReportsPerIp.limit = 2;
    const ip = nextIp();
    const post = (from: string) =>
      cspReport(
        new Request("http://localhost:3000/api/csp-report", {
          method: "POST",
          headers: { "content-type": "application/csp-report", "x-forwarded-for": from },
          body: JSON.stringify({ "csp-report": { "effective-directive": "script-src" } }),
        }),
      );
    expect((await post(ip)).status).toBe(204);
    expect((await post(ip)).status).toBe(204);
    const refused = await post(ip);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many requests/);
    expect((await post(nextIp())).status).toBe(204);
  });
});

describe("retention purge", () => {
  it("deletes old CSP reports, old unmatched payment events and old security signals, keeps every event of a payment", async () => {
    await sql().query("DELETE FROM csp_violation");
    await sql().query(
      `INSERT INTO csp_violation (received_at, effective_directive) VALUES
       (now() - make_interval(days => $1::int + 1), 'old'), (now() - make_interval(days => $1::int - 1), 'recent')`,
      [CSP_RETENTION_DAYS],
    );
    const { payment } = await pendingPayment(clubId, courtId, "PAYPAL");
    const old = UNMATCHED_PAYMENT_EVENT_RETENTION_DAYS + 1;
    await sql().query(
      `INSERT INTO payment_event (gateway, raw_body, verified, outcome, payment_id, received_at) VALUES
       ('PAYPAL', 'unmatched-old', false, 'rejected', NULL, now() - make_interval(days => $1::int)),
       ('PAYPAL', 'unmatched-recent', false, 'rejected', NULL, now() - interval '1 day'),
       ('PAYPAL', 'matched-old-rejected', false, 'rejected', $2::uuid, now() - make_interval(days => $1::int)),
       ('PAYPAL', 'matched-old-verified', true, 'paid', $2::uuid, now() - make_interval(days => $1::int * 10))`,
      [old, payment.id],
    );
    await sql().query("DELETE FROM security_signal");
    await sql().query(
      `INSERT INTO security_signal (at, kind, source) VALUES
       (now() - make_interval(days => $1::int + 1), 'probe.sqli', 'old'),
       (now() - make_interval(days => $1::int - 1), 'probe.sqli', 'recent')`,
      [SECURITY_SIGNAL_RETENTION_DAYS],
    );
    const r = await purgeStoredInput();
    expect(r.cspViolations).toBe(1);
    expect(r.securitySignals).toBe(1);
    const { rows: signals } = await sql().query<{ source: string }>(
      "SELECT source FROM security_signal ORDER BY id",
    );
    expect(signals.map((s) => s.source)).toEqual(["recent"]);
    expect(r.paymentEvents).toBeGreaterThanOrEqual(1);
    const { rows: csp } = await sql().query<{ d: string }>(
      "SELECT effective_directive AS d FROM csp_violation ORDER BY id",
    );
    expect(csp.map((c) => c.d)).toEqual(["recent"]);
    const { rows: events } = await sql().query<{ raw_body: string }>(
      "SELECT raw_body FROM payment_event WHERE raw_body LIKE '%matched-%' ORDER BY raw_body",
    );
    expect(events.map((e) => e.raw_body)).toEqual([
      "matched-old-rejected",
      "matched-old-verified",
      "unmatched-recent",
    ]);
  });
});
