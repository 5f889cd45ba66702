import "server-only";
/**
 * saveGatewayConfig — the club owner configures PayPal or Paybox (ADR 011, 012). OWNER only:
 * these are the club's merchant credentials (managers see the settings, without secrets).
 *
 * Secrets are write-only: a blank secret field keeps the stored one; a new value is sealed with
 * AES-256-GCM under PAYMENT_CREDENTIALS_KEY (server/payments/gateway-config.ts) and never logged,
 * audited or sent back. Refused, naming the field:
 * - LIVE mode outside a production deployment (DEPLOYMENT_ENV ≠ production): live credentials may
 *   only be used by a production deployment;
 * - in a production deployment, a PayPal API / Paybox page / Paybox Direct URL that is not the
 *   gateway's own host over https;
 * - a Paybox public key that node:crypto cannot read as an RSA public key (PEM);
 * - a first configuration without its secret; an enabled Paybox without its Paybox Direct key
 *   (CLE: IPNs are confirmed by a Paybox Direct consultation made with it, ADR 014), or Paybox
 *   Direct refunds switched on without it.
 * Without PAYMENT_CREDENTIALS_KEY nothing is saved and the error names the variable. The audit
 * event lists which settings changed and which secrets were replaced — never a secret.
 *
 *   saveGatewayConfig(club: string, gateway: "PAYPAL" | "PAYBOX", body: unknown, ctx?)
 *     : Promise<{ created: boolean; changed: string[]; secretsReplaced: string[] }>
 */
import { createPublicKey } from "node:crypto";
import type { GatewayMode, PaymentGateway, Prisma } from "@/generated/prisma/client";
import { PayboxGatewayInput, PaypalGatewayInput } from "@/schemas/admin-payments";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import {
  assertModeAllowed,
  checkHost,
  PAYBOX_DIRECT_HOSTS,
  PAYBOX_HOSTS,
  PayboxSecrets,
  PayboxSettings,
  PAYPAL_API_HOSTS,
  PaypalSecrets,
  PaypalSettings,
  sealGatewaySecrets,
} from "@/server/payments/gateway-config";
import { credentialsKeyOrError, openStoredSecrets } from "./gateway-secrets";

/** Re-throws a refusal of gateway-config.ts as an error of one field of the form. */
function onField(field: string, check: () => void): void {
  try {
    check();
  } catch (err) {
    if (err instanceof AppError)
      throw new AppError("BAD_REQUEST", `${field}: ${err.message}`, { [field]: err.message });
    throw err;
  }
}

function fieldError(field: string, message: string): AppError {
  return new AppError("BAD_REQUEST", `${field}: ${message}`, { [field]: message });
}

function checkUrl(field: string, url: string | null, hosts: string[], what: string): void {
  if (url) onField(field, () => checkHost(url, hosts, what));
}

type Prepared = {
  mode: GatewayMode;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Secret name → new value; absent = keep the stored one. */
  newSecrets: Record<string, string>;
  /** Secrets that must exist after the save (stored or new), with the field that provides each. */
  required: Array<{ secret: string; field: string; message: string }>;
};

function preparePaypal(body: unknown): Prepared {
  const input = parseInput(PaypalGatewayInput, body);
  onField("mode", () => assertModeAllowed(input.mode));
  checkUrl("apiBaseUrl", input.apiBaseUrl, PAYPAL_API_HOSTS, "The PayPal API URL");
  const settings = PaypalSettings.parse({
    clientId: input.clientId,
    webhookId: input.webhookId,
    ...(input.apiBaseUrl ? { apiBaseUrl: input.apiBaseUrl } : {}),
  });
  return {
    mode: input.mode,
    enabled: input.enabled,
    settings,
    newSecrets: input.clientSecret ? { clientSecret: input.clientSecret } : {},
    required: [
      { secret: "clientSecret", field: "clientSecret", message: "Enter the PayPal client secret." },
    ],
  };
}

function preparePaybox(body: unknown): Prepared {
  const input = parseInput(PayboxGatewayInput, body);
  onField("mode", () => assertModeAllowed(input.mode));
  checkUrl("pageUrl", input.pageUrl, PAYBOX_HOSTS, "The Paybox page URL");
  checkUrl("directUrl", input.directUrl, PAYBOX_DIRECT_HOSTS, "The Paybox Direct URL");
  let pem: string;
  try {
    const key = createPublicKey(input.publicKeyPem);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    pem = key.export({ type: "spki", format: "pem" }).toString();
  } catch {
    throw fieldError(
      "publicKeyPem",
      "This is not an RSA public key in PEM form (-----BEGIN PUBLIC KEY----- …).",
    );
  }
  const settings = PayboxSettings.parse({
    site: input.site,
    rang: input.rang,
    identifiant: input.identifiant,
    publicKeyPem: pem,
    ...(input.pageUrl ? { pageUrl: input.pageUrl } : {}),
    directEnabled: input.directEnabled,
    ...(input.directUrl ? { directUrl: input.directUrl } : {}),
  });
  const newSecrets: Record<string, string> = {};
  if (input.hmacSecret) newSecrets.hmacKeyHex = input.hmacSecret.toUpperCase();
  if (input.directSecret) newSecrets.directKey = input.directSecret;
  return {
    mode: input.mode,
    enabled: input.enabled,
    settings,
    newSecrets,
    required: [
      { secret: "hmacKeyHex", field: "hmacSecret", message: "Enter the HMAC key." },
      ...(input.enabled
        ? [
            {
              secret: "directKey",
              field: "directSecret",
              message:
                "Enter the Paybox Direct key (CLE): a Paybox payment is confirmed only once Paybox Direct, asked with this key, confirms the transaction is the club's.",
            },
          ]
        : input.directEnabled
          ? [
              {
                secret: "directKey",
                field: "directSecret",
                message: "Enter the Paybox Direct key, or switch Paybox Direct refunds off.",
              },
            ]
          : []),
    ],
  };
}

export async function saveGatewayConfig(
  club: string,
  gateway: PaymentGateway,
  body: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<{ created: boolean; changed: string[]; secretsReplaced: string[] }> {
  const access = await requireClubPermission(club, "configureGateways");
  if (gateway !== "PAYPAL" && gateway !== "PAYBOX")
    throw new AppError("BAD_REQUEST", "Unknown payment gateway.");
  const prepared = gateway === "PAYPAL" ? preparePaypal(body) : preparePaybox(body);
  credentialsKeyOrError();
  const clubId = access.club.id;

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "club" WHERE "id" = ${clubId}::uuid FOR UPDATE`;
    const before = await tx.paymentGatewayConfig.findUnique({
      where: { clubId_gateway: { clubId, gateway } },
      select: { mode: true, enabled: true, settings: true, credentialsCiphertext: true },
    });
    let stored: Record<string, unknown> = {};
    if (before) {
      const opened = openStoredSecrets(clubId, gateway, before.credentialsCiphertext);
      const missing = prepared.required.filter((r) => !(r.secret in prepared.newSecrets));
      if (!opened && missing.length) {
        const fields = Object.fromEntries(
          missing.map((m) => [
            m.field,
            "The stored secret cannot be read with the current PAYMENT_CREDENTIALS_KEY: enter it again.",
          ]),
        );
        throw new AppError(
          "BAD_REQUEST",
          "The stored secrets cannot be read with the current PAYMENT_CREDENTIALS_KEY: enter them again.",
          fields,
        );
      }
      stored = opened ?? {};
    }
    const secrets: Record<string, unknown> = { ...stored, ...prepared.newSecrets };
    const missing = prepared.required.filter(
      (r) => typeof secrets[r.secret] !== "string" || !secrets[r.secret],
    );
    if (missing.length)
      throw new AppError(
        "BAD_REQUEST",
        `Invalid input — ${missing.map((m) => `${m.field}: ${m.message}`).join("; ")}`,
        Object.fromEntries(missing.map((m) => [m.field, m.message])),
      );
    const sealed = sealGatewaySecrets(
      clubId,
      gateway,
      prepared.mode,
      gateway === "PAYPAL" ? PaypalSecrets.parse(secrets) : PayboxSecrets.parse(secrets),
    );
    const settings = prepared.settings as Prisma.InputJsonObject;
    await tx.paymentGatewayConfig.upsert({
      where: { clubId_gateway: { clubId, gateway } },
      create: {
        clubId,
        gateway,
        mode: prepared.mode,
        enabled: prepared.enabled,
        settings,
        credentialsCiphertext: sealed,
      },
      update: {
        mode: prepared.mode,
        enabled: prepared.enabled,
        settings,
        credentialsCiphertext: sealed,
      },
    });

    const old = (before?.settings ?? {}) as Record<string, unknown>;
    const changes: Record<string, Prisma.InputJsonValue> = {};
    const note = (k: string, from: unknown, to: unknown) => {
      if (JSON.stringify(from ?? null) === JSON.stringify(to ?? null)) return;
      // The public key is long: its change is noted, not copied.
      changes[k] =
        k === "publicKeyPem"
          ? "changed"
          : {
              from: (from ?? null) as Prisma.InputJsonValue,
              to: (to ?? null) as Prisma.InputJsonValue,
            };
    };
    note("enabled", before?.enabled, prepared.enabled);
    note("mode", before?.mode, prepared.mode);
    for (const k of new Set([...Object.keys(old), ...Object.keys(prepared.settings)]))
      note(k, old[k], prepared.settings[k]);
    const secretsReplaced = Object.keys(prepared.newSecrets).filter(
      (k) => stored[k] !== prepared.newSecrets[k],
    );
    await recordAuditEvent(
      {
        action: "payment.gateway_config.saved",
        clubId,
        actorId: access.user.userId,
        targetType: "payment_gateway_config",
        targetId: gateway,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: { gateway, created: !before, changed: changes, secretsReplaced },
      },
      tx,
    );
    return { created: !before, changed: Object.keys(changes), secretsReplaced };
  });
}
