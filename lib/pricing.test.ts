import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney, priceBooking, rulesOverlap, type PriceRule } from "./pricing";

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const rule = (over: Partial<PriceRule> & Pick<PriceRule, "id">): PriceRule => ({
  name: over.id,
  courtId: null,
  weekdays: ALL_DAYS,
  startMinute: 0,
  endMinute: 1440,
  audience: "MEMBER",
  amountMinor: 0,
  ...over,
});
const base = {
  courtId: "c1",
  timeZone: "Europe/Paris",
  currency: "EUR",
};

describe("priceBooking", () => {
  it("prices each audience per player and per hour, naming the rule", () => {
    const q = priceBooking({
      ...base,
      rules: [
        rule({ id: "member", audience: "MEMBER", amountMinor: 0 }),
        rule({ id: "guest", audience: "GUEST", amountMinor: 800 }),
      ],
      // Tuesday 10:00 Paris (UTC+1 in January)
      startsAt: new Date("2026-01-13T09:00:00Z"),
      durationMinutes: 90,
      party: { members: 1, guests: 1 },
    });
    expect(q.amountMinor).toBe(1200);
    expect(q.lines).toEqual([
      expect.objectContaining({ ruleId: "member", minutes: 90, amountMinor: 0, players: 1 }),
      expect.objectContaining({ ruleId: "guest", minutes: 90, amountMinor: 1200, players: 1 }),
    ]);
    expect(q.unpricedMinutes).toEqual({ MEMBER: 0, GUEST: 0 });
  });

  it("splits a booking that crosses from off-peak into peak at local time", () => {
    const rules = [
      rule({
        id: "off",
        audience: "NON_MEMBER",
        startMinute: 0,
        endMinute: 18 * 60,
        amountMinor: 1000,
      }),
      rule({
        id: "peak",
        audience: "NON_MEMBER",
        startMinute: 18 * 60,
        endMinute: 1440,
        amountMinor: 2000,
      }),
    ];
    // 17:30–18:30 Paris in summer (UTC+2): 30 minutes each side of 18:00.
    const q = priceBooking({
      ...base,
      rules,
      startsAt: new Date("2026-07-14T15:30:00Z"),
      durationMinutes: 60,
      party: { members: 0, guests: 0, nonMembers: 2 },
    });
    expect(q.lines.map((l) => [l.ruleId, l.minutes, l.amountMinor])).toEqual([
      ["off", 30, 1000],
      ["peak", 30, 2000],
    ]);
    expect(q.amountMinor).toBe(3000);
  });

  it("prefers a rule of the court over a rule of every court, and ignores other courts", () => {
    const rules = [
      rule({ id: "all", amountMinor: 500 }),
      rule({ id: "other-court", courtId: "c2", amountMinor: 100 }),
      rule({ id: "this-court", courtId: "c1", amountMinor: 900 }),
    ];
    const start = new Date("2026-03-02T10:00:00Z");
    const party = { members: 2, guests: 0 };
    expect(
      priceBooking({ ...base, rules, startsAt: start, durationMinutes: 60, party }).lines,
    ).toEqual([expect.objectContaining({ ruleId: "this-court", amountMinor: 1800 })]);
    expect(
      priceBooking({ ...base, courtId: "c3", rules, startsAt: start, durationMinutes: 60, party })
        .lines,
    ).toEqual([expect.objectContaining({ ruleId: "all", amountMinor: 1000 })]);
  });

  it("follows weekdays in the club's zone, not UTC", () => {
    // Saturday 23:30 UTC is Sunday 00:30 in Paris (winter).
    const rules = [
      rule({ id: "weekend", weekdays: [7], amountMinor: 600 }),
      rule({ id: "saturday", weekdays: [6], amountMinor: 300 }),
    ];
    const q = priceBooking({
      ...base,
      rules,
      startsAt: new Date("2026-01-10T23:30:00Z"),
      durationMinutes: 60,
      party: { members: 1, guests: 0 },
    });
    expect(q.lines).toEqual([expect.objectContaining({ ruleId: "weekend", amountMinor: 600 })]);
  });

  it("counts minutes no rule covers as free, and reports them", () => {
    const q = priceBooking({
      ...base,
      rules: [rule({ id: "morning", audience: "GUEST", endMinute: 12 * 60, amountMinor: 1200 })],
      startsAt: new Date("2026-01-13T10:30:00Z"), // 11:30 Paris
      durationMinutes: 60,
      party: { members: 1, guests: 1 },
    });
    expect(q.amountMinor).toBe(600);
    expect(q.unpricedMinutes).toEqual({ MEMBER: 60, GUEST: 30 });
  });

  it("charges the hour repeated when clocks go back (elapsed time)", () => {
    // 25 October 2026, Paris: 03:00 CEST → 02:00 CET. 01:00–03:00 local spans 3 elapsed hours.
    const q = priceBooking({
      ...base,
      rules: [rule({ id: "night", audience: "NON_MEMBER", amountMinor: 600 })],
      startsAt: new Date("2026-10-24T23:00:00Z"),
      durationMinutes: 180,
      party: { members: 0, guests: 0, nonMembers: 1 },
    });
    expect(q.amountMinor).toBe(1800);
  });

  it("rounds each line to the nearest minor unit and refuses nonsense", () => {
    const q = priceBooking({
      ...base,
      rules: [rule({ id: "odd", amountMinor: 1001 })],
      startsAt: new Date("2026-01-13T09:00:00Z"),
      durationMinutes: 45,
      party: { members: 1, guests: 0 },
    });
    expect(q.amountMinor).toBe(751); // 750.75
    expect(() =>
      priceBooking({
        ...base,
        rules: [],
        startsAt: new Date(),
        durationMinutes: 0,
        party: { members: 1, guests: 0 },
      }),
    ).toThrow(RangeError);
    expect(() =>
      priceBooking({
        ...base,
        rules: [],
        startsAt: new Date(),
        durationMinutes: 60,
        party: { members: -1, guests: 0 },
      }),
    ).toThrow(RangeError);
  });
});

describe("rulesOverlap", () => {
  const r = {
    courtId: null,
    weekdays: [1, 2],
    startMinute: 600,
    endMinute: 720,
    audience: "MEMBER" as const,
  };
  it("sees overlapping bands of the same scope and audience", () => {
    expect(rulesOverlap(r, { ...r, weekdays: [2, 3], startMinute: 700, endMinute: 800 })).toBe(
      true,
    );
    expect(rulesOverlap(r, { ...r, startMinute: 720, endMinute: 800 })).toBe(false);
    expect(rulesOverlap(r, { ...r, weekdays: [3] })).toBe(false);
    expect(rulesOverlap(r, { ...r, audience: "GUEST" })).toBe(false);
    expect(rulesOverlap(r, { ...r, courtId: "c1" })).toBe(false);
  });
});

describe("parseMoney", () => {
  it("shifts the typed digits into minor units of the currency, exactly", () => {
    expect(parseMoney("12.50", "EUR")).toBe(1250);
    expect(parseMoney("12,5", "EUR")).toBe(1250);
    expect(parseMoney("0.29", "EUR")).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parseMoney("800", "EUR")).toBe(80000);
    expect(parseMoney("800", "JPY")).toBe(800);
    expect(parseMoney("1.234", "KWD")).toBe(1234);
  });
  it("refuses more decimals than the currency has, and non-numbers", () => {
    expect(parseMoney("12.345", "EUR")).toBeNull();
    expect(parseMoney("5.5", "JPY")).toBeNull();
    expect(parseMoney("-1", "EUR")).toBeNull();
    expect(parseMoney("1e3", "EUR")).toBeNull();
    expect(parseMoney("", "EUR")).toBeNull();
  });
});

describe("formatMoney", () => {
  it("writes minor units in the currency's digits", () => {
    expect(formatMoney(1250, "EUR")).toBe("€12.50");
    expect(formatMoney(500, "JPY")).toMatch(/¥500$/);
  });
});
