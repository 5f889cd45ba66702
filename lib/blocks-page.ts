/**
 * Pure helpers of the club admin's blocks screen (no I/O): what its query asks for (the fields of
 * a block to preview, the notice after an action), how a preview reads (its occurrences and the
 * bookings they collide with) and how an upcoming block is described.
 */
import { weeklySeriesLabel } from "@/lib/recurrence";
import { formatLongDate, type LocalDate } from "@/lib/time";

type Query = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** The fields of the new-block form, sent again (hidden) when the preview is confirmed. */
export const BLOCK_FIELDS = [
  "courtId",
  "kind",
  "title",
  "date",
  "startTime",
  "endTime",
  "repeat",
  "repeatUntil",
] as const;

export type BlockField = (typeof BLOCK_FIELDS)[number];
export type BlockFormValues = Record<BlockField, string>;

/** The block fields of the query, "" when absent or repeated. */
export function blockFormValues(query: Query): BlockFormValues {
  const values = {} as BlockFormValues;
  for (const f of BLOCK_FIELDS) values[f] = one(query[f]);
  return values;
}

/** Whether the query is the new-block form asking for a preview (`preview=1`). */
export function wantsPreview(query: Query): boolean {
  return one(query.preview) === "1";
}

/** What the new-block form shows: the values sent, else a lesson today from 18:00 to 19:00, once. */
export function newBlockDefaults(values: BlockFormValues, today: LocalDate): BlockFormValues {
  return {
    ...values,
    kind: values.kind || "LESSON",
    date: values.date || today,
    startTime: values.startTime || "18:00",
    endTime: values.endTime || "19:00",
    repeat: values.repeat || "none",
  };
}

type Option = { value: string; label: string };

/** A select's options from its labels by value, in their order. */
const optionsOf = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** How often the block repeats. */
export const REPEAT_OPTIONS = optionsOf({ none: "Once", weekly: "Every week on this weekday" });

/** What removing a block of a weekly series removes. */
export const REMOVE_SCOPE_OPTIONS = optionsOf({
  one: "This date only",
  following: "This and later dates",
  series: "The whole series",
});

/** Each court as a choice, by its name. */
export function courtOptions(courts: ReadonlyArray<{ id: string; name: string }>): Option[] {
  return courts.map((c) => ({ value: c.id, label: c.name }));
}

/** The court choices of the form: every court at once first, then each court. */
export function blockCourtOptions(courts: ReadonlyArray<{ id: string; name: string }>): Option[] {
  return [{ value: "all", label: "All courts" }, ...courtOptions(courts)];
}

/** The notice after an action redirected here (`created`, `cancelled`, `skipped`, `deleted`), or null. */
export function blockNotice(query: Query): string | null {
  const created = one(query.created);
  const deleted = one(query.deleted);
  if (!created && !deleted) return null;
  if (!created) return `Removed ${deleted} date(s).`;
  const cancelled = one(query.cancelled);
  const skipped = one(query.skipped);
  return (
    `Block created: ${created} date(s)` +
    (Number(cancelled) > 0 ? `, ${cancelled} booking(s) cancelled and the players told` : "") +
    (Number(skipped) > 0 ? `, ${skipped} date(s) skipped` : "") +
    "."
  );
}

const timeRange = (start: string, end: string) => `${start}–${end}`;

export type PreviewBooking = {
  id: string;
  courtName: string;
  start: string;
  end: string;
  players: ReadonlyArray<string>;
};

export type PreviewOccurrence = {
  date: LocalDate;
  startsAt: string;
  start: string;
  end: string;
  bookings: ReadonlyArray<PreviewBooking>;
  /** Titles of the blocks that already cover this occurrence. */
  blockedBy: ReadonlyArray<string>;
};

/** What creating a block would do (server/admin/blocks/preview-block.ts), as the screen reads it. */
export type BlockPreviewView = {
  title: string;
  courtName: string | null;
  occurrences: ReadonlyArray<PreviewOccurrence>;
  bookingIds: ReadonlyArray<string>;
};

/** "Preview: Junior squad · Court 4" ("all courts" for a block of every court). */
export function previewHeading(preview: BlockPreviewView): string {
  return `Preview: ${preview.title} · ${preview.courtName ?? "all courts"}`;
}

/** How many occurrences the block has and how many bookings collide with them. */
export function previewSummary(preview: BlockPreviewView): string {
  const collisions = preview.bookingIds.length;
  return (
    `${preview.occurrences.length} occurrence(s). ` +
    (collisions > 0
      ? `${collisions} booking(s) collide with this block.`
      : "No booking collides with this block.")
  );
}

/** Whether every occurrence is already blocked, so that confirming would create nothing. */
export function nothingToCreate(preview: BlockPreviewView): boolean {
  return preview.occurrences.every((o) => o.blockedBy.length > 0);
}

/** An occurrence's date and time, e.g. "Wednesday 10 June 2026" and "18:00–19:00". */
export function occurrenceWhen(o: PreviewOccurrence): { date: string; time: string } {
  return { date: formatLongDate(o.date), time: timeRange(o.start, o.end) };
}

/** Whether an occurrence collides with nothing (neither a booking nor another block). */
export function occurrenceIsClear(o: PreviewOccurrence): boolean {
  return o.bookings.length === 0 && o.blockedBy.length === 0;
}

/** "Booking Court 4 18:00–19:00: Alice Martin, Bob Durand". */
export function collidingBookingText(b: PreviewBooking): string {
  return `Booking ${b.courtName} ${timeRange(b.start, b.end)}: ${b.players.join(", ")}`;
}

/** An occurrence another block (by its title) already covers: it is always skipped. */
export function alreadyBlockedText(title: string): string {
  return `Already blocked (${title}): this date will be skipped`;
}

export type UpcomingBlock = {
  id: string;
  seriesId: string | null;
  title: string;
  courtName: string | null;
  date: LocalDate;
  start: string;
  end: string;
  /** Occurrences of the series from this one on (1 for a one-off block). */
  remainingInSeries: number;
};

/** "Wednesday 10 June 2026, 18:00–19:00 · Court 4 · weekly (3 to come)". */
export function upcomingBlockDetails(b: UpcomingBlock): string {
  return (
    `${formatLongDate(b.date)}, ${timeRange(b.start, b.end)} · ${b.courtName ?? "All courts"}` +
    (b.seriesId ? ` · ${weeklySeriesLabel(b.remainingInSeries)}` : "")
  );
}

/** The accessible name of a block's removal form. */
export function removeBlockLabel(b: UpcomingBlock): string {
  return `Remove ${b.title} on ${b.date}`;
}
