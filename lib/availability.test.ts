import { describe, expect, it } from "vitest";
import {
  bookedSummary,
  buildAvailability,
  checkSlotOnGrid,
  commonRefusal,
  fittingDurations,
  summarizeFreeSlots,
  testAsMemberCellText,
  type AvailabilityCell,
  type CellRefusal,
} from "./availability";
import type { PolicyContext } from "./booking-policy";
import { DEFAULT_TIER_RULES } from "@/lib/booking-policy";
import { buildDayPlanning } from "./planning";
import { zonedInstant } from "./time";

const ZONE = "Europe/Paris";
const DATE = "2026-06-11"; // Thursday
const at = (hhmm: string, date = DATE) => {
  const [h, m] = hhmm.split(":").map(Number);
  return zonedInstant(date, h! * 60 + m!, ZONE);
};

function grid(options: { now?: Date; date?: string } = {}) {
  return buildDayPlanning({
    timeZone: ZONE,
    slotMinutes: 30,
    date: options.date ?? DATE,
    openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      opensMinute: 8 * 60,
      closesMinute: 22 * 60,
    })),
    courtOverrides: [],
    closures: [],
    courts: [
      { id: "a", name: "A" },
      { id: "b", name: "B" },
    ],
    occupancy: [{ courtId: "a", startsAt: at("11:00"), endsAt: at("12:00"), kind: "booking" }],
    now: options.now,
  });
}
const rowOf = (g: ReturnType<typeof grid>, hhmm: string) =>
  g.rows.findIndex((r) => r.label === hhmm);

describe("fittingDurations", () => {
  it("keeps the durations whose every row is free, up to closing", () => {
    const g = grid();
    expect(fittingDurations(g, 0, rowOf(g, "10:00"), [60, 90])).toEqual([60]);
    expect(fittingDurations(g, 0, rowOf(g, "09:30"), [90, 60])).toEqual([60, 90]);
    expect(fittingDurations(g, 0, rowOf(g, "10:30"), [90, 60])).toEqual([]);
    expect(fittingDurations(g, 1, rowOf(g, "20:30"), [60, 90])).toEqual([60, 90]);
    expect(fittingDurations(g, 1, rowOf(g, "21:00"), [60, 90])).toEqual([60]);
    expect(fittingDurations(g, 1, rowOf(g, "21:30"), [60, 90])).toEqual([]);
    // 45 minutes end mid-row: that row must be free too.
    expect(fittingDurations(g, 0, rowOf(g, "10:30"), [45])).toEqual([]);
    expect(fittingDurations(g, 1, rowOf(g, "10:00"), [45])).toEqual([45]);
  });
});

describe("checkSlotOnGrid", () => {
  it("accepts a slot boundary inside the court's hours", () => {
    expect(checkSlotOnGrid(grid(), "b", at("10:00"), 60)).toEqual({ ok: true });
  });
  it("refuses a start between boundaries as off-grid, and outside hours as closed", () => {
    expect(checkSlotOnGrid(grid(), "b", at("10:10"), 60)).toMatchObject({
      ok: false,
      kind: "off-grid",
    });
    expect(checkSlotOnGrid(grid(), "b", at("07:00"), 60)).toMatchObject({
      ok: false,
      kind: "closed",
    });
    expect(checkSlotOnGrid(grid(), "b", at("21:30"), 60)).toMatchObject({
      ok: false,
      kind: "closed",
    });
    expect(checkSlotOnGrid(grid(), "zz", at("10:00"), 60)).toMatchObject({
      ok: false,
      kind: "closed",
    });
  });
  it("handles the DST days (the 02:00 hour does not exist in spring)", () => {
    const spring = buildDayPlanning({
      timeZone: ZONE,
      slotMinutes: 60,
      date: "2026-03-29",
      openingHours: [{ weekday: 7, opensMinute: 0, closesMinute: 1440 }],
      courtOverrides: [],
      closures: [],
      courts: [{ id: "a", name: "A" }],
      occupancy: [],
    });
    expect(spring.rows).toHaveLength(23);
    // 01:00 + 60 minutes is 03:00 local: one row, fine.
    expect(checkSlotOnGrid(spring, "a", zonedInstant("2026-03-29", 60, ZONE), 60)).toEqual({
      ok: true,
    });
    expect(checkSlotOnGrid(spring, "a", zonedInstant("2026-03-29", 180, ZONE), 120)).toEqual({
      ok: true,
    });
  });
});

describe("buildAvailability", () => {
  const sports = new Map([
    ["a", { sport: "TENNIS", rules: { allowedDurations: [90, 60], allowedPlayerCounts: [4, 2] } }],
    ["b", { sport: "TENNIS", rules: { allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] } }],
  ]);
  const ctx: Omit<PolicyContext, "sport"> = {
    now: at("09:00", "2026-06-10"),
    timeZone: ZONE,
    tier: { ...DEFAULT_TIER_RULES, tierName: "Standard", maxActiveBookings: 1 },
    member: { status: "ACTIVE", validUntil: null },
    peakBands: [],
    held: [],
  };

  it("anonymous and non-members see why they cannot book", () => {
    const anon = buildAvailability(grid(), sports, { kind: "anonymous" });
    expect(anon.rows[rowOf(grid(), "10:00")]!.cells[1]).toMatchObject({
      reason: { rule: "SIGN_IN" },
    });
    const stranger = buildAvailability(grid(), sports, { kind: "not-member" });
    expect(stranger.rows[0]!.cells[1]).toMatchObject({ reason: { rule: "NOT_A_MEMBER" } });
    expect(anon.courts[0]).toMatchObject({ durations: [60, 90], playerCounts: [2, 4] });
  });

  it("a member: bookable durations, their own booking, and the quota reason with its date", () => {
    const mine = [{ id: "bk", courtId: "a", startsAt: at("11:00"), endsAt: at("12:00") }];
    const free = buildAvailability(grid(), sports, { kind: "member", ctx, mine: [] });
    expect(free.rows[rowOf(grid(), "10:00")]!.cells[0]).toEqual({
      status: "free",
      bookable: true,
      durations: [60],
    });
    const held = buildAvailability(grid(), sports, {
      kind: "member",
      ctx: { ...ctx, held: [{ startsAt: at("11:00"), endsAt: at("12:00"), asPartner: false }] },
      mine,
    });
    expect(held.rows[rowOf(grid(), "11:00")]!.cells[0]).toMatchObject({
      status: "booked",
      mine: true,
      bookingId: "bk",
    });
    expect(held.rows[rowOf(grid(), "14:00")]!.cells[1]).toMatchObject({
      bookable: false,
      reason: { rule: "MAX_ACTIVE", eligibleAt: at("12:00").toISOString() },
    });
  });

  it("started slots stay past, not bookable", () => {
    const g = grid({ now: at("10:15") });
    const a = buildAvailability(g, sports, {
      kind: "member",
      ctx: { ...ctx, now: at("10:15") },
      mine: [],
    });
    expect(a.rows[rowOf(g, "10:00")]!.cells[1]).toEqual({ status: "past" });
  });

  describe("bookedSummary", () => {
    it("gives the court and the local times of the viewer's booking, or null", () => {
      const mine = [{ id: "bk", courtId: "a", startsAt: at("11:00"), endsAt: at("12:00") }];
      const a = buildAvailability(grid(), sports, { kind: "member", ctx, mine });
      expect(bookedSummary(a, "bk")).toBe("A, 11:00–12:00");
      expect(bookedSummary(a, "other")).toBeNull();
    });
  });
});

const refused = (rule: CellRefusal["rule"], message: string): AvailabilityCell => ({
  status: "free",
  bookable: false,
  reason: { rule, message, eligibleAt: null },
});
const bookable: AvailabilityCell = { status: "free", bookable: true, durations: [60, 90] };
const rowsOf = (...cells: AvailabilityCell[][]) => ({
  rows: cells.map((c, i) => ({
    startsAt: `2026-06-11T0${i}:00:00.000Z`,
    endsAt: `2026-06-11T0${i + 1}:00:00.000Z`,
    label: `0${i}:00`,
    offset: "UTC+2",
    repeatedLabel: false,
    cells: c,
  })),
});

describe("commonRefusal", () => {
  const later = refused("NOT_OPEN_YET", "This day opens for booking on Friday 5 June at 00:00.");
  it("names the one rule that stops every slot of the day, gaps too short aside", () => {
    const short = refused("TOO_SHORT", "Not enough free time here for a 60-minute booking.");
    expect(commonRefusal(rowsOf([later, { status: "past" }], [later, short]))).toBe(
      "This day opens for booking on Friday 5 June at 00:00.",
    );
  });
  it("says nothing when a slot is bookable, when reasons differ, or when no slot is free", () => {
    expect(commonRefusal(rowsOf([later, bookable]))).toBeNull();
    expect(
      commonRefusal(rowsOf([later], [refused("MAX_PER_DAY", "One booking a day.")])),
    ).toBeNull();
    expect(commonRefusal(rowsOf([refused("TOO_SHORT", "Too short.")]))).toBeNull();
    expect(commonRefusal(rowsOf([{ status: "closed", reason: null }]))).toBeNull();
  });
});

describe("summarizeFreeSlots", () => {
  it("counts the bookable free slots and each refusal, in the order first met", () => {
    const g = rowsOf(
      [bookable, refused("MAX_PER_DAY", "One booking a day."), { status: "past" }],
      [refused("TOO_SHORT", "Too short."), refused("MAX_PER_DAY", "One booking a day.")],
      [bookable, { status: "closed", reason: "Works" }],
    );
    expect(summarizeFreeSlots(g)).toEqual({
      free: 5,
      bookable: 2,
      refusals: [
        { message: "One booking a day.", count: 2 },
        { message: "Too short.", count: 1 },
      ],
    });
    expect(summarizeFreeSlots(rowsOf())).toEqual({ free: 0, bookable: 0, refusals: [] });
  });
});

describe("testAsMemberCellText", () => {
  it("words every kind of cell as the manager's table shows it", () => {
    expect(testAsMemberCellText(bookable)).toBe("Bookable (60, 90 min)");
    expect(testAsMemberCellText(refused("MAX_PER_DAY", "One booking a day."))).toBe(
      "No: One booking a day.",
    );
    const booked = { status: "booked", from: "10:00", until: "11:00", partial: false } as const;
    expect(testAsMemberCellText({ ...booked, mine: true, bookingId: "bk" })).toBe("Their booking");
    expect(testAsMemberCellText({ ...booked, mine: false, bookingId: null })).toBe("Booked");
    expect(
      testAsMemberCellText({
        status: "blocked",
        title: "Lesson",
        blockKind: "LESSON",
        from: "10:00",
        until: "10:30",
        partial: true,
      }),
    ).toBe("Blocked: Lesson");
    expect(testAsMemberCellText({ status: "closed", reason: "Works" })).toBe("Closed: Works");
    expect(testAsMemberCellText({ status: "closed", reason: null })).toBe("Closed");
    expect(testAsMemberCellText({ status: "past" })).toBe("Past");
  });
});
