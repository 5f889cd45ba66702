import { describe, expect, it } from "vitest";
import { parseBookingPrefill } from "@/lib/booking-links";
import { bookPagePath, formatSlot, listNames } from "@/lib/booking-ui";

const slot = {
  courtId: "6ca3c6c3-4ada-4c5a-bd17-8ed97a5f2c3c",
  startsAt: new Date("2026-06-16T08:00:00Z"),
  durationMinutes: 90,
};

describe("bookPagePath", () => {
  it("is read back by parseBookingPrefill, like the waiting-list link", () => {
    const url = new URL(bookPagePath("demo", slot), "http://x");
    expect(url.pathname).toBe("/c/demo/book");
    expect(parseBookingPrefill(url.searchParams)).toEqual(slot);
  });

  it("carries the chosen partners and the partner search", () => {
    const url = new URL(bookPagePath("demo", slot, { partners: ["a", "b"], q: "bo" }), "http://x");
    expect(url.searchParams.getAll("partner")).toEqual(["a", "b"]);
    expect(url.searchParams.get("q")).toBe("bo");
  });
});

describe("formatSlot", () => {
  it("writes the slot in the club's zone, across a DST change", () => {
    expect(formatSlot("2026-06-16T08:00:00Z", "2026-06-16T09:30:00Z", "Europe/Paris")).toBe(
      "Tuesday 16 June 2026, 10:00–11:30",
    );
    expect(formatSlot("2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "Europe/Paris")).toBe(
      "Sunday 25 October 2026, 02:30 (UTC+2)–02:30 (UTC+1)",
    );
  });
});

describe("listNames", () => {
  it("joins names in plain English", () => {
    expect(listNames([])).toBe("");
    expect(listNames(["Ann"])).toBe("Ann");
    expect(listNames(["Ann", "Bob"])).toBe("Ann and Bob");
    expect(listNames(["Ann", "Bob", "Cy"])).toBe("Ann, Bob and Cy");
  });
});
