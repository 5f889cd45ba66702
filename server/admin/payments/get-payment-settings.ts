import "server-only";
/**
 * getPaymentSettings — what the payment settings screen shows (MANAGER and above): the club's
 * refund policy and each gateway's non-secret settings. Secrets never leave the server: each is
 * described as "not set", "stored (last 4 characters)" or "stored but unreadable with the current
 * key". Only an OWNER may change the gateways (`canEditGateways`); managers may change the refund
 * policy.
 *
 *   getPaymentSettings(club: string) : Promise<PaymentSettingsView>
 */
import type { GatewayMode } from "@/generated/prisma/client";
import { can } from "@/lib/auth/capabilities";
import { requireClubPermission, type ClubAccess } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { openStoredSecrets, secretHint, type SecretHint } from "./gateway-secrets";

export type PaymentSettingsView = {
  access: ClubAccess;
  currency: string;
  canEditGateways: boolean;
  deploymentEnv: string;
  credentialsKeySet: boolean;
  policy: { fullNoticeMinutes: number; partialNoticeMinutes: number; partialPercent: number };
  paypal: {
    configured: boolean;
    enabled: boolean;
    mode: GatewayMode;
    clientId: string;
    webhookId: string;
    apiBaseUrl: string;
    clientSecret: SecretHint;
  };
  paybox: {
    configured: boolean;
    enabled: boolean;
    mode: GatewayMode;
    site: string;
    rang: string;
    identifiant: string;
    publicKeyPem: string;
    pageUrl: string;
    directEnabled: boolean;
    directUrl: string;
    hmacKey: SecretHint;
    directKey: SecretHint;
  };
};

const str = (v: unknown) => (typeof v === "string" ? v : "");

export async function getPaymentSettings(slug: string): Promise<PaymentSettingsView> {
  const access = await requireClubPermission(slug, "viewPaymentSettings", {
    next: `/c/${slug}/admin/settings/payments`,
  });
  const clubId = access.club.id;
  const [club, rows] = await Promise.all([
    db.club.findUniqueOrThrow({
      where: { id: clubId },
      select: {
        currency: true,
        refundFullNoticeMinutes: true,
        refundPartialNoticeMinutes: true,
        refundPartialPercent: true,
      },
    }),
    db.paymentGatewayConfig.findMany({
      where: { clubId },
      select: {
        gateway: true,
        mode: true,
        enabled: true,
        settings: true,
        credentialsCiphertext: true,
      },
    }),
  ]);
  const paypalRow = rows.find((r) => r.gateway === "PAYPAL");
  const payboxRow = rows.find((r) => r.gateway === "PAYBOX");
  const ps = (paypalRow?.settings ?? {}) as Record<string, unknown>;
  const bs = (payboxRow?.settings ?? {}) as Record<string, unknown>;
  const paypalSecrets = paypalRow
    ? openStoredSecrets(clubId, "PAYPAL", paypalRow.credentialsCiphertext)
    : null;
  const payboxSecrets = payboxRow
    ? openStoredSecrets(clubId, "PAYBOX", payboxRow.credentialsCiphertext)
    : null;
  const e = env();
  return {
    access,
    currency: club.currency,
    canEditGateways: can(access.role, "configureGateways"),
    deploymentEnv: e.DEPLOYMENT_ENV,
    credentialsKeySet: !!e.PAYMENT_CREDENTIALS_KEY,
    policy: {
      fullNoticeMinutes: club.refundFullNoticeMinutes,
      partialNoticeMinutes: club.refundPartialNoticeMinutes,
      partialPercent: club.refundPartialPercent,
    },
    paypal: {
      configured: !!paypalRow,
      enabled: paypalRow?.enabled ?? false,
      mode: paypalRow?.mode ?? "SANDBOX",
      clientId: str(ps.clientId),
      webhookId: str(ps.webhookId),
      apiBaseUrl: str(ps.apiBaseUrl),
      clientSecret: secretHint(paypalSecrets, "clientSecret", !!paypalRow),
    },
    paybox: {
      configured: !!payboxRow,
      enabled: payboxRow?.enabled ?? false,
      mode: payboxRow?.mode ?? "SANDBOX",
      site: str(bs.site),
      rang: str(bs.rang),
      identifiant: str(bs.identifiant),
      publicKeyPem: str(bs.publicKeyPem),
      pageUrl: str(bs.pageUrl),
      directEnabled: bs.directEnabled === true,
      directUrl: str(bs.directUrl),
      hmacKey: secretHint(payboxSecrets, "hmacKeyHex", !!payboxRow),
      directKey: secretHint(payboxSecrets, "directKey", !!payboxRow),
    },
  };
}
