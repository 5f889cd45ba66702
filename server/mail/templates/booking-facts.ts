import "server-only";
import { z } from "zod";
import { pick, type Catalogue } from "./layout";

/**
 * What every booking email says about the booking (court, when, players), shared by the
 * confirmation, cancellation, reminder and waiting-list templates so that they agree.
 * Times arrive as ISO instants and are shown in the club's time zone, in the recipient's language.
 */
export const BookingFactsSchema = z.object({
  courtName: z.string().min(1).max(60),
  sport: z.string().min(1).max(30),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  timeZone: z.string().min(1).max(64),
  /** Names of the member players (booker first) and of the guests. */
  players: z.array(z.string().min(1).max(120)).max(12).default([]),
  guests: z.array(z.string().min(1).max(120)).max(12).default([]),
});
export type BookingFacts = z.output<typeof BookingFactsSchema>;

const labels: Catalogue<{
  court: string;
  when: string;
  players: string;
  guests: string;
  sports: Record<string, string>;
}> = {
  en: {
    court: "Court",
    when: "When",
    players: "Players",
    guests: "Guests",
    sports: {
      TENNIS: "Tennis",
      PADEL: "Padel",
      SQUASH: "Squash",
      BADMINTON: "Badminton",
      PICKLEBALL: "Pickleball",
    },
  },
  fr: {
    court: "Terrain",
    when: "Quand",
    players: "Joueurs",
    guests: "Invités",
    sports: {
      TENNIS: "Tennis",
      PADEL: "Padel",
      SQUASH: "Squash",
      BADMINTON: "Badminton",
      PICKLEBALL: "Pickleball",
    },
  },
};

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC", timeZoneName: "short" });
  }
}

/** "Sat, 28 Nov 2026, 10:00–11:30 (Europe/Paris)" in the recipient's language. */
export function formatSlot(facts: BookingFacts, locale: string): string {
  const start = new Date(facts.startsAt);
  const end = new Date(facts.endsAt);
  const day = formatter(locale, facts.timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(start);
  const time = formatter(locale, facts.timeZone, { hour: "2-digit", minute: "2-digit" });
  return `${day}, ${time.format(start)}–${time.format(end)} (${facts.timeZone})`;
}

/** "Padel — Court 2" in the recipient's language. */
export function courtLabel(facts: BookingFacts, locale: string): string {
  const sport = pick(labels, locale).sports[facts.sport] ?? facts.sport;
  return `${sport} — ${facts.courtName}`;
}

/** The facts table of a booking email. */
export function bookingFactRows(facts: BookingFacts, locale: string): Array<[string, string]> {
  const l = pick(labels, locale);
  const rows: Array<[string, string]> = [
    [l.court, courtLabel(facts, locale)],
    [l.when, formatSlot(facts, locale)],
  ];
  if (facts.players.length) rows.push([l.players, facts.players.join(", ")]);
  if (facts.guests.length) rows.push([l.guests, facts.guests.join(", ")]);
  return rows;
}

export const greeting: Catalogue<(name?: string) => string> = {
  en: (name) => (name ? `Hello ${name},` : "Hello,"),
  fr: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
};
