import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { can } from "@/lib/auth/capabilities";
import { evidenceLines } from "@/lib/security-alerts-page";
import { SecurityAlertListQuery, type AlertFilter } from "@/schemas/security-alerts";
import { requireClubPermission, type ClubAccess } from "@/server/auth/require-user";
import { db } from "@/server/db";

export const SECURITY_ALERTS_PAGE_SIZE = 50;

export type SecurityAlertRow = {
  id: string;
  kind: string;
  severity: string;
  summary: string;
  source: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  closedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { name: string; email: string } | null;
  acknowledgementNote: string | null;
  /** The evidence as "key: value" lines (the detector stores it free of secrets). */
  evidence: string[];
};

export type SecurityAlertsPage = {
  access: ClubAccess;
  state: AlertFilter;
  page: number;
  hasNext: boolean;
  /** Whether the caller may acknowledge (acknowledgeSecurityAlerts). */
  canAcknowledge: boolean;
  rows: SecurityAlertRow[];
};

const WHERE_STATE: Record<AlertFilter, Prisma.SecurityAlertWhereInput> = {
  open: { acknowledgedAt: null },
  acknowledged: { acknowledgedAt: { not: null } },
  all: {},
};

/**
 * The club's security alerts, newest last seen first, 50 a page: only the alerts of this club
 * (never another club's, never the deployment's own, which are the operator's: scripts/security.ts).
 * Filter (query string, anything malformed ignored): not yet acknowledged (the default),
 * acknowledged, or all. Managers and owners.
 */
export async function listSecurityAlerts(
  slug: string,
  query: unknown,
): Promise<SecurityAlertsPage> {
  const access = await requireClubPermission(slug, "viewSecurityAlerts", {
    next: `/c/${slug}/admin/security`,
  });
  const { state, page } = SecurityAlertListQuery.parse(query ?? {});
  const alerts = await db.securityAlert.findMany({
    where: { clubId: access.club.id, ...WHERE_STATE[state] },
    orderBy: [{ lastSeen: "desc" }, { id: "desc" }],
    skip: (page - 1) * SECURITY_ALERTS_PAGE_SIZE,
    take: SECURITY_ALERTS_PAGE_SIZE + 1,
    select: {
      id: true,
      kind: true,
      severity: true,
      summary: true,
      source: true,
      firstSeen: true,
      lastSeen: true,
      count: true,
      evidence: true,
      closedAt: true,
      acknowledgedAt: true,
      acknowledgementNote: true,
      acknowledgedByUser: { select: { name: true, email: true } },
    },
  });
  return {
    access,
    state,
    page,
    hasNext: alerts.length > SECURITY_ALERTS_PAGE_SIZE,
    canAcknowledge: can(access.role, "acknowledgeSecurityAlerts"),
    rows: alerts.slice(0, SECURITY_ALERTS_PAGE_SIZE).map((a) => ({
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      summary: a.summary,
      source: a.source,
      firstSeen: a.firstSeen.toISOString(),
      lastSeen: a.lastSeen.toISOString(),
      count: a.count,
      closedAt: a.closedAt?.toISOString() ?? null,
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: a.acknowledgedByUser,
      acknowledgementNote: a.acknowledgementNote,
      evidence: evidenceLines(a.evidence),
    })),
  };
}
