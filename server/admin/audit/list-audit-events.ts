import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { addDays, dayBounds } from "@/lib/time";
import { AuditFilterInput } from "@/schemas/admin-reports";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: string;
};

export type AuditPage = {
  timeZone: string;
  filters: AuditFilterInput;
  rows: AuditRow[];
  page: number;
  hasNext: boolean;
  /** Actions seen in this club, for the filter's list. */
  actions: string[];
};

/**
 * The club's audit log (read-only: the app has no way to edit or delete an event, and the
 * database refuses it). Filters: action (exact, or a prefix ending with "."), actor (email or
 * id), dates in the club's time zone. Managers and owners only; only this club's events.
 */
export async function listAuditEvents(slug: string, raw: unknown): Promise<AuditPage> {
  const access = await requireClubPermission(slug, "viewAuditLog", {
    next: `/c/${slug}/admin/audit`,
  });
  const f = parseInput(AuditFilterInput, raw);
  const { id: clubId, timeZone } = access.club;

  let actorIds: string[] | null = null;
  if (f.actor) {
    const users = await db.user.findMany({
      where: /^[0-9a-f-]{36}$/i.test(f.actor)
        ? { id: f.actor }
        : { email: { contains: f.actor, mode: "insensitive" } },
      select: { id: true },
      take: 100,
    });
    actorIds = users.map((u) => u.id);
  }
  const where: Prisma.AuditEventWhereInput = {
    clubId,
    ...(f.action
      ? f.action.endsWith(".")
        ? { action: { startsWith: f.action } }
        : { action: f.action }
      : {}),
    ...(actorIds ? { actorId: { in: actorIds } } : {}),
    ...(f.from || f.to
      ? {
          at: {
            ...(f.from ? { gte: dayBounds(f.from, timeZone).start } : {}),
            ...(f.to ? { lt: dayBounds(addDays(f.to, 1), timeZone).start } : {}),
          },
        }
      : {}),
  };
  const [events, actions] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE + 1,
      select: {
        id: true,
        at: true,
        action: true,
        actorId: true,
        targetType: true,
        targetId: true,
        ip: true,
        userAgent: true,
        details: true,
      },
    }),
    db.auditEvent.groupBy({ by: ["action"], where: { clubId }, orderBy: { action: "asc" } }),
  ]);
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const ids = [...new Set(page.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const actors = new Map(
    (
      await db.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, email: true },
      })
    ).map((u) => [u.id, u]),
  );
  return {
    timeZone,
    filters: f,
    page: f.page,
    hasNext: events.length > AUDIT_PAGE_SIZE,
    actions: actions.map((a) => a.action),
    rows: page.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      action: e.action,
      actor: e.actorId ? (actors.get(e.actorId) ?? null) : null,
      actorId: e.actorId,
      targetType: e.targetType,
      targetId: e.targetId,
      ip: e.ip,
      userAgent: e.userAgent,
      details: JSON.stringify(e.details),
    })),
  };
}
