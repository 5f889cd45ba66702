import { describe, expect, it } from "vitest";
import {
  BOOKING_STATUS_LABELS,
  bookingListFilters,
  bookingNotices,
  bookingsPageHref,
  bookingWhen,
  cancelBookingLabel,
  courtFilterOptions,
  isCancellable,
  memberOptions,
  playersText,
  resultsHeading,
  STATUS_FILTER_OPTIONS,
  statusLabel,
  type AppliedFilters,
  type BookingRowView,
} from "@/lib/admin-bookings-page";

const NONE: AppliedFilters = { from: null, to: null, court: null, member: null, status: null };

const ROW: BookingRowView = {
  id: "b1",
  status: "CONFIRMED",
  date: "2026-06-10",
  start: "18:00",
  end: "19:00",
  players: ["Alice Martin", "Bob Durand"],
};

describe("bookingListFilters", () => {
  it("reads each filter of the query, undefined when absent or repeated", () => {
    expect(
      bookingListFilters({
        from: "2026-06-01",
        to: "2026-06-30",
        court: "c1",
        member: "alice",
        status: "CONFIRMED",
        page: "2",
        booked: "1",
      }),
    ).toEqual({
      from: "2026-06-01",
      to: "2026-06-30",
      court: "c1",
      member: "alice",
      status: "CONFIRMED",
      page: "2",
    });
    expect(bookingListFilters({ court: ["c1", "c2"] })).toEqual({
      from: undefined,
      to: undefined,
      court: undefined,
      member: undefined,
      status: undefined,
      page: undefined,
    });
  });
});

describe("status words", () => {
  it("names each status", () => {
    expect(BOOKING_STATUS_LABELS).toEqual({
      CONFIRMED: "Confirmed",
      PENDING_PAYMENT: "Awaiting payment",
      CANCELLED: "Cancelled",
    });
    expect(statusLabel(ROW)).toBe("Confirmed");
    expect(statusLabel({ ...ROW, status: "PENDING_PAYMENT" })).toBe("Awaiting payment");
    expect(statusLabel({ ...ROW, status: "CANCELLED" })).toBe("Cancelled");
  });

  it("offers any status first, then each status", () => {
    expect(STATUS_FILTER_OPTIONS).toEqual([
      { value: "", label: "Any status" },
      { value: "CONFIRMED", label: "Confirmed" },
      { value: "PENDING_PAYMENT", label: "Awaiting payment" },
      { value: "CANCELLED", label: "Cancelled" },
    ]);
  });
});

describe("courtFilterOptions", () => {
  it("offers all courts first (no filter), then each court by id", () => {
    expect(courtFilterOptions([])).toEqual([{ value: "", label: "All courts" }]);
    expect(
      courtFilterOptions([
        { id: "c1", name: "Court 1" },
        { id: "c2", name: "Centre" },
      ]),
    ).toEqual([
      { value: "", label: "All courts" },
      { value: "c1", label: "Court 1" },
      { value: "c2", label: "Centre" },
    ]);
  });
});

describe("memberOptions", () => {
  it("offers a walk-in guest first, then each member with their email", () => {
    expect(
      memberOptions([{ id: "m1", name: "Alice Martin", email: "alice@example.test" }]),
    ).toEqual([
      { value: "", label: "— a walk-in guest —" },
      { value: "m1", label: "Alice Martin (alice@example.test)" },
    ]);
  });
});

describe("bookingsPageHref", () => {
  it("keeps the applied filters in their order, then the page", () => {
    expect(bookingsPageHref("demo", NONE, 1)).toBe("/c/demo/admin/bookings?page=1");
    expect(
      bookingsPageHref(
        "demo",
        {
          status: "CANCELLED",
          member: "Alice M",
          court: "c1",
          to: "2026-06-30",
          from: "2026-06-01",
        },
        3,
      ),
    ).toBe(
      "/c/demo/admin/bookings?from=2026-06-01&to=2026-06-30&court=c1&member=Alice+M&status=CANCELLED&page=3",
    );
  });
});

describe("resultsHeading", () => {
  it("counts the bookings, with the page when there are several", () => {
    expect(resultsHeading({ total: 0, page: 1, pages: 1 })).toBe("0 booking(s)");
    expect(resultsHeading({ total: 60, page: 2, pages: 3 })).toBe("60 booking(s) · page 2 of 3");
  });
});

describe("bookingNotices", () => {
  it("confirms a cancellation, then a booking", () => {
    expect(bookingNotices({})).toEqual([]);
    expect(bookingNotices({ cancelled: "", booked: ["1", "1"] })).toEqual([]);
    expect(bookingNotices({ booked: "1" })).toEqual(["Booking made."]);
    expect(bookingNotices({ booked: "1", cancelled: "1" })).toEqual([
      "Booking cancelled. The players have been told, with your reason.",
      "Booking made.",
    ]);
  });
});

describe("a booking row", () => {
  it("reads its date, time and players", () => {
    expect(bookingWhen(ROW)).toEqual({ date: "Wednesday 10 June 2026", time: "18:00–19:00" });
    expect(playersText(ROW)).toBe("Alice Martin, Bob Durand");
    expect(cancelBookingLabel(ROW)).toBe("Cancel the booking of Alice Martin, Bob Durand");
  });

  it("may be cancelled until it is", () => {
    expect(isCancellable(ROW)).toBe(true);
    expect(isCancellable({ ...ROW, status: "PENDING_PAYMENT" })).toBe(true);
    expect(isCancellable({ ...ROW, status: "CANCELLED" })).toBe(false);
  });
});
