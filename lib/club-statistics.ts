/**
 * Pure helpers of the statistics screen (no I/O): how its numbers are written and how the
 * weekday × hour heat map is laid out. The numbers themselves are SQL aggregates
 * (server/admin/statistics/get-club-statistics.ts).
 */
import { WEEKDAY_NAMES } from "@/lib/court-labels";

const oneDecimal = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 1 });

/** Minutes as hours with at most one decimal: 90 → "1.5". */
export function formatHours(minutes: number): string {
  return oneDecimal(minutes / 60);
}

/** A share as a whole percentage, "—" when there is nothing to share: (1, 3) → "33 %". */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : "—";
}

/**
 * A cancellation's notice (negative: after the start) in minutes below two hours, hours below
 * two days, else days: 45 → "45 min", −150 → "−2.5 h", 4320 → "3 days"; null → "—".
 */
export function formatLeadTime(minutes: number | null): string {
  if (minutes === null) return "—";
  const sign = minutes < 0 ? "−" : "";
  const m = Math.abs(minutes);
  if (m < 120) return `${sign}${m} min`;
  if (m < 2880) return `${sign}${formatHours(m)} h`;
  return `${sign}${oneDecimal(m / 1440)} days`;
}

/** Heat levels 0 (nothing booked) to 4 (the busiest cell). */
export const HEAT_LEVELS = 4;

export type HeatmapTable = {
  /** Local starting hours of the columns: 08 to 21 at least, widened to every hour booked. */
  hours: number[];
  /** Monday to Sunday, each with one cell per hour. */
  rows: {
    weekday: number;
    name: string;
    cells: { hour: number; minutes: number; level: number }[];
  }[];
};

/**
 * The heat map as a table: booked minutes per ISO weekday (rows) and local hour (columns), each
 * with its level relative to the busiest cell (rounded up, so any booking shows).
 */
export function heatmapTable(
  heatmap: ReadonlyArray<{ weekday: number; hour: number; bookedMinutes: number }>,
): HeatmapTable {
  const minutes = new Map(heatmap.map((c) => [`${c.weekday}-${c.hour}`, c.bookedMinutes]));
  const first = Math.min(...heatmap.map((c) => c.hour), 8);
  const last = Math.max(...heatmap.map((c) => c.hour), 21);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...heatmap.map((c) => c.bookedMinutes));
  return {
    hours,
    rows: WEEKDAY_NAMES.map((name, i) => ({
      weekday: i + 1,
      name,
      cells: hours.map((hour) => {
        const v = minutes.get(`${i + 1}-${hour}`) ?? 0;
        return { hour, minutes: v, level: v === 0 ? 0 : Math.ceil((v / max) * HEAT_LEVELS) };
      }),
    })),
  };
}
