import { describe, expect, it } from "vitest";
import {
  ClubHoursInput,
  ClubSettingsInput,
  CourtHoursInput,
  PriceRuleInput,
  SportRulesInput,
  TierInput,
  timeOfDay,
} from "./admin-club-setup";

const COURT = "3f1c2a6e-8a4b-4c1d-9e2f-0a1b2c3d4e5f";
const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.path.join("."));

describe("times of day", () => {
  it("reads HH:mm as minutes, 24:00 only as a closing time", () => {
    expect(timeOfDay().parse("09:30")).toBe(570);
    expect(timeOfDay(true).parse("24:00")).toBe(1440);
    expect(timeOfDay().safeParse("24:00").success).toBe(false);
    expect(timeOfDay(true).safeParse("24:30").success).toBe(false);
    expect(timeOfDay().safeParse("9:30").success).toBe(false);
  });
});

describe("club hours", () => {
  it("keeps the weekdays ticked open, and names the field of a bad one", () => {
    expect(
      ClubHoursInput.parse({
        "open-1": "on",
        "opens-1": "08:00",
        "closes-1": "22:00",
        "opens-2": "x",
      }),
    ).toEqual([{ weekday: 1, opensMinute: 480, closesMinute: 1320 }]);
    const bad = ClubHoursInput.safeParse({
      "open-3": "on",
      "opens-3": "22:00",
      "closes-3": "08:00",
    });
    expect(fieldsOf(bad)).toEqual(["closes-3"]);
  });
});

describe("court hours", () => {
  it("turns each weekday's mode into an override, skipping club hours", () => {
    expect(
      CourtHoursInput.parse({
        courtId: COURT,
        "mode-1": "closed",
        "mode-2": "custom",
        "opens-2": "07:00",
        "closes-2": "23:00",
        "mode-3": "club",
      }),
    ).toEqual({
      courtId: COURT,
      days: [
        { weekday: 1, closed: true, opensMinute: null, closesMinute: null },
        { weekday: 2, closed: false, opensMinute: 420, closesMinute: 1380 },
      ],
    });
    expect(fieldsOf(CourtHoursInput.safeParse({ courtId: COURT, "mode-4": "custom" }))).toEqual([
      "closes-4",
    ]);
    expect(fieldsOf(CourtHoursInput.safeParse({ courtId: "nope" }))).toEqual(["courtId"]);
  });
});

describe("tier rules", () => {
  const base = {
    name: "Standard",
    horizonDays: "7",
    releaseTime: "08:00",
    cancelNoticeMinutes: "60",
    maxGuestsPerBooking: "1",
  };
  it("reads empty limits as no limit and checkboxes as booleans", () => {
    expect(
      TierInput.parse({ ...base, maxPerDay: "", maxPerWeek: "3", noBackToBack: "on" }),
    ).toMatchObject({
      horizonDays: 7,
      releaseTime: 480,
      maxActiveBookings: null,
      maxPerDay: null,
      maxPerWeek: 3,
      noBackToBack: true,
      partnerBookingsCount: false,
      description: null,
    });
  });
  it("refuses values the database would refuse, naming each field", () => {
    const r = TierInput.safeParse({
      ...base,
      horizonDays: "366",
      maxPerDay: "1.5",
      maxActiveBookings: "-1",
      cancelNoticeMinutes: "",
      maxGuestsPerBooking: "11",
    });
    expect(fieldsOf(r).sort()).toEqual(
      [
        "cancelNoticeMinutes",
        "horizonDays",
        "maxActiveBookings",
        "maxGuestsPerBooking",
        "maxPerDay",
      ].sort(),
    );
  });
});

describe("sport rules", () => {
  it("sorts and de-duplicates the lists, within the database's bounds", () => {
    expect(
      SportRulesInput.parse({
        sport: "PADEL",
        allowedDurations: "90,60 60",
        allowedPlayerCounts: "4, 2",
      }),
    ).toEqual({ sport: "PADEL", allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] });
    expect(
      SportRulesInput.safeParse({ sport: "PADEL", allowedDurations: "", allowedPlayerCounts: "13" })
        .success,
    ).toBe(false);
  });
});

describe("price rules", () => {
  it("needs a weekday and an end after the start", () => {
    const r = PriceRuleInput.safeParse({
      name: "Evening",
      weekdays: [],
      start: "20:00",
      end: "18:00",
      audience: "GUEST",
      amount: "10",
    });
    expect(fieldsOf(r).sort()).toEqual(["end", "weekdays"]);
    expect(
      PriceRuleInput.parse({
        name: "All day",
        weekdays: ["2", "1", "2"],
        start: "00:00",
        end: "24:00",
        audience: "MEMBER",
        amount: "0",
      }),
    ).toMatchObject({ courtId: null, weekdays: [1, 2], start: 0, end: 1440 });
  });
});

describe("club settings", () => {
  const ok = {
    name: "Club",
    timeZone: "Europe/Paris",
    contactEmail: "a@b.test",
    securityContactEmail: "s@b.test",
    slotMinutes: "30",
  };
  it("accepts an IANA zone and the grid's slot lengths only", () => {
    expect(ClubSettingsInput.parse(ok)).toMatchObject({
      timeZone: "Europe/Paris",
      slotMinutes: 30,
    });
    for (const timeZone of ["Europe/Atlantis", "UTC+2", "../etc/passwd", ""]) {
      expect(fieldsOf(ClubSettingsInput.safeParse({ ...ok, timeZone }))).toEqual(["timeZone"]);
    }
    expect(fieldsOf(ClubSettingsInput.safeParse({ ...ok, slotMinutes: "45" }))).toEqual([
      "slotMinutes",
    ]);
    expect(
      ClubSettingsInput.parse({ ...ok, timeZone: "America/Argentina/Buenos_Aires" }).timeZone,
    ).toBe("America/Argentina/Buenos_Aires");
  });
});
