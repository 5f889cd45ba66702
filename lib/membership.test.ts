import { describe, expect, it } from "vitest";
import { activeOn, isActiveMembership } from "@/lib/membership";

const until = (date: string | null) => ({
  status: "ACTIVE",
  validUntil: date === null ? null : new Date(`${date}T00:00:00Z`),
});

describe("isActiveMembership", () => {
  it("is active through its last day, inclusive, and not after", () => {
    expect(activeOn(until("2026-12-04"), "2026-12-04")).toBe(true);
    expect(activeOn(until("2026-12-04"), "2026-12-05")).toBe(false);
    expect(activeOn(until(null), "2099-01-01")).toBe(true);
  });

  it("needs the ACTIVE status", () => {
    for (const status of ["INVITED", "SUSPENDED", "ENDED"])
      expect(isActiveMembership({ status, validUntil: null }, "UTC")).toBe(false);
  });

  it("counts the days in the club's time zone, not in UTC", () => {
    // 12:00 UTC on 4 December is already 5 December in Auckland.
    const noon = new Date("2026-12-04T12:00:00Z");
    expect(isActiveMembership(until("2026-12-04"), "UTC", noon)).toBe(true);
    expect(isActiveMembership(until("2026-12-04"), "Pacific/Auckland", noon)).toBe(false);
    // 05:00 UTC on 5 December is still 4 December in Honolulu.
    const early = new Date("2026-12-05T05:00:00Z");
    expect(isActiveMembership(until("2026-12-04"), "UTC", early)).toBe(false);
    expect(isActiveMembership(until("2026-12-04"), "Pacific/Honolulu", early)).toBe(true);
  });
});
