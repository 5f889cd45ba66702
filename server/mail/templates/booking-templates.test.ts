import { describe, expect, it } from "vitest";
import { renderEmail } from "../render-email";

const ctx = { locale: "en", clubName: "Club <Padel> & Co" };
const facts = {
  courtName: "Court 2",
  sport: "PADEL",
  startsAt: "2026-11-28T09:00:00.000Z",
  endsAt: "2026-11-28T10:30:00.000Z",
  timeZone: "Europe/Paris",
  players: ["Ada Lovelace", "Grace <Hopper>"],
  guests: ["Alan"],
};

describe("booking email templates", () => {
  it("confirmation: club-local times, players, guests and the calendar hint, escaped", () => {
    const r = renderEmail(
      "booking-confirmed",
      {
        ...facts,
        name: "Ada",
        cancelDeadline: "2026-11-28T08:00:00.000Z",
        bookingsUrl: "https://x.test/c/club/bookings",
      },
      ctx,
    );
    // 09:00 UTC is 10:00 in Paris in November (UTC+1).
    expect(r.subject).toBe(
      "Booking confirmed: Padel — Court 2, Sat, Nov 28, 2026, 10:00 AM–11:30 AM (Europe/Paris)",
    );
    expect(r.text).toContain("Your booking is confirmed.");
    expect(r.text).toContain("Players: Ada Lovelace, Grace <Hopper>");
    expect(r.text).toContain("Guests: Alan");
    expect(r.text).toContain("(.ics)");
    expect(r.text).toMatch(/cancel it until Nov 28, 2026, 09:00 AM/);
    expect(r.html).toContain("Grace &#60;Hopper&#62;");
    expect(r.html).not.toContain("<Hopper>");
    expect(r.html).not.toMatch(/<img|<script|<iframe|<form/i);
  });

  it("confirmation to a partner names the booker", () => {
    const r = renderEmail(
      "booking-confirmed",
      { ...facts, bookedBy: "Ada Lovelace", bookingsUrl: "https://x.test/b" },
      ctx,
    );
    expect(r.text).toContain("Ada Lovelace booked a court and named you as a player.");
    expect(r.text).not.toContain("Your booking is confirmed.");
  });

  it("cancellation says who cancelled, and why", () => {
    const base = { ...facts, planningUrl: "https://x.test/p" };
    expect(
      renderEmail("booking-cancelled", { ...base, cancelledBy: { kind: "self" } }, ctx).text,
    ).toContain("You cancelled this booking.");
    const other = renderEmail(
      "booking-cancelled",
      { ...base, cancelledBy: { kind: "player", name: "Ada" }, reason: "Rain" },
      ctx,
    );
    expect(other.subject).toMatch(/^Booking cancelled: Padel — Court 2, /);
    expect(other.text).toContain("Ada cancelled this booking.");
    expect(other.text).toContain("Reason given: Rain");
    expect(
      renderEmail("booking-cancelled", { ...base, cancelledBy: { kind: "club" } }, ctx).text,
    ).toContain("The club cancelled this booking.");
  });

  it("reminder and waiting-list offer carry the unsubscribe footer they are given", () => {
    const optional = {
      ...ctx,
      unsubscribeUrl: "https://x.test/u",
      preferencesUrl: "https://x.test/p",
    };
    const reminder = renderEmail(
      "booking-reminder",
      { ...facts, bookingsUrl: "https://x.test/b" },
      optional,
    );
    expect(reminder.subject).toMatch(/^Reminder: Padel — Court 2, /);
    expect(reminder.text).toContain("Unsubscribe from these emails: https://x.test/u");
    const offer = renderEmail(
      "waitlist-offer",
      { ...facts, othersNotified: 2, bookUrl: "https://x.test/c/club/planning?court=1" },
      optional,
    );
    expect(offer.subject).toMatch(/^A slot you wanted is free: Padel — Court 2, /);
    expect(offer.text).toContain("2 other players were waiting too");
    expect(offer.text).toContain("Book this slot:\nhttps://x.test/c/club/planning?court=1");
    // The offer does not disclose who held the slot.
    expect(offer.text).not.toContain("Ada Lovelace");
    expect(offer.text).toContain("Unsubscribe from these emails");
  });

  it("speak the recipient's language (French), in the club's time zone", () => {
    const fr = { locale: "fr-FR", clubName: "Club" };
    const r = renderEmail("booking-confirmed", { ...facts, bookingsUrl: "https://x.test/b" }, fr);
    expect(r.subject).toBe(
      "Réservation confirmée : Padel — Court 2, sam. 28 nov. 2026, 10:00–11:30 (Europe/Paris)",
    );
    expect(r.text).toContain("Terrain: Padel — Court 2");
    expect(
      renderEmail("booking-reminder", { ...facts, bookingsUrl: "https://x.test/b" }, fr).subject,
    ).toMatch(/^Rappel : /);
    expect(
      renderEmail(
        "waitlist-offer",
        { ...facts, othersNotified: 1, bookUrl: "https://x.test/b" },
        fr,
      ).text,
    ).toContain("Un autre joueur attendait aussi et a reçu cet email");
    expect(
      renderEmail(
        "booking-cancelled",
        { ...facts, cancelledBy: { kind: "self" }, planningUrl: "https://x.test/p" },
        fr,
      ).subject,
    ).toMatch(/^Réservation annulée : /);
  });

  it("is DST-correct: the same wall time on both sides of the switch", () => {
    const before = renderEmail(
      "booking-reminder",
      {
        ...facts,
        startsAt: "2026-03-28T09:00:00Z", // Saturday, UTC+1
        endsAt: "2026-03-28T10:00:00Z",
        bookingsUrl: "https://x.test/b",
      },
      { locale: "fr", clubName: null },
    );
    const after = renderEmail(
      "booking-reminder",
      {
        ...facts,
        startsAt: "2026-03-29T08:00:00Z", // Sunday, UTC+2
        endsAt: "2026-03-29T09:00:00Z",
        bookingsUrl: "https://x.test/b",
      },
      { locale: "fr", clubName: null },
    );
    expect(before.subject).toContain("10:00–11:00");
    expect(after.subject).toContain("10:00–11:00");
  });

  it("refuse bad data, naming the field", () => {
    expect(() =>
      renderEmail("waitlist-offer", { ...facts, bookUrl: "javascript:alert(1)" }, ctx),
    ).toThrow(/bookUrl/);
    expect(() =>
      renderEmail(
        "booking-confirmed",
        { ...facts, startsAt: "tomorrow", bookingsUrl: "https://x.test/b" },
        ctx,
      ),
    ).toThrow(/startsAt/);
  });
});
