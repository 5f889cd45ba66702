import "server-only";
/**
 * createBooking — a member books a court of their club, with partners (members) and guests.
 *
 *   createBooking(
 *     actor: { userId: string },                       // the signed-in user (getSession / apiSession)
 *     input: { club: string;                           // club slug (or id)
 *              body: unknown;                          // CreateBookingInput (schemas/booking.ts), parsed here
 *              idempotencyKey?: string | null },       // Idempotency-Key; same key + same body → same booking
 *     ctx?: { ip?: string | null; userAgent?: string | null; now?: Date },
 *   ): Promise<{ booking: BookingView; replayed: boolean; payment: OpenedPayment | null }>
 *
 * Errors (AppError; JSON via toJSON()):
 *   404 NOT_FOUND   the club does not exist or the caller is not a member of it
 *   403 FORBIDDEN   { code: "EMAIL_UNVERIFIED" } — the caller has not confirmed their email address
 *   400 partnerIds.N also when that partner has not confirmed their email address
 *   400 BAD_REQUEST fields: { courtId | startsAt | durationMinutes | partnerIds.N | guests.N.name | Idempotency-Key }
 *   422 UNPROCESSABLE { code: "POLICY", rule, message, eligibleAt } — a booking rule refuses
 *       (lib/booking-policy.ts RuleCode, or OUTSIDE_HOURS when the court is not open then)
 *   422 UNPROCESSABLE { code: "IDEMPOTENCY_KEY_REUSED" } — the key was used for another request
 *   409 CONFLICT    { code: "SLOT_TAKEN" } — someone else holds the court then (or a block does)
 *   503 BUSY        no database connection in time; retry
 *
 * Fees (issue 7, server/payments/open-checkout.ts): the booking is priced on the server from the
 * club's price rules for its party; with a fee and an enabled gateway it is created
 * PENDING_PAYMENT with its pending payment (a 15-minute hold) and the result carries `payment`;
 * otherwise it is CONFIRMED (a fee without gateway is paid at the club). Body field `gateway`
 * (PAYPAL | PAYBOX) chooses when the club offers both; an amount is never accepted.
 *
 * Concurrency (docs/decisions/007-booking-concurrency.md): one transaction that takes
 * pg_advisory_xact_lock on the court (same-court writers queue instead of deadlocking in the
 * exclusion constraint's GiST index), then locks the booker's membership row FOR UPDATE (the
 * quota check and the insert of one member are serialised), re-checks the idempotency key, loads
 * the held bookings, runs decideBooking, validates partners, checks the slot and inserts. The
 * exclusion constraint stays the last line of defence (23P01 → SLOT_TAKEN). Deadlocks and
 * serialization failures are retried.
 */
import { createHash } from "node:crypto";
import { checkSlotOnGrid } from "@/lib/availability";
import { decideBooking } from "@/lib/booking-policy";
import { buildDayPlanning } from "@/lib/planning";
import { todayIn } from "@/lib/time";
import { CreateBookingInput, IdempotencyKey, issuesByField } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import { activeOn } from "@/lib/membership";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { afterBookingCreated } from "@/server/bookings/booking-hooks";
import {
  BOOKING_VIEW_SELECT,
  toBookingView,
  type BookingView,
} from "@/server/bookings/booking-view";
import {
  assertActor,
  loadHeldBookings,
  memberStateOf,
  peakBandsOf,
  sportRulesOf,
  tierPolicyOf,
  type TierRow,
} from "@/server/bookings/policy-context";
import { lockCourt, runBookingTransaction, type PrismaTx } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, fromZodIssues, sqlState } from "@/server/errors";
import {
  loadCheckoutContext,
  openPayment,
  planCheckout,
  type OpenedPayment,
} from "@/server/payments/open-checkout";

export type BookingActor = { userId: string };
/** The pending payment of a booking that waits for payment (PENDING_PAYMENT), if any. */
export type CreateBookingResult = {
  booking: BookingView;
  replayed: boolean;
  payment: OpenedPayment | null;
};

const CLUB_NOT_FOUND = () => new AppError("NOT_FOUND", "Club not found.");
const slotTaken = () =>
  new AppError(
    "CONFLICT",
    "Sorry, someone else has just booked this court at this time. Please choose another slot.",
    {},
    { code: "SLOT_TAKEN" },
  );
const emailUnverified = () =>
  new AppError(
    "FORBIDDEN",
    "Confirm your email address first: open the link we emailed you (or ask for a new one on your account page), then book.",
    {},
    { code: "EMAIL_UNVERIFIED" },
  );
const keyReused = () =>
  new AppError(
    "UNPROCESSABLE",
    "This Idempotency-Key was already used for a different booking request. Use a new key for a new request.",
    {},
    { code: "IDEMPOTENCY_KEY_REUSED" },
  );

function policyError(rule: string, message: string, eligibleAt: Date | null): AppError {
  return new AppError(
    "UNPROCESSABLE",
    message,
    {},
    { code: "POLICY", rule, eligibleAt: eligibleAt?.toISOString() ?? null },
  );
}

/** What makes two requests "the same" for idempotency: their content, not their spelling. */
function fingerprint(clubId: string, req: CreateBookingInput): string {
  const canonical = JSON.stringify([
    clubId,
    req.courtId,
    req.startsAt.toISOString(),
    req.durationMinutes,
    [...req.partnerIds].sort(),
    req.guests.map((g) => g.name),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

async function findByKey(
  client: Pick<PrismaTx, "booking">,
  userId: string,
  key: string,
  print: string,
): Promise<CreateBookingResult | null> {
  const existing = await client.booking.findUnique({
    where: { createdById_idempotencyKey: { createdById: userId, idempotencyKey: key } },
    select: {
      ...BOOKING_VIEW_SELECT,
      idempotencyFingerprint: true,
      payments: {
        where: { status: "PENDING" },
        select: { id: true, gateway: true, amount: true, currency: true, holdExpiresAt: true },
      },
    },
  });
  if (!existing) return null;
  if (existing.idempotencyFingerprint !== print) throw keyReused();
  return {
    booking: toBookingView(existing),
    replayed: true,
    payment: existing.payments[0] ?? null,
  };
}

type MemberRow = {
  id: string;
  status: "INVITED" | "ACTIVE" | "SUSPENDED" | "ENDED";
  validUntil: Date | null;
} & {
  [K in keyof TierRow]: TierRow[K] | null;
};

export async function createBooking(
  actor: BookingActor,
  input: { club: string; body: unknown; idempotencyKey?: string | null },
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<CreateBookingResult> {
  assertActor(actor);
  // Authorize (the club exists and the caller is a member of it; a stranger learns nothing).
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) throw CLUB_NOT_FOUND();

  // Validate.
  const parsed = CreateBookingInput.safeParse(input.body);
  if (!parsed.success) throw fromZodIssues(issuesByField(parsed.error.issues));
  const req = parsed.data;
  let key: string | null = null;
  if (input.idempotencyKey !== undefined && input.idempotencyKey !== null) {
    const k = IdempotencyKey.safeParse(input.idempotencyKey);
    if (!k.success) {
      throw fromZodIssues(k.error.issues.map((i) => ({ ...i, path: ["Idempotency-Key"] })));
    }
    key = k.data;
  }
  if (req.partnerIds.includes(actor.userId)) {
    const i = req.partnerIds.indexOf(actor.userId);
    throw new AppError("BAD_REQUEST", `Invalid input — partnerIds.${i}: is you`, {
      [`partnerIds.${i}`]: "is you: you are on the booking already, name your partners only",
    });
  }

  const club = await db.club.findUnique({
    where: { slug: slug.data },
    select: {
      id: true,
      slug: true,
      timeZone: true,
      slotMinutes: true,
      openingHours: { select: { weekday: true, opensMinute: true, closesMinute: true } },
      memberships: {
        where: { userId: actor.userId },
        select: { id: true, user: { select: { emailVerifiedAt: true } } },
      },
      courts: {
        where: { id: req.courtId, active: true },
        select: {
          id: true,
          name: true,
          sport: true,
          openingHours: {
            select: { weekday: true, closed: true, opensMinute: true, closesMinute: true },
          },
        },
      },
      sports: { select: { sport: true, allowedDurations: true, allowedPlayerCounts: true } },
      peakBands: { select: { weekday: true, startMinute: true, endMinute: true } },
    },
  });
  const mine = club?.memberships[0];
  if (!club || !mine) throw CLUB_NOT_FOUND();
  // An account books once its address is confirmed (docs/decisions/017-staff-powers-need-2fa.md).
  if (mine.user.emailVerifiedAt === null) throw emailUnverified();
  const court = club.courts[0];
  if (!court) {
    throw new AppError("BAD_REQUEST", "Invalid input — courtId: is not a court of this club", {
      courtId: "is not a court of this club",
    });
  }
  const print = fingerprint(club.id, req);

  // A retry of a request that already succeeded: answer at once (re-checked under the locks).
  if (key) {
    const replay = await findByKey(db, actor.userId, key, print);
    if (replay) return replay;
  }

  // The slot must lie on the court's open grid that day (hours, closures, slot boundaries).
  const now = ctx.now ?? new Date();
  const date = todayIn(club.timeZone, req.startsAt);
  const [closures, checkout] = await Promise.all([
    db.closure.findMany({
      where: { clubId: club.id, date: new Date(`${date}T00:00:00Z`) },
      select: { courtId: true, reason: true },
    }),
    loadCheckoutContext(db, club.id, court.id),
  ]);
  const grid = buildDayPlanning({
    timeZone: club.timeZone,
    slotMinutes: club.slotMinutes,
    date,
    openingHours: club.openingHours,
    courtOverrides: court.openingHours.map((o) => ({ ...o, courtId: court.id })),
    closures: closures.map((c) => ({ courtId: c.courtId, date, reason: c.reason })),
    courts: [{ id: court.id, name: court.name }],
    occupancy: [],
  });
  const onGrid = checkSlotOnGrid(grid, court.id, req.startsAt, req.durationMinutes);
  if (!onGrid.ok) {
    if (onGrid.kind === "off-grid") {
      throw new AppError("BAD_REQUEST", `Invalid input — startsAt: ${onGrid.message}`, {
        startsAt: onGrid.message,
      });
    }
    throw policyError("OUTSIDE_HOURS", onGrid.message, null);
  }
  const endsAt = new Date(req.startsAt.getTime() + req.durationMinutes * 60_000);

  // Cheap early answer in a same-slot storm: taken already, no transaction needed.
  if (await occupied(db, court.id, req.startsAt, endsAt)) throw slotTaken();

  const sport = sportRulesOf(court.sport, club.sports);
  const peakBands = peakBandsOf(club.peakBands);

  try {
    return await runBookingTransaction("create-booking", async (tx) => {
      await lockCourt(tx, court.id);
      const [member] = await tx.$queryRaw<MemberRow[]>`
        SELECT m.id::text AS "id", m.status::text AS "status", m.valid_until AS "validUntil",
               t.name, t.horizon_days AS "horizonDays", t.release_minute AS "releaseMinute",
               t.max_active_bookings AS "maxActiveBookings", t.max_per_day AS "maxPerDay",
               t.max_per_week AS "maxPerWeek", t.max_peak_per_week AS "maxPeakPerWeek",
               t.no_back_to_back AS "noBackToBack", t.cancel_notice_minutes AS "cancelNoticeMinutes",
               t.partner_bookings_count AS "partnerBookingsCount",
               t.partners_must_be_active AS "partnersMustBeActive",
               t.max_guests_per_booking AS "maxGuestsPerBooking"
        FROM membership m LEFT JOIN membership_tier t ON t.id = m.tier_id
        WHERE m.user_id = ${actor.userId}::uuid AND m.club_id = ${club.id}::uuid
        FOR UPDATE OF m`;
      if (!member) throw CLUB_NOT_FOUND();

      if (key) {
        const replay = await findByKey(tx, actor.userId, key, print);
        if (replay) return replay;
      }

      const partners = req.partnerIds.length
        ? await tx.membership.findMany({
            where: { clubId: club.id, userId: { in: req.partnerIds } },
            select: {
              userId: true,
              status: true,
              validUntil: true,
              user: { select: { emailVerifiedAt: true } },
            },
          })
        : [];
      const partnerStates = req.partnerIds.map((id, i) => {
        const p = partners.find((x) => x.userId === id);
        if (!p) {
          throw new AppError(
            "BAD_REQUEST",
            `Invalid input — partnerIds.${i}: is not a member of this club`,
            {
              [`partnerIds.${i}`]: "is not a member of this club",
            },
          );
        }
        if (p.user.emailVerifiedAt === null) {
          throw new AppError(
            "BAD_REQUEST",
            `Invalid input — partnerIds.${i}: has not confirmed their email address yet`,
            {
              [`partnerIds.${i}`]:
                "has not confirmed their email address yet: they can be named once they have",
            },
          );
        }
        return { active: activeOn(p, date) };
      });

      const held = await loadHeldBookings(tx, club.id, actor.userId, now);
      const decision = decideBooking(
        {
          startsAt: req.startsAt,
          durationMinutes: req.durationMinutes,
          partners: partnerStates,
          guests: req.guests.length,
        },
        {
          now,
          timeZone: club.timeZone,
          tier: tierPolicyOf(member.name === null ? null : (member as TierRow)),
          member: memberStateOf(member),
          sport,
          peakBands,
          held,
        },
      );
      if (!decision.ok) throw policyError(decision.rule, decision.message, decision.eligibleAt);

      if (await occupied(tx, court.id, req.startsAt, endsAt)) throw slotTaken();

      // The fee, computed here (never sent by the client), and how it is paid.
      const plan = planCheckout(checkout, {
        courtId: court.id,
        startsAt: req.startsAt,
        durationMinutes: req.durationMinutes,
        timeZone: club.timeZone,
        party: { members: 1 + req.partnerIds.length, guests: req.guests.length },
        gateway: req.gateway,
      });

      let created;
      try {
        created = await tx.booking.create({
          data: {
            clubId: club.id,
            courtId: court.id,
            startsAt: req.startsAt,
            endsAt,
            status: plan.kind === "ONLINE" ? "PENDING_PAYMENT" : "CONFIRMED",
            createdById: actor.userId,
            idempotencyKey: key,
            idempotencyFingerprint: key ? print : null,
            players: {
              create: [
                { userId: actor.userId },
                ...req.partnerIds.map((userId) => ({ userId })),
                ...req.guests.map((g) => ({ guestName: g.name })),
              ],
            },
          },
          select: BOOKING_VIEW_SELECT,
        });
      } catch (err) {
        // The last line of defence: the exclusion constraint (a block or a booking made by a
        // writer that did not take the court lock).
        if (sqlState(err) === "23P01") throw slotTaken();
        throw err;
      }
      const booking = toBookingView(created);
      const payment =
        plan.kind === "ONLINE"
          ? await openPayment(tx, { clubId: club.id, bookingId: booking.id, plan, now })
          : null;
      await recordAuditEvent(
        {
          action: "booking.created",
          clubId: club.id,
          actorId: actor.userId,
          targetType: "booking",
          targetId: booking.id,
          ip: ctx.ip ?? null,
          userAgent: ctx.userAgent ?? null,
          details: {
            courtId: court.id,
            startsAt: booking.startsAt,
            endsAt: booking.endsAt,
            partners: req.partnerIds.length,
            guests: req.guests.length,
            fee: plan.quote.amountMinor,
            currency: plan.quote.currency,
            payment: plan.kind === "ONLINE" ? plan.gateway : plan.kind,
          },
        },
        tx,
      );
      // A booking waiting for payment is confirmed (and its players told) when it is paid.
      await afterBookingCreated(tx, { booking, actorId: actor.userId });
      return { booking, replayed: false, payment };
    });
  } catch (err) {
    // The same key used concurrently in another club by the same booker (their membership rows
    // differ, so they were not serialised): the unique index refused one; answer as a replay.
    if (key && sqlState(err) === "23505") {
      const replay = await findByKey(db, actor.userId, key, print);
      if (replay) return replay;
    }
    if (sqlState(err) === "23P01") throw slotTaken();
    throw err;
  }
}

async function occupied(
  client: Pick<PrismaTx, "$queryRaw">,
  courtId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<boolean> {
  const rows = await client.$queryRaw<{ hit: number }[]>`
    SELECT 1 AS "hit" FROM court_occupancy
    WHERE court_id = ${courtId}::uuid
      AND tstzrange(starts_at, ends_at, '[)') && tstzrange(${startsAt}, ${endsAt}, '[)')
    LIMIT 1`;
  return rows.length > 0;
}
