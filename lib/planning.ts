/**
 * The day planning grid: courts × time slots of one local calendar day, computed in the club's
 * time zone. Pure (no I/O): the use case loads the data, this decides what each cell shows.
 *
 * Rows step through *elapsed* time from the earliest opening to the latest closing among the
 * courts that day, so the 23-hour and 25-hour DST days come out right: on the day clocks go back a
 * club open around the clock shows 02:00 twice (told apart by their UTC offset), on the day they
 * go forward 02:00–02:59 simply does not exist.
 */
import {
  dayBounds,
  formatMinuteOfDay,
  isoWeekday,
  localTime,
  utcOffsetLabel,
  zonedInstant,
  type LocalDate,
} from "@/lib/time";

export type BlockKind = "LESSON" | "TOURNAMENT" | "MAINTENANCE" | "OTHER";

/** Club-wide opening hours of one ISO weekday (1 = Monday … 7 = Sunday), local minutes. */
export interface WeekdayHours {
  weekday: number;
  opensMinute: number;
  closesMinute: number;
}

/** A court's own hours for one weekday, replacing the club's; `closed` = not open that weekday. */
export interface CourtHoursOverride {
  courtId: string;
  weekday: number;
  closed: boolean;
  opensMinute: number | null;
  closesMinute: number | null;
}

/** A closure date of the whole club (courtId null) or of one court. */
export interface ClosureDate {
  courtId: string | null;
  date: LocalDate;
  reason: string;
}

export interface PlanningCourtInput {
  id: string;
  name: string;
}

/** What occupies a court and when (one row of court_occupancy). Ranges are half-open. */
export type OccupancyInterval = {
  courtId: string;
  startsAt: Date;
  endsAt: Date;
} & ({ kind: "booking" } | { kind: "block"; title: string; blockKind: BlockKind });

export interface PlanningInput {
  timeZone: string;
  slotMinutes: number;
  date: LocalDate;
  openingHours: ReadonlyArray<WeekdayHours>;
  courtOverrides: ReadonlyArray<CourtHoursOverride>;
  closures: ReadonlyArray<ClosureDate>;
  /** Active courts, in display order. */
  courts: ReadonlyArray<PlanningCourtInput>;
  occupancy: ReadonlyArray<OccupancyInterval>;
  /** When given, free slots that have already started are shown as past. */
  now?: Date;
}

export type PlanningCell =
  | { status: "free" }
  | { status: "past" }
  /** Outside the court's hours (reason null) or a closure date (reason given). */
  | { status: "closed"; reason: string | null }
  /** `from`/`until`: local HH:mm of the booking; `partial`: it covers only part of the slot. */
  | { status: "booked"; from: string; until: string; partial: boolean }
  | {
      status: "blocked";
      title: string;
      blockKind: BlockKind;
      from: string;
      until: string;
      partial: boolean;
    };

export interface PlanningRow {
  /** ISO 8601 instants (UTC) of the slot, half-open. */
  startsAt: string;
  endsAt: string;
  /** Local wall-clock time of the slot's start, HH:mm. */
  label: string;
  /** UTC offset at the slot's start, e.g. "UTC+2". */
  offset: string;
  /** The same wall-clock label occurs twice this day (clocks went back): show the offset. */
  repeatedLabel: boolean;
  /** One cell per court, in the order of `courts`. */
  cells: PlanningCell[];
}

export interface PlanningCourtColumn {
  id: string;
  name: string;
  /** The court's hours that day in local time (HH:mm), or null when it does not open. */
  hours: { opens: string; closes: string } | null;
  /** Reason of a closure date covering this court (club-wide or its own). */
  closedReason: string | null;
}

export interface PlanningGrid {
  date: LocalDate;
  timeZone: string;
  slotMinutes: number;
  /** Length of the local day in minutes: 1380, 1440 or 1500 around DST changes. */
  dayMinutes: number;
  /** Set when the UTC offset changes during the day (DST), e.g. { before: "UTC+2", after: "UTC+1" }. */
  offsetChange: { before: string; after: string } | null;
  /** Reason of a club-wide closure on this date. */
  clubClosure: string | null;
  courts: PlanningCourtColumn[];
  /** Empty when no court opens that day. */
  rows: PlanningRow[];
}

const MINUTE = 60_000;

interface Window {
  opensMinute: number;
  closesMinute: number;
  start: number;
  end: number;
}

function courtWindow(input: PlanningInput, courtId: string, weekday: number): Window | null {
  const override = input.courtOverrides.find((o) => o.courtId === courtId && o.weekday === weekday);
  let opens: number;
  let closes: number;
  if (override) {
    if (override.closed || override.opensMinute === null || override.closesMinute === null)
      return null;
    opens = override.opensMinute;
    closes = override.closesMinute;
  } else {
    const club = input.openingHours.find((h) => h.weekday === weekday);
    if (!club) return null;
    opens = club.opensMinute;
    closes = club.closesMinute;
  }
  if (!(opens < closes)) return null;
  const start = zonedInstant(input.date, opens, input.timeZone).getTime();
  const end = zonedInstant(input.date, closes, input.timeZone).getTime();
  // A window that collapses inside a DST gap (e.g. 02:00–02:30 on the spring-forward day).
  if (!(start < end)) return null;
  return { opensMinute: opens, closesMinute: closes, start, end };
}

export function buildDayPlanning(input: PlanningInput): PlanningGrid {
  const { timeZone, date } = input;
  if (!Number.isInteger(input.slotMinutes) || input.slotMinutes < 5 || input.slotMinutes > 240) {
    throw new RangeError(
      `slotMinutes must be an integer between 5 and 240, got ${input.slotMinutes}`,
    );
  }
  const slotMs = input.slotMinutes * MINUTE;
  const weekday = isoWeekday(date);
  const bounds = dayBounds(date, timeZone);
  const dayMinutes = Math.round((bounds.end.getTime() - bounds.start.getTime()) / MINUTE);
  const offsetBefore = utcOffsetLabel(bounds.start, timeZone);
  const offsetAfter = utcOffsetLabel(new Date(bounds.end.getTime() - 1), timeZone);

  const closuresToday = input.closures.filter((c) => c.date === date);
  const clubClosure = closuresToday.find((c) => c.courtId === null)?.reason ?? null;

  const windows = new Map<string, Window | null>();
  const courts: PlanningCourtColumn[] = input.courts.map((court) => {
    const w = courtWindow(input, court.id, weekday);
    windows.set(court.id, w);
    const own = closuresToday.find((c) => c.courtId === court.id)?.reason ?? null;
    return {
      id: court.id,
      name: court.name,
      hours: w
        ? { opens: formatMinuteOfDay(w.opensMinute), closes: formatMinuteOfDay(w.closesMinute) }
        : null,
      closedReason: clubClosure ?? own,
    };
  });

  // Occupancy per court, sorted by start.
  const byCourt = new Map<string, OccupancyInterval[]>();
  for (const o of input.occupancy) {
    if (!(o.startsAt.getTime() < o.endsAt.getTime())) continue;
    const list = byCourt.get(o.courtId) ?? [];
    list.push(o);
    byCourt.set(o.courtId, list);
  }
  for (const list of byCourt.values())
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  const open = [...windows.values()].filter((w): w is Window => w !== null);
  const rows: PlanningRow[] = [];
  if (open.length > 0) {
    const first = Math.min(...open.map((w) => w.start));
    const last = Math.max(...open.map((w) => w.end));
    const now = input.now?.getTime();
    for (let t = first; t < last; t += slotMs) {
      const rowStart = t;
      const rowEnd = t + slotMs;
      const startDate = new Date(rowStart);
      const cells = courts.map((court): PlanningCell => {
        const occ = (byCourt.get(court.id) ?? []).filter(
          (o) => o.startsAt.getTime() < rowEnd && o.endsAt.getTime() > rowStart,
        );
        // Blocks tell more (they carry a title); two items can share a slot only partially.
        const hit = occ.find((o) => o.kind === "block") ?? occ[0];
        if (hit) {
          const from = localTime(hit.startsAt, timeZone);
          const until = localTime(hit.endsAt, timeZone);
          const partial = hit.startsAt.getTime() > rowStart || hit.endsAt.getTime() < rowEnd;
          return hit.kind === "block"
            ? {
                status: "blocked",
                title: hit.title,
                blockKind: hit.blockKind,
                from,
                until,
                partial,
              }
            : { status: "booked", from, until, partial };
        }
        if (court.closedReason !== null) return { status: "closed", reason: court.closedReason };
        const w = windows.get(court.id) ?? null;
        if (!w || rowStart < w.start || rowEnd > w.end) return { status: "closed", reason: null };
        if (now !== undefined && rowStart < now) return { status: "past" };
        return { status: "free" };
      });
      rows.push({
        startsAt: startDate.toISOString(),
        endsAt: new Date(rowEnd).toISOString(),
        label: localTime(startDate, timeZone),
        offset: utcOffsetLabel(startDate, timeZone),
        repeatedLabel: false,
        cells,
      });
    }
    const seen = new Map<string, number>();
    for (const r of rows) seen.set(r.label, (seen.get(r.label) ?? 0) + 1);
    for (const r of rows) r.repeatedLabel = (seen.get(r.label) ?? 0) > 1;
  }

  return {
    date,
    timeZone,
    slotMinutes: input.slotMinutes,
    dayMinutes,
    offsetChange:
      offsetBefore === offsetAfter ? null : { before: offsetBefore, after: offsetAfter },
    clubClosure,
    courts,
    rows,
  };
}
