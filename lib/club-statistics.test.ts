import { describe, expect, it } from "vitest";
import { WEEKDAY_NAMES } from "@/lib/court-labels";
import { formatHours, formatLeadTime, formatShare, heatmapTable } from "@/lib/club-statistics";

describe("formatHours", () => {
  it("writes minutes as hours with at most one decimal", () => {
    expect(formatHours(0)).toBe("0");
    expect(formatHours(90)).toBe("1.5");
    expect(formatHours(100)).toBe("1.7");
    expect(formatHours(60 * 1234)).toBe("1,234");
  });
});

describe("formatShare", () => {
  it("rounds to a whole percentage, and has no share of nothing", () => {
    expect(formatShare(1, 3)).toBe("33 %");
    expect(formatShare(2, 3)).toBe("67 %");
    expect(formatShare(0, 600)).toBe("0 %");
    expect(formatShare(5, 0)).toBe("—");
  });
});

describe("formatLeadTime", () => {
  it("uses minutes below 2 hours, hours below 2 days, then days; signed when after the start", () => {
    expect(formatLeadTime(null)).toBe("—");
    expect(formatLeadTime(0)).toBe("0 min");
    expect(formatLeadTime(119)).toBe("119 min");
    expect(formatLeadTime(120)).toBe("2 h");
    expect(formatLeadTime(-150)).toBe("−2.5 h");
    expect(formatLeadTime(2879)).toBe("48 h");
    expect(formatLeadTime(2880)).toBe("2 days");
    expect(formatLeadTime(4000)).toBe("2.8 days");
    expect(formatLeadTime(-10080)).toBe("−7 days");
  });
});

describe("heatmapTable", () => {
  it("shows 08:00 to 21:00 and every weekday, all at level 0, when nothing is booked", () => {
    const t = heatmapTable([]);
    expect(t.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(t.rows.map((r) => [r.weekday, r.name])).toEqual(
      WEEKDAY_NAMES.map((name, i) => [i + 1, name]),
    );
    expect([t.rows[0]!.name, t.rows[6]!.name]).toEqual(["Monday", "Sunday"]);
    expect(t.rows.flatMap((r) => r.cells).every((c) => c.minutes === 0 && c.level === 0)).toBe(
      true,
    );
  });

  it("widens the hours to every hour booked and rates each cell against the busiest", () => {
    const t = heatmapTable([
      { weekday: 1, hour: 6, bookedMinutes: 30 },
      { weekday: 3, hour: 18, bookedMinutes: 120 },
      { weekday: 7, hour: 23, bookedMinutes: 61 },
      { weekday: 7, hour: 22, bookedMinutes: 1 },
    ]);
    expect(t.hours[0]).toBe(6);
    expect(t.hours.at(-1)).toBe(23);
    expect(t.hours).toHaveLength(18);
    const cell = (weekday: number, hour: number) =>
      t.rows.find((r) => r.weekday === weekday)!.cells.find((c) => c.hour === hour)!;
    expect(cell(1, 6)).toEqual({ hour: 6, minutes: 30, level: 1 });
    expect(cell(3, 18)).toEqual({ hour: 18, minutes: 120, level: 4 });
    expect(cell(7, 23)).toEqual({ hour: 23, minutes: 61, level: 3 });
    expect(cell(7, 22)).toEqual({ hour: 22, minutes: 1, level: 1 });
    expect(cell(2, 12)).toEqual({ hour: 12, minutes: 0, level: 0 });
  });
});
