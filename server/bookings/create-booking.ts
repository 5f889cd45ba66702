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
 * Fees (ADR 012, server/payments/open-checkout.ts): the booking is priced on the server from the
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
import { decideBooking, type PeakBand, type SportRules } from "@/lib/booking-policy";
import { buildDayPlanning } from "@/lib/planning";
import { todayIn, type LocalDate } from "@/lib/time";
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
  TIER_SELECT,
  tierPolicyOf,
} from "@/server/bookings/policy-context";
import { slotTaken, type Slot } from "@/server/bookings/slot-taken";
import { lockCourt, runBookingTransaction, type PrismaTx } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, fromZodIssues, sqlState } from "@/server/errors";
import {
  loadCheckoutContext,
  openPayment,
  planCheckout,
  type CheckoutContext,
  type CheckoutPlan,
  type OpenedPayment,
} from "@/server/payments/open-checkout";

export type BookingActor = { userId: string };
/** The pending payment of a booking that waits for payment (PENDING_PAYMENT), if any. */
export type CreateBookingResult = {
  booking: BookingView;
  replayed: boolean;
  payment: OpenedPayment | null;
};

type RequestContext = { ip?: string | null; userAgent?: string | null; now?: Date };

const CLUB_NOT_FOUND = () => new AppError("NOT_FOUND", "Club not found.");
const SLOT_TAKEN = () =>
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

/** A request that passed every check made before the transaction (ADR 007 step 1). */
type Draft = {
  actorId: string;
  req: CreateBookingInput;
  key: string | null;
  /** The request's fingerprint (idempotency). */
  print: string;
  club: ClubOfBooking;
  /** The court's sport rules and the club's peak bands, for decideBooking. */
  rules: { sport: SportRules; peakBands: PeakBand[] };
  slot: Slot;
  /** The local date of the slot (club time). */
  date: LocalDate;
  now: Date;
  checkout: CheckoutContext;
};

/** The steps of docs/decisions/007-booking-concurrency.md, in order. */
export async function createBooking(
  actor: BookingActor,
  input: { club: string; body: unknown; idempotencyKey?: string | null },
  ctx: RequestContext = {},
): Promise<CreateBookingResult> {
  assertActor(actor);
  const { slug, req, key } = parseRequest(actor, input);
  const { club, court, rules } = await loadContext(actor.userId, slug, req.courtId);
  const print = fingerprint(club.id, req);

  // A retry of a request that already succeeded: answer at once (re-checked under the locks).
  if (key) {
    const replay = await findByKey(db, actor.userId, key, print);
    if (replay) return replay;
  }

  const onGrid = await checkGrid(club, court, req, ctx.now ?? new Date());
  const draft: Draft = { actorId: actor.userId, req, key, print, club, rules, ...onGrid };

  // Cheap early answer in a same-slot storm: taken already, no transaction needed.
  if (await slotTaken(db, draft.slot)) throw SLOT_TAKEN();

  try {
    return await runBookingTransaction("create-booking", (tx) => bookUnderLocks(tx, draft, ctx));
  } catch (err) {
    // The same key used concurrently in another club by the same booker (their membership rows
    // differ, so they were not serialised): the unique index refused one; answer as a replay.
    if (key && sqlState(err) === "23505") {
      const replay = await findByKey(db, actor.userId, key, print);
      if (replay) return replay;
    }
    if (sqlState(err) === "23P01") throw SLOT_TAKEN();
    throw err;
  }
}

/** ADR 007 steps 2–4: everything that must hold under the court and membership locks. */
async function bookUnderLocks(
  tx: PrismaTx,
  draft: Draft,
  ctx: RequestContext,
): Promise<CreateBookingResult> {
  // Lock order: always the court, then the membership (ADR 007 step 3).
  await lockCourt(tx, draft.slot.courtId);
  const member = await lockMembership(tx, draft.actorId, draft.club.id);
  if (!member) throw CLUB_NOT_FOUND();

  if (draft.key) {
    const replay = await findByKey(tx, draft.actorId, draft.key, draft.print);
    if (replay) return replay;
  }

  const partners = await checkPartners(tx, draft);
  await decidePolicy(tx, draft, member, partners);
  if (await slotTaken(tx, draft.slot)) throw SLOT_TAKEN();

  const plan = priceBooking(draft);
  const booking = await insertBooking(tx, draft, plan);
  const payment =
    plan.kind === "ONLINE"
      ? await openPayment(tx, {
          clubId: draft.club.id,
          bookingId: booking.id,
          plan,
          now: draft.now,
        })
      : null;
  await auditBooking(tx, draft, booking, plan, ctx);
  // A booking waiting for payment is confirmed (and its players told) when it is paid.
  await afterBookingCreated(tx, { booking, actorId: draft.actorId });
  return { booking, replayed: false, payment };
}

/** Validates the input: the club's slug, the body, the Idempotency-Key, and "you are no partner". */
function parseRequest(
  actor: BookingActor,
  input: { club: string; body: unknown; idempotencyKey?: string | null },
): { slug: string; req: CreateBookingInput; key: string | null } {
  // Authorize (the club exists and the caller is a member of it; a stranger learns nothing).
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) throw CLUB_NOT_FOUND();

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
  return { slug: slug.data, req, key };
}

/**
 * Loads the club with the caller's membership, the court (active, of this club), the hours, the
 * sport rules and the peak bands. A stranger, an unconfirmed address or a foreign court is refused.
 */
async function loadContext(userId: string, slug: string, courtId: string) {
  const club = await db.club.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      timeZone: true,
      slotMinutes: true,
      openingHours: { select: { weekday: true, opensMinute: true, closesMinute: true } },
      memberships: {
        where: { userId },
        select: { id: true, user: { select: { emailVerifiedAt: true } } },
      },
      courts: {
        where: { id: courtId, active: true },
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
  const rules = {
    sport: sportRulesOf(court.sport, club.sports),
    peakBands: peakBandsOf(club.peakBands),
  };
  return { club, court, rules };
}

type ClubOfBooking = Awaited<ReturnType<typeof loadContext>>["club"];
type CourtOfBooking = Awaited<ReturnType<typeof loadContext>>["court"];

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

/**
 * The slot must lie on the court's open grid that day (hours, closures, slot boundaries); loads
 * the day's closures and, alongside, the club's prices and gateways for the checkout.
 */
async function checkGrid(
  club: ClubOfBooking,
  court: CourtOfBooking,
  req: CreateBookingInput,
  now: Date,
): Promise<Pick<Draft, "slot" | "date" | "now" | "checkout">> {
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
  return { slot: { courtId: court.id, startsAt: req.startsAt, endsAt }, date, now, checkout };
}

/**
 * Locks the booker's membership row FOR UPDATE (ADR 007 step 3: the quota check and the insert of
 * one member are serialised) and reads it with its tier's rules; null when not a member.
 */
async function lockMembership(tx: PrismaTx, userId: string, clubId: string) {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT m.id::text AS "id" FROM membership m
    WHERE m.user_id = ${userId}::uuid AND m.club_id = ${clubId}::uuid
    FOR UPDATE OF m`;
  if (!locked) return null;
  return tx.membership.findUniqueOrThrow({
    where: { id: locked.id },
    select: { id: true, status: true, validUntil: true, tier: { select: TIER_SELECT } },
  });
}

type LockedMember = NonNullable<Awaited<ReturnType<typeof lockMembership>>>;

/** Named partners must be members of this club with a confirmed address; active on the day? */
async function checkPartners(tx: PrismaTx, draft: Draft): Promise<{ active: boolean }[]> {
  const { req } = draft;
  const partners = req.partnerIds.length
    ? await tx.membership.findMany({
        where: { clubId: draft.club.id, userId: { in: req.partnerIds } },
        select: {
          userId: true,
          status: true,
          validUntil: true,
          user: { select: { emailVerifiedAt: true } },
        },
      })
    : [];
  return req.partnerIds.map((id, i) => {
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
    return { active: activeOn(p, draft.date) };
  });
}

/** The booking rules (lib/booking-policy.ts decideBooking), against the bookings held now. */
async function decidePolicy(
  tx: PrismaTx,
  draft: Draft,
  member: LockedMember,
  partners: { active: boolean }[],
): Promise<void> {
  const { req, club, now } = draft;
  const held = await loadHeldBookings(tx, club.id, draft.actorId, now);
  const decision = decideBooking(
    {
      startsAt: req.startsAt,
      durationMinutes: req.durationMinutes,
      partners,
      guests: req.guests.length,
    },
    {
      now,
      timeZone: club.timeZone,
      tier: tierPolicyOf(member.tier),
      member: memberStateOf(member),
      sport: draft.rules.sport,
      peakBands: draft.rules.peakBands,
      held,
    },
  );
  if (!decision.ok) throw policyError(decision.rule, decision.message, decision.eligibleAt);
}

/** The fee, computed here (never sent by the client), and how it is paid. */
function priceBooking({ req, club, slot, checkout }: Draft): CheckoutPlan {
  return planCheckout(checkout, {
    courtId: slot.courtId,
    startsAt: req.startsAt,
    durationMinutes: req.durationMinutes,
    timeZone: club.timeZone,
    party: { members: 1 + req.partnerIds.length, guests: req.guests.length },
    gateway: req.gateway,
  });
}

async function insertBooking(tx: PrismaTx, draft: Draft, plan: CheckoutPlan): Promise<BookingView> {
  const { req, slot, key } = draft;
  try {
    const created = await tx.booking.create({
      data: {
        clubId: draft.club.id,
        courtId: slot.courtId,
        startsAt: req.startsAt,
        endsAt: slot.endsAt,
        status: plan.kind === "ONLINE" ? "PENDING_PAYMENT" : "CONFIRMED",
        createdById: draft.actorId,
        idempotencyKey: key,
        idempotencyFingerprint: key ? draft.print : null,
        players: {
          create: [
            { userId: draft.actorId },
            ...req.partnerIds.map((userId) => ({ userId })),
            ...req.guests.map((g) => ({ guestName: g.name })),
          ],
        },
      },
      select: BOOKING_VIEW_SELECT,
    });
    return toBookingView(created);
  } catch (err) {
    // The last line of defence: the exclusion constraint (a block or a booking made by a
    // writer that did not take the court lock).
    if (sqlState(err) === "23P01") throw SLOT_TAKEN();
    throw err;
  }
}

async function auditBooking(
  tx: PrismaTx,
  draft: Draft,
  booking: BookingView,
  plan: CheckoutPlan,
  ctx: RequestContext,
): Promise<void> {
  await recordAuditEvent(
    {
      action: "booking.created",
      clubId: draft.club.id,
      actorId: draft.actorId,
      targetType: "booking",
      targetId: booking.id,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: {
        courtId: draft.slot.courtId,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        partners: draft.req.partnerIds.length,
        guests: draft.req.guests.length,
        fee: plan.quote.amountMinor,
        currency: plan.quote.currency,
        payment: plan.kind === "ONLINE" ? plan.gateway : plan.kind,
      },
    },
    tx,
  );
}
