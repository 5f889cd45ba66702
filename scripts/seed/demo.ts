/**
 * The demo club for newcomers and end-to-end tests: slug `demo`, Europe/Paris, 6 courts of two
 * sports, opening hours, a manager, a staff member, players, bookings over the coming week, a
 * block, the tiers' booking rules, sport rules and peak bands. Idempotent: running it again
 * changes nothing that exists and only fills in what is missing (e.g. bookings for days that
 * entered the coming week since the last run).
 * Demo data only: every caller says which deployment it seeds, and a production deployment
 * (DEPLOYMENT_ENV, or a production build without one; lib/env-schema.ts deploymentOf) is refused.
 * The production start refuses to run when demo accounts exist (scripts/db/demo-guard.ts).
 */
import { hash } from "@node-rs/argon2";
import { ARGON2_PARAMS } from "../../lib/auth/argon2-params.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Sport, type Surface } from "../../generated/prisma/client.ts";
import { deploymentOf, type Deployment } from "../../lib/env-schema.ts";
import { parseTwoFactorKey, sealTotpSecret } from "../../lib/auth/two-factor-secrets.ts";
import { addDays, todayIn, zonedInstant } from "../../lib/time.ts";
import { DEMO_ACCOUNTS, DEMO_CLUB_SLUG, DEMO_TIME_ZONE } from "./demo-accounts.ts";

const COURTS: ReadonlyArray<{
  name: string;
  sport: Sport;
  surface: Surface;
  indoor: boolean;
  floodlights: boolean;
}> = [
  { name: "Court 1", sport: "TENNIS", surface: "CLAY", indoor: false, floodlights: false },
  { name: "Court 2", sport: "TENNIS", surface: "CLAY", indoor: false, floodlights: true },
  { name: "Court 3", sport: "TENNIS", surface: "HARD", indoor: true, floodlights: true },
  { name: "Court 4", sport: "TENNIS", surface: "HARD", indoor: false, floodlights: true },
  {
    name: "Padel 1",
    sport: "PADEL",
    surface: "ARTIFICIAL_GRASS",
    indoor: false,
    floodlights: true,
  },
  { name: "Padel 2", sport: "PADEL", surface: "ARTIFICIAL_GRASS", indoor: true, floodlights: true },
];

/** Weekdays 08:00–22:00, weekends 08:00–20:00 (local time). */
const HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  opensMinute: 8 * 60,
  closesMinute: weekday <= 5 ? 22 * 60 : 20 * 60,
}));

/**
 * Booking rules of the demo tiers (see lib/booking-policy.ts). Only bookings a member makes count
 * towards their limits (the demo players are named partners in many seeded bookings). Juniors
 * book 3 days ahead, hold 2 bookings, and stay off the peak bands.
 */
const TIERS = [
  [
    "Standard",
    "Adult members",
    {
      horizonDays: 7,
      releaseMinute: 8 * 60,
      maxActiveBookings: null,
      maxPerDay: 3,
      maxPerWeek: null,
      maxPeakPerWeek: 7,
      noBackToBack: true,
      cancelNoticeMinutes: 120,
      partnerBookingsCount: false,
      partnersMustBeActive: true,
      maxGuestsPerBooking: 2,
    },
  ],
  [
    "Junior",
    "Members under 18",
    {
      horizonDays: 3,
      releaseMinute: 8 * 60,
      maxActiveBookings: 2,
      maxPerDay: 1,
      maxPerWeek: 2,
      maxPeakPerWeek: 0,
      noBackToBack: true,
      cancelNoticeMinutes: 240,
      partnerBookingsCount: false,
      partnersMustBeActive: true,
      maxGuestsPerBooking: 0,
    },
  ],
] as const;

/** Durations and players on court per sport (singles or doubles). */
const SPORT_RULES: ReadonlyArray<{
  sport: Sport;
  allowedDurations: number[];
  allowedPlayerCounts: number[];
}> = [
  { sport: "TENNIS", allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] },
  { sport: "PADEL", allowedDurations: [60, 90], allowedPlayerCounts: [2, 4] },
];

/** Peak bands: weekday evenings 17:00–21:00, weekend mornings 09:00–12:00. */
const PEAK_BANDS = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 17 * 60, endMinute: 21 * 60 })),
  ...[6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 })),
];

/** Daily pattern of demo bookings: court index, local start minute, minutes, player indexes. */
const BOOKING_PATTERN: ReadonlyArray<[number, number, number, number[]]> = [
  [0, 9 * 60, 60, [3, 4]],
  [1, 10 * 60 + 30, 90, [5, 6]],
  [2, 18 * 60, 60, [3, 5]],
  [4, 19 * 60, 90, [4, 5, 6, 7]],
  [5, 12 * 60, 60, [6, 3]],
];

export type SeedResult = { clubId: string; created: { bookings: number; users: number } };

export async function seedDemo(
  connectionString: string,
  options: { deployment: Deployment; now?: Date; log?: (line: string) => void },
): Promise<SeedResult> {
  // Both what the caller declares and what this process's own environment says: neither may be
  // a production deployment.
  if (options.deployment === "production" || deploymentOf(process.env) === "production") {
    throw new Error(
      "The demo seed creates known passwords and is refused in a production deployment (set DEPLOYMENT_ENV=staging, development or test for a trial with demo data).",
    );
  }
  const now = options.now ?? new Date();
  // The staff accounts' TOTP secrets are stored sealed, as enrolment stores them (scripts/dev.ts
  // sets TWO_FACTOR_KEY before seeding).
  const twoFactorKeys = parseTwoFactorKey(process.env.TWO_FACTOR_KEY);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const club = await db.club.upsert({
      where: { slug: DEMO_CLUB_SLUG },
      update: {},
      create: {
        slug: DEMO_CLUB_SLUG,
        name: "Demo Tennis & Padel Club",
        timeZone: DEMO_TIME_ZONE,
        currency: "EUR",
        contactEmail: "contact@courtside.test",
        securityContactEmail: "security@courtside.test",
        slotMinutes: 30,
      },
    });

    const courts = [];
    for (const [position, c] of COURTS.entries()) {
      courts.push(
        await db.court.upsert({
          where: { clubId_name: { clubId: club.id, name: c.name } },
          update: {},
          create: { ...c, clubId: club.id, position },
        }),
      );
    }
    for (const h of HOURS) {
      await db.openingHours.upsert({
        where: { clubId_weekday: { clubId: club.id, weekday: h.weekday } },
        update: {},
        create: { ...h, clubId: club.id },
      });
    }
    // Padel 2 is indoors and opens earlier and closes later on weekdays.
    const padel2 = courts[5]!;
    for (const weekday of [1, 2, 3, 4, 5]) {
      await db.courtOpeningHours.upsert({
        where: { courtId_weekday: { courtId: padel2.id, weekday } },
        update: {},
        create: { courtId: padel2.id, weekday, opensMinute: 7 * 60, closesMinute: 23 * 60 },
      });
    }

    const tiers = new Map<string, string>();
    for (const [name, description, policy] of TIERS) {
      const t = await db.membershipTier.upsert({
        where: { clubId_name: { clubId: club.id, name } },
        update: {},
        create: { clubId: club.id, name, description, ...policy },
      });
      tiers.set(name, t.id);
    }
    for (const s of SPORT_RULES) {
      await db.clubSport.upsert({
        where: { clubId_sport: { clubId: club.id, sport: s.sport } },
        update: {},
        create: { clubId: club.id, ...s },
      });
    }
    if ((await db.peakBand.count({ where: { clubId: club.id } })) === 0) {
      await db.peakBand.createMany({
        data: PEAK_BANDS.map((b) => ({ clubId: club.id, ...b })),
      });
    }

    const users: Array<{ id: string }> = [];
    let createdUsers = 0;
    const hashes = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      let user = await db.user.findUnique({ where: { email: a.email } });
      if (!user) {
        let passwordHash = hashes.get(a.password);
        if (!passwordHash) {
          passwordHash = await hash(a.password, ARGON2_PARAMS);
          hashes.set(a.password, passwordHash);
        }
        user = await db.user.create({
          data: { email: a.email, name: a.name, passwordHash, emailVerifiedAt: now, locale: "en" },
        });
        createdUsers++;
      }
      // Staff roles must use two-factor authentication: enrol them with their fixed secret.
      if (a.totpSecret && !user.totpEnabledAt) {
        user = await db.user.update({
          where: { id: user.id },
          data: {
            totpSecret: sealTotpSecret(a.totpSecret, user.id, twoFactorKeys),
            totpEnabledAt: now,
          },
        });
      }
      await db.membership.upsert({
        where: { userId_clubId: { userId: user.id, clubId: club.id } },
        update: {},
        create: {
          userId: user.id,
          clubId: club.id,
          role: a.role,
          tierId: tiers.get(a.tier)!,
          status: "ACTIVE",
        },
      });
      users.push(user);
    }

    // A maintenance block: Court 1, tomorrow 08:00–10:00.
    const today = todayIn(DEMO_TIME_ZONE, now);
    const tomorrow = addDays(today, 1);
    const blockStart = zonedInstant(tomorrow, 8 * 60, DEMO_TIME_ZONE);
    const blockEnd = zonedInstant(tomorrow, 10 * 60, DEMO_TIME_ZONE);
    const court1 = courts[0]!;
    if (!(await occupied(db, court1.id, blockStart, blockEnd))) {
      await db.block.create({
        data: {
          clubId: club.id,
          courtId: court1.id,
          startsAt: blockStart,
          endsAt: blockEnd,
          kind: "MAINTENANCE",
          title: "Clay court maintenance",
          createdById: users[1]!.id,
        },
      });
    }

    let createdBookings = 0;
    for (let d = 0; d < 7; d++) {
      const date = addDays(today, d);
      for (const [courtIndex, startMinute, minutes, playerIndexes] of BOOKING_PATTERN) {
        const court = courts[courtIndex]!;
        const startsAt = zonedInstant(date, startMinute, DEMO_TIME_ZONE);
        const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
        if (startsAt <= now) continue;
        if (await occupied(db, court.id, startsAt, endsAt)) continue;
        const players = playerIndexes.map((i) => users[i]!);
        await db.booking.create({
          data: {
            clubId: club.id,
            courtId: court.id,
            startsAt,
            endsAt,
            status: "CONFIRMED",
            createdById: players[0]!.id,
            players: { create: players.map((p) => ({ userId: p.id })) },
          },
        });
        createdBookings++;
      }
    }
    options.log?.(
      `Seeded demo club: ${createdUsers} user(s), ${createdBookings} booking(s) added.`,
    );
    return { clubId: club.id, created: { bookings: createdBookings, users: createdUsers } };
  } finally {
    await db.$disconnect();
  }
}

async function occupied(
  db: PrismaClient,
  courtId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<boolean> {
  const hit = await db.courtOccupancy.findFirst({
    where: { courtId, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
    select: { id: true },
  });
  return hit !== null;
}
