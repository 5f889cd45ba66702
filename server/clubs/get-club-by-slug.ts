import "server-only";
import { cache } from "react";
import type { Sport, Surface } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { CLUB_SLUG_RE } from "@/schemas/planning";

export type PublicCourt = {
  id: string;
  name: string;
  sport: Sport;
  surface: Surface;
  indoor: boolean;
  floodlights: boolean;
  /** Per-weekday overrides of the club's hours for this court. */
  openingHours: {
    weekday: number;
    closed: boolean;
    opensMinute: number | null;
    closesMinute: number | null;
  }[];
};

export type PublicClub = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  slotMinutes: number;
  /** Active courts in display order. */
  courts: PublicCourt[];
  /** Club-wide hours per ISO weekday (1 = Monday); a missing weekday is closed. */
  openingHours: { weekday: number; opensMinute: number; closesMinute: number }[];
};

/**
 * Public information about a club: what anyone may see without signing in. Null when no club has
 * this slug (or the slug cannot be one). One query; cached per request so that a page and its
 * metadata share it.
 */
export const getClubBySlug = cache(async (slug: string): Promise<PublicClub | null> => {
  if (!CLUB_SLUG_RE.test(slug)) return null;
  return db.club.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      timeZone: true,
      slotMinutes: true,
      courts: {
        where: { active: true },
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          sport: true,
          surface: true,
          indoor: true,
          floodlights: true,
          openingHours: {
            orderBy: { weekday: "asc" },
            select: { weekday: true, closed: true, opensMinute: true, closesMinute: true },
          },
        },
      },
      openingHours: {
        orderBy: { weekday: "asc" },
        select: { weekday: true, opensMinute: true, closesMinute: true },
      },
    },
  });
});
