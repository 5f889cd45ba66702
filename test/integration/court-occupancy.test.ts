import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { sqlState } from "@/server/errors";
import { at, createClub, createCourt, createUser } from "../helpers/builders.ts";
import { sql } from "../helpers/sql.ts";

let clubId: string;
let courtId: string;
let otherCourtId: string;
let userId: string;

beforeAll(async () => {
  const club = await createClub();
  clubId = club.id;
  courtId = (await createCourt(clubId, { name: "Centre" })).id;
  otherCourtId = (await createCourt(clubId, { name: "Side" })).id;
  userId = (await createUser()).id;
});

/** A booking row straight in the database: the constraints below the app are under test. */
function insertBooking(startsAt: string, endsAt: string, court = courtId) {
  return db.booking.create({
    data: {
      clubId,
      courtId: court,
      startsAt: at(startsAt),
      endsAt: at(endsAt),
      createdById: userId,
    },
  });
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the database to refuse this");
}

describe("no double booking, enforced by PostgreSQL", () => {
  it("lets exactly one of 50 concurrent inserts of the same court and slot survive", async () => {
    // 50 separate connections, all connected before any fires, so the inserts truly race.
    const clients = Array.from(
      { length: 50 },
      () => new pg.Client({ connectionString: process.env.DATABASE_URL }),
    );
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const attempts = await Promise.allSettled(
        clients.map((c) =>
          c.query(
            `INSERT INTO booking (club_id, court_id, starts_at, ends_at, created_by_id)
             VALUES ($1, $2, '2030-05-04T08:00:00Z', '2030-05-04T09:00:00Z', $3)`,
            [clubId, courtId, userId],
          ),
        ),
      );
      const ok = attempts.filter((a) => a.status === "fulfilled");
      const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(49);
      // Every loser is refused by the exclusion constraint (SQLSTATE 23P01), not by anything else.
      for (const r of refused) expect(sqlState(r.reason)).toBe("23P01");
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM booking WHERE court_id = $1 AND starts_at = '2030-05-04T08:00:00Z'`,
      [courtId],
    );
    expect(rows[0].n).toBe(1);
  });

  it("reports the exclusion violation through Prisma with SQLSTATE 23P01", async () => {
    await insertBooking("2030-05-04T12:00:00Z", "2030-05-04T13:00:00Z");
    const err = await failure(insertBooking("2030-05-04T12:00:00Z", "2030-05-04T13:00:00Z"));
    expect(sqlState(err)).toBe("23P01");
  });

  it("accepts adjacent bookings (half-open ranges) and the same slot on another court", async () => {
    await insertBooking("2030-05-05T10:00:00Z", "2030-05-05T11:00:00Z");
    await insertBooking("2030-05-05T11:00:00Z", "2030-05-05T12:00:00Z");
    await insertBooking("2030-05-05T09:00:00Z", "2030-05-05T10:00:00Z");
    await insertBooking("2030-05-05T10:00:00Z", "2030-05-05T11:00:00Z", otherCourtId);
  });

  it("refuses partial overlaps in either direction and containment", async () => {
    await insertBooking("2030-05-06T10:00:00Z", "2030-05-06T11:00:00Z");
    for (const [s, e] of [
      ["2030-05-06T10:30:00Z", "2030-05-06T11:30:00Z"],
      ["2030-05-06T09:30:00Z", "2030-05-06T10:30:00Z"],
      ["2030-05-06T10:15:00Z", "2030-05-06T10:45:00Z"],
      ["2030-05-06T09:00:00Z", "2030-05-06T12:00:00Z"],
    ] as const) {
      expect(sqlState(await failure(insertBooking(s, e)))).toBe("23P01");
    }
  });

  it("frees the slot when a booking is cancelled, and takes it back if the cancellation is undone while free", async () => {
    const b = await insertBooking("2030-05-07T10:00:00Z", "2030-05-07T11:00:00Z");
    await db.booking.update({
      where: { id: b.id },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "rain" },
    });
    const replacement = await insertBooking("2030-05-07T10:00:00Z", "2030-05-07T11:00:00Z");
    expect(replacement.id).not.toBe(b.id);
    const reinstated = db.booking.update({
      where: { id: b.id },
      data: { status: "CONFIRMED", cancelledAt: null, cancelReason: null },
    });
    expect(sqlState(await failure(reinstated))).toBe("23P01");
  });

  it("refuses a booking that overlaps a block, and a block that overlaps a booking", async () => {
    await db.block.create({
      data: {
        clubId,
        courtId,
        startsAt: at("2030-05-08T08:00:00Z"),
        endsAt: at("2030-05-08T10:00:00Z"),
        kind: "MAINTENANCE",
        title: "Resurfacing",
      },
    });
    expect(
      sqlState(await failure(insertBooking("2030-05-08T09:00:00Z", "2030-05-08T10:00:00Z"))),
    ).toBe("23P01");
    await insertBooking("2030-05-08T10:00:00Z", "2030-05-08T11:00:00Z");
    await insertBooking("2030-05-08T09:00:00Z", "2030-05-08T10:00:00Z", otherCourtId);

    const clubWide = db.block.create({
      data: {
        clubId,
        courtId: null,
        startsAt: at("2030-05-08T09:30:00Z"),
        endsAt: at("2030-05-08T12:00:00Z"),
        kind: "TOURNAMENT",
        title: "Club championship",
      },
    });
    expect(sqlState(await failure(clubWide))).toBe("23P01");
  });

  it("makes a club-wide block occupy every court, including courts added later", async () => {
    const block = await db.block.create({
      data: {
        clubId,
        courtId: null,
        startsAt: at("2030-06-01T08:00:00Z"),
        endsAt: at("2030-06-01T18:00:00Z"),
        kind: "TOURNAMENT",
        title: "Open day",
      },
    });
    const later = await createCourt(clubId, { name: "New court" });
    const { rows } = await sql().query(`SELECT court_id FROM court_occupancy WHERE block_id = $1`, [
      block.id,
    ]);
    expect(rows.map((r) => r.court_id).sort()).toEqual([courtId, otherCourtId, later.id].sort());
    expect(
      sqlState(
        await failure(insertBooking("2030-06-01T12:00:00Z", "2030-06-01T13:00:00Z", later.id)),
      ),
    ).toBe("23P01");
  });

  it("refuses a booking whose court belongs to another club", async () => {
    const other = await createClub();
    const foreignCourt = await createCourt(other.id);
    const err = await failure(
      insertBooking("2030-05-09T10:00:00Z", "2030-05-09T11:00:00Z", foreignCourt.id),
    );
    expect(sqlState(err)).toBe("23514");
  });

  it("refuses insane time ranges with check constraints", async () => {
    for (const [s, e] of [
      ["2030-05-10T11:00:00Z", "2030-05-10T10:00:00Z"], // ends before it starts
      ["2030-05-10T10:00:00Z", "2030-05-10T10:00:00Z"], // empty
      ["2030-05-10T10:00:00Z", "2030-05-10T10:05:00Z"], // 5 minutes
      ["2030-05-10T00:00:00Z", "2030-05-11T00:00:00Z"], // 24 hours
      ["2030-05-10T10:00:30Z", "2030-05-10T11:00:30Z"], // not on a whole minute
    ] as const) {
      expect(sqlState(await failure(insertBooking(s, e)))).toBe("23514");
    }
  });

  it("keeps the audit log append-only", async () => {
    await db.auditEvent.create({ data: { action: "test.event", clubId } });
    expect(sqlState(await failure(sql().query(`UPDATE audit_event SET action = 'x'`)))).toBe(
      "42501",
    );
    expect(sqlState(await failure(sql().query(`DELETE FROM audit_event`)))).toBe("42501");
    expect(sqlState(await failure(sql().query(`TRUNCATE audit_event`)))).toBe("42501");
  });
});
