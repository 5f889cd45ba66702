import "server-only";
/**
 * A club's gateway configuration (not a use case: shared by the payment use cases). Non-secret
 * settings are validated JSON; secrets are sealed with AES-256-GCM under PAYMENT_CREDENTIALS_KEY,
 * bound to the club and gateway. Production refuses non-gateway hosts and a LIVE gateway without
 * the key.
 */
import { z } from "zod";
import type { GatewayMode, PaymentGateway } from "@/generated/prisma/client";
import {
  decryptCredentials,
  encryptCredentials,
  parseCredentialsKey,
} from "@/lib/payments/credentials-cipher";
import { PAYPAL_CERT_HOSTS } from "@/lib/payments/paypal-webhook-signature";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

export const PAYPAL_API_BASE: Record<GatewayMode, string> = {
  SANDBOX: "https://api-m.sandbox.paypal.com",
  LIVE: "https://api-m.paypal.com",
};
export const PAYBOX_PAGE_URL: Record<GatewayMode, string> = {
  SANDBOX: "https://preprod-tpeweb.paybox.com/cgi/MYchoix_pagepaiement.cgi",
  LIVE: "https://tpeweb.paybox.com/cgi/MYchoix_pagepaiement.cgi",
};
/** Hosts a configured gateway URL may name in a production deployment. */
export const PAYPAL_API_HOSTS = ["api-m.paypal.com", "api-m.sandbox.paypal.com"];
export const PAYBOX_HOSTS = [
  "preprod-tpeweb.paybox.com",
  "tpeweb.paybox.com",
  "tpeweb1.paybox.com",
];
/** Paybox Direct (PPPS, server to server: the consultation that verifies IPNs, and refunds). */
export const PAYBOX_DIRECT_URL: Record<GatewayMode, string> = {
  SANDBOX: "https://preprod-ppps.paybox.com/PPPS.php",
  LIVE: "https://ppps.paybox.com/PPPS.php",
};
export const PAYBOX_DIRECT_HOSTS = [
  "ppps.paybox.com",
  "ppps1.paybox.com",
  "preprod-ppps.paybox.com",
];

export const PaypalSettings = z.object({
  clientId: z.string().min(1).max(200),
  webhookId: z.string().regex(/^[A-Za-z0-9-]{1,50}$/),
  /** Override of the REST base URL (a local fake in tests; refused in production). */
  apiBaseUrl: z.url().optional(),
});
export const PaypalSecrets = z.object({ clientSecret: z.string().min(1).max(500) });
export const PayboxSettings = z.object({
  site: z.string().regex(/^\d{7}$/),
  rang: z.string().regex(/^\d{2,3}$/),
  identifiant: z.string().regex(/^\d{1,9}$/),
  /** Paybox's public key (PEM) that signs IPNs, as published by Paybox/Verifone. */
  publicKeyPem: z.string().includes("PUBLIC KEY"),
  pageUrl: z.url().optional(),
  /**
   * Refunds sent through Paybox Direct (needs the secret `directKey`); off, refunds are MANUAL.
   * The key itself is needed anyway: IPNs are verified by a Paybox Direct consultation (ADR 014).
   */
  directEnabled: z.boolean().optional(),
  directUrl: z.url().optional(),
});
export const PayboxSecrets = z.object({
  hmacKeyHex: z.string().regex(/^([0-9a-fA-F]{2}){16,}$/),
  /**
   * The Paybox Direct "CLE" (back-office key) of the site: without it no IPN can be verified, so
   * no Paybox payment can be confirmed (ADR 014). Optional here only for configurations stored
   * before that; the admin settings require it.
   */
  directKey: z.string().min(1).max(100).optional(),
});

export type PaypalConfig = {
  clubId: string;
  mode: GatewayMode;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  webhookId: string;
  /** Hosts the webhook certificate may come from; `allowHttpLoopback` only outside production. */
  certHosts: string[];
  allowHttpLoopback: boolean;
};
export type PayboxConfig = {
  clubId: string;
  mode: GatewayMode;
  pageUrl: string;
  site: string;
  rang: string;
  identifiant: string;
  publicKeyPem: string;
  hmacKeyHex: string;
  /** Paybox Direct refunds: null when not enabled or without its key. */
  direct: { url: string; key: string } | null;
  /** Paybox Direct for the consultation of an IPN's transaction: null without the key. */
  consultation: { url: string; key: string } | null;
};

const aad = (clubId: string, gateway: PaymentGateway) => `${clubId}:${gateway}`;

/** A production deployment (DEPLOYMENT_ENV, which defaults to production under NODE_ENV=production). */
export function isProductionDeployment(): boolean {
  return env().DEPLOYMENT_ENV === "production";
}

/** LIVE credentials belong to a production deployment only (a staging copy must not charge cards). */
export function assertModeAllowed(mode: GatewayMode): void {
  if (mode === "LIVE" && !isProductionDeployment())
    throw new AppError(
      "UNPROCESSABLE",
      `LIVE gateway credentials may only be used by a production deployment (DEPLOYMENT_ENV is ${env().DEPLOYMENT_ENV}); use SANDBOX here.`,
    );
}

function key(mode: GatewayMode): Buffer {
  const e = env();
  try {
    return parseCredentialsKey(e.PAYMENT_CREDENTIALS_KEY);
  } catch (err) {
    const live = mode === "LIVE" && isProductionDeployment();
    throw new AppError(
      "UNPROCESSABLE",
      `${(err as Error).message}${live ? " — required in production for a LIVE gateway" : ""}`,
    );
  }
}

/** Seals a gateway's secrets for storage in payment_gateway_config.credentials_ciphertext. */
export function sealGatewaySecrets(
  clubId: string,
  gateway: PaymentGateway,
  mode: GatewayMode,
  secrets: z.infer<typeof PaypalSecrets> | z.infer<typeof PayboxSecrets>,
): string {
  return encryptCredentials(JSON.stringify(secrets), key(mode), aad(clubId, gateway));
}

export function checkHost(url: string, allowed: string[], what: string): void {
  const production = isProductionDeployment();
  const u = new URL(url);
  if (production && (u.protocol !== "https:" || !allowed.includes(u.hostname)))
    throw new AppError("UNPROCESSABLE", `${what} must be a gateway host in production: ${u.host}`);
}

async function row(clubId: string, gateway: PaymentGateway) {
  const r = await db.paymentGatewayConfig.findUnique({
    where: { clubId_gateway: { clubId, gateway } },
    select: { mode: true, enabled: true, settings: true, credentialsCiphertext: true },
  });
  if (!r || !r.enabled)
    throw new AppError("UNPROCESSABLE", `This club does not accept payments by ${gateway}.`);
  return r;
}

export async function loadPaypalConfig(clubId: string): Promise<PaypalConfig> {
  const r = await row(clubId, "PAYPAL");
  assertModeAllowed(r.mode);
  const s = PaypalSettings.parse(r.settings);
  const secrets = PaypalSecrets.parse(
    JSON.parse(decryptCredentials(r.credentialsCiphertext, key(r.mode), aad(clubId, "PAYPAL"))),
  );
  const baseUrl = (s.apiBaseUrl ?? PAYPAL_API_BASE[r.mode]).replace(/\/+$/, "");
  checkHost(baseUrl, PAYPAL_API_HOSTS, "The PayPal API URL");
  const production = isProductionDeployment();
  const certHosts = [...PAYPAL_CERT_HOSTS];
  // Outside production, a sandbox configuration pointing at another API host (the local fake in
  // tests) may also serve the webhook certificate from that host.
  if (!production && r.mode === "SANDBOX" && s.apiBaseUrl) certHosts.push(new URL(baseUrl).host);
  return {
    clubId,
    mode: r.mode,
    baseUrl,
    clientId: s.clientId,
    clientSecret: secrets.clientSecret,
    webhookId: s.webhookId,
    certHosts,
    allowHttpLoopback: !production,
  };
}

export async function loadPayboxConfig(clubId: string): Promise<PayboxConfig> {
  const r = await row(clubId, "PAYBOX");
  assertModeAllowed(r.mode);
  const s = PayboxSettings.parse(r.settings);
  const secrets = PayboxSecrets.parse(
    JSON.parse(decryptCredentials(r.credentialsCiphertext, key(r.mode), aad(clubId, "PAYBOX"))),
  );
  const pageUrl = s.pageUrl ?? PAYBOX_PAGE_URL[r.mode];
  checkHost(pageUrl, PAYBOX_HOSTS, "The Paybox page URL");
  const directUrl = s.directUrl ?? PAYBOX_DIRECT_URL[r.mode];
  if (s.directEnabled || secrets.directKey)
    checkHost(directUrl, PAYBOX_DIRECT_HOSTS, "The Paybox Direct URL");
  return {
    clubId,
    mode: r.mode,
    pageUrl,
    site: s.site,
    rang: s.rang,
    identifiant: s.identifiant,
    publicKeyPem: s.publicKeyPem,
    hmacKeyHex: secrets.hmacKeyHex,
    direct:
      s.directEnabled && secrets.directKey ? { url: directUrl, key: secrets.directKey } : null,
    consultation: secrets.directKey ? { url: directUrl, key: secrets.directKey } : null,
  };
}
