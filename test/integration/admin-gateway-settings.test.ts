/**
 * Payment settings of the club admin area (ADR 011, 012) against PostgreSQL: the owner
 * configures PayPal and Paybox; secrets are sealed (the gateway loaders read them back), never
 * returned by the page's loader nor written to the audit log; a blank secret keeps the stored
 * one; LIVE credentials are refused outside a production deployment; in production a URL that is
 * not the gateway's own https host is refused; a bad PEM is refused naming its field; without
 * PAYMENT_CREDENTIALS_KEY nothing is saved. Managers see the settings (no secrets) and set the
 * refund policy; they cannot change gateways.
 *
 * The configuration (server/env.ts) is read once per process; this file replaces env() with the
 * real configuration plus per-test overrides (DEPLOYMENT_ENV, PAYMENT_CREDENTIALS_KEY).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getPaymentSettings } from "@/server/admin/payments/get-payment-settings";
import { saveGatewayConfig } from "@/server/admin/payments/save-gateway-config";
import { saveRefundPolicy } from "@/server/admin/payments/save-refund-policy";
import { db } from "@/server/db";
import { loadPayboxConfig, loadPaypalConfig } from "@/server/payments/gateway-config";
import { addMembership, as, createAccount } from "../helpers/auth";
import { createClub } from "../helpers/builders";
import { digestOf, errorOf } from "../helpers/errors";
import { setPaymentCredentialsKey } from "../helpers/payments";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));
const overrides = vi.hoisted(() => ({}) as Record<string, unknown>);
vi.mock("@/server/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/env")>();
  return { env: () => ({ ...real.env(), ...overrides }) };
});

setPaymentCredentialsKey();

afterEach(() => {
  for (const k of Object.keys(overrides)) delete overrides[k];
});

const RSA_PEM = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .publicKey.export({ type: "spki", format: "pem" })
  .toString();
const EC_PEM = generateKeyPairSync("ec", { namedCurve: "P-256" })
  .publicKey.export({ type: "spki", format: "pem" })
  .toString();
const PAYPAL_SECRET = `paypal-secret-${randomBytes(12).toString("hex")}`;
const HMAC = randomBytes(64).toString("hex").toUpperCase();
const DIRECT_KEY = `direct${randomBytes(6).toString("hex")}`;

async function newClub() {
  const club = await createClub();
  const owner = await createAccount({ totp: true, name: "Olive Owner" });
  await addMembership(owner.id, club.id, "OWNER");
  const manager = await createAccount({ totp: true, name: "Max Manager" });
  await addMembership(manager.id, club.id, "MANAGER");
  const staff = await createAccount({ totp: true, name: "Sid Staff" });
  await addMembership(staff.id, club.id, "STAFF");
  return { club, owner: owner.id, manager: manager.id, staff: staff.id };
}

const paypal = (over: Record<string, string> = {}) => ({
  enabled: "on",
  mode: "SANDBOX",
  clientId: "client-abc",
  webhookId: "WH-123",
  clientSecret: PAYPAL_SECRET,
  apiBaseUrl: "",
  ...over,
});
const paybox = (over: Record<string, string> = {}) => ({
  enabled: "on",
  mode: "SANDBOX",
  site: "1999888",
  rang: "32",
  identifiant: "107904482",
  hmacSecret: HMAC,
  publicKeyPem: RSA_PEM,
  pageUrl: "",
  directSecret: "",
  directUrl: "",
  ...over,
});

let c: Awaited<ReturnType<typeof newClub>>;
beforeAll(async () => {
  c = await newClub();
});

describe("PayPal settings", () => {
  it("seals the secret, never returns it, and keeps it when the field is left blank", async () => {
    await as(c.owner);
    const first = await saveGatewayConfig(c.club.slug, "PAYPAL", paypal(), {
      ip: "203.0.113.9",
      userAgent: "test",
    });
    expect(first).toMatchObject({ created: true, secretsReplaced: ["clientSecret"] });
    const row = await db.paymentGatewayConfig.findUniqueOrThrow({
      where: { clubId_gateway: { clubId: c.club.id, gateway: "PAYPAL" } },
    });
    expect(row).toMatchObject({ enabled: true, mode: "SANDBOX" });
    expect(row.settings).toEqual({ clientId: "client-abc", webhookId: "WH-123" });
    expect(JSON.stringify(row)).not.toContain(PAYPAL_SECRET);
    expect((await loadPaypalConfig(c.club.id)).clientSecret).toBe(PAYPAL_SECRET);

    // The page's loader: the last 4 characters at most, for the owner and the manager.
    for (const who of [c.owner, c.manager]) {
      await as(who);
      const view = await getPaymentSettings(c.club.slug);
      expect(JSON.stringify(view)).not.toContain(PAYPAL_SECRET);
      expect(JSON.stringify(view)).not.toContain(PAYPAL_SECRET.slice(0, -4));
      expect(view.paypal.clientSecret).toEqual({ state: "set", last4: PAYPAL_SECRET.slice(-4) });
      expect(view.canEditGateways).toBe(who === c.owner);
    }

    // Blank secret: kept; other settings change.
    await as(c.owner);
    const second = await saveGatewayConfig(
      c.club.slug,
      "PAYPAL",
      paypal({ clientSecret: "", clientId: "client-xyz", enabled: "" }),
    );
    expect(second).toMatchObject({ created: false, secretsReplaced: [] });
    expect(second.changed.sort()).toEqual(["clientId", "enabled"]);
    const after = await db.paymentGatewayConfig.findUniqueOrThrow({
      where: { clubId_gateway: { clubId: c.club.id, gateway: "PAYPAL" } },
    });
    expect(after.enabled).toBe(false);
    await db.paymentGatewayConfig.update({ where: { id: after.id }, data: { enabled: true } });
    expect(await loadPaypalConfig(c.club.id)).toMatchObject({
      clientId: "client-xyz",
      clientSecret: PAYPAL_SECRET,
    });

    const audit = await db.auditEvent.findMany({
      where: { clubId: c.club.id, action: "payment.gateway_config.saved" },
    });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actorId === c.owner)).toBe(true);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(PAYPAL_SECRET);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(PAYPAL_SECRET.slice(-8));
  });

  it("needs the secret the first time, and valid ids", async () => {
    const fresh = await newClub();
    await as(fresh.owner);
    const e = await errorOf(
      saveGatewayConfig(fresh.club.slug, "PAYPAL", paypal({ clientSecret: "" })),
    );
    expect(e.fields).toEqual({ clientSecret: "Enter the PayPal client secret." });
    await as(fresh.owner);
    const bad = await errorOf(
      saveGatewayConfig(
        fresh.club.slug,
        "PAYPAL",
        paypal({ clientId: "", webhookId: "has spaces", mode: "TEST", apiBaseUrl: "nope" }),
      ),
    );
    expect(Object.keys(bad.fields).sort()).toEqual(["apiBaseUrl", "clientId", "mode", "webhookId"]);
    expect(await db.paymentGatewayConfig.count({ where: { clubId: fresh.club.id } })).toBe(0);
  });

  it("refuses LIVE credentials outside a production deployment", async () => {
    const fresh = await newClub();
    overrides.DEPLOYMENT_ENV = "staging";
    await as(fresh.owner);
    const e = await errorOf(saveGatewayConfig(fresh.club.slug, "PAYPAL", paypal({ mode: "LIVE" })));
    expect(e.fields.mode).toMatch(/may only be used by a production deployment/);
    await as(fresh.owner);
    const e2 = await errorOf(
      saveGatewayConfig(fresh.club.slug, "PAYBOX", paybox({ mode: "LIVE" })),
    );
    expect(e2.fields.mode).toMatch(/may only be used by a production deployment/);
    expect(await db.paymentGatewayConfig.count({ where: { clubId: fresh.club.id } })).toBe(0);
  });

  it("in production, accepts LIVE but only the gateways' own hosts over https", async () => {
    const fresh = await newClub();
    overrides.DEPLOYMENT_ENV = "production";
    for (const url of [
      "http://127.0.0.1:9999",
      "https://paypal.evil.example",
      "http://api-m.paypal.com",
    ]) {
      await as(fresh.owner);
      const e = await errorOf(
        saveGatewayConfig(fresh.club.slug, "PAYPAL", paypal({ mode: "LIVE", apiBaseUrl: url })),
      );
      expect(e.fields.apiBaseUrl).toMatch(/must be a gateway host in production/);
    }
    await as(fresh.owner);
    const e = await errorOf(
      saveGatewayConfig(
        fresh.club.slug,
        "PAYBOX",
        paybox({ pageUrl: "https://pay.evil.example/cgi", directUrl: "http://localhost:1/x" }),
      ),
    );
    expect(Object.keys(e.fields).sort()).toEqual(["pageUrl"]);
    await as(fresh.owner);
    const e2 = await errorOf(
      saveGatewayConfig(fresh.club.slug, "PAYBOX", paybox({ directUrl: "http://localhost:1/x" })),
    );
    expect(e2.fields.directUrl).toMatch(/must be a gateway host in production/);
    expect(await db.paymentGatewayConfig.count({ where: { clubId: fresh.club.id } })).toBe(0);

    await as(fresh.owner);
    await saveGatewayConfig(
      fresh.club.slug,
      "PAYPAL",
      paypal({ mode: "LIVE", apiBaseUrl: "https://api-m.paypal.com" }),
    );
    const row = await db.paymentGatewayConfig.findUniqueOrThrow({
      where: { clubId_gateway: { clubId: fresh.club.id, gateway: "PAYPAL" } },
    });
    expect(row.mode).toBe("LIVE");
    // Outside production the same local URL is fine for a sandbox configuration (local fakes).
    overrides.DEPLOYMENT_ENV = "staging";
    await as(fresh.owner);
    await saveGatewayConfig(
      fresh.club.slug,
      "PAYPAL",
      paypal({ apiBaseUrl: "http://127.0.0.1:9999" }),
    );
  });

  it("names PAYMENT_CREDENTIALS_KEY when it is missing, and saves nothing", async () => {
    const fresh = await newClub();
    overrides.PAYMENT_CREDENTIALS_KEY = undefined;
    await as(fresh.owner);
    const e = await errorOf(saveGatewayConfig(fresh.club.slug, "PAYPAL", paypal()));
    expect(e.message).toMatch(/PAYMENT_CREDENTIALS_KEY is not set/);
    expect(await db.paymentGatewayConfig.count({ where: { clubId: fresh.club.id } })).toBe(0);
  });

  it("asks for the secrets again when the stored ones cannot be read with the current key", async () => {
    const fresh = await newClub();
    await as(fresh.owner);
    await saveGatewayConfig(fresh.club.slug, "PAYPAL", paypal());
    overrides.PAYMENT_CREDENTIALS_KEY = randomBytes(32).toString("base64");
    await as(fresh.owner);
    const e = await errorOf(
      saveGatewayConfig(fresh.club.slug, "PAYPAL", paypal({ clientSecret: "" })),
    );
    expect(e.fields.clientSecret).toMatch(
      /cannot be read with the current PAYMENT_CREDENTIALS_KEY/,
    );
    await as(fresh.owner);
    expect((await getPaymentSettings(fresh.club.slug)).paypal.clientSecret).toEqual({
      state: "unreadable",
    });
    // Typed again: sealed under the new key.
    await as(fresh.owner);
    await saveGatewayConfig(
      fresh.club.slug,
      "PAYPAL",
      paypal({ clientSecret: "new-secret-1234567" }),
    );
    expect((await loadPaypalConfig(fresh.club.id)).clientSecret).toBe("new-secret-1234567");
  });
});

describe("Paybox settings", () => {
  it("checks the public key with node:crypto, naming the field", async () => {
    const fresh = await newClub();
    for (const pem of ["-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----", EC_PEM]) {
      await as(fresh.owner);
      const e = await errorOf(
        saveGatewayConfig(fresh.club.slug, "PAYBOX", paybox({ publicKeyPem: pem })),
      );
      expect(Object.keys(e.fields)).toEqual(["publicKeyPem"]);
      expect(e.fields.publicKeyPem).toMatch(/not an RSA public key in PEM form/);
    }
    await as(fresh.owner);
    const bad = await errorOf(
      saveGatewayConfig(
        fresh.club.slug,
        "PAYBOX",
        paybox({ site: "123", rang: "x", identifiant: "", hmacSecret: "xyz" }),
      ),
    );
    expect(Object.keys(bad.fields).sort()).toEqual(["hmacSecret", "identifiant", "rang", "site"]);
    expect(await db.paymentGatewayConfig.count({ where: { clubId: fresh.club.id } })).toBe(0);
  });

  it("stores the HMAC and Paybox Direct keys sealed, each kept when left blank", async () => {
    await as(c.owner);
    // An enabled Paybox needs its Paybox Direct key: IPNs are confirmed by a consultation made
    // with it (ADR 014). Refused, naming the field.
    const noKey = await errorOf(saveGatewayConfig(c.club.slug, "PAYBOX", paybox()));
    expect(Object.keys(noKey.fields)).toEqual(["directSecret"]);
    expect(noKey.fields.directSecret).toMatch(/Paybox Direct key \(CLE\)/);

    // Paybox Direct refunds on without its key: refused, naming the field (even switched off).
    await as(c.owner);
    const e = await errorOf(
      saveGatewayConfig(c.club.slug, "PAYBOX", paybox({ enabled: "", directEnabled: "on" })),
    );
    expect(Object.keys(e.fields)).toEqual(["directSecret"]);

    // With its key, refunds by Paybox Direct off: the key verifies IPNs, refunds stay manual.
    await as(c.owner);
    await saveGatewayConfig(c.club.slug, "PAYBOX", paybox({ directSecret: DIRECT_KEY }));
    let cfg = await loadPayboxConfig(c.club.id);
    expect(cfg).toMatchObject({ hmacKeyHex: HMAC, site: "1999888", direct: null });
    expect(cfg.consultation?.key).toBe(DIRECT_KEY);
    expect(cfg.publicKeyPem).toContain("BEGIN PUBLIC KEY");

    await as(c.owner);
    await saveGatewayConfig(c.club.slug, "PAYBOX", paybox({ hmacSecret: "", directEnabled: "on" }));
    cfg = await loadPayboxConfig(c.club.id);
    expect(cfg.hmacKeyHex).toBe(HMAC);
    expect(cfg.direct?.key).toBe(DIRECT_KEY);

    // A new HMAC key, Direct key left blank: the Direct key is kept.
    const newHmac = randomBytes(32).toString("hex").toUpperCase();
    await as(c.owner);
    const r = await saveGatewayConfig(
      c.club.slug,
      "PAYBOX",
      paybox({ hmacSecret: newHmac, directEnabled: "on" }),
    );
    expect(r.secretsReplaced).toEqual(["hmacKeyHex"]);
    cfg = await loadPayboxConfig(c.club.id);
    expect(cfg).toMatchObject({ hmacKeyHex: newHmac, direct: { key: DIRECT_KEY } });

    await as(c.manager);
    const view = await getPaymentSettings(c.club.slug);
    const text = JSON.stringify(view);
    for (const secret of [HMAC, newHmac, DIRECT_KEY]) expect(text).not.toContain(secret);
    expect(view.paybox).toMatchObject({
      configured: true,
      directEnabled: true,
      hmacKey: { state: "set", last4: newHmac.slice(-4) },
      directKey: { state: "set", last4: DIRECT_KEY.slice(-4) },
    });
    const audit = await db.auditEvent.findMany({
      where: { clubId: c.club.id, action: "payment.gateway_config.saved" },
    });
    for (const secret of [HMAC, newHmac, DIRECT_KEY])
      expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(secret);
  });
});

describe("who may change payment settings", () => {
  it("only the owner changes gateways; staff and other clubs do not even see them", async () => {
    const other = await newClub();
    for (const who of [c.manager, c.staff, other.owner]) {
      await as(who);
      expect(await digestOf(saveGatewayConfig(c.club.slug, "PAYPAL", paypal()))).toMatch(
        /^NEXT_HTTP_ERROR_FALLBACK;404/,
      );
    }
    for (const who of [c.staff, other.owner]) {
      await as(who);
      expect(await digestOf(getPaymentSettings(c.club.slug))).toMatch(
        /^NEXT_HTTP_ERROR_FALLBACK;404/,
      );
    }
  });
});

describe("the refund policy", () => {
  it("is saved in minutes from hours, audited, and explained by its values", async () => {
    const fresh = await newClub();
    await as(fresh.manager);
    expect(
      await saveRefundPolicy(
        fresh.club.slug,
        { fullNoticeHours: "48", partialNoticeHours: "1.5", partialPercent: "25" },
        { ip: "203.0.113.7", userAgent: "t" },
      ),
    ).toEqual({ changed: true });
    expect(
      await db.club.findUniqueOrThrow({
        where: { id: fresh.club.id },
        select: {
          refundFullNoticeMinutes: true,
          refundPartialNoticeMinutes: true,
          refundPartialPercent: true,
        },
      }),
    ).toEqual({
      refundFullNoticeMinutes: 2880,
      refundPartialNoticeMinutes: 90,
      refundPartialPercent: 25,
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { clubId: fresh.club.id, action: "club.refund_policy.update" },
    });
    expect(audit.actorId).toBe(fresh.manager);
    expect(audit.details).toMatchObject({
      from: {
        refundFullNoticeMinutes: 1440,
        refundPartialNoticeMinutes: 120,
        refundPartialPercent: 50,
      },
      to: {
        refundFullNoticeMinutes: 2880,
        refundPartialNoticeMinutes: 90,
        refundPartialPercent: 25,
      },
    });
    await as(fresh.manager);
    expect((await getPaymentSettings(fresh.club.slug)).policy).toEqual({
      fullNoticeMinutes: 2880,
      partialNoticeMinutes: 90,
      partialPercent: 25,
    });
    await as(fresh.manager);
    expect(
      await saveRefundPolicy(fresh.club.slug, {
        fullNoticeHours: "48",
        partialNoticeHours: "1,5",
        partialPercent: "25",
      }),
    ).toEqual({ changed: false });
  });

  it("refuses bad values, naming each field, and changes nothing", async () => {
    const fresh = await newClub();
    const tries: Array<[Record<string, string>, string[]]> = [
      [
        { fullNoticeHours: "2", partialNoticeHours: "3", partialPercent: "50" },
        ["partialNoticeHours"],
      ],
      [
        { fullNoticeHours: "24", partialNoticeHours: "2", partialPercent: "101" },
        ["partialPercent"],
      ],
      [
        { fullNoticeHours: "8761", partialNoticeHours: "2", partialPercent: "50" },
        ["fullNoticeHours"],
      ],
      [
        { fullNoticeHours: "a day", partialNoticeHours: "-1", partialPercent: "5.5" },
        ["fullNoticeHours", "partialNoticeHours", "partialPercent"],
      ],
      [{}, ["fullNoticeHours", "partialNoticeHours", "partialPercent"]],
    ];
    for (const [input, fields] of tries) {
      await as(fresh.manager);
      const e = await errorOf(saveRefundPolicy(fresh.club.slug, input));
      expect(Object.keys(e.fields).sort()).toEqual(fields);
    }
    await as(fresh.staff);
    expect(
      await digestOf(
        saveRefundPolicy(fresh.club.slug, {
          fullNoticeHours: "1",
          partialNoticeHours: "0",
          partialPercent: "0",
        }),
      ),
    ).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(
      await db.club.findUniqueOrThrow({
        where: { id: fresh.club.id },
        select: { refundFullNoticeMinutes: true, refundPartialPercent: true },
      }),
    ).toEqual({ refundFullNoticeMinutes: 1440, refundPartialPercent: 50 });
    expect(
      await db.auditEvent.count({
        where: { clubId: fresh.club.id, action: "club.refund_policy.update" },
      }),
    ).toBe(0);
  });
});
