import "server-only";
/**
 * listBlocks — the club's blocks from a date on (upcoming by default), grouped by series, for the
 * admin blocks screen and the dashboard. STAFF and above.
 *
 *   listBlocks(club: string, query?: { from?: Date; limit?: number }): Promise<BlockListItem[]>
 */
import type { BlockKind } from "@/generated/prisma/client";
import { localTime, todayIn } from "@/lib/time";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

export type BlockListItem = {
  id: string;
  seriesId: string | null;
  kind: BlockKind;
  title: string;
  courtName: string | null;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  /** Occurrences of the series from this one on (1 for a one-off block). */
  remainingInSeries: number;
};

export async function listBlocks(
  club: string,
  query: { from?: Date; limit?: number } = {},
): Promise<BlockListItem[]> {
  const access = await requireClubPermission(club, "manageBlocks");
  const zone = access.club.timeZone;
  const from = query.from ?? new Date();
  const rows = await db.block.findMany({
    where: { clubId: access.club.id, endsAt: { gt: from } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: Math.min(query.limit ?? 200, 500),
    select: {
      id: true,
      seriesId: true,
      kind: true,
      title: true,
      startsAt: true,
      endsAt: true,
      court: { select: { name: true } },
    },
  });
  const seriesIds = [...new Set(rows.map((r) => r.seriesId).filter((s): s is string => !!s))];
  const counts = seriesIds.length
    ? await db.block.groupBy({
        by: ["seriesId"],
        where: { clubId: access.club.id, seriesId: { in: seriesIds }, endsAt: { gt: from } },
        _count: { _all: true },
      })
    : [];
  const remaining = new Map(counts.map((c) => [c.seriesId, c._count._all]));
  const seen = new Map<string, number>();
  return rows.map((r) => {
    let left = 1;
    if (r.seriesId) {
      const before = seen.get(r.seriesId) ?? 0;
      seen.set(r.seriesId, before + 1);
      left = (remaining.get(r.seriesId) ?? 1) - before;
    }
    return {
      id: r.id,
      seriesId: r.seriesId,
      kind: r.kind,
      title: r.title,
      courtName: r.court?.name ?? null,
      date: todayIn(zone, r.startsAt),
      start: localTime(r.startsAt, zone),
      end: localTime(r.endsAt, zone),
      startsAt: r.startsAt.toISOString(),
      remainingInSeries: left,
    };
  });
}
