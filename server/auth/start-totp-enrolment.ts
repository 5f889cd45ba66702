import "server-only";
import QRCode from "qrcode";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { requireUser } from "@/server/auth/require-user";
import { newTotpSecret, readTotpSecret, sealTotpSecretFor, totpUri } from "@/server/auth/totp";

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
  // A pending secret that no longer opens (another TWO_FACTOR_KEY) is replaced by a new one.
  let stored = user.totpSecret;
  let secret = stored ? (await readTotpSecret(db, me.userId, stored))?.secret : undefined;
  if (!secret) {
    await db.user.updateMany({
      where: { id: me.userId, totpEnabledAt: null, totpSecret: stored },
      data: { totpSecret: sealTotpSecretFor(me.userId, newTotpSecret()) },
    });
    stored = (
      await db.user.findUniqueOrThrow({ where: { id: me.userId }, select: { totpSecret: true } })
    ).totpSecret;
    secret = stored ? (await readTotpSecret(db, me.userId, stored))?.secret : undefined;
    if (!secret) throw new AppError("CONFLICT", "Reload the page to start again.");
  }
  const uri = totpUri(secret, me.email);
  const qrDataUrl = await QRCode.toDataURL(uri, {
    margin: 2,
    errorCorrectionLevel: "M",
    width: 192,
  });
  return { state: "pending", secret, qrDataUrl, uri };
}
