import "server-only";

/**
 * Every throttle of the app in one table. Windows are fixed; counters live in PostgreSQL
 * (rate_limit). Tests may lower a limit for the duration of a test.
 */
export const LIMITS = {
  /** Failed sign-ins (passwords and second factors) from one client address. */
  loginFailuresPerIp: { limit: 20, windowMs: 15 * 60_000 },
  /** Every sign-in attempt from one client address, successful or not. */
  loginAttemptsPerIp: { limit: 100, windowMs: 15 * 60_000 },
  /** Failed sign-ins across the whole site: a credential-stuffing burst from many addresses. */
  loginFailuresGlobal: { limit: 500, windowMs: 60_000 },
  /** Registrations from one client address. */
  registrationsPerIp: { limit: 10, windowMs: 60 * 60_000 },
  /** Requests for emails a stranger can trigger (reset, verification resend) from one address. */
  emailRequestsPerIp: { limit: 20, windowMs: 60 * 60_000 },
  /** Membership invitations one club may send (single and imported), counted from its rows. */
  invitationsPerClub: { limit: 2000, windowMs: 24 * 60 * 60_000 },
  /**
   * Payment gateway notifications (PayPal webhook, Paybox IPN) from one address, before anything
   * is stored: far above a gateway's real rate, low enough that a flood of forged messages cannot
   * fill payment_event (docs/decisions/016-hostile-input.md).
   */
  webhooksPerIp: { limit: 120, windowMs: 60_000 },
  /** CSP violation reports from one address, on top of the global storage limits. */
  cspReportsPerIp: { limit: 120, windowMs: 60_000 },
  /** Wrong codes on one pending two-factor sign-in before it is abandoned. */
  twoFactorAttemptsPerChallenge: { limit: 5, windowMs: 0 },
} satisfies Record<string, { limit: number; windowMs: number }>;
