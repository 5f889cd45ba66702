import { describe, expect, it } from "vitest";
import {
  bookingSequence,
  bookingUid,
  buildIcsCalendar,
  escapeIcsText,
  foldIcsLine,
  formatIcsUtc,
  icsContentType,
  type IcsEvent,
} from "./ics";

const base: IcsEvent = {
  uid: bookingUid("0b6f3c1e-2d4a-4b7e-9f00-1234567890ab", "courts.example.org"),
  sequence: 0,
  stamp: new Date("2026-11-27T08:00:00Z"),
  startsAt: new Date("2026-11-28T09:00:00Z"),
  endsAt: new Date("2026-11-28T10:30:00Z"),
  summary: "Tennis — Court 1",
  description: "Sat 28 Nov 10:00–11:30 (Europe/Paris)",
  location: "Court 1, Club de Tennis",
  url: "https://courts.example.org/c/tc/bookings",
  status: "CONFIRMED",
  organizer: { name: "Club de Tennis", email: "no-reply@courts.example.org" },
  attendees: [{ name: "Ada Lovelace", email: "ada@example.test" }],
};

const octets = (s: string) => new TextEncoder().encode(s).length;

/** Unfolds per RFC 5545 §3.1 and returns the content lines (the way clients read them). */
function contentLines(ics: string): string[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .slice(0, -1);
}

function prop(lines: string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

/** RFC 5545 structural rules that every calendar we produce must satisfy. */
function assertRfc5545(ics: string): string[] {
  // Only CRLF line breaks; no bare CR or LF.
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  // Every physical line is at most 75 octets; continuation lines begin with one space.
  for (const physical of ics.split("\r\n").slice(0, -1)) {
    expect(octets(physical)).toBeLessThanOrEqual(75);
  }
  const lines = contentLines(ics);
  // Every content line is `name[;params]:value`.
  for (const l of lines) expect(l).toMatch(/^[A-Z][A-Z0-9-]*(;[^:]+)?:/);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  expect(prop(lines, "VERSION")).toEqual(["VERSION:2.0"]);
  expect(prop(lines, "PRODID")).toHaveLength(1);
  // Components balanced; each VEVENT has exactly one UID, DTSTAMP and DTSTART.
  const begins = lines.filter((l) => l === "BEGIN:VEVENT").length;
  expect(lines.filter((l) => l === "END:VEVENT").length).toBe(begins);
  const events: string[][] = [];
  for (const l of lines) {
    if (l === "BEGIN:VEVENT") events.push([]);
    else if (l !== "END:VEVENT") events.at(-1)?.push(l);
  }
  for (const e of events) {
    for (const name of ["UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE"])
      expect(prop(e, name)).toHaveLength(1);
    for (const name of ["DTSTAMP", "DTSTART", "DTEND", "LAST-MODIFIED"]) {
      for (const l of prop(e, name)) expect(l).toMatch(/:\d{8}T\d{6}Z$/);
    }
  }
  return lines;
}

describe("formatIcsUtc", () => {
  it("writes UTC DATE-TIME without separators or milliseconds", () => {
    expect(formatIcsUtc(new Date("2026-03-29T00:59:59.999Z"))).toBe("20260329T005959Z");
    expect(() => formatIcsUtc(new Date("nope"))).toThrow(RangeError);
  });
});

describe("escapeIcsText", () => {
  it("escapes backslash, semicolon, comma and newlines, and drops other controls but tab", () => {
    expect(escapeIcsText("a\\b;c,d\ne\r\nf\rg\u0007h\ti")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti");
    // Colons and quotes need no escaping in TEXT.
    expect(escapeIcsText('Court "A": 1')).toBe('Court "A": 1');
  });
});

describe("foldIcsLine", () => {
  it("leaves short lines alone and folds long ones at 75 octets", () => {
    expect(foldIcsLine("SUMMARY:short")).toBe("SUMMARY:short");
    const long = `DESCRIPTION:${"x".repeat(200)}`;
    const folded = foldIcsLine(long);
    const parts = folded.split("\r\n");
    expect(parts[0]).toHaveLength(75);
    for (const p of parts.slice(1)) expect(p.startsWith(" ")).toBe(true);
    for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("never splits a multi-byte UTF-8 character", () => {
    const long = `SUMMARY:${"é".repeat(60)}🎾${"ß".repeat(40)}`;
    const folded = foldIcsLine(long);
    for (const p of folded.split("\r\n")) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      // Each physical line is valid UTF-8 on its own: no replacement character on a round trip.
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(p))).toBe(p);
    }
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("folds exactly at the boundary", () => {
    const exactly75 = `X:${"a".repeat(73)}`;
    expect(foldIcsLine(exactly75)).toBe(exactly75);
    const seventySix = `X:${"a".repeat(74)}`;
    expect(foldIcsLine(seventySix)).toBe(`X:${"a".repeat(73)}\r\n a`);
  });
});

describe("buildIcsCalendar", () => {
  it("produces a valid REQUEST with a stable UID, SEQUENCE 0, UTC times and the club zone", () => {
    const ics = buildIcsCalendar({ method: "REQUEST", timeZone: "Europe/Paris", events: [base] });
    const lines = assertRfc5545(ics);
    expect(prop(lines, "METHOD")).toEqual(["METHOD:REQUEST"]);
    expect(prop(lines, "UID")).toEqual([
      "UID:booking-0b6f3c1e-2d4a-4b7e-9f00-1234567890ab@courts.example.org",
    ]);
    expect(prop(lines, "SEQUENCE")).toEqual(["SEQUENCE:0"]);
    expect(prop(lines, "DTSTART")).toEqual(["DTSTART:20261128T090000Z"]);
    expect(prop(lines, "DTEND")).toEqual(["DTEND:20261128T103000Z"]);
    expect(prop(lines, "X-WR-TIMEZONE")).toEqual(["X-WR-TIMEZONE:Europe/Paris"]);
    expect(prop(lines, "STATUS")).toEqual(["STATUS:CONFIRMED"]);
    expect(prop(lines, "LOCATION")).toEqual(["LOCATION:Court 1\\, Club de Tennis"]);
    expect(prop(lines, "ORGANIZER")).toEqual([
      "ORGANIZER;CN=Club de Tennis:mailto:no-reply@courts.example.org",
    ]);
    expect(prop(lines, "ATTENDEE")[0]).toMatch(
      /^ATTENDEE;CN=Ada Lovelace;.*PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ada@example.test$/,
    );
    expect(lines).not.toContain("VTIMEZONE");
  });

  it("produces a CANCEL with the same UID and a higher SEQUENCE", () => {
    const request = contentLines(buildIcsCalendar({ method: "REQUEST", events: [base] }));
    const cancel = assertRfc5545(
      buildIcsCalendar({
        method: "CANCEL",
        events: [
          {
            ...base,
            status: "CANCELLED",
            sequence: bookingSequence("CANCELLED"),
            stamp: new Date("2026-11-27T12:00:00Z"),
          },
        ],
      }),
    );
    expect(prop(cancel, "METHOD")).toEqual(["METHOD:CANCEL"]);
    expect(prop(cancel, "UID")).toEqual(prop(request, "UID"));
    expect(prop(cancel, "SEQUENCE")).toEqual(["SEQUENCE:1"]);
    expect(prop(cancel, "STATUS")).toEqual(["STATUS:CANCELLED"]);
    expect(prop(cancel, "ATTENDEE")[0]).toContain("PARTSTAT=DECLINED");
    expect(bookingSequence("CONFIRMED")).toBe(0);
  });

  it("escapes hostile text so that it cannot inject properties or components", () => {
    const ics = buildIcsCalendar({
      method: "PUBLISH",
      events: [
        {
          ...base,
          summary: "Match\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil",
          description: "a;b,c\\d",
          attendees: [{ name: 'Eve "x";ROLE=CHAIR:mailto:evil@x', email: "eve@example.test" }],
        },
      ],
    });
    const lines = assertRfc5545(ics);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(prop(lines, "UID")).toHaveLength(1);
    expect(prop(lines, "SUMMARY")).toEqual([
      "SUMMARY:Match\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil",
    ]);
    expect(prop(lines, "DESCRIPTION")).toEqual(["DESCRIPTION:a\\;b\\,c\\\\d"]);
    // The CN is quoted (it holds ; and :) and its DQUOTEs are removed.
    expect(prop(lines, "ATTENDEE")[0]).toMatch(
      /^ATTENDEE;CN="Eve x;ROLE=CHAIR:mailto:evil@x";CUTYPE=/,
    );
  });

  it("folds long UTF-8 text and round-trips it", () => {
    const description = `Réservation du court n°1 — ${"très longue description ".repeat(8)}🎾`;
    const ics = buildIcsCalendar({ events: [{ ...base, description }] });
    const lines = assertRfc5545(ics);
    expect(prop(lines, "DESCRIPTION")).toEqual([`DESCRIPTION:${escapeIcsText(description)}`]);
  });

  it("writes a subscription feed without METHOD, with a name and refresh interval", () => {
    const second = { ...base, uid: bookingUid("b2", "courts.example.org") };
    const ics = buildIcsCalendar({
      name: "Courtside — my bookings",
      refreshMinutes: 60,
      events: [base, second],
    });
    const lines = assertRfc5545(ics);
    expect(prop(lines, "METHOD")).toEqual([]);
    expect(prop(lines, "X-WR-CALNAME")).toEqual(["X-WR-CALNAME:Courtside — my bookings"]);
    expect(prop(lines, "REFRESH-INTERVAL")).toEqual(["REFRESH-INTERVAL;VALUE=DURATION:PT60M"]);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    // An empty feed is still a valid calendar.
    assertRfc5545(buildIcsCalendar({ events: [] }));
  });

  it("refuses what would produce an invalid or misleading calendar", () => {
    expect(() => buildIcsCalendar({ events: [{ ...base, endsAt: base.startsAt }] })).toThrow(
      /end after/,
    );
    expect(() =>
      buildIcsCalendar({ method: "REQUEST", events: [{ ...base, organizer: undefined }] }),
    ).toThrow(/ORGANIZER/);
    expect(() => buildIcsCalendar({ method: "CANCEL", events: [base] })).toThrow(/cancelled/);
    expect(() => buildIcsCalendar({ events: [{ ...base, uid: "has space" }] })).toThrow(/UID/);
    expect(() => buildIcsCalendar({ events: [{ ...base, url: "javascript:alert(1)" }] })).toThrow(
      /URL/,
    );
    expect(() => buildIcsCalendar({ events: [{ ...base, sequence: -1 }] })).toThrow(/SEQUENCE/);
  });

  it("names the method in the MIME type", () => {
    expect(icsContentType("REQUEST")).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(icsContentType()).toBe("text/calendar; charset=utf-8");
  });
});
