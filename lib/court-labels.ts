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

/** ISO weekdays: index 1 = Monday … 7 = Sunday. */
export const WEEKDAY_NAMES = [
  "",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

export function sportLabel(sport: string): string {
  return SPORTS[sport] ?? sport;
}

export function surfaceLabel(surface: string): string {
  return SURFACES[surface] ?? surface;
}
