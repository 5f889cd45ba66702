import "server-only";
import { enqueueEmail, type MailTx } from "@/server/mail/enqueue-email";
import { appUrl } from "@/server/auth/auth-settings";
import type { RequestContext } from "@/server/auth/request-context";

/**
 * Every security email of the accounts work goes through here, into the outbox within the
 * caller's transaction (category "security": essential, never unsubscribable).
 */
type Recipient = { id: string; email: string; name: string; locale?: string };

export async function sendVerificationEmail(
  tx: MailTx,
  user: Recipient,
  token: string,
): Promise<void> {
  await enqueueEmail(tx, {
    to: user.email,
    template: "verify-email",
    data: {
      name: user.name,
      verifyUrl: appUrl(`/verify?token=${token}`),
      expiresInMinutes: 24 * 60,
    },
    category: "account",
    userId: user.id,
  });
}

export async function sendPasswordResetEmail(
  tx: MailTx,
  user: Recipient,
  token: string,
): Promise<void> {
  await enqueueEmail(tx, {
    to: user.email,
    template: "password-reset",
    data: { name: user.name, resetUrl: appUrl(`/reset?token=${token}`), expiresInMinutes: 30 },
    category: "security",
    userId: user.id,
  });
}

export async function sendLockoutEmail(
  tx: MailTx,
  user: Recipient,
  token: string,
  lockedUntil: Date,
  failedAttempts: number,
): Promise<void> {
  await enqueueEmail(tx, {
    to: user.email,
    template: "lockout-notice",
    data: {
      name: user.name,
      unlockUrl: appUrl(`/unlock?token=${token}`),
      lockedUntil: lockedUntil.toISOString(),
      failedAttempts,
    },
    category: "security",
    userId: user.id,
  });
}

export async function sendNewDeviceEmail(
  tx: MailTx,
  user: Recipient,
  ctx: RequestContext,
  at: Date,
): Promise<void> {
  await enqueueEmail(tx, {
    to: user.email,
    template: "new-device-sign-in",
    data: {
      name: user.name,
      at: at.toISOString(),
      device: describeUserAgent(ctx.userAgent),
      ...(ctx.ip ? { ip: ctx.ip } : {}),
      securityUrl: appUrl("/account"),
    },
    category: "security",
    userId: user.id,
  });
}

export type AccountNoticeKind =
  | "password-changed"
  | "two-factor-enabled"
  | "two-factor-disabled"
  | "recovery-code-used"
  | "email-change-requested"
  | "email-changed"
  | "confirm-new-email"
  | "registration-attempt";

/** A notice rendered by server/mail/templates/account-notice.ts (category "security"). */
export async function sendAccountNotice(
  tx: MailTx,
  to: { email: string; userId: string; name: string },
  kind: AccountNoticeKind,
  extra: { ip?: string | null; newEmail?: string; url?: string } = {},
): Promise<void> {
  await enqueueEmail(tx, {
    to: to.email,
    template: "account-notice",
    data: {
      kind,
      name: to.name,
      at: new Date().toISOString(),
      ...(extra.ip ? { ip: extra.ip } : {}),
      ...(extra.newEmail ? { newEmail: extra.newEmail } : {}),
      url: extra.url ?? appUrl("/account"),
    },
    category: "security",
    userId: to.userId,
  });
}

/** "Firefox on Linux"-style summary of a user agent, for humans. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return (browser ?? os ?? ua).slice(0, 200);
}
