import { describe, expect, it } from "vitest";
import {
  blockOccurrences,
  MAX_OCCURRENCES,
  parseClockTime,
  weeklySeriesLabel,
} from "@/lib/recurrence";
import { localTime } from "@/lib/time";

const PARIS = "Europe/Paris";

describe("blockOccurrences", () => {
  it("gives a one-off block a single occurrence", () => {
    const occ = blockOccurrences(
      { date: "2026-06-10", startMinute: 9 * 60, endMinute: 10 * 60, repeatUntil: null },
      PARIS,
    );
    expect(occ).toEqual([
      {
        date: "2026-06-10",
        startsAt: new Date("2026-06-10T07:00:00Z"),
        endsAt: new Date("2026-06-10T08:00:00Z"),
      },
    ]);
  });

  it("keeps an 18:00 weekly lesson at 18:00 across the spring clock change", () => {
    // 2026-03-29: Paris goes from UTC+1 to UTC+2.
    const occ = blockOccurrences(
      { date: "2026-03-18", startMinute: 18 * 60, endMinute: 19 * 60, repeatUntil: "2026-04-08" },
      PARIS,
    );
    expect(occ.map((o) => o.date)).toEqual([
      "2026-03-18",
      "2026-03-25",
      "2026-04-01",
      "2026-04-08",
    ]);
    expect(occ.map((o) => localTime(o.startsAt, PARIS))).toEqual([
      "18:00",
      "18:00",
      "18:00",
      "18:00",
    ]);
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-03-18T17:00:00.000Z",
      "2026-03-25T17:00:00.000Z",
      "2026-04-01T16:00:00.000Z",
      "2026-04-08T16:00:00.000Z",
    ]);
    for (const o of occ) expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(3_600_000);
  });

  it("keeps wall-clock times across the autumn clock change too", () => {
    // 2026-10-25: Paris goes from UTC+2 to UTC+1.
    const occ = blockOccurrences(
      {
        date: "2026-10-18",
        startMinute: 18 * 60,
        endMinute: 19 * 60 + 30,
        repeatUntil: "2026-11-01",
      },
      PARIS,
    );
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-10-18T16:00:00.000Z",
      "2026-10-25T17:00:00.000Z",
      "2026-11-01T17:00:00.000Z",
    ]);
    expect(occ.map((o) => localTime(o.endsAt, PARIS))).toEqual(["19:30", "19:30", "19:30"]);
  });

  it("covers a whole local day on the 23-hour day when it ends at midnight", () => {
    const [o] = blockOccurrences(
      { date: "2026-03-29", startMinute: 0, endMinute: 1440, repeatUntil: null },
      PARIS,
    );
    expect(o!.endsAt.getTime() - o!.startsAt.getTime()).toBe(23 * 3_600_000);
  });

  it("includes the until date and stops before it when it is not the same weekday", () => {
    const base = { date: "2026-06-01", startMinute: 600, endMinute: 660 };
    expect(blockOccurrences({ ...base, repeatUntil: "2026-06-15" }, PARIS)).toHaveLength(3);
    expect(blockOccurrences({ ...base, repeatUntil: "2026-06-14" }, PARIS)).toHaveLength(2);
    expect(blockOccurrences({ ...base, repeatUntil: "2026-05-31" }, PARIS)).toHaveLength(0);
  });

  it("refuses impossible times and endless series", () => {
    expect(() =>
      blockOccurrences(
        { date: "2026-06-01", startMinute: 600, endMinute: 600, repeatUntil: null },
        PARIS,
      ),
    ).toThrow(RangeError);
    expect(() =>
      blockOccurrences(
        { date: "2026-06-01", startMinute: 600, endMinute: 660, repeatUntil: "2030-06-01" },
        PARIS,
      ),
    ).toThrow(RangeError);
    expect(
      blockOccurrences(
        { date: "2026-06-01", startMinute: 600, endMinute: 660, repeatUntil: "2028-05-22" },
        PARIS,
      ),
    ).toHaveLength(MAX_OCCURRENCES);
  });
});

describe("parseClockTime", () => {
  it("reads HH:mm", () => {
    expect(parseClockTime("18:30")).toBe(1110);
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("24:00")).toBe(1440);
    expect(parseClockTime("24:30")).toBeNull();
    expect(parseClockTime("7:00")).toBeNull();
    expect(parseClockTime("12:60")).toBeNull();
  });
});

describe("weeklySeriesLabel", () => {
  it("says how many occurrences of the series are still to come", () => {
    expect(weeklySeriesLabel(3)).toBe("weekly (3 to come)");
    expect(weeklySeriesLabel(1)).toBe("weekly (1 to come)");
  });
});
