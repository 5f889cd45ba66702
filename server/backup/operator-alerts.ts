import "server-only";
import type { Problem } from "@/lib/backup/backup-policy";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";

export type AlertResult = { emailed: string[]; throttled: string[]; cleared: string[] };

/**
 * Tells the operator about `problems` (the whole current set for the keys under `scope`): one
 * email through the outbox listing every condition not reported within the throttle window;
 * conditions of the scope that are gone are marked cleared. Conditions are keyed (e.g.
 * `repo2:wal-stale`), so a lasting condition is reported once per window, not at every pass.
 */
export async function reportProblems(options: {
  scope: string;
  problems: Problem[];
  now: Date;
  throttleMs: number;
  operatorEmail: string;
  deployment: string;
}): Promise<AlertResult> {
  const { problems, now, throttleMs } = options;
  return db.$transaction(async (tx) => {
    const open = await tx.operatorAlert.findMany({
      where: { key: { startsWith: options.scope }, clearedAt: null },
    });
    const current = new Set(problems.map((p) => p.key));
    const cleared = open.filter((a) => !current.has(a.key)).map((a) => a.key);
    if (cleared.length) {
      await tx.operatorAlert.updateMany({
        where: { key: { in: cleared } },
        data: { clearedAt: now },
      });
    }
    const known = new Map(
      (await tx.operatorAlert.findMany({ where: { key: { in: [...current] } } })).map((a) => [
        a.key,
        a,
      ]),
    );
    const emailed: Problem[] = [];
    const throttled: string[] = [];
    for (const p of problems) {
      const prior = known.get(p.key);
      const recentlySent = prior && now.getTime() - prior.lastSentAt.getTime() < throttleMs;
      if (recentlySent) {
        throttled.push(p.key);
        // Still the same condition: keep it open (it may have been cleared and come back).
        await tx.operatorAlert.update({
          where: { key: p.key },
          data: {
            summary: p.summary,
            clearedAt: null,
            ...(prior.clearedAt ? { raisedAt: now } : {}),
          },
        });
        continue;
      }
      await tx.operatorAlert.upsert({
        where: { key: p.key },
        create: { key: p.key, summary: p.summary, raisedAt: now, lastSentAt: now },
        update: {
          summary: p.summary,
          lastSentAt: now,
          clearedAt: null,
          ...(!prior || prior.clearedAt ? { raisedAt: now } : {}),
        },
      });
      emailed.push(p);
    }
    if (emailed.length) {
      await enqueueEmail(tx, {
        to: options.operatorEmail,
        template: "operator-alert",
        category: "security",
        data: {
          title: emailed[0]!.summary.slice(0, 120),
          problems: emailed.map((p) => p.summary),
          at: now.toISOString(),
          deployment: options.deployment,
          throttleMinutes: Math.round(throttleMs / 60_000),
        },
      });
    }
    return { emailed: emailed.map((p) => p.key), throttled, cleared };
  });
}
