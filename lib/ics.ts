/**
 * iCalendar (RFC 5545) for bookings: the `.ics` attached to confirmation and cancellation emails
 * (iTIP METHOD REQUEST / CANCEL, RFC 5546), the `.ics` download (METHOD PUBLISH) and the personal
 * calendar feed (no METHOD: a subscription). Pure, no I/O.
 *
 * Written by hand rather than through the `ics` package: we need METHOD CANCEL with a stable UID
 * and a rising SEQUENCE, several events in one feed, and exact control over escaping and line
 * folding, which is less code here than around the package.
 *
 * Times are written in UTC (`…Z`), so no VTIMEZONE is needed and every client shows the right
 * moment; the club's IANA zone is noted in X-WR-TIMEZONE (single-club files) and in the
 * description, where the local wall-clock time is spelled out.
 */

export type IcsMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export type IcsPerson = { name?: string; email: string };

export type IcsEvent = {
  /** Globally unique and stable for the life of the booking (see bookingUid). */
  uid: string;
  /** Revision number: 0 when created, higher for each change (cancellation). */
  sequence: number;
  /** When this revision was made (DTSTAMP and LAST-MODIFIED). */
  stamp: Date;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: "CONFIRMED" | "CANCELLED";
  /** Required by iTIP (REQUEST/CANCEL): who sends the invitation. */
  organizer?: IcsPerson;
  attendees?: IcsPerson[];
};

export type IcsCalendar = {
  /** iTIP method; omit for a subscription feed (RFC 5545 §3.7.2: no METHOD in a feed). */
  method?: IcsMethod;
  /** Calendar name shown by clients subscribing to a feed. */
  name?: string;
  /** IANA time zone noted for clients (X-WR-TIMEZONE); times stay in UTC. */
  timeZone?: string;
  /** Suggested polling interval for feeds (REFRESH-INTERVAL, RFC 7986). */
  refreshMinutes?: number;
  events: IcsEvent[];
};

export const ICS_PRODID = "-//Courtside//Court booking//EN";
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** The UID of a booking's event: the same for its confirmation, cancellation, download and feed. */
export function bookingUid(bookingId: string, domain: string): string {
  return `booking-${bookingId}@${domain}`;
}

/** SEQUENCE of a booking's event: 0 while it stands, 1 once it is cancelled. */
export function bookingSequence(status: string): number {
  return status === "CANCELLED" ? 1 : 0;
}

/** DATE-TIME in UTC form, e.g. 20261128T090000Z (RFC 5545 §3.3.5, form #2). */
export function formatIcsUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date in calendar event");
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** TEXT value escaping (§3.3.11): backslash, semicolon, comma and newlines; no other controls. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/** A parameter value (§3.2): no DQUOTE or controls allowed; quoted when it holds `:;,`. */
function paramValue(value: string): string {
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, "");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** A mailto: URI for ORGANIZER/ATTENDEE (a CAL-ADDRESS value is a URI: no escaping of `,`). */
function calAddress(email: string): string {
  return `mailto:${email.replace(/[\s"\u0000-\u001f\u007f<>]/g, "")}`;
}

/**
 * Folds a content line at 75 octets (§3.1): CRLF followed by one space, never inside a UTF-8
 * sequence (folding counts octets, and clients join the parts back as bytes).
 */
export function foldIcsLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function personLine(property: "ORGANIZER" | "ATTENDEE", person: IcsPerson, extra = ""): string {
  const cn = person.name ? `;CN=${paramValue(person.name)}` : "";
  return `${property}${cn}${extra}:${calAddress(person.email)}`;
}

function eventLines(event: IcsEvent, method: IcsMethod | undefined): string[] {
  if (event.endsAt.getTime() <= event.startsAt.getTime())
    throw new RangeError("A calendar event must end after it starts");
  if (!/^[\x21-\x7e]+$/.test(event.uid)) throw new RangeError("Invalid UID");
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    throw new RangeError("SEQUENCE must be a non-negative integer");
  if ((method === "REQUEST" || method === "CANCEL") && !event.organizer)
    throw new RangeError(`METHOD:${method} needs an ORGANIZER (RFC 5546)`);

  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatIcsUtc(event.stamp)}`,
    `LAST-MODIFIED:${formatIcsUtc(event.stamp)}`,
    `DTSTART:${formatIcsUtc(event.startsAt)}`,
    `DTEND:${formatIcsUtc(event.endsAt)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeIcsText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeIcsText(event.location)}`);
  if (event.url) {
    if (!/^https?:\/\/[^\s"<>\\]+$/i.test(event.url)) throw new RangeError("Invalid event URL");
    lines.push(`URL:${event.url}`);
  }
  lines.push(`STATUS:${event.status}`, "TRANSP:OPAQUE");
  if (event.organizer) lines.push(personLine("ORGANIZER", event.organizer));
  for (const attendee of event.attendees ?? []) {
    const partstat = event.status === "CANCELLED" ? "DECLINED" : "ACCEPTED";
    lines.push(
      personLine(
        "ATTENDEE",
        attendee,
        `;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=FALSE`,
      ),
    );
  }
  lines.push("END:VEVENT");
  return lines;
}

/** Builds a complete iCalendar object: CRLF line endings, folded lines, trailing CRLF. */
export function buildIcsCalendar(calendar: IcsCalendar): string {
  if (calendar.method === "CANCEL" && calendar.events.some((e) => e.status !== "CANCELLED"))
    throw new RangeError("METHOD:CANCEL carries cancelled events only");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${ICS_PRODID}`, "CALSCALE:GREGORIAN"];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name) {
    lines.push(
      `NAME:${escapeIcsText(calendar.name)}`,
      `X-WR-CALNAME:${escapeIcsText(calendar.name)}`,
    );
  }
  if (calendar.timeZone) lines.push(`X-WR-TIMEZONE:${escapeIcsText(calendar.timeZone)}`);
  if (calendar.refreshMinutes) {
    const duration = `PT${Math.max(1, Math.round(calendar.refreshMinutes))}M`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration}`, `X-PUBLISHED-TTL:${duration}`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.method));
  lines.push("END:VCALENDAR");
  return lines.map(foldIcsLine).join("\r\n") + "\r\n";
}

/** The MIME type of a calendar object, with its iTIP method when it has one. */
export function icsContentType(method?: IcsMethod): string {
  return method ? `text/calendar; charset=utf-8; method=${method}` : "text/calendar; charset=utf-8";
}
