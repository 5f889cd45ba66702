import { describe, expect, it } from "vitest";
import {
  buildDayPlanning,
  type OccupancyInterval,
  type PlanningGrid,
  type PlanningInput,
} from "@/lib/planning";

const PARIS = "Europe/Paris";
const ALL_WEEK = (opens: number, closes: number) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: opens, closesMinute: closes }));
/** The demo club's hours: weekdays 08–22, weekends 08–20. */
const DEMO_HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  opensMinute: 8 * 60,
  closesMinute: weekday <= 5 ? 22 * 60 : 20 * 60,
}));
const COURTS = [
  { id: "c1", name: "Court 1" },
  { id: "c2", name: "Court 2" },
  { id: "p2", name: "Padel 2" },
];

function grid(overrides: Partial<PlanningInput> = {}): PlanningGrid {
  return buildDayPlanning({
    timeZone: PARIS,
    slotMinutes: 30,
    date: "2026-06-16", // a Tuesday, UTC+2
    openingHours: DEMO_HOURS,
    courtOverrides: [],
    closures: [],
    courts: COURTS,
    occupancy: [],
    ...overrides,
  });
}

function booking(courtId: string, startsAt: string, endsAt: string): OccupancyInterval {
  return { courtId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), kind: "booking" };
}

function block(
  courtId: string,
  startsAt: string,
  endsAt: string,
  title = "Clay court maintenance",
): OccupancyInterval {
  return {
    courtId,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    kind: "block",
    title,
    blockKind: "MAINTENANCE",
  };
}

/** The cell of a court at a row label (the first row with that label). */
function cell(g: PlanningGrid, label: string, courtId: string) {
  const row = g.rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row ${label}`);
  const i = g.courts.findIndex((c) => c.id === courtId);
  if (i < 0) throw new Error(`no court ${courtId}`);
  return row.cells[i];
}

function statuses(g: PlanningGrid, courtId: string): string[] {
  const i = g.courts.findIndex((c) => c.id === courtId);
  return g.rows.map((r) => `${r.label} ${r.cells[i]!.status}`);
}

describe("an ordinary day", () => {
  const g = grid();

  it("has one row per 30 minutes from opening to closing, in local time", () => {
    expect(g.rows).toHaveLength(28);
    expect(g.rows[0]).toMatchObject({
      label: "08:00",
      offset: "UTC+2",
      startsAt: "2026-06-16T06:00:00.000Z",
      endsAt: "2026-06-16T06:30:00.000Z",
      repeatedLabel: false,
    });
    expect(g.rows.at(-1)).toMatchObject({ label: "21:30", endsAt: "2026-06-16T20:00:00.000Z" });
    expect(g.dayMinutes).toBe(1440);
    expect(g.offsetChange).toBeNull();
  });

  it("keeps courts in the given order with their hours, one cell per court", () => {
    expect(g.courts.map((c) => c.name)).toEqual(["Court 1", "Court 2", "Padel 2"]);
    expect(g.courts[0]!.hours).toEqual({ opens: "08:00", closes: "22:00" });
    for (const row of g.rows) expect(row.cells).toHaveLength(3);
    expect(g.rows.every((r) => r.cells.every((c) => c.status === "free"))).toBe(true);
  });

  it("uses the weekday's hours (weekend closes at 20:00)", () => {
    const sat = grid({ date: "2026-06-20" });
    expect(sat.rows).toHaveLength(24);
    expect(sat.rows.at(-1)!.label).toBe("19:30");
  });

  it("supports other slot lengths", () => {
    expect(
      grid({ slotMinutes: 60 })
        .rows.map((r) => r.label)
        .slice(0, 3),
    ).toEqual(["08:00", "09:00", "10:00"]);
    expect(grid({ slotMinutes: 15 }).rows).toHaveLength(56);
  });

  it("refuses a nonsensical slot length", () => {
    expect(() => grid({ slotMinutes: 0 })).toThrow(RangeError);
    expect(() => grid({ slotMinutes: 7.5 })).toThrow(RangeError);
  });

  it("has no rows when no court opens that weekday", () => {
    const g2 = grid({ openingHours: DEMO_HOURS.filter((h) => h.weekday !== 2) });
    expect(g2.rows).toEqual([]);
    expect(g2.courts.every((c) => c.hours === null)).toBe(true);
  });

  it("computes the weekday from the local date, also far from UTC", () => {
    // Tuesday 16 June in Auckland (UTC+12); only Tuesday has hours.
    const g2 = grid({
      timeZone: "Pacific/Auckland",
      openingHours: [{ weekday: 2, opensMinute: 9 * 60, closesMinute: 10 * 60 }],
    });
    expect(g2.rows.map((r) => r.label)).toEqual(["09:00", "09:30"]);
    expect(g2.rows[0]!.startsAt).toBe("2026-06-15T21:00:00.000Z");
  });
});

describe("per-court hours", () => {
  const weekdays = [1, 2, 3, 4, 5];
  const padelLong = weekdays.map((weekday) => ({
    courtId: "p2",
    weekday,
    closed: false,
    opensMinute: 7 * 60,
    closesMinute: 23 * 60,
  }));

  it("widens the grid to the earliest opening and latest closing among courts", () => {
    const g = grid({ courtOverrides: padelLong });
    expect(g.rows[0]!.label).toBe("07:00");
    expect(g.rows.at(-1)!.label).toBe("22:30");
    expect(g.rows).toHaveLength(32);
    expect(g.courts[2]!.hours).toEqual({ opens: "07:00", closes: "23:00" });
  });

  it("marks the other courts closed outside their own hours", () => {
    const g = grid({ courtOverrides: padelLong });
    expect(cell(g, "07:00", "c1")).toEqual({ status: "closed", reason: null });
    expect(cell(g, "07:30", "c2")).toEqual({ status: "closed", reason: null });
    expect(cell(g, "07:00", "p2")).toEqual({ status: "free" });
    expect(cell(g, "08:00", "c1")).toEqual({ status: "free" });
    expect(cell(g, "21:30", "c1")).toEqual({ status: "free" });
    expect(cell(g, "22:00", "c1")).toEqual({ status: "closed", reason: null });
    expect(cell(g, "22:30", "p2")).toEqual({ status: "free" });
  });

  it("applies only on the weekdays it names (Saturday keeps the club's hours)", () => {
    const g = grid({ date: "2026-06-20", courtOverrides: padelLong });
    expect(g.rows[0]!.label).toBe("08:00");
    expect(g.courts[2]!.hours).toEqual({ opens: "08:00", closes: "20:00" });
  });

  it("can close one court for a weekday", () => {
    const g = grid({
      courtOverrides: [
        { courtId: "c2", weekday: 2, closed: true, opensMinute: null, closesMinute: null },
      ],
    });
    expect(g.courts[1]!.hours).toBeNull();
    expect(statuses(g, "c2").every((s) => s.endsWith("closed"))).toBe(true);
    expect(statuses(g, "c1").every((s) => s.endsWith("free"))).toBe(true);
  });

  it("can narrow one court's hours", () => {
    const g = grid({
      courtOverrides: [
        { courtId: "c1", weekday: 2, closed: false, opensMinute: 10 * 60, closesMinute: 12 * 60 },
      ],
    });
    expect(g.rows).toHaveLength(28);
    expect(statuses(g, "c1").filter((s) => s.endsWith("free"))).toEqual([
      "10:00 free",
      "10:30 free",
      "11:00 free",
      "11:30 free",
    ]);
  });

  it("shows a slot only partly inside a court's hours as closed", () => {
    const g = grid({
      courtOverrides: [
        {
          courtId: "c1",
          weekday: 2,
          closed: false,
          opensMinute: 8 * 60 + 15,
          closesMinute: 22 * 60,
        },
      ],
    });
    expect(cell(g, "08:00", "c1")).toEqual({ status: "closed", reason: null });
    expect(cell(g, "08:30", "c1")).toEqual({ status: "free" });
  });
});

describe("closure dates", () => {
  it("closes every court on a club-wide closure, with its reason", () => {
    const g = grid({
      closures: [{ courtId: null, date: "2026-06-16", reason: "Club championship dinner" }],
    });
    expect(g.clubClosure).toBe("Club championship dinner");
    expect(g.rows).toHaveLength(28);
    for (const row of g.rows) {
      for (const c of row.cells)
        expect(c).toEqual({ status: "closed", reason: "Club championship dinner" });
    }
    expect(g.courts.every((c) => c.closedReason === "Club championship dinner")).toBe(true);
  });

  it("closes one court on its own closure", () => {
    const g = grid({ closures: [{ courtId: "c2", date: "2026-06-16", reason: "Resurfacing" }] });
    expect(g.clubClosure).toBeNull();
    expect(cell(g, "09:00", "c2")).toEqual({ status: "closed", reason: "Resurfacing" });
    expect(cell(g, "09:00", "c1")).toEqual({ status: "free" });
    expect(g.courts[1]!.closedReason).toBe("Resurfacing");
  });

  it("ignores closures of other dates", () => {
    const g = grid({
      closures: [
        { courtId: null, date: "2026-06-15", reason: "Yesterday" },
        { courtId: "c1", date: "2026-06-17", reason: "Tomorrow" },
      ],
    });
    expect(g.clubClosure).toBeNull();
    expect(g.rows.every((r) => r.cells.every((c) => c.status === "free"))).toBe(true);
  });

  it("still shows what occupies a court on a closure date", () => {
    const g = grid({
      closures: [{ courtId: null, date: "2026-06-16", reason: "Holiday" }],
      occupancy: [booking("c1", "2026-06-16T08:00:00Z", "2026-06-16T09:00:00Z")],
    });
    expect(cell(g, "10:00", "c1")).toMatchObject({ status: "booked" });
    expect(cell(g, "11:00", "c1")).toEqual({ status: "closed", reason: "Holiday" });
  });
});

describe("bookings and blocks", () => {
  it("marks every slot of a booking spanning several slots, and nothing else", () => {
    // 10:00–11:30 local = 08:00–09:30 UTC.
    const g = grid({ occupancy: [booking("c1", "2026-06-16T08:00:00Z", "2026-06-16T09:30:00Z")] });
    expect(statuses(g, "c1").filter((s) => !s.endsWith("free"))).toEqual([
      "10:00 booked",
      "10:30 booked",
      "11:00 booked",
    ]);
    expect(cell(g, "10:00", "c1")).toEqual({
      status: "booked",
      from: "10:00",
      until: "11:30",
      partial: false,
    });
    expect(cell(g, "09:30", "c1")).toEqual({ status: "free" });
    expect(cell(g, "11:30", "c1")).toEqual({ status: "free" });
    expect(statuses(g, "c2").every((s) => s.endsWith("free"))).toBe(true);
  });

  it("marks slots a booking covers only partly, as partial", () => {
    // 10:15–10:45 local.
    const g = grid({ occupancy: [booking("c1", "2026-06-16T08:15:00Z", "2026-06-16T08:45:00Z")] });
    expect(cell(g, "10:00", "c1")).toEqual({
      status: "booked",
      from: "10:15",
      until: "10:45",
      partial: true,
    });
    expect(cell(g, "10:30", "c1")).toEqual({
      status: "booked",
      from: "10:15",
      until: "10:45",
      partial: true,
    });
    expect(cell(g, "09:30", "c1")).toEqual({ status: "free" });
    expect(cell(g, "11:00", "c1")).toEqual({ status: "free" });
  });

  it("treats ranges as half-open: a booking ending at 10:00 leaves the 10:00 slot free", () => {
    const g = grid({
      occupancy: [
        booking("c1", "2026-06-16T07:00:00Z", "2026-06-16T08:00:00Z"),
        booking("c2", "2026-06-16T08:30:00Z", "2026-06-16T09:00:00Z"),
      ],
    });
    expect(cell(g, "09:30", "c1")).toMatchObject({ status: "booked" });
    expect(cell(g, "10:00", "c1")).toEqual({ status: "free" });
    expect(cell(g, "10:00", "c2")).toEqual({ status: "free" });
    expect(cell(g, "10:30", "c2")).toMatchObject({ status: "booked", partial: false });
    expect(cell(g, "11:00", "c2")).toEqual({ status: "free" });
  });

  it("shows a block with its title and kind", () => {
    const g = grid({ occupancy: [block("c1", "2026-06-16T06:00:00Z", "2026-06-16T08:00:00Z")] });
    expect(cell(g, "08:00", "c1")).toEqual({
      status: "blocked",
      title: "Clay court maintenance",
      blockKind: "MAINTENANCE",
      from: "08:00",
      until: "10:00",
      partial: false,
    });
    expect(statuses(g, "c1").filter((s) => s.endsWith("blocked"))).toHaveLength(4);
  });

  it("prefers the block when a booking and a block share a slot", () => {
    const g = grid({
      occupancy: [
        booking("c1", "2026-06-16T08:00:00Z", "2026-06-16T08:15:00Z"),
        block("c1", "2026-06-16T08:15:00Z", "2026-06-16T09:00:00Z", "Junior lesson"),
      ],
    });
    expect(cell(g, "10:00", "c1")).toMatchObject({
      status: "blocked",
      title: "Junior lesson",
      partial: true,
    });
    expect(cell(g, "10:30", "c1")).toMatchObject({ status: "blocked", partial: false });
  });

  it("ignores occupancy of other courts, other days and unknown courts", () => {
    const g = grid({
      occupancy: [
        booking("c9", "2026-06-16T08:00:00Z", "2026-06-16T09:00:00Z"),
        booking("c1", "2026-06-17T08:00:00Z", "2026-06-17T09:00:00Z"),
        booking("c1", "2026-06-15T08:00:00Z", "2026-06-15T09:00:00Z"),
      ],
    });
    expect(g.rows.every((r) => r.cells.every((c) => c.status === "free"))).toBe(true);
  });

  it("shows a booking outside the court's hours rather than hiding it", () => {
    const g = grid({
      courtOverrides: [
        { courtId: "p2", weekday: 2, closed: false, opensMinute: 7 * 60, closesMinute: 23 * 60 },
      ],
      occupancy: [booking("c1", "2026-06-16T05:00:00Z", "2026-06-16T05:30:00Z")],
    });
    expect(cell(g, "07:00", "c1")).toMatchObject({ status: "booked" });
    expect(cell(g, "07:30", "c1")).toEqual({ status: "closed", reason: null });
  });
});

describe("past slots", () => {
  it("marks free slots that have started as past, keeping bookings and closed slots", () => {
    const g = grid({
      now: new Date("2026-06-16T08:10:00Z"), // 10:10 local
      occupancy: [booking("c1", "2026-06-16T06:00:00Z", "2026-06-16T07:00:00Z")],
      courtOverrides: [
        { courtId: "c2", weekday: 2, closed: false, opensMinute: 9 * 60, closesMinute: 22 * 60 },
      ],
    });
    expect(cell(g, "08:00", "c1")).toMatchObject({ status: "booked" });
    expect(cell(g, "08:00", "c2")).toEqual({ status: "closed", reason: null });
    expect(cell(g, "09:00", "c1")).toEqual({ status: "past" });
    expect(cell(g, "10:00", "c1")).toEqual({ status: "past" }); // started at 10:00, now 10:10
    expect(cell(g, "10:30", "c1")).toEqual({ status: "free" });
  });

  it("marks nothing past on a future day", () => {
    const g = grid({ now: new Date("2026-06-15T20:00:00Z") });
    expect(g.rows.every((r) => r.cells.every((c) => c.status === "free"))).toBe(true);
  });
});

describe("daylight saving time in Europe/Paris, 2026", () => {
  const aroundTheClock = ALL_WEEK(0, 1440);

  describe("Sunday 29 March: clocks go forward, a 23-hour day", () => {
    const g = grid({ date: "2026-03-29", openingHours: aroundTheClock });

    it("has 46 half-hour rows and no 02:00–02:59", () => {
      expect(g.dayMinutes).toBe(23 * 60);
      expect(g.rows).toHaveLength(46);
      const labels = g.rows.map((r) => r.label);
      expect(labels.slice(0, 6)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30"]);
      expect(labels.filter((l) => l.startsWith("02:"))).toEqual([]);
      expect(labels.at(-1)).toBe("23:30");
      expect(new Set(labels).size).toBe(46);
      expect(g.rows.every((r) => !r.repeatedLabel)).toBe(true);
    });

    it("steps 30 minutes of elapsed time and changes offset at 03:00", () => {
      for (let i = 1; i < g.rows.length; i++) {
        expect(Date.parse(g.rows[i]!.startsAt) - Date.parse(g.rows[i - 1]!.startsAt)).toBe(
          30 * 60_000,
        );
      }
      expect(g.rows.find((r) => r.label === "01:30")).toMatchObject({
        offset: "UTC+1",
        startsAt: "2026-03-29T00:30:00.000Z",
      });
      expect(g.rows.find((r) => r.label === "03:00")).toMatchObject({
        offset: "UTC+2",
        startsAt: "2026-03-29T01:00:00.000Z",
      });
      expect(g.offsetChange).toEqual({ before: "UTC+1", after: "UTC+2" });
    });

    it("gives an ordinary day's hours at their wall-clock times (08:00 is 06:00 UTC)", () => {
      const demo = grid({ date: "2026-03-29" });
      expect(demo.rows).toHaveLength(24);
      expect(demo.rows[0]).toMatchObject({
        label: "08:00",
        startsAt: "2026-03-29T06:00:00.000Z",
        offset: "UTC+2",
      });
      expect(demo.rows.at(-1)).toMatchObject({
        label: "19:30",
        endsAt: "2026-03-29T18:00:00.000Z",
      });
    });

    it("keeps only the hours that exist for a night window 01:00–04:00", () => {
      const night = grid({ date: "2026-03-29", openingHours: ALL_WEEK(60, 240) });
      expect(night.rows.map((r) => r.label)).toEqual(["01:00", "01:30", "03:00", "03:30"]);
      expect(night.rows.every((r) => r.cells.every((c) => c.status === "free"))).toBe(true);
    });

    it("places a booking across the change on the right rows", () => {
      // 01:30 UTC+1 (00:30Z) to 03:30 UTC+2 (01:30Z): one hour of play.
      const b = grid({
        date: "2026-03-29",
        openingHours: aroundTheClock,
        occupancy: [booking("c1", "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z")],
      });
      expect(statuses(b, "c1").filter((s) => s.endsWith("booked"))).toEqual([
        "01:30 booked",
        "03:00 booked",
      ]);
      expect(cell(b, "01:30", "c1")).toEqual({
        status: "booked",
        from: "01:30",
        until: "03:30",
        partial: false,
      });
    });
  });

  describe("Sunday 25 October: clocks go back, a 25-hour day", () => {
    const g = grid({ date: "2026-10-25", openingHours: aroundTheClock });

    it("has 50 half-hour rows with 02:00 and 02:30 twice, told apart by their offset", () => {
      expect(g.dayMinutes).toBe(25 * 60);
      expect(g.rows).toHaveLength(50);
      const labels = g.rows.map((r) => `${r.label} ${r.offset}`);
      expect(labels.slice(3, 9)).toEqual([
        "01:30 UTC+2",
        "02:00 UTC+2",
        "02:30 UTC+2",
        "02:00 UTC+1",
        "02:30 UTC+1",
        "03:00 UTC+1",
      ]);
      expect(g.rows.filter((r) => r.repeatedLabel).map((r) => `${r.label} ${r.offset}`)).toEqual([
        "02:00 UTC+2",
        "02:30 UTC+2",
        "02:00 UTC+1",
        "02:30 UTC+1",
      ]);
      expect(g.offsetChange).toEqual({ before: "UTC+2", after: "UTC+1" });
    });

    it("steps 30 minutes of elapsed time through the repeated hour", () => {
      for (let i = 1; i < g.rows.length; i++) {
        expect(Date.parse(g.rows[i]!.startsAt) - Date.parse(g.rows[i - 1]!.startsAt)).toBe(
          30 * 60_000,
        );
      }
      expect(g.rows[0]!.startsAt).toBe("2026-10-24T22:00:00.000Z");
      expect(g.rows.at(-1)!.endsAt).toBe("2026-10-25T23:00:00.000Z");
    });

    it("places a booking in the first or the second 02:00 by its instant", () => {
      const b = grid({
        date: "2026-10-25",
        openingHours: aroundTheClock,
        occupancy: [
          booking("c1", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z"), // 02:00 UTC+2
          booking("c2", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z"), // 02:00 UTC+1
        ],
      });
      const c1 = statuses(b, "c1");
      const c2 = statuses(b, "c2");
      expect(c1.indexOf("02:00 booked")).toBe(4);
      expect(c1.filter((s) => s.endsWith("booked"))).toHaveLength(1);
      expect(c2.indexOf("02:00 booked")).toBe(6);
      expect(c2.filter((s) => s.endsWith("booked"))).toHaveLength(1);
    });

    it("covers four rows with a two-hour booking across the change", () => {
      // 01:30 UTC+2 (23:30Z) to 02:30 UTC+1 (01:30Z): two hours of play.
      const b = grid({
        date: "2026-10-25",
        openingHours: aroundTheClock,
        occupancy: [booking("c1", "2026-10-24T23:30:00Z", "2026-10-25T01:30:00Z")],
      });
      expect(
        b.rows.filter((r) => r.cells[0]!.status === "booked").map((r) => `${r.label} ${r.offset}`),
      ).toEqual(["01:30 UTC+2", "02:00 UTC+2", "02:30 UTC+2", "02:00 UTC+1"]);
    });

    it("gives an ordinary day's hours at their wall-clock times (08:00 is 07:00 UTC)", () => {
      const demo = grid({ date: "2026-10-25" });
      expect(demo.rows).toHaveLength(24);
      expect(demo.rows[0]).toMatchObject({
        label: "08:00",
        startsAt: "2026-10-25T07:00:00.000Z",
        offset: "UTC+1",
      });
      expect(demo.rows.every((r) => !r.repeatedLabel)).toBe(true);
    });
  });

  it("a day without a change reports none", () => {
    expect(grid({ date: "2026-10-24", openingHours: aroundTheClock }).offsetChange).toBeNull();
    expect(grid({ date: "2026-10-24", openingHours: aroundTheClock }).rows).toHaveLength(48);
  });
});
