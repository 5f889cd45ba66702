import "server-only";
import QRCode from "qrcode";
import { db } from "@/server/db";
import { requireUser } from "@/server/auth/require-user";
import { newTotpSecret, totpUri } from "@/server/auth/totp";

export type TotpEnrolment =
  | { state: "enabled"; recoveryCodesLeft: number }
  | { state: "pending"; secret: string; qrDataUrl: string; uri: string };

/**
 * The two-factor page's data: when 2FA is off, a secret waiting for its confirmation code (kept
 * across reloads so that a scanned QR code stays valid), with its QR code as inline SVG.
 */
export async function startTotpEnrolment(): Promise<TotpEnrolment> {
  const me = await requireUser({ next: "/account/two-factor" });
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.userId },
    select: {
      totpSecret: true,
      totpEnabledAt: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (user.totpEnabledAt) return { state: "enabled", recoveryCodesLeft: user._count.recoveryCodes };
  let secret = user.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await db.user.updateMany({
      where: { id: me.userId, totpEnabledAt: null, totpSecret: null },
      data: { totpSecret: secret },
    });
    secret = (
      await db.user.findUniqueOrThrow({ where: { id: me.userId }, select: { totpSecret: true } })
    ).totpSecret!;
  }
  const uri = totpUri(secret, me.email);
  const qrDataUrl = await QRCode.toDataURL(uri, {
    margin: 2,
    errorCorrectionLevel: "M",
    width: 192,
  });
  return { state: "pending", secret, qrDataUrl, uri };
}
