import { describe, expect, it } from "vitest";
import {
  bookingPrefillPath,
  calendarFeedPath,
  parseBookingPrefill,
  planningPath,
} from "./booking-links";

describe("booking links", () => {
  it("round-trips a prefilled slot through the planning URL", () => {
    const slot = {
      courtId: "0B6F3C1E-2D4A-4B7E-9F00-1234567890AB",
      startsAt: new Date("2026-11-28T09:00:00Z"),
      durationMinutes: 90,
    };
    const path = bookingPrefillPath("tc-paris", "2026-11-28", slot);
    expect(path).toBe(
      "/c/tc-paris/planning?date=2026-11-28&court=0B6F3C1E-2D4A-4B7E-9F00-1234567890AB&start=2026-11-28T09%3A00%3A00.000Z&duration=90",
    );
    const parsed = parseBookingPrefill(new URL(`http://x${path}`).searchParams);
    expect(parsed).toEqual({ ...slot, courtId: slot.courtId.toLowerCase() });
    expect(
      parseBookingPrefill({ court: slot.courtId, start: "2026-11-28T09:00:00Z", duration: "60" })
        ?.durationMinutes,
    ).toBe(60);
  });

  it("ignores absent or malformed parameters", () => {
    expect(parseBookingPrefill(new URLSearchParams("date=2026-11-28"))).toBeNull();
    expect(
      parseBookingPrefill({ court: "x", start: "2026-11-28T09:00:00Z", duration: "60" }),
    ).toBeNull();
    expect(
      parseBookingPrefill({
        court: "0b6f3c1e-2d4a-4b7e-9f00-1234567890ab",
        start: "soon",
        duration: "60",
      }),
    ).toBeNull();
    expect(
      parseBookingPrefill({
        court: "0b6f3c1e-2d4a-4b7e-9f00-1234567890ab",
        start: "2026-11-28T09:00:00Z",
        duration: "6.5",
      }),
    ).toBeNull();
  });

  it("encodes path segments", () => {
    expect(planningPath("a/b", "2026-01-01")).toBe("/c/a%2Fb/planning?date=2026-01-01");
    expect(calendarFeedPath("abc_-")).toBe("/api/calendar/abc_-.ics");
  });
});
