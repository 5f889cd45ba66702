/**
 * The operator's view of the security alerts (`npm run security:alerts`, scripts/security.ts):
 * its flags and the aligned table it prints. Pure; tested next to it.
 */

export type AlertsCommand = {
  /** Only the alerts nobody acknowledged yet. */
  open: boolean;
  /** Only this club's alerts (its slug). */
  club: string | null;
  /** Only the alerts seen within this many milliseconds. */
  sinceMs: number | null;
};

export const ALERTS_USAGE =
  "usage: npm run security:alerts [-- --open] [--club <slug>] [--since <n>m|<n>h|<n>d]";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The command's flags, or a message naming the flag that is wrong. */
export function parseAlertsArgs(
  args: ReadonlyArray<string>,
): { ok: true; command: AlertsCommand } | { ok: false; message: string } {
  const command: AlertsCommand = { open: false, club: null, sinceMs: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg];
    const value = () => inline ?? args[++i];
    if (flag === "--open") {
      if (inline !== undefined) return { ok: false, message: "--open takes no value" };
      command.open = true;
    } else if (flag === "--club") {
      const slug = value();
      if (!slug || !SLUG.test(slug))
        return { ok: false, message: `--club needs a club's slug, e.g. --club demo` };
      command.club = slug;
    } else if (flag === "--since") {
      const text = value();
      const m = text ? /^([1-9][0-9]{0,5})([mhd])$/.exec(text) : null;
      if (!m)
        return {
          ok: false,
          message: `--since needs a duration like 30m, 12h or 7d (got ${text ?? "nothing"})`,
        };
      command.sinceMs = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    } else return { ok: false, message: `unknown flag ${flag}: ${ALERTS_USAGE}` };
  }
  return { ok: true, command };
}

export type AlertTableRow = {
  lastSeen: Date;
  severity: string;
  kind: string;
  /** The club's slug, or null for an alert of the deployment. */
  club: string | null;
  source: string;
  count: number;
  closedAt: Date | null;
  acknowledgedAt: Date | null;
  summary: string;
};

/** An alert's state in one word: acknowledged, quiet (closed by the detector) or active. */
export function alertStateWord(a: Pick<AlertTableRow, "closedAt" | "acknowledgedAt">): string {
  return a.acknowledgedAt ? "acknowledged" : a.closedAt ? "quiet" : "active";
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")}Z`;
/** One line a cell: a summary or source never breaks the table. */
const cell = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");

/**
 * The alerts as an aligned table, one line each in the order given: last seen (UTC), severity,
 * kind, scope (the club's slug or "deployment"), source, count, state and summary.
 */
export function formatAlertTable(rows: ReadonlyArray<AlertTableRow>): string {
  if (rows.length === 0) return "No security alerts.";
  const header = ["LAST SEEN", "SEVERITY", "KIND", "SCOPE", "SOURCE", "COUNT", "STATE", "SUMMARY"];
  const lines = rows.map((r) => [
    utc(r.lastSeen),
    r.severity,
    cell(r.kind),
    r.club ?? "deployment",
    cell(r.source),
    String(r.count),
    alertStateWord(r),
    cell(r.summary),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const COUNT = header.indexOf("COUNT");
  const render = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === cells.length - 1 ? c : i === COUNT ? c.padStart(widths[i]!) : c.padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  return [render(header), ...lines.map(render)].join("\n");
}
