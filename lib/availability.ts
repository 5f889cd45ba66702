/**
 * What the planning grid offers one viewer, and whether a requested slot lies on the grid. Pure (no
 * I/O): server/bookings/get-availability.ts loads the data and the day grid (lib/planning.ts), this
 * adds, for each free cell, "bookable by you, for these durations" or the reason why not — using
 * the very policy engine (lib/booking-policy.ts, decideSlot) that create-booking runs on the server.
 */
import {
  decideSlot,
  type Decision,
  type PolicyContext,
  type RuleCode,
  type SportRules,
} from "@/lib/booking-policy";
import type { PlanningCell, PlanningCourtColumn, PlanningGrid, PlanningRow } from "@/lib/planning";

/** Policy rules plus the reasons that come before policy: who is asking, and the grid itself. */
export type AvailabilityRule =
  RuleCode | "SIGN_IN" | "NOT_A_MEMBER" | "OUTSIDE_HOURS" | "TOO_SHORT";

/** Why a free cell is not bookable by the viewer; `eligibleAt` is an ISO instant or null. */
export type CellRefusal = { rule: AvailabilityRule; message: string; eligibleAt: string | null };

export type AvailabilityCell =
  | Exclude<PlanningCell, { status: "free" } | { status: "booked" }>
  /** `mine`: the viewer plays in it (as booker or partner); `bookingId` then names it. */
  | (Extract<PlanningCell, { status: "booked" }> & { mine: boolean; bookingId: string | null })
  /** Durations (minutes) the viewer may book starting here, shortest first. */
  | { status: "free"; bookable: true; durations: number[] }
  | { status: "free"; bookable: false; reason: CellRefusal };

export type AvailabilityCourt = PlanningCourtColumn & {
  sport: string;
  /** The club's rules for this court's sport. */
  durations: number[];
  playerCounts: number[];
};

export type AvailabilityRow = Omit<PlanningRow, "cells"> & { cells: AvailabilityCell[] };

export type AvailabilityGrid = Omit<PlanningGrid, "courts" | "rows"> & {
  courts: AvailabilityCourt[];
  rows: AvailabilityRow[];
};

/** Who is looking at the grid. A member carries their policy context (without the sport). */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "not-member" }
  | {
      kind: "member";
      ctx: Omit<PolicyContext, "sport">;
      /** Bookings of the viewer in this club (to mark their cells as theirs). */
      mine: ReadonlyArray<{ id: string; courtId: string; startsAt: Date; endsAt: Date }>;
    };

const SIGN_IN: CellRefusal = { rule: "SIGN_IN", message: "Sign in to book", eligibleAt: null };
const NOT_A_MEMBER: CellRefusal = {
  rule: "NOT_A_MEMBER",
  message: "Only members of this club can book. Ask the club to add you.",
  eligibleAt: null,
};

/**
 * Durations from `allowed` (minutes) that fit from row `rowIndex` of court column `courtIndex`:
 * every row the booking would overlap is free, and the grid has rows up to its end.
 */
export function fittingDurations(
  grid: Pick<PlanningGrid, "rows">,
  courtIndex: number,
  rowIndex: number,
  allowed: ReadonlyArray<number>,
): number[] {
  const start = Date.parse(grid.rows[rowIndex]!.startsAt);
  return [...allowed]
    .sort((a, b) => a - b)
    .filter((minutes) => {
      const end = start + minutes * 60_000;
      for (let k = rowIndex; k < grid.rows.length; k++) {
        const row = grid.rows[k]!;
        if (Date.parse(row.startsAt) >= end) return true;
        if (row.cells[courtIndex]?.status !== "free") return false;
        if (Date.parse(row.endsAt) >= end) return true;
      }
      return false;
    });
}

export type SlotCheck =
  | { ok: true }
  /** The start is not a row boundary of the grid while inside its rows (a malformed request). */
  | { ok: false; kind: "off-grid"; message: string }
  /** Outside the court's hours, or a closure date. */
  | { ok: false; kind: "closed"; message: string };

/**
 * Whether a booking of `durationMinutes` from `startsAt` on a court lies on that court's open
 * grid. The grid is built without occupancy (the exclusion constraint decides that) and without
 * `now` (the policy's IN_PAST rule does). Used by create-booking.
 */
export function checkSlotOnGrid(
  grid: Pick<PlanningGrid, "rows" | "courts" | "slotMinutes">,
  courtId: string,
  startsAt: Date,
  durationMinutes: number,
): SlotCheck {
  const courtIndex = grid.courts.findIndex((c) => c.id === courtId);
  const court = grid.courts[courtIndex];
  const closedMessage = (reason: string | null) =>
    reason ? `The court is closed that day: ${reason}.` : "The court is not open at this time.";
  if (!court) return { ok: false, kind: "closed", message: closedMessage(null) };
  const rowIndex = grid.rows.findIndex((r) => Date.parse(r.startsAt) === startsAt.getTime());
  if (rowIndex === -1) {
    const first = grid.rows[0];
    const last = grid.rows.at(-1);
    const inside =
      first !== undefined &&
      last !== undefined &&
      startsAt.getTime() > Date.parse(first.startsAt) &&
      startsAt.getTime() < Date.parse(last.endsAt);
    return inside
      ? {
          ok: false,
          kind: "off-grid",
          message: `must be the start of a ${grid.slotMinutes}-minute slot of the planning`,
        }
      : { ok: false, kind: "closed", message: closedMessage(court.closedReason) };
  }
  if (fittingDurations(grid, courtIndex, rowIndex, [durationMinutes]).length === 0) {
    return { ok: false, kind: "closed", message: closedMessage(court.closedReason) };
  }
  return { ok: true };
}

function toRefusal(d: Exclude<Decision, { ok: true }>): CellRefusal {
  return { rule: d.rule, message: d.message, eligibleAt: d.eligibleAt?.toISOString() ?? null };
}

/**
 * Adds to each cell of a day grid what the viewer may do. `grid` must have been built with `now`
 * (started slots are "past"). `sports` gives each court's sport and its club rules.
 */
export function buildAvailability(
  grid: PlanningGrid,
  sports: ReadonlyMap<string, { sport: string; rules: SportRules }>,
  viewer: Viewer,
): AvailabilityGrid {
  const fallback: SportRules = { allowedDurations: [], allowedPlayerCounts: [] };
  const courts: AvailabilityCourt[] = grid.courts.map((c) => {
    const s = sports.get(c.id);
    return {
      ...c,
      sport: s?.sport ?? "OTHER",
      durations: [...(s?.rules ?? fallback).allowedDurations].sort((a, b) => a - b),
      playerCounts: [...(s?.rules ?? fallback).allowedPlayerCounts].sort((a, b) => a - b),
    };
  });
  // The policy does not depend on the court beyond its allowed durations: decide each
  // (start, duration) once, not once per court.
  const decisions = new Map<string, Decision>();
  const decide = (startsAt: Date, minutes: number, ctx: PolicyContext): Decision => {
    const key = `${startsAt.getTime()}|${minutes}`;
    let d = decisions.get(key);
    if (!d) {
      d = decideSlot({ startsAt, durationMinutes: minutes }, ctx);
      decisions.set(key, d);
    }
    return d;
  };
  const member = viewer.kind === "member" ? viewer : null;

  const rows: AvailabilityRow[] = grid.rows.map((row, rowIndex) => {
    const rowStart = Date.parse(row.startsAt);
    const rowEnd = Date.parse(row.endsAt);
    const cells = row.cells.map((cell, courtIndex): AvailabilityCell => {
      const court = courts[courtIndex]!;
      if (cell.status === "booked") {
        const mine = member?.mine.find(
          (b) =>
            b.courtId === court.id &&
            b.startsAt.getTime() < rowEnd &&
            b.endsAt.getTime() > rowStart,
        );
        return { ...cell, mine: mine !== undefined, bookingId: mine?.id ?? null };
      }
      if (cell.status !== "free") return cell;
      if (viewer.kind === "anonymous") return { status: "free", bookable: false, reason: SIGN_IN };
      if (viewer.kind === "not-member") {
        return { status: "free", bookable: false, reason: NOT_A_MEMBER };
      }
      const fits = fittingDurations(grid, courtIndex, rowIndex, court.durations);
      if (fits.length === 0) {
        return {
          status: "free",
          bookable: false,
          reason: {
            rule: "TOO_SHORT",
            message:
              court.durations.length === 0
                ? "This court cannot be booked online."
                : `Not enough free time here for a ${court.durations[0]}-minute booking.`,
            eligibleAt: null,
          },
        };
      }
      const ctx: PolicyContext = {
        ...viewer.ctx,
        sport: {
          allowedDurations: court.durations,
          allowedPlayerCounts: court.playerCounts,
        },
      };
      const startsAt = new Date(rowStart);
      const verdicts = fits.map((minutes) => ({ minutes, d: decide(startsAt, minutes, ctx) }));
      const ok = verdicts.filter((v) => v.d.ok).map((v) => v.minutes);
      if (ok.length > 0) return { status: "free", bookable: true, durations: ok };
      const first = verdicts[0]!.d;
      return {
        status: "free",
        bookable: false,
        reason: first.ok ? SIGN_IN : toRefusal(first),
      };
    });
    return { ...row, cells };
  });

  return { ...grid, courts, rows };
}

type FreeCell = Extract<AvailabilityCell, { status: "free" }>;

function freeCells(grid: Pick<AvailabilityGrid, "rows">): FreeCell[] {
  return grid.rows.flatMap((r) => r.cells).filter((c): c is FreeCell => c.status === "free");
}

/**
 * The one rule that stops the viewer from booking anything on this day (e.g. the day is not open
 * for booking yet), when there is one: shown once above the planning grid. Gaps too short for a
 * booking do not count.
 */
export function commonRefusal(grid: Pick<AvailabilityGrid, "rows">): string | null {
  const free = freeCells(grid);
  if (free.some((c) => c.bookable)) return null;
  const reasons = new Set<string>();
  for (const c of free)
    if (!c.bookable && c.reason.rule !== "TOO_SHORT") reasons.add(c.reason.message);
  return reasons.size === 1 ? [...reasons][0]! : null;
}

/**
 * How many free slots the viewer may book, and for the others each refusal message with the
 * number of slots it stops, in the order the grid first gives them ("test as member").
 */
export function summarizeFreeSlots(grid: Pick<AvailabilityGrid, "rows">): {
  free: number;
  bookable: number;
  refusals: { message: string; count: number }[];
} {
  const free = freeCells(grid);
  const counts = new Map<string, number>();
  for (const c of free)
    if (!c.bookable) counts.set(c.reason.message, (counts.get(c.reason.message) ?? 0) + 1);
  return {
    free: free.length,
    bookable: free.filter((c) => c.bookable).length,
    refusals: [...counts].map(([message, count]) => ({ message, count })),
  };
}

/** "Court 1, 10:00–11:30": the court and local times of one of the viewer's bookings on the grid. */
export function bookedSummary(grid: AvailabilityGrid, bookingId: string): string | null {
  for (const [i, court] of grid.courts.entries()) {
    const cells = grid.rows
      .map((r) => r.cells[i])
      .filter(
        (c): c is Extract<AvailabilityCell, { status: "booked" }> =>
          c?.status === "booked" && c.bookingId === bookingId,
      );
    const first = cells[0];
    const last = cells.at(-1);
    if (first && last) return `${court.name}, ${first.from}–${last.until}`;
  }
  return null;
}

/** The words of a cell in the manager's "test as member" table (the member's own view). */
export function testAsMemberCellText(cell: AvailabilityCell): string {
  switch (cell.status) {
    case "free":
      return cell.bookable
        ? `Bookable (${cell.durations.join(", ")} min)`
        : `No: ${cell.reason.message}`;
    case "booked":
      return cell.mine ? "Their booking" : "Booked";
    case "blocked":
      return `Blocked: ${cell.title}`;
    case "closed":
      return cell.reason ? `Closed: ${cell.reason}` : "Closed";
    case "past":
      return "Past";
  }
}
