import { describe, expect, it } from "vitest";
import type { AvailabilityCell } from "@/lib/availability";
import {
  bookingPageView,
  bookPageReturnPath,
  durationChoices,
  guestSlotCount,
  partnerLinks,
  preferredDuration,
  queryValues,
  unavailableReason,
} from "@/lib/booking-page";

const ZONE = "Europe/Paris";
const court = { name: "Court 1" };
const row = { startsAt: "2026-06-16T08:00:00Z" };
const free: AvailabilityCell = { status: "free", bookable: true, durations: [60, 90] };
const refused: AvailabilityCell = {
  status: "free",
  bookable: false,
  reason: { rule: "NOT_OPEN_YET", message: "Not open yet.", eligibleAt: "2026-06-10T22:00:00Z" },
};
const view = (cell: AvailabilityCell | null, over: { member?: boolean; verified?: boolean } = {}) =>
  bookingPageView({
    court,
    row,
    cell,
    member: over.member ?? true,
    emailVerified: over.verified ?? true,
    zone: ZONE,
  });

const COURT = "6ca3c6c3-4ada-4c5a-bd17-8ed97a5f2c3c";
const slot = { courtId: COURT, startsAt: new Date("2026-06-16T08:00:00Z"), durationMinutes: 90 };

describe("bookingPageView", () => {
  it("shows the form for a bookable slot, with its court and cell", () => {
    expect(view(free)).toEqual({ kind: "form", court, cell: free });
  });

  it("says a slot off the planning is not on it", () => {
    const why = "This time is not on the club’s planning for this court.";
    expect(view(null)).toEqual({ kind: "unavailable", why });
    expect(
      bookingPageView({
        court: null,
        row,
        cell: free,
        member: true,
        emailVerified: true,
        zone: ZONE,
      }),
    ).toEqual({ kind: "unavailable", why });
    expect(
      bookingPageView({
        court,
        row: null,
        cell: free,
        member: true,
        emailVerified: true,
        zone: ZONE,
      }),
    ).toEqual({ kind: "unavailable", why });
  });

  it("asks a member with an unconfirmed address to confirm it before any free slot", () => {
    expect(view(free, { verified: false })).toEqual({ kind: "email-unverified" });
    expect(view(refused, { verified: false })).toEqual({ kind: "email-unverified" });
    // Not a member: the refusal says why; a taken slot still offers the waiting list.
    expect(view(refused, { verified: false, member: false }).kind).toBe("refused");
    const taken: AvailabilityCell = {
      status: "booked",
      from: "10:00",
      until: "11:00",
      mine: false,
      bookingId: null,
    } as AvailabilityCell;
    expect(view(taken, { verified: false })).toEqual({ kind: "taken", court });
  });

  it("gives the refusing rule and when the viewer becomes eligible, in club time", () => {
    expect(view(refused)).toEqual({
      kind: "refused",
      reason: (refused as Extract<AvailabilityCell, { bookable: false }>).reason,
      eligibleOn: "Thu 11 Jun 00:00",
    });
    const never: AvailabilityCell = {
      status: "free",
      bookable: false,
      reason: { rule: "NOT_A_MEMBER", message: "Members only.", eligibleAt: null },
    };
    expect(view(never)).toMatchObject({ kind: "refused", eligibleOn: null });
  });

  it("tells the viewer's own booking from someone else's", () => {
    const booked = (mine: boolean) =>
      ({ status: "booked", mine, bookingId: mine ? "b" : null }) as AvailabilityCell;
    expect(view(booked(true))).toEqual({ kind: "mine" });
    expect(view(booked(false))).toEqual({ kind: "taken", court });
  });

  it("explains past, closed and blocked slots", () => {
    expect(view({ status: "past" } as AvailabilityCell)).toEqual({
      kind: "unavailable",
      why: "This time has already started or passed.",
    });
  });
});

describe("unavailableReason", () => {
  it("words each state", () => {
    expect(unavailableReason({ status: "past" } as never)).toBe(
      "This time has already started or passed.",
    );
    expect(unavailableReason({ status: "closed", reason: "Frost" } as never)).toBe(
      "The court is closed: Frost.",
    );
    expect(unavailableReason({ status: "closed", reason: null } as never)).toBe(
      "The court is not open at this time.",
    );
    expect(unavailableReason({ status: "blocked", title: "Lesson" } as never)).toBe(
      "The court is blocked: Lesson.",
    );
  });
});

describe("durationChoices and preferredDuration", () => {
  it("labels each duration with its end in club time", () => {
    expect(durationChoices(slot.startsAt, [60, 90], ZONE)).toEqual([
      { minutes: 60, label: "60 minutes (until 11:00)" },
      { minutes: 90, label: "90 minutes (until 11:30)" },
    ]);
  });

  it("writes the end across a DST change in the zone's wall clock", () => {
    // 25 October 2026 02:00 CEST, two hours of elapsed time: 03:00 CET (clocks went back at 03:00).
    expect(durationChoices(new Date("2026-10-25T00:00:00Z"), [120], ZONE)).toEqual([
      { minutes: 120, label: "120 minutes (until 03:00)" },
    ]);
  });

  it("keeps the requested duration when allowed, else takes the first", () => {
    expect(preferredDuration(90, [60, 90])).toBe(90);
    expect(preferredDuration(45, [60, 90])).toBe(60);
    expect(preferredDuration(45, [])).toBeUndefined();
  });
});

describe("guestSlotCount", () => {
  it("is the largest party less the booker and partners, between 0 and 5", () => {
    expect(guestSlotCount([2, 4], 0)).toBe(3);
    expect(guestSlotCount([2, 4], 1)).toBe(2);
    expect(guestSlotCount([2], 3)).toBe(0);
    expect(guestSlotCount([10], 0)).toBe(5);
    expect(guestSlotCount([], 0)).toBe(1);
  });
});

describe("partnerLinks", () => {
  const ann = { userId: "a", name: "Ann" };
  const bob = { userId: "b", name: "Bob" };
  const links = partnerLinks({
    clubSlug: "demo",
    slot,
    q: "bo",
    partners: [ann],
    found: [ann, bob],
  });
  const params = (href: string | null) => new URL(href!, "http://x").searchParams;

  it("removes a partner and keeps the search", () => {
    expect(params(links.chosen[0]!.removeHref).getAll("partner")).toEqual([]);
    expect(params(links.chosen[0]!.removeHref).get("q")).toBe("bo");
  });

  it("adds a member found, ends the search, and marks the chosen ones", () => {
    expect(links.found[0]!.addHref).toBeNull();
    expect(params(links.found[1]!.addHref).getAll("partner")).toEqual(["a", "b"]);
    expect(params(links.found[1]!.addHref).get("q")).toBeNull();
  });

  it("returns to the page with the partners and without the search", () => {
    expect(links.here).toBe(
      "/c/demo/book?court=6ca3c6c3-4ada-4c5a-bd17-8ed97a5f2c3c&start=2026-06-16T08%3A00%3A00.000Z&duration=90&partner=a",
    );
  });
});

describe("bookPageReturnPath and queryValues", () => {
  it("keeps every value of the query, repeated ones too", () => {
    expect(bookPageReturnPath("demo", { court: "c", partner: ["a", "b"], q: undefined })).toBe(
      "/c/demo/book?court=c&partner=a&partner=b",
    );
    expect(queryValues(undefined)).toEqual([]);
    expect(queryValues("a")).toEqual(["a"]);
    expect(queryValues(["a", "b"])).toEqual(["a", "b"]);
  });
});
