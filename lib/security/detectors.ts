/**
 * Every detector of threat detection, with its threshold (docs/decisions/023-threat-detection.md,
 * docs/operations.md "Threat detection"). The worker (server/security/evaluate-security-signals.ts)
 * counts each detector's events per source over its window; when the count reaches the threshold
 * an alert opens, and it stays open (its count growing) until the source has been quiet for
 * QUIET_MS. Pure and client-safe: the admin pages and the operator command name detectors from here.
 */
import type { DbSignalKind } from "@/lib/security/db-log";

export type Severity = "low" | "medium" | "high" | "critical";
export type Scope = "club" | "deployment";

export type Detector = {
  title: string;
  severity: Severity;
  scope: Scope;
  /** Events counted over this window… */
  windowMs: number;
  /** …open an alert at this many… */
  threshold: number;
  /** …from at least this many distinct targets (accounts, addresses), when set. */
  minDistinct?: number;
  /** What the source is, for the email and the admin page. */
  sourceLabel: string;
  /** What one event is, in plain words. */
  explain: string;
};

const MIN = 60_000;
const HOUR = 60 * MIN;

/** An alert closes when its source has been quiet this long; a later burst opens a new one. */
export const QUIET_MS = 30 * MIN;
/** While an alert lasts, at most one digest email this often. */
export const DIGEST_EVERY_MS = 15 * MIN;
/** At most this many start emails per recipient scope per DIGEST_EVERY_MS; the rest wait. */
export const START_EMAILS_PER_WINDOW = 10;

const dbDetector = (title: string, severity: Severity, explain: string): Detector => ({
  title,
  severity,
  scope: "deployment",
  windowMs: HOUR,
  threshold: 1,
  sourceLabel: "Database role and address",
  explain,
});

export const DETECTORS = {
  "login.account_burst": {
    title: "Many failed sign-ins on one account",
    severity: "high",
    scope: "deployment",
    windowMs: 15 * MIN,
    threshold: 20,
    sourceLabel: "Account",
    explain: "a failed or refused sign-in (wrong password or code, throttled, account locked)",
  },
  "login.address_burst": {
    title: "Failed sign-ins on many accounts from one address",
    severity: "high",
    scope: "deployment",
    windowMs: 15 * MIN,
    threshold: 30,
    minDistinct: 10,
    sourceLabel: "Address",
    explain: "a failed or refused sign-in from this address",
  },
  "login.site_wide": {
    title: "Failed sign-ins across the whole site",
    severity: "high",
    scope: "deployment",
    windowMs: 15 * MIN,
    threshold: 300,
    minDistinct: 20,
    sourceLabel: "Site",
    explain: "a failed or refused sign-in, from any of many addresses",
  },
  "login.success_after_failures": {
    title: "Successful sign-in after many failures",
    severity: "critical",
    scope: "deployment",
    windowMs: HOUR,
    threshold: 1,
    sourceLabel: "Account",
    explain: "a successful sign-in after at least 10 failures on the account in the hour before",
  },
  probe: {
    title: "Injection or scanning probes",
    severity: "high",
    scope: "deployment",
    windowMs: 10 * MIN,
    threshold: 5,
    sourceLabel: "Address",
    explain:
      "a request whose address or form carried an SQL-injection, script-injection or path-traversal pattern, or asked for a scanner's path",
  },
  "admin.staff_role_granted": {
    title: "Owner or manager role granted",
    severity: "medium",
    scope: "club",
    windowMs: HOUR,
    threshold: 1,
    sourceLabel: "Granted by",
    explain: "a member made owner or manager, or invited as one",
  },
  "admin.gateway_changed": {
    title: "Payment gateway settings changed",
    severity: "high",
    scope: "club",
    windowMs: HOUR,
    threshold: 1,
    sourceLabel: "Changed by",
    explain: "the club's PayPal or Paybox settings or credentials saved",
  },
  "admin.mass_export": {
    title: "Many member exports",
    severity: "high",
    scope: "club",
    windowMs: HOUR,
    threshold: 6,
    sourceLabel: "Exported by",
    explain: "an export of the member list (more than 5 an hour by one person is unusual)",
  },
  "admin.mass_cancellation": {
    title: "Many bookings cancelled by staff",
    severity: "medium",
    scope: "club",
    windowMs: HOUR,
    threshold: 20,
    sourceLabel: "Cancelled by",
    explain: "a booking cancelled by staff (directly or by a block)",
  },
  "db.unknown_role": dbDetector(
    "Database connection by an unknown role",
    "critical",
    "a connection to the database by a role that is neither the app's nor the owner's",
  ),
  "db.superuser_remote": dbDetector(
    "Superuser or backup role over the network",
    "critical",
    "a connection as the superuser or pgBackRest's role that did not come through the database host's local socket",
  ),
  "db.app_unexpected": dbDetector(
    "App role used from an unexpected place",
    "critical",
    "a connection as the app role from an address that is not an application host, or by a program that is not the app",
  ),
  "db.owner_outside_migration": dbDetector(
    "Owner role used outside a migration",
    "high",
    "a connection as the schema owner that is not the migration runner on an operator host",
  ),
  "db.auth_refused": dbDetector(
    "Database connection refused",
    "high",
    "a connection the database refused (wrong password, unknown role, or an address it does not accept)",
  ),
  "db.privilege_denied": dbDetector(
    "Permission denied to the app role",
    "high",
    "a statement of the app role refused for lack of privilege (the app never tries these)",
  ),
  "db.unexpected_error": dbDetector(
    "Database error the app never causes",
    "high",
    "a syntax error or invalid input reaching SQL from the app role: input injected into a query, or a probe of one",
  ),
} as const satisfies Record<string, Detector> & Record<DbSignalKind, Detector>;

export type DetectorKind = keyof typeof DETECTORS;

export function isDetectorKind(kind: string): kind is DetectorKind {
  return Object.hasOwn(DETECTORS, kind);
}

/** The one-line summary of an alert (email subject, admin list, operator command). */
export function alertSummary(kind: DetectorKind, source: string, count: number): string {
  const d: Detector = DETECTORS[kind];
  const times = count === 1 ? "1 event" : `${count} events`;
  return `${d.title}: ${source.slice(0, 160)} (${times})`.slice(0, 400);
}

export type AlertMailState = {
  count: number;
  emailsSent: number;
  emailedCount: number;
  lastEmailAt: Date | null;
  closedAt: Date | null;
};

/**
 * Which email an alert is due: the start email once, then a digest when it grew and the last
 * email is at least DIGEST_EVERY_MS old (an attacker cannot make us flood anyone); a closed alert
 * that grew since its last email gets a last digest.
 */
export function emailDue(a: AlertMailState, now: Date): "start" | "digest" | null {
  if (a.emailsSent === 0) return "start";
  if (a.count <= a.emailedCount) return null;
  if (!a.lastEmailAt || now.getTime() - a.lastEmailAt.getTime() >= DIGEST_EVERY_MS) return "digest";
  return null;
}
