/**
 * Anti-bombing throttle: enforced in PostgreSQL (holds across instances), per recipient and per IP,
 * refusals recorded as security events, and nothing observable distinguishes a refusal for the caller.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { sql } from "../helpers/sql.ts";

/** What a password-reset endpoint does: throttle, then enqueue only when allowed, same answer. */
async function requestReset(recipient: string, ip: string, now: Date): Promise<{ ok: true }> {
  await db.$transaction(async (tx) => {
    if (await allowStrangerEmail(tx, { kind: "password_reset", recipient, ip, now })) {
      await enqueueEmail(tx, {
        to: recipient,
        template: "password-reset",
        data: { resetUrl: "http://localhost:3000/reset?token=t" },
        category: "security",
      });
    }
  });
  return { ok: true };
}

const count = async (q: string, params: unknown[] = []) =>
  (await sql().query(q, params)).rows[0].n as number;

describe("allowStrangerEmail", () => {
  it("100 reset requests for one address within a minute (many IPs, concurrently) send at most 3", async () => {
    const t0 = new Date();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        requestReset(
          "victim@example.test",
          `198.51.100.${i % 50}`,
          new Date(t0.getTime() + i * 500),
        ),
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = 'victim@example.test'`,
      ),
    ).toBe(3);
    const refused = await count(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'email.throttled' AND target_id = 'victim@example.test'`,
    );
    expect(refused).toBe(97);
    const { rows } = await sql().query(
      `SELECT details FROM audit_event WHERE action = 'email.throttled' AND target_id = 'victim@example.test' LIMIT 1`,
    );
    expect(rows[0].details).toEqual({ kind: "password_reset", limit: "recipient:3/15m" });
  });

  it("allows again after 15 minutes, but no more than 10 a day", async () => {
    const t0 = new Date(Date.now() + 3_600_000);
    let allowed = 0;
    for (let i = 0; i < 24 * 4; i++) {
      const now = new Date(t0.getTime() + i * 15 * 60_000 + 1000);
      for (let k = 0; k < 5; k++) {
        const ok = await db.$transaction((tx) =>
          allowStrangerEmail(tx, {
            kind: "verification",
            recipient: "Daily@Example.test",
            ip: null,
            now,
          }),
        );
        if (ok) allowed++;
      }
      if (i === 0) expect(allowed).toBe(3);
      if (i === 1) expect(allowed).toBe(6);
    }
    // 96 windows of 15 minutes all fall within 24 hours of the first: the daily limit caps at 10.
    expect(allowed).toBe(10);
  });

  it("limits one IP asking for many different addresses", async () => {
    const now = new Date(Date.now() + 7_200_000);
    const results: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      results.push(
        await db.$transaction((tx) =>
          allowStrangerEmail(tx, {
            kind: "invitation",
            recipient: `r${i}@example.test`,
            ip: "203.0.113.9",
            now,
          }),
        ),
      );
    }
    expect(results.filter(Boolean)).toHaveLength(10);
    const { rows } = await sql().query(
      `SELECT details->>'limit' AS limit FROM audit_event WHERE action = 'email.throttled' AND ip = '203.0.113.9'`,
    );
    expect(rows).toHaveLength(10);
    expect(rows[0].limit).toBe("ip:10/15m");
  });

  it("a rolled-back request leaves no hit behind", async () => {
    const now = new Date(Date.now() + 10_800_000);
    for (let i = 0; i < 5; i++) {
      await db
        .$transaction(async (tx) => {
          await allowStrangerEmail(tx, {
            kind: "unlock",
            recipient: "rb@example.test",
            ip: null,
            now,
          });
          throw new Error("rollback");
        })
        .catch(() => undefined);
    }
    expect(
      await db.$transaction((tx) =>
        allowStrangerEmail(tx, { kind: "unlock", recipient: "rb@example.test", ip: null, now }),
      ),
    ).toBe(true);
  });
});
