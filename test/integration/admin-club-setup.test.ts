/**
 * Club setup in the admin area (ADR 010) against PostgreSQL: courts, opening
 * hours, tiers and booking rules (with "test as member"), prices and club settings. Each use case
 * authorizes a MANAGER of the club named by the caller, scopes every id by that club, validates
 * with the shared zod schema and writes its audit event in the same transaction.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setClubHoursAction } from "@/app/c/[club]/admin/hours/actions";
import { IDLE } from "@/lib/form-state";
import { priceBooking } from "@/lib/pricing";
import { addDays, todayIn, zonedInstant } from "@/lib/time";
import { createCourt as createCourtUseCase } from "@/server/admin/courts/create-court";
import { deleteCourt } from "@/server/admin/courts/delete-court";
import { listCourts } from "@/server/admin/courts/list-courts";
import { moveCourt } from "@/server/admin/courts/move-court";
import { setCourtActive } from "@/server/admin/courts/set-court-active";
import { updateCourt } from "@/server/admin/courts/update-court";
import { addClosure } from "@/server/admin/hours/add-closure";
import { removeClosure } from "@/server/admin/hours/remove-closure";
import { setClubHours } from "@/server/admin/hours/set-club-hours";
import { setCourtHours } from "@/server/admin/hours/set-court-hours";
import { createPriceRule } from "@/server/admin/prices/create-price-rule";
import { deletePriceRule } from "@/server/admin/prices/delete-price-rule";
import { listPriceRules } from "@/server/admin/prices/list-price-rules";
import { quotePrice } from "@/server/admin/prices/quote-price";
import { updateClubSettings } from "@/server/admin/settings/update-club-settings";
import { addPeakBand } from "@/server/admin/tiers/add-peak-band";
import { createTier } from "@/server/admin/tiers/create-tier";
import { setSportRules } from "@/server/admin/tiers/set-sport-rules";
import { testAsMember } from "@/server/admin/tiers/test-as-member";
import { updateTier } from "@/server/admin/tiers/update-tier";
import { getAvailability } from "@/server/bookings/get-availability";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { getDayPlanning } from "@/server/planning/get-day-planning";
import { addMembership, as, createAccount } from "../helpers/auth";
import { bookingClub, OPEN_POLICY, player, ZONE } from "../helpers/booking";
import { createClub, createCourt } from "../helpers/builders";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const CTX = { ip: "203.0.113.9", userAgent: "test" };

let slug: string;
let clubId: string;
let managerId: string;
let staffId: string;
let other: { slug: string; id: string; courtId: string; tierId: string; closureId: string };

beforeAll(async () => {
  const { club } = await bookingClub(0);
  slug = club.slug;
  clubId = club.id;
  const manager = await createAccount({ totp: true, name: "Manager" });
  await addMembership(manager.id, clubId, "MANAGER");
  managerId = manager.id;
  const staff = await createAccount({ totp: true });
  await addMembership(staff.id, clubId, "STAFF");
  staffId = staff.id;

  const otherClub = await createClub();
  const otherCourt = await createCourt(otherClub.id, { name: "Their court" });
  const otherTier = await db.membershipTier.create({
    data: { clubId: otherClub.id, name: "Their tier" },
  });
  const otherClosure = await db.closure.create({
    data: { clubId: otherClub.id, date: new Date("2030-01-01"), reason: "Theirs" },
  });
  other = {
    slug: otherClub.slug,
    id: otherClub.id,
    courtId: otherCourt.id,
    tierId: otherTier.id,
    closureId: otherClosure.id,
  };
});

/** The AppError (or Next.js 404) a call ends with. */
async function failure(run: () => Promise<unknown>): Promise<{ code: string; fields: object }> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, fields: err.fields };
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404"))
      return { code: "NEXT_NOT_FOUND", fields: {} };
    throw err;
  }
  throw new Error("expected a failure");
}

const auditOf = (action: string) =>
  db.auditEvent.findMany({ where: { clubId, action }, orderBy: { id: "asc" } });

const court = (name: string, extra: Record<string, string> = {}) => ({
  name,
  sport: "TENNIS",
  surface: "CLAY",
  ...extra,
});

describe("courts", () => {
  it("creates, edits, reorders, deactivates; audits each; refuses duplicates by name", async () => {
    await as(managerId);
    const a = await createCourtUseCase(slug, court("Centre", { indoor: "on" }), CTX);
    const b = await createCourtUseCase(slug, court("Court 2"), CTX);
    const c = await createCourtUseCase(slug, court("Court 3"), CTX);
    expect(await failure(() => createCourtUseCase(slug, court("centre "), CTX))).toMatchObject({
      code: "CONFLICT",
      fields: { name: expect.stringContaining("already") },
    });
    expect(await failure(() => createCourtUseCase(slug, court("Centre"), CTX))).toMatchObject({
      code: "CONFLICT",
      fields: { name: expect.stringContaining("already") },
    });
    expect(await failure(() => createCourtUseCase(slug, court(""), CTX))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { name: expect.any(String) },
    });

    await updateCourt(
      slug,
      { courtId: b.id, ...court("Court Two", { surface: "HARD", floodlights: "on" }) },
      CTX,
    );
    await moveCourt(slug, { courtId: c.id, direction: "up" }, CTX);
    const { courts } = await listCourts(slug);
    expect(courts.map((x) => x.name)).toEqual(["Centre", "Court 3", "Court Two"]);
    expect(courts[2]).toMatchObject({ surface: "HARD", floodlights: true, indoor: false });
    expect(courts[0]).toMatchObject({ indoor: true });

    await setCourtActive(slug, { courtId: a.id, active: "false" }, CTX);
    const planning = await getDayPlanning({ slug });
    expect(planning!.grid.courts.map((x) => x.name)).toEqual(["Court 3", "Court Two"]);
    await setCourtActive(slug, { courtId: a.id, active: "true" }, CTX);

    expect((await auditOf("court.create")).map((e) => e.targetId)).toEqual([a.id, b.id, c.id]);
    expect(await auditOf("court.update")).toHaveLength(1);
    expect(await auditOf("court.reorder")).toHaveLength(1);
    expect((await auditOf("court.deactivate"))[0]).toMatchObject({
      actorId: managerId,
      ip: "203.0.113.9",
    });
  });

  it("deletes a court never booked, and refuses one with a booking (even cancelled)", async () => {
    await as(managerId);
    const spare = await createCourtUseCase(slug, court("Spare"), CTX);
    const used = await createCourtUseCase(slug, court("Used"), CTX);
    const starts = zonedInstant(addDays(todayIn(ZONE), 2), 10 * 60, ZONE);
    await db.booking.create({
      data: {
        clubId,
        courtId: used.id,
        startsAt: starts,
        endsAt: new Date(starts.getTime() + 3600_000),
        status: "CANCELLED",
        cancelledAt: new Date(),
        createdById: managerId,
      },
    });
    expect(await failure(() => deleteCourt(slug, { courtId: used.id }, CTX))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.court.count({ where: { id: used.id } })).toBe(1);
    await deleteCourt(slug, { courtId: spare.id }, CTX);
    expect(await db.court.count({ where: { id: spare.id } })).toBe(0);
    expect(await auditOf("court.delete")).toHaveLength(1);
  });

  it("never touches another club's court, and refuses staff", async () => {
    await as(managerId);
    for (const run of [
      () => updateCourt(slug, { courtId: other.courtId, ...court("Mine now") }, CTX),
      () => moveCourt(slug, { courtId: other.courtId, direction: "up" }, CTX),
      () => setCourtActive(slug, { courtId: other.courtId, active: "false" }, CTX),
      () => deleteCourt(slug, { courtId: other.courtId }, CTX),
    ]) {
      expect((await failure(run)).code).toBe("NOT_FOUND");
    }
    // The other club by its own slug: this manager is nobody there.
    expect((await failure(() => createCourtUseCase(other.slug, court("X"), CTX))).code).toBe(
      "NEXT_NOT_FOUND",
    );
    expect(await db.court.findUnique({ where: { id: other.courtId } })).toMatchObject({
      name: "Their court",
      active: true,
    });
    await as(staffId);
    expect((await failure(() => createCourtUseCase(slug, court("Staff"), CTX))).code).toBe(
      "NEXT_NOT_FOUND",
    );
  });
});

describe("opening hours", () => {
  it("sets the club's week through the form action; the planning follows", async () => {
    await as(managerId);
    const form = new FormData();
    form.set("club", slug);
    for (let d = 1; d <= 7; d++) {
      form.set(`open-${d}`, d === 7 ? "" : "on");
      form.set(`opens-${d}`, "09:00");
      form.set(`closes-${d}`, d === 6 ? "24:00" : "18:30");
    }
    form.delete("open-7");
    const state = await setClubHoursAction(IDLE, form);
    expect(state).toMatchObject({ status: "success" });
    const rows = await db.openingHours.findMany({ where: { clubId }, orderBy: { weekday: "asc" } });
    expect(rows.map((r) => [r.weekday, r.opensMinute, r.closesMinute])).toEqual([
      [1, 540, 1110],
      [2, 540, 1110],
      [3, 540, 1110],
      [4, 540, 1110],
      [5, 540, 1110],
      [6, 540, 1440],
    ]);
    // A Monday: the grid opens at 09:00 and closes at 18:30.
    const monday = "2030-01-07";
    const day = await getDayPlanning({ slug, date: monday });
    expect(day!.grid.rows[0]!.label).toBe("09:00");
    expect(day!.grid.rows.at(-1)!.label).toBe("18:00");
    // Sunday is closed.
    expect((await getDayPlanning({ slug, date: "2030-01-06" }))!.grid.rows).toEqual([]);
    expect(await auditOf("club.hours.update")).toHaveLength(1);
  });

  it("names the field of a bad time and writes nothing", async () => {
    await as(managerId);
    const bad = await failure(() =>
      setClubHours(slug, { "open-1": "on", "opens-1": "19:00", "closes-1": "08:00" }, CTX),
    );
    expect(bad).toMatchObject({ code: "BAD_REQUEST", fields: { "closes-1": expect.any(String) } });
    expect(
      await failure(() =>
        setClubHours(slug, { "open-2": "on", "opens-2": "9h", "closes-2": "18:00" }, CTX),
      ),
    ).toMatchObject({ fields: { "opens-2": expect.any(String) } });
    expect(await db.openingHours.count({ where: { clubId } })).toBe(6);
  });

  it("overrides one court's weekday and adds closure dates", async () => {
    await as(managerId);
    const { courts } = await listCourts(slug);
    const target = courts.find((c) => c.active)!;
    await setCourtHours(
      slug,
      {
        courtId: target.id,
        "mode-1": "custom",
        "opens-1": "12:00",
        "closes-1": "14:00",
        "mode-2": "closed",
      },
      CTX,
    );
    const monday = await getDayPlanning({ slug, date: "2030-01-07" });
    const col = monday!.grid.courts.find((c) => c.id === target.id)!;
    expect(col.hours).toEqual({ opens: "12:00", closes: "14:00" });
    const tuesday = await getDayPlanning({ slug, date: "2030-01-08" });
    expect(tuesday!.grid.courts.find((c) => c.id === target.id)!.hours).toBeNull();

    const closure = await addClosure(
      slug,
      { date: "2030-01-09", reason: "Club championship" },
      CTX,
    );
    const wednesday = await getDayPlanning({ slug, date: "2030-01-09" });
    expect(wednesday!.grid.clubClosure).toBe("Club championship");
    expect(
      await failure(() => addClosure(slug, { date: "2030-01-09", reason: "Again" }, CTX)),
    ).toMatchObject({ code: "CONFLICT", fields: { date: expect.any(String) } });
    expect(
      await failure(() => addClosure(slug, { date: "2030-02-30", reason: "No such day" }, CTX)),
    ).toMatchObject({ code: "BAD_REQUEST", fields: { date: expect.any(String) } });
    await removeClosure(slug, { closureId: closure.id }, CTX);
    expect((await getDayPlanning({ slug, date: "2030-01-09" }))!.grid.clubClosure).toBeNull();

    // Ids of another club.
    expect(
      (
        await failure(() =>
          setCourtHours(slug, { courtId: other.courtId, "mode-1": "closed" }, CTX),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(() =>
          addClosure(slug, { date: "2030-01-10", reason: "x", courtId: other.courtId }, CTX),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await failure(() => removeClosure(slug, { closureId: other.closureId }, CTX))).code,
    ).toBe("NOT_FOUND");
    expect(await db.closure.count({ where: { id: other.closureId } })).toBe(1);
    expect(await db.courtOpeningHours.count({ where: { courtId: other.courtId } })).toBe(0);
  });
});

describe("tiers and booking rules", () => {
  const tierForm = (over: Record<string, string> = {}) => ({
    name: "Juniors",
    horizonDays: "3",
    releaseTime: "07:00",
    maxActiveBookings: "2",
    maxPerDay: "",
    maxPerWeek: "4",
    maxPeakPerWeek: "",
    cancelNoticeMinutes: "120",
    maxGuestsPerBooking: "0",
    partnerBookingsCount: "on",
    ...over,
  });

  it("creates and edits every policy field, with validation naming the field", async () => {
    await as(managerId);
    const tier = await createTier(slug, tierForm(), CTX);
    expect(await db.membershipTier.findUnique({ where: { id: tier.id } })).toMatchObject({
      horizonDays: 3,
      releaseMinute: 420,
      maxActiveBookings: 2,
      maxPerDay: null,
      maxPerWeek: 4,
      maxPeakPerWeek: null,
      noBackToBack: false,
      cancelNoticeMinutes: 120,
      partnerBookingsCount: true,
      partnersMustBeActive: false,
      maxGuestsPerBooking: 0,
    });
    const bad = await failure(() =>
      updateTier(
        slug,
        {
          tierId: tier.id,
          ...tierForm({ horizonDays: "400", maxPerDay: "-1", releaseTime: "25:00" }),
        },
        CTX,
      ),
    );
    expect(bad).toMatchObject({
      code: "BAD_REQUEST",
      fields: {
        horizonDays: expect.any(String),
        maxPerDay: expect.any(String),
        releaseTime: expect.any(String),
      },
    });
    const r = await updateTier(
      slug,
      {
        tierId: tier.id,
        ...tierForm({ noBackToBack: "on", partnersMustBeActive: "on", maxPerDay: "1" }),
      },
      CTX,
    );
    expect(r!.changed.sort()).toEqual(["maxPerDay", "noBackToBack", "partnersMustBeActive"]);
    const [event] = await auditOf("tier.update");
    expect(event!.details).toMatchObject({ changed: { maxPerDay: { from: null, to: 1 } } });
    expect(
      (
        await failure(() =>
          updateTier(slug, { tierId: other.tierId, ...tierForm({ name: "Stolen" }) }, CTX),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await db.membershipTier.findUnique({ where: { id: other.tierId } }))!.name).toBe(
      "Their tier",
    );
  });

  it("changing a tier's horizon changes what its member may book; test-as-member shows it", async () => {
    await as(managerId);
    const { courts } = await listCourts(slug);
    const firstActive = courts.find((c) => c.active)!;
    // Reset this court to club hours (an earlier test changed Monday and Tuesday).
    await setCourtHours(slug, { courtId: firstActive.id }, CTX);
    const member = await player(clubId, { ...OPEN_POLICY, horizonDays: 7 });
    const date = addDays(todayIn(ZONE), 5);
    const before = await testAsMember(slug, { userId: member.id, date });
    const bookable = (a: typeof before.availability) =>
      a.grid.rows.flatMap((r) => r.cells).filter((c) => c.status === "free" && c.bookable).length;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0) expect(bookable(before.availability)).toBeGreaterThan(0);

    const tier = await db.membershipTier.findUniqueOrThrow({ where: { id: member.tierId } });
    await updateTier(
      slug,
      {
        tierId: tier.id,
        name: tier.name,
        horizonDays: "2",
        releaseTime: "00:00",
        cancelNoticeMinutes: "120",
        maxGuestsPerBooking: "1",
        partnerBookingsCount: "on",
        partnersMustBeActive: "on",
      },
      CTX,
    );
    const after = await testAsMember(slug, { userId: member.id, date });
    expect(bookable(after.availability)).toBe(0);
    if (weekday !== 0) {
      const reasons = after.availability.grid.rows
        .flatMap((r) => r.cells)
        .flatMap((c) => (c.status === "free" && !c.bookable ? [c.reason.rule] : []));
      // Every free slot is refused for the horizon (the last ones of the day are also too short).
      expect(reasons).toContain("NOT_OPEN_YET");
      expect(reasons.filter((r) => r !== "NOT_OPEN_YET" && r !== "TOO_SHORT")).toEqual([]);
    }
    // The member's own view is the same answer.
    const own = await getAvailability({ userId: member.id }, { club: slug, date });
    expect(own!.grid).toEqual(after.availability.grid);

    // A member of another club is not found here; staff may not test.
    const stranger = await player(other.id);
    expect((await failure(() => testAsMember(slug, { userId: stranger.id, date }))).code).toBe(
      "NOT_FOUND",
    );
    await as(staffId);
    expect((await failure(() => testAsMember(slug, { userId: member.id, date }))).code).toBe(
      "NEXT_NOT_FOUND",
    );
  });

  it("sets sport rules and peak bands, refusing overlaps and nonsense", async () => {
    await as(managerId);
    await setSportRules(
      slug,
      { sport: "TENNIS", allowedDurations: "90, 60,60", allowedPlayerCounts: "2 4" },
      CTX,
    );
    expect(await db.clubSport.findFirst({ where: { clubId, sport: "TENNIS" } })).toMatchObject({
      allowedDurations: [60, 90],
      allowedPlayerCounts: [2, 4],
    });
    expect(
      await failure(() =>
        setSportRules(
          slug,
          { sport: "TENNIS", allowedDurations: "5", allowedPlayerCounts: "2" },
          CTX,
        ),
      ),
    ).toMatchObject({ fields: { "allowedDurations.0": expect.any(String) } });
    await addPeakBand(slug, { weekday: "2", start: "18:00", end: "21:00" }, CTX);
    expect(
      await failure(() => addPeakBand(slug, { weekday: "2", start: "20:00", end: "22:00" }, CTX)),
    ).toMatchObject({ code: "CONFLICT" });
    expect(await db.peakBand.count({ where: { clubId } })).toBe(1);
  });
});

describe("prices", () => {
  it("stores rules per court × band × audience, refuses overlaps and foreign courts; lib/pricing prices a booking", async () => {
    await as(managerId);
    const { courts } = await listCourts(slug);
    const centre = courts[0]!;
    const all = { courtId: "", weekdays: ["1", "2", "3", "4", "5", "6", "7"] };
    await createPriceRule(
      slug,
      {
        ...all,
        name: "Guests by day",
        start: "00:00",
        end: "18:00",
        audience: "GUEST",
        amount: "8",
      },
      CTX,
    );
    await createPriceRule(
      slug,
      {
        ...all,
        name: "Guests evening",
        start: "18:00",
        end: "24:00",
        audience: "GUEST",
        amount: "12.50",
      },
      CTX,
    );
    await createPriceRule(
      slug,
      {
        ...all,
        courtId: centre.id,
        name: "Centre guests",
        start: "00:00",
        end: "24:00",
        audience: "GUEST",
        amount: "20",
      },
      CTX,
    );
    expect(
      await failure(() =>
        createPriceRule(
          slug,
          {
            ...all,
            weekdays: ["3"],
            name: "Clash",
            start: "17:00",
            end: "19:00",
            audience: "GUEST",
            amount: "1",
          },
          CTX,
        ),
      ),
    ).toMatchObject({ code: "CONFLICT", fields: { start: expect.stringContaining("Guests") } });
    expect(
      await failure(() =>
        createPriceRule(
          slug,
          {
            ...all,
            weekdays: [],
            name: "None",
            start: "10:00",
            end: "11:00",
            audience: "GUEST",
            amount: "1",
          },
          CTX,
        ),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fields: { weekdays: expect.any(String) } });
    expect(
      await failure(() =>
        createPriceRule(
          slug,
          {
            ...all,
            name: "Bad",
            start: "10:00",
            end: "11:00",
            audience: "GUEST",
            amount: "12.345",
          },
          CTX,
        ),
      ),
    ).toMatchObject({ fields: { amount: expect.any(String) } });
    expect(
      (
        await failure(() =>
          createPriceRule(
            slug,
            {
              ...all,
              courtId: other.courtId,
              name: "Theirs",
              start: "10:00",
              end: "11:00",
              audience: "GUEST",
              amount: "1",
            },
            CTX,
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");

    const { rules, currency } = await listPriceRules(slug);
    expect(currency).toBe("EUR");
    expect(rules.map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([800, 1250, 2000]);
    // 17:30–18:30 on a court without its own price: 30 min at 8.00 + 30 min at 12.50 for one guest.
    const q = priceBooking({
      rules,
      courtId: courts[1]!.id,
      startsAt: zonedInstant("2030-01-08", 17 * 60 + 30, ZONE),
      durationMinutes: 60,
      timeZone: ZONE,
      party: { members: 1, guests: 1 },
      currency,
    });
    expect(q.amountMinor).toBe(400 + 625);
    expect(q.lines.map((l) => l.ruleName)).toEqual(["Guests by day", "Guests evening"]);

    // The Prices screen's preview gives the same answer from the stored rules.
    const preview = await quotePrice(slug, {
      courtId: courts[1]!.id,
      date: "2030-01-08",
      start: "17:30",
      durationMinutes: "60",
      members: "1",
      guests: "1",
      nonMembers: "0",
    });
    expect(preview.quote.amountMinor).toBe(1025);
    expect(preview.quote.unpricedMinutes).toEqual({ MEMBER: 60, GUEST: 0 });
    expect(
      (
        await failure(() =>
          quotePrice(slug, {
            courtId: other.courtId,
            date: "2030-01-08",
            start: "10:00",
            durationMinutes: "60",
            members: "1",
            guests: "0",
            nonMembers: "0",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    const theirRule = await db.priceRule.create({
      data: {
        clubId: other.id,
        name: "Theirs",
        weekdays: [1],
        startMinute: 0,
        endMinute: 60,
        audience: "MEMBER",
        amountMinor: 1,
      },
    });
    expect(
      (await failure(() => deletePriceRule(slug, { priceRuleId: theirRule.id }, CTX))).code,
    ).toBe("NOT_FOUND");
    await deletePriceRule(slug, { priceRuleId: rules[0]!.id }, CTX);
    expect(await db.priceRule.count({ where: { clubId } })).toBe(2);
    expect(await auditOf("price_rule.create")).toHaveLength(3);
    expect(await auditOf("price_rule.delete")).toHaveLength(1);
  });
});

describe("club settings", () => {
  const settings = (over: Record<string, string> = {}) => ({
    name: "Renamed Club",
    timeZone: ZONE,
    contactEmail: "hello@club.test",
    securityContactEmail: "security@club.test",
    slotMinutes: "30",
    ...over,
  });

  it("validates the time zone, emails and slot length", async () => {
    await as(managerId);
    expect(
      await failure(() =>
        updateClubSettings(
          slug,
          settings({ timeZone: "Mars/Olympus", contactEmail: "nope", slotMinutes: "25" }),
          CTX,
        ),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fields: {
        timeZone: expect.any(String),
        contactEmail: expect.any(String),
        slotMinutes: expect.any(String),
      },
    });
  });

  it("a new time zone or slot length keeps every booking's instant", async () => {
    await as(managerId);
    const { courts } = await listCourts(slug);
    const starts = zonedInstant(addDays(todayIn(ZONE), 1), 10 * 60, ZONE);
    const booking = await db.booking.create({
      data: {
        clubId,
        courtId: courts.find((c) => c.active)!.id,
        startsAt: starts,
        endsAt: new Date(starts.getTime() + 3600_000),
        createdById: managerId,
      },
    });
    const r = await updateClubSettings(
      slug,
      settings({ timeZone: "America/New_York", slotMinutes: "15" }),
      CTX,
    );
    expect(r.changed.sort()).toEqual(["contactEmail", "name", "slotMinutes", "timeZone"]);
    expect(r.upcomingBookings).toBeGreaterThanOrEqual(1);
    const after = await db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(after.startsAt.toISOString()).toBe(starts.toISOString());
    expect(after.endsAt.getTime() - after.startsAt.getTime()).toBe(3600_000);
    expect(await db.club.findUnique({ where: { id: clubId } })).toMatchObject({
      name: "Renamed Club",
      timeZone: "America/New_York",
      slotMinutes: 15,
    });
    const [event] = await auditOf("club.settings.update");
    expect(event!.details).toMatchObject({
      changed: { timeZone: { from: ZONE, to: "America/New_York" } },
    });
    // Another club's settings cannot be reached by its slug.
    expect((await failure(() => updateClubSettings(other.slug, settings(), CTX))).code).toBe(
      "NEXT_NOT_FOUND",
    );
    await as(staffId);
    expect((await failure(() => updateClubSettings(slug, settings(), CTX))).code).toBe(
      "NEXT_NOT_FOUND",
    );
  });
});
