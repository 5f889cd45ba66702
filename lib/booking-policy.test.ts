import { describe, expect, it } from "vitest";
import {
  decideBooking,
  decideCancellation,
  decideParty,
  decideSlot,
  formatMoment,
  isPeak,
  releaseMoment,
  type BookingRequest,
  type Decision,
  type PolicyContext,
  type TierPolicy,
} from "./booking-policy";
import { zonedInstant } from "./time";

const ZONE = "Europe/Paris";
const t = (iso: string) => new Date(iso);
/** Local wall-clock time in Paris → instant. */
const paris = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return zonedInstant(date, h! * 60 + m!, ZONE);
};

const standard: TierPolicy = {
  tierName: "Standard",
  horizonDays: 7,
  releaseMinute: 8 * 60,
  maxActiveBookings: 2,
  maxPerDay: 1,
  maxPerWeek: 3,
  maxPeakPerWeek: 1,
  noBackToBack: true,
  cancelNoticeMinutes: 120,
  partnerBookingsCount: true,
  partnersMustBeActive: true,
  maxGuestsPerBooking: 1,
};

function ctx(
  overrides: Partial<PolicyContext> = {},
  tier: Partial<TierPolicy> = {},
): PolicyContext {
  return {
    now: paris("2026-06-10", "12:00"), // a Wednesday
    timeZone: ZONE,
    tier: { ...standard, ...tier },
    member: { status: "ACTIVE", validUntil: null },
    sport: { allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] },
    peakBands: [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startMinute: 17 * 60,
      endMinute: 21 * 60,
    })),
    held: [],
    ...overrides,
  };
}

function req(startsAt: Date, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return { startsAt, durationMinutes: 60, partners: [{ active: true }], guests: 0, ...overrides };
}

function refusal(d: Decision) {
  if (d.ok) throw new Error("expected a refusal");
  return d;
}

const held = (start: Date, minutes = 60, asPartner = false) => ({
  startsAt: start,
  endsAt: new Date(start.getTime() + minutes * 60_000),
  asPartner,
});

describe("decideBooking", () => {
  it("accepts a plain booking within every rule", () => {
    expect(decideBooking(req(paris("2026-06-11", "10:00")), ctx())).toEqual({ ok: true });
  });

  describe("membership", () => {
    it.each(["INVITED", "SUSPENDED", "ENDED"] as const)("refuses a %s membership", (status) => {
      const d = refusal(
        decideBooking(
          req(paris("2026-06-11", "10:00")),
          ctx({ member: { status, validUntil: null } }),
        ),
      );
      expect(d.rule).toBe("MEMBERSHIP_INACTIVE");
      expect(d.eligibleAt).toBeNull();
    });

    it("accepts up to and including the last valid day, refuses the day after", () => {
      const c = ctx({ member: { status: "ACTIVE", validUntil: "2026-06-11" } });
      expect(decideBooking(req(paris("2026-06-11", "21:00")), c).ok).toBe(true);
      expect(refusal(decideBooking(req(paris("2026-06-12", "09:00")), c)).rule).toBe(
        "MEMBERSHIP_EXPIRED",
      );
    });
  });

  describe("time", () => {
    it("refuses a slot that has started, accepts one that starts a minute from now", () => {
      const now = paris("2026-06-10", "12:00");
      expect(refusal(decideBooking(req(now), ctx())).rule).toBe("IN_PAST");
      expect(refusal(decideBooking(req(paris("2026-06-10", "11:00")), ctx())).rule).toBe("IN_PAST");
      expect(decideBooking(req(new Date(now.getTime() + 60_000)), ctx()).ok).toBe(true);
    });

    it("allows only the club's durations for the sport", () => {
      const d = refusal(
        decideBooking(req(paris("2026-06-11", "10:00"), { durationMinutes: 120 }), ctx()),
      );
      expect(d.rule).toBe("DURATION_NOT_ALLOWED");
      expect(d.message).toContain("60 or 90 minutes");
      expect(
        decideBooking(req(paris("2026-06-11", "10:00"), { durationMinutes: 90 }), ctx()).ok,
      ).toBe(true);
    });
  });

  describe("booking horizon and release time", () => {
    it("opens a day exactly horizonDays before it, at the release time, and says when", () => {
      // 2026-06-17 opens on 2026-06-10 at 08:00 Paris time.
      const slot = paris("2026-06-17", "10:00");
      const before = ctx({ now: paris("2026-06-10", "07:59") });
      const d = refusal(decideBooking(req(slot), before));
      expect(d.rule).toBe("NOT_OPEN_YET");
      expect(d.eligibleAt).toEqual(paris("2026-06-10", "08:00"));
      expect(d.message).toBe(
        "Standard members can book 7 days ahead. This day opens for booking on Wed 10 Jun 08:00.",
      );
      expect(decideBooking(req(slot), ctx({ now: paris("2026-06-10", "08:00") })).ok).toBe(true);
      // A day further out is not open yet even after the release time.
      expect(refusal(decideBooking(req(paris("2026-06-18", "10:00")), ctx())).rule).toBe(
        "NOT_OPEN_YET",
      );
    });

    it("with horizon 0 opens today at the release time only", () => {
      const c = ctx({ now: paris("2026-06-10", "07:00") }, { horizonDays: 0 });
      const d = refusal(decideBooking(req(paris("2026-06-10", "18:00")), c));
      expect(d.eligibleAt).toEqual(paris("2026-06-10", "08:00"));
      expect(d.message).toContain("0 days ahead");
    });

    it("computes the release on wall-clock time across the spring DST change", () => {
      // Release for Sunday 5 April at 08:00 happens on Sunday 29 March (the 23-hour day) at 08:00 CEST.
      const tier = { ...standard, horizonDays: 7 };
      expect(releaseMoment("2026-04-05", tier, ZONE)).toEqual(t("2026-03-29T06:00:00Z"));
      // And for a day in the week before, on Saturday 28 March at 08:00 CET.
      expect(releaseMoment("2026-04-04", tier, ZONE)).toEqual(t("2026-03-28T07:00:00Z"));
    });

    it("computes the release on wall-clock time across the autumn DST change", () => {
      const tier = { ...standard, horizonDays: 1, releaseMinute: 0 };
      // Sunday 25 October is 25 hours long; midnight of the 25th is 22:00Z on the 24th (CEST).
      expect(releaseMoment("2026-10-26", tier, ZONE)).toEqual(t("2026-10-24T22:00:00Z"));
      expect(releaseMoment("2026-10-27", tier, ZONE)).toEqual(t("2026-10-25T23:00:00Z"));
    });
  });

  describe("maximum active bookings", () => {
    const two = [held(paris("2026-06-11", "18:00")), held(paris("2026-06-13", "09:00"))];

    it("refuses a third upcoming booking and says when the player can book again", () => {
      const d = refusal(decideBooking(req(paris("2026-06-15", "10:00")), ctx({ held: two })));
      expect(d.rule).toBe("MAX_ACTIVE");
      expect(d.eligibleAt).toEqual(paris("2026-06-11", "19:00"));
      expect(d.message).toBe(
        "You already hold 2 upcoming bookings (limit 2 for Standard members). You can book again after Thu 11 Jun 19:00.",
      );
    });

    it("accepts below the limit", () => {
      expect(
        decideBooking(req(paris("2026-06-15", "10:00")), ctx({ held: two.slice(0, 1) })).ok,
      ).toBe(true);
    });

    it("ignores bookings that are over", () => {
      const old = [held(paris("2026-06-10", "09:00")), held(paris("2026-06-10", "10:00"))];
      expect(decideBooking(req(paris("2026-06-15", "10:00")), ctx({ held: old })).ok).toBe(true);
    });

    it("counts a booking in progress until it ends", () => {
      const playing = [held(paris("2026-06-10", "11:30")), held(paris("2026-06-14", "10:00"))];
      const d = refusal(decideBooking(req(paris("2026-06-15", "10:00")), ctx({ held: playing })));
      expect(d.eligibleAt).toEqual(paris("2026-06-10", "12:30"));
    });

    it("gives the moment when enough bookings are over if the player is far above the limit", () => {
      const four = [
        held(paris("2026-06-11", "09:00")),
        held(paris("2026-06-12", "09:00")),
        held(paris("2026-06-13", "09:00")),
        held(paris("2026-06-14", "09:00")),
      ];
      const d = refusal(
        decideBooking(req(paris("2026-06-16", "10:00")), ctx({ held: four }, { maxPerWeek: null })),
      );
      // 4 held, limit 2: after the 3rd one ends only 1 is left.
      expect(d.eligibleAt).toEqual(paris("2026-06-13", "10:00"));
    });

    it("counts partner bookings only when the tier says so", () => {
      const asPartner = [
        held(paris("2026-06-11", "18:00"), 60, true),
        held(paris("2026-06-13", "09:00"), 60, true),
      ];
      expect(
        refusal(decideBooking(req(paris("2026-06-15", "10:00")), ctx({ held: asPartner }))).rule,
      ).toBe("MAX_ACTIVE");
      expect(
        decideBooking(
          req(paris("2026-06-15", "10:00")),
          ctx({ held: asPartner }, { partnerBookingsCount: false }),
        ).ok,
      ).toBe(true);
    });

    it("has no limit when null", () => {
      const many = [1, 2, 3, 4].map((d) => held(paris(`2026-06-1${d}`, "09:00")));
      const c = ctx({ held: many }, { maxActiveBookings: null, maxPerWeek: null });
      expect(decideBooking(req(paris("2026-06-16", "10:00")), c).ok).toBe(true);
    });
  });

  describe("per day, per week and peak limits", () => {
    it("refuses a second booking on the same local day", () => {
      const d = refusal(
        decideBooking(
          req(paris("2026-06-11", "20:00")),
          ctx({ held: [held(paris("2026-06-11", "09:00"))] }),
        ),
      );
      expect(d.rule).toBe("MAX_PER_DAY");
      expect(d.message).toContain("limit 1 a day");
    });

    it("uses the club's local day, not the UTC day", () => {
      // 00:30 Paris on the 12th is 22:30Z on the 11th: a different local day from the 11th.
      const c = ctx({ held: [held(paris("2026-06-11", "09:00"))] }, { noBackToBack: false });
      expect(decideBooking(req(paris("2026-06-12", "00:30")), c).ok).toBe(true);
    });

    it("refuses beyond the weekly limit, counting the ISO week Monday to Sunday", () => {
      const week = [
        held(paris("2026-06-08", "09:00")),
        held(paris("2026-06-11", "09:00")),
        held(paris("2026-06-12", "09:00")),
      ];
      const c = ctx(
        { now: paris("2026-06-08", "08:00"), held: week },
        { maxActiveBookings: null, maxPeakPerWeek: null },
      );
      expect(refusal(decideBooking(req(paris("2026-06-14", "10:00")), c)).rule).toBe(
        "MAX_PER_WEEK",
      );
      // Monday of the next week is another week.
      expect(
        decideBooking(req(paris("2026-06-15", "10:00")), {
          ...c,
          now: paris("2026-06-09", "09:00"),
        }).ok,
      ).toBe(true);
    });

    it("applies the peak limit only to peak times", () => {
      const c = ctx({ held: [held(paris("2026-06-11", "18:00"))] });
      const d = refusal(decideBooking(req(paris("2026-06-12", "17:00")), c));
      expect(d.rule).toBe("MAX_PEAK_PER_WEEK");
      expect(d.message).toContain("Off-peak times are still open to you");
      expect(decideBooking(req(paris("2026-06-12", "16:00")), c).ok).toBe(true);
      // The band is half-open: 21:00 is off-peak.
      expect(decideBooking(req(paris("2026-06-12", "21:00")), c).ok).toBe(true);
    });

    it("knows which times are peak", () => {
      const bands = ctx().peakBands;
      expect(isPeak(paris("2026-06-12", "16:59"), ZONE, bands)).toBe(false);
      expect(isPeak(paris("2026-06-12", "17:00"), ZONE, bands)).toBe(true);
      expect(isPeak(paris("2026-06-12", "20:59"), ZONE, bands)).toBe(true);
      expect(isPeak(paris("2026-06-13", "18:00"), ZONE, bands)).toBe(false); // Saturday
    });
  });

  describe("back-to-back", () => {
    const morning = held(paris("2026-06-11", "09:00"));

    it("refuses a booking right after another, until the earlier one has started", () => {
      const c = ctx({ held: [morning] }, { maxPerDay: null });
      const d = refusal(decideBooking(req(paris("2026-06-11", "10:00")), c));
      expect(d.rule).toBe("BACK_TO_BACK");
      expect(d.eligibleAt).toEqual(paris("2026-06-11", "09:00"));
      const playing = { ...c, now: paris("2026-06-11", "09:05") };
      expect(decideBooking(req(paris("2026-06-11", "10:00")), playing).ok).toBe(true);
    });

    it("refuses a booking right before another", () => {
      const c = ctx({ held: [morning] }, { maxPerDay: null });
      const d = refusal(decideBooking(req(paris("2026-06-11", "08:00")), c));
      expect(d.rule).toBe("BACK_TO_BACK");
      expect(d.eligibleAt).toBeNull();
    });

    it("accepts a gap of one minute, and anything when the rule is off", () => {
      const c = ctx({ held: [morning] }, { maxPerDay: null });
      expect(decideBooking(req(paris("2026-06-11", "10:01")), c).ok).toBe(true);
      expect(
        decideBooking(req(paris("2026-06-11", "10:00")), {
          ...c,
          tier: { ...c.tier, noBackToBack: false },
        }).ok,
      ).toBe(true);
    });
  });

  describe("partners and guests", () => {
    it("limits guests per booking", () => {
      const slot = paris("2026-06-11", "10:00");
      expect(decideBooking(req(slot, { partners: [], guests: 1 }), ctx()).ok).toBe(true);
      const d = refusal(
        decideBooking(req(slot, { partners: [{ active: true }], guests: 2 }), ctx()),
      );
      expect(d.rule).toBe("TOO_MANY_GUESTS");
      expect(
        refusal(
          decideBooking(
            req(slot, { partners: [], guests: 1 }),
            ctx({}, { maxGuestsPerBooking: 0 }),
          ),
        ).message,
      ).toBe("Standard members cannot bring guests.");
    });

    it("requires active partners when the tier says so", () => {
      const slot = paris("2026-06-11", "10:00");
      const r = req(slot, { partners: [{ active: false }] });
      expect(refusal(decideBooking(r, ctx())).rule).toBe("PARTNER_INACTIVE");
      expect(decideBooking(r, ctx({}, { partnersMustBeActive: false })).ok).toBe(true);
    });

    it("requires a player count the sport allows", () => {
      const slot = paris("2026-06-11", "10:00");
      expect(refusal(decideBooking(req(slot, { partners: [] }), ctx())).rule).toBe("PLAYER_COUNT");
      const three = refusal(
        decideBooking(req(slot, { partners: [{ active: true }, { active: true }] }), ctx()),
      );
      expect(three.message).toBe(
        "This court is booked for 2 or 4 players, you named 3 (you, 2 partners and 0 guests).",
      );
      const four = req(slot, { partners: [{ active: true }, { active: true }, { active: true }] });
      expect(decideBooking(four, ctx()).ok).toBe(true);
    });
  });

  describe("DST days of the club's time zone", () => {
    it("handles the 23-hour day: a booking at 03:00 CEST right after the gap", () => {
      const c = ctx({ now: paris("2026-03-28", "12:00") });
      const slot = paris("2026-03-29", "03:00");
      expect(slot).toEqual(t("2026-03-29T01:00:00Z"));
      expect(decideBooking(req(slot), c).ok).toBe(true);
    });

    it("counts per-day limits by local day on the 25-hour day", () => {
      const c = ctx(
        { now: paris("2026-10-24", "12:00"), held: [held(t("2026-10-25T00:30:00Z"))] },
        { noBackToBack: false },
      );
      // 23:30Z on the 25th is 00:30 CET on the 26th: another local day.
      expect(decideBooking(req(t("2026-10-25T23:30:00Z")), c).ok).toBe(true);
      // 22:30Z on the 25th is still the 25th locally (23:30 CET).
      expect(refusal(decideBooking(req(t("2026-10-25T22:30:00Z")), c)).rule).toBe("MAX_PER_DAY");
    });

    it("formats moments in the club's time zone on both sides of a change", () => {
      expect(formatMoment(t("2026-03-29T00:30:00Z"), ZONE)).toBe("Sun 29 Mar 01:30");
      expect(formatMoment(t("2026-03-29T01:30:00Z"), ZONE)).toBe("Sun 29 Mar 03:30");
      expect(formatMoment(t("2026-10-25T00:30:00Z"), ZONE)).toBe("Sun 25 Oct 02:30");
      expect(formatMoment(t("2026-10-25T01:30:00Z"), ZONE)).toBe("Sun 25 Oct 02:30");
    });
  });
});

describe("decideCancellation", () => {
  const c = (now: Date) => ({ now, timeZone: ZONE, tier: standard });
  const booking = { startsAt: paris("2026-06-11", "18:00") };

  it("allows cancelling up to the notice deadline, inclusive", () => {
    expect(decideCancellation(booking, c(paris("2026-06-11", "16:00"))).ok).toBe(true);
    expect(decideCancellation(booking, c(paris("2026-06-11", "15:00"))).ok).toBe(true);
  });

  it("refuses after the deadline, naming it", () => {
    const d = refusal(decideCancellation(booking, c(paris("2026-06-11", "16:01"))));
    expect(d.rule).toBe("CANCEL_DEADLINE");
    expect(d.message).toContain("120 minutes before");
    expect(d.message).toContain("Thu 11 Jun 16:00");
  });

  it("refuses once the booking has started", () => {
    expect(refusal(decideCancellation(booking, c(paris("2026-06-11", "18:00")))).message).toBe(
      "This booking has already started.",
    );
  });
});

describe("decideSlot and decideParty (the grid asks the first, the dialog both)", () => {
  it("decideSlot ignores who plays: a slot is open even if the party is not valid yet", () => {
    const start = paris("2026-06-11", "10:00");
    expect(decideSlot({ startsAt: start, durationMinutes: 60 }, ctx())).toEqual({ ok: true });
    expect(refusal(decideBooking(req(start, { partners: [] }), ctx())).rule).toBe("PLAYER_COUNT");
  });

  it("decideSlot gives the same refusal as decideBooking for time and quota rules", () => {
    const start = paris("2026-06-11", "10:00");
    const c = ctx({ held: [held(paris("2026-06-11", "08:00"))] }, { maxPerDay: 1 });
    expect(decideSlot({ startsAt: start, durationMinutes: 60 }, c)).toEqual(
      decideBooking(req(start), c),
    );
    const far = paris("2026-06-20", "10:00");
    expect(decideSlot({ startsAt: far, durationMinutes: 60 }, ctx())).toEqual(
      decideBooking(req(far), ctx()),
    );
  });

  it("decideParty checks guests, partners and players on court only", () => {
    const c = ctx();
    expect(decideParty({ partners: [{ active: true }], guests: 0 }, c)).toEqual({ ok: true });
    expect(refusal(decideParty({ partners: [], guests: 2 }, c)).rule).toBe("TOO_MANY_GUESTS");
    expect(refusal(decideParty({ partners: [{ active: false }], guests: 0 }, c)).rule).toBe(
      "PARTNER_INACTIVE",
    );
    expect(refusal(decideParty({ partners: [], guests: 0 }, c)).rule).toBe("PLAYER_COUNT");
    expect(decideParty({ partners: [], guests: 1 }, c)).toEqual({ ok: true });
  });
});
