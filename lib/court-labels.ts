/** Words for people for the court enums (Sport, Surface) and weekdays. Pure, no I/O. */

const SPORTS: Record<string, string> = {
  TENNIS: "Tennis",
  PADEL: "Padel",
  SQUASH: "Squash",
  BADMINTON: "Badminton",
  PICKLEBALL: "Pickleball",
};

const SURFACES: Record<string, string> = {
  CLAY: "Clay",
  HARD: "Hard court",
  GRASS: "Grass",
  ARTIFICIAL_GRASS: "Artificial grass",
  CARPET: "Carpet",
  WOOD: "Wood",
  OTHER: "Other",
};

/**
 * Weekday names, Monday first: index = ISO weekday − 1 (lib/time.ts `isoWeekday`, the `weekday`
 * columns: 1 = Monday … 7 = Sunday). Name an ISO weekday with `weekdayName`.
 */
export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** The name of an ISO weekday (1 = Monday … 7 = Sunday). */
export function weekdayName(isoWeekday: number): string {
  const name = WEEKDAY_NAMES[isoWeekday - 1];
  if (name === undefined) throw new RangeError(`not an ISO weekday: ${isoWeekday}`);
  return name;
}

export function sportLabel(sport: string): string {
  return SPORTS[sport] ?? sport;
}

export function surfaceLabel(surface: string): string {
  return SURFACES[surface] ?? surface;
}
