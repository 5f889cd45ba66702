import "server-only";
import type { AlertTableRow } from "@/lib/security-alerts-table";
import { db } from "@/server/db";
import { notFoundError } from "@/server/errors";

export const ALL_ALERTS_LIMIT = 1000;

/**
 * Every security alert of the deployment, for the operator (`npm run security:alerts`): the
 * deployment's own and every club's, newest last seen first (at most 1000). Not a club screen:
 * whoever runs it already holds the database's credentials, so it asks no capability.
 * Filters: not yet acknowledged only (`open`), one club's only (`club`, its slug; an unknown
 * slug is "Club not found."), seen since a moment (`since`).
 */
export async function listAllSecurityAlerts(
  filter: { open?: boolean; club?: string | null; since?: Date | null } = {},
): Promise<AlertTableRow[]> {
  let clubId: string | undefined;
  if (filter.club) {
    const club = await db.club.findUnique({ where: { slug: filter.club }, select: { id: true } });
    if (!club) throw notFoundError("Club");
    clubId = club.id;
  }
  const alerts = await db.securityAlert.findMany({
    where: {
      ...(clubId ? { clubId } : {}),
      ...(filter.open ? { acknowledgedAt: null } : {}),
      ...(filter.since ? { lastSeen: { gte: filter.since } } : {}),
    },
    orderBy: [{ lastSeen: "desc" }, { id: "desc" }],
    take: ALL_ALERTS_LIMIT,
    select: {
      lastSeen: true,
      severity: true,
      kind: true,
      source: true,
      count: true,
      closedAt: true,
      acknowledgedAt: true,
      summary: true,
      club: { select: { slug: true } },
    },
  });
  return alerts.map(({ club, ...a }) => ({ ...a, club: club?.slug ?? null }));
}
