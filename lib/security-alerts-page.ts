/**
 * The decisions of the security alerts screen (app/c/[club]/admin/security/page.tsx): the words
 * and colours of each severity, the filter links, an alert's state in words, its evidence as
 * key-value text, and the notices after an action. Pure and client-safe; tested next to it.
 */
import { localTime, todayIn } from "@/lib/time";
import { ALERT_FILTERS, type AlertFilter } from "@/schemas/security-alerts";

export type Severity = "low" | "medium" | "high" | "critical";

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

const SEVERITY_CLASSES: Record<Severity, string> = {
  low: "border-slate-400 bg-slate-100 text-slate-900",
  medium: "border-amber-400 bg-amber-50 text-amber-900",
  high: "border-orange-500 bg-orange-50 text-orange-900",
  critical: "border-red-600 bg-red-50 text-red-900",
};

const isSeverity = (s: string): s is Severity => s in SEVERITY_LABELS;

/** The severity in words ("High"); an unknown value is shown as stored. */
export function severityLabel(severity: string): string {
  return isSeverity(severity) ? SEVERITY_LABELS[severity] : severity;
}

/** The Tailwind classes of a severity's badge (border, background, text). */
export function severityClass(severity: string): string {
  return isSeverity(severity) ? SEVERITY_CLASSES[severity] : SEVERITY_CLASSES.low;
}

export const FILTER_LABELS: Record<AlertFilter, string> = {
  open: "Not acknowledged",
  acknowledged: "Acknowledged",
  all: "All",
};

/** The list's address for a filter and page (page 1 and the default filter are left out). */
export function alertsPageHref(slug: string, state: AlertFilter, page = 1): string {
  const q = new URLSearchParams();
  if (state !== "open") q.set("state", state);
  if (page > 1) q.set("page", String(page));
  const query = q.toString();
  return `/c/${slug}/admin/security${query ? `?${query}` : ""}`;
}

/** The filter links above the list, the current one marked. */
export function filterLinks(
  slug: string,
  current: AlertFilter,
): Array<{ label: string; href: string; current: boolean }> {
  return ALERT_FILTERS.map((f) => ({
    label: FILTER_LABELS[f],
    href: alertsPageHref(slug, f),
    current: f === current,
  }));
}

export const EMPTY_TEXT: Record<AlertFilter, string> = {
  open: "No security alert waits for acknowledgement. Nothing suspicious has been detected, or every alert has been looked at.",
  acknowledged: "No security alert has been acknowledged yet.",
  all: "No security alert has been raised for this club.",
};

/** A moment as the club reads it: "2026-12-04 18:30". */
export function clubDateTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${todayIn(timeZone, at)} ${localTime(at, timeZone)}`;
}

export type AlertStateView = {
  closedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { name: string; email: string } | null;
  acknowledgementNote: string | null;
};

/**
 * An alert's state in words: still active (the detector keeps seeing it), quiet (the detector
 * closed it: nothing new for a while), or acknowledged by someone with their note.
 */
export function alertState(
  a: AlertStateView,
  timeZone: string,
): { label: string; detail: string | null } {
  if (a.acknowledgedAt) {
    const who = a.acknowledgedBy
      ? `${a.acknowledgedBy.name} (${a.acknowledgedBy.email})`
      : "a former member";
    return {
      label: "Acknowledged",
      detail: `by ${who} on ${clubDateTime(a.acknowledgedAt, timeZone)}: ${a.acknowledgementNote ?? ""}`,
    };
  }
  if (a.closedAt)
    return { label: "Quiet", detail: `Nothing new since ${clubDateTime(a.closedAt, timeZone)}.` };
  return { label: "Active", detail: "Still being detected." };
}

const MAX_VALUE = 300;

function valueText(v: unknown): string {
  const text =
    v === null || v === undefined
      ? "—"
      : typeof v === "string"
        ? v
        : typeof v === "number" || typeof v === "boolean"
          ? String(v)
          : Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")
            ? v.join(", ")
            : JSON.stringify(v);
  // One line a value: evidence is data, never layout.
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_VALUE ? `${line.slice(0, MAX_VALUE - 1)}…` : line;
}

/**
 * An alert's evidence (a JSON object the detector wrote, already free of secrets) as
 * "key: value" lines sorted by key (PostgreSQL's jsonb keeps no order of its own); anything but
 * an object is shown as one value.
 */
export function evidenceLines(evidence: unknown): string[] {
  if (evidence === null || evidence === undefined) return [];
  if (typeof evidence !== "object" || Array.isArray(evidence)) return [valueText(evidence)];
  return Object.entries(evidence as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}: ${valueText(v)}`);
}

/** The notices shown after an action sent the manager back to the list. */
export const NOTICES: Record<string, string> = {
  acknowledged: "Alert acknowledged. Your note is kept with it and in the audit log.",
};
