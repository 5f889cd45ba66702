/**
 * Outbox → delivery worker → a real SMTP server started here → DKIM verified by an independent
 * verifier (mailauth). Also: rolled-back actions send nothing, a crash between claim and send
 * delivers exactly once, a crash after SMTP accepted never sends again, an SMTP outage loses
 * nothing, concurrent workers never double-send, permanent refusals end as FAILED.
 */
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createDeliveryWorker, type DeliveryWorkerOptions } from "@/server/mail/delivery-worker";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import type { MailConfig } from "@/server/mail/mail-config";
import { createClub } from "../helpers/builders.ts";
import { createDkimKey } from "../helpers/dkim-key.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";
import { sql } from "../helpers/sql.ts";

const DOMAIN = "courtside.test";
const key = createDkimKey(DOMAIN, "cs2026");
const sink = new SmtpSink();
let clock = new Date();
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

function config(): MailConfig {
  return {
    appUrl: "http://localhost:3000",
    from: `Courtside <no-reply@${DOMAIN}>`,
    messageIdDomain: DOMAIN,
    smtp: { url: sink.url, requireTLS: false },
    dkim: { domainName: DOMAIN, keySelector: "cs2026", privateKey: key.privateKey },
    tokenSecret: "t".repeat(64),
    workerIntervalMs: 1000,
  };
}
const worker = (extra: Partial<DeliveryWorkerOptions> = {}) =>
  createDeliveryWorker({ config: config(), now: () => clock, random: () => 0.5, ...extra });

const verify = (to: string) =>
  enqueueEmail(db, {
    to,
    template: "verify-email",
    data: { name: "Ada", verifyUrl: "http://localhost:3000/verify?token=abc" },
    category: "account",
  });

async function statusOf(id: string) {
  return db.emailOutbox.findUniqueOrThrow({ where: { id } });
}

beforeAll(async () => {
  await sink.start();
});
afterAll(async () => {
  await sink.stop();
});
beforeEach(async () => {
  sink.received.length = 0;
  sink.rejectRecipients = false;
  // The worker's clock runs ahead of the database's now(), which stamps a new message's
  // next_attempt_at: a minute, not a second, so a slow machine (setting up a club can take longer
  // than a second under load) never leaves a message queued "in the future" of the worker.
  clock = new Date(Date.now() + 60_000);
  await sql().query(
    `UPDATE email_outbox SET status = 'SENT', sent_at = now(), lease_until = NULL, lease_owner = NULL WHERE status <> 'SENT'`,
  );
});

describe("DKIM-signed SMTP delivery", () => {
  it("delivers a signed message that an independent verifier accepts, and rejects once altered", async () => {
    const club = await createClub();
    const queued = await enqueueEmail(db, {
      to: "player@example.test",
      template: "club-announcement",
      data: {
        title: "Courts 3 and 4 reopen",
        paragraphs: ["The new clay is ready. See you on court!"],
      },
      category: "club_news",
      clubId: club.id,
    });
    const summary = await worker().runOnce();
    expect(summary).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    const { raw, to } = sink.received[0]!;
    expect(to).toEqual(["player@example.test"]);
    expect(raw).toContain(`Message-ID: ${queued.messageId}`);
    const unfolded = raw.replace(/\r?\n[ \t]+/g, " ");
    expect(unfolded).toMatch(
      /^List-Unsubscribe: <http:\/\/localhost:3000\/api\/unsubscribe\/[\w.-]+>/m,
    );
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(raw).toContain("Test Club");

    const good = await dkimVerify(Buffer.from(raw), { resolver: key.resolver });
    expect(good.results).toHaveLength(1);
    expect(good.results[0]!.status.result).toBe("pass");
    expect(good.results[0]!.signingDomain).toBe(DOMAIN);
    const signed = /^DKIM-Signature:[\s\S]*?\bh=([^;]+);/im
      .exec(raw)![1]!
      .replace(/\s+/g, "")
      .toLowerCase()
      .split(":");
    for (const h of [
      "from",
      "to",
      "subject",
      "date",
      "message-id",
      "list-unsubscribe",
      "list-unsubscribe-post",
    ]) {
      expect(signed).toContain(h);
    }

    const altered = raw.replace("The new clay is ready.", "The new clay is ready!");
    expect(altered).not.toBe(raw);
    const bad = await dkimVerify(Buffer.from(altered), { resolver: key.resolver });
    // mailauth reports a body-hash mismatch as "neutral (body hash did not verify)": not a pass.
    expect(bad.results[0]!.status.result).not.toBe("pass");
    expect(bad.results[0]!.status.comment).toMatch(/body hash did not verify/);
    const forgedHeader = raw.replace(/^Subject: .*$/m, "Subject: Please send your password");
    const badHeader = await dkimVerify(Buffer.from(forgedHeader), { resolver: key.resolver });
    expect(badHeader.results[0]!.status.result).toBe("fail");

    const row = await statusOf(queued.id);
    expect(row.status).toBe("SENT");
    expect(row.attempts).toBe(1);
    expect(row.sentAt).not.toBeNull();
  });

  it("essential mail has no unsubscribe header", async () => {
    await verify("new@example.test");
    await worker().runOnce();
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.raw).not.toMatch(/^List-Unsubscribe/im);
    const res = await dkimVerify(Buffer.from(sink.received[0]!.raw), { resolver: key.resolver });
    expect(res.results[0]!.status.result).toBe("pass");
  });
});

describe("outbox semantics", () => {
  it("a rolled-back transaction sends nothing", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEmail(tx, {
          to: "ghost@example.test",
          template: "password-reset",
          data: { resetUrl: "http://localhost:3000/reset?token=x" },
          category: "security",
        });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    const { rows } = await sql().query(
      `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = 'ghost@example.test'`,
    );
    expect(rows[0].n).toBe(0);
    const summary = await worker().runOnce();
    expect(summary.claimed).toBe(0);
    expect(sink.received).toHaveLength(0);
  });

  it("a worker killed between claim and send: after restart the message is delivered exactly once", async () => {
    const queued = await verify("crash1@example.test");
    const doomed = worker({
      hooks: {
        afterClaim: async () => {
          throw new Error("SIGKILL");
        },
      },
    });
    await expect(doomed.runOnce()).rejects.toThrow("SIGKILL");
    expect((await statusOf(queued.id)).status).toBe("CLAIMED");
    expect(sink.received).toHaveLength(0);

    // Restarted too early: the claim still protects the row.
    const restarted = worker();
    expect((await restarted.runOnce()).sent).toBe(0);
    tick(3 * 60_000); // the claim lease (2 min) expires
    const summary = await restarted.runOnce();
    expect(summary).toMatchObject({ released: 1, sent: 1 });
    await restarted.runOnce();
    tick(60 * 60_000);
    await restarted.runOnce();
    expect(sink.received.filter((m) => m.raw.includes(queued.messageId))).toHaveLength(1);
    expect((await statusOf(queued.id)).status).toBe("SENT");
  });

  it("a worker killed after SMTP accepted the message never sends it again", async () => {
    const queued = await verify("crash2@example.test");
    const doomed = worker({
      hooks: {
        afterSend: async () => {
          throw new Error("SIGKILL");
        },
      },
    });
    await expect(doomed.runOnce()).rejects.toThrow("SIGKILL");
    expect(sink.received).toHaveLength(1);
    expect((await statusOf(queued.id)).status).toBe("SENDING");

    const restarted = worker();
    tick(10 * 60_000); // the send lease (5 min) expires
    const summary = await restarted.runOnce();
    expect(summary).toMatchObject({ uncertain: 1, sent: 0 });
    for (let i = 0; i < 5; i++) {
      tick(60 * 60_000);
      await restarted.runOnce();
    }
    expect(sink.received).toHaveLength(1);
    const row = await statusOf(queued.id);
    expect(row.status).toBe("UNCERTAIN");
    expect(row.lastError).toMatch(/may have accepted/);
  });

  it("an SMTP outage of several minutes loses nothing: retried with backoff, delivered once", async () => {
    const port = sink.port;
    await sink.stop();
    const queued = await Promise.all([
      verify("outage1@example.test"),
      verify("outage2@example.test"),
    ]);
    const w = worker();
    const delays: number[] = [];
    // Ten minutes of outage, the worker polling every 10 s.
    for (let s = 0; s < 600; s += 10) {
      const before = await statusOf(queued[0].id);
      const r = await w.runOnce();
      const after = await statusOf(queued[0].id);
      if (r.retried) delays.push(after.nextAttemptAt.getTime() - clock.getTime());
      expect(before.status === "SENT" || after.status === "SENT").toBe(false);
      tick(10_000);
    }
    expect(sink.received).toHaveLength(0);
    const during = await statusOf(queued[0].id);
    expect(during.status).toBe("PENDING");
    expect(during.attempts).toBeGreaterThanOrEqual(4);
    expect(during.lastError).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
    // Exponential: each delay doubles (30 s, 60 s, 120 s, …).
    expect(delays.length).toBeGreaterThanOrEqual(4);
    expect(delays[1]! / delays[0]!).toBeCloseTo(2, 1);
    expect(delays[2]! / delays[1]!).toBeCloseTo(2, 1);

    await sink.start(port);
    tick(60 * 60_000);
    await w.runOnce();
    await w.runOnce();
    expect(sink.received.map((m) => m.to[0]).sort()).toEqual([
      "outage1@example.test",
      "outage2@example.test",
    ]);
    for (const q of queued) {
      const row = await statusOf(q.id);
      expect(row.status).toBe("SENT");
      expect(row.lastError).toBeNull();
    }
  });

  it("several workers at once never send a message twice", async () => {
    const queued = [];
    for (let i = 0; i < 30; i++) queued.push(await verify(`many${i}@example.test`));
    const workers = [worker({ batchSize: 7 }), worker({ batchSize: 7 }), worker({ batchSize: 7 })];
    for (let round = 0; round < 4; round++) await Promise.all(workers.map((w) => w.runOnce()));
    const ids = sink.received.map((m) => /^Message-ID: (.+)$/m.exec(m.raw)![1]!.trim());
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(new Set(ids)).toEqual(new Set(queued.map((q) => q.messageId)));
  });

  it("requires STARTTLS unless explicitly disabled: a server without it gets nothing", async () => {
    const queued = await verify("tls@example.test");
    const strict = createDeliveryWorker({
      config: { ...config(), smtp: { url: sink.url, requireTLS: true } },
      now: () => clock,
      random: () => 0.5,
    });
    expect((await strict.runOnce()).retried).toBe(1);
    expect(sink.received).toHaveLength(0);
    expect((await statusOf(queued.id)).lastError).toMatch(/STARTTLS/i);
  });

  it("a permanent refusal (5xx) ends as FAILED with the server's answer", async () => {
    sink.rejectRecipients = true;
    const queued = await verify("nobody@example.test");
    const r = await worker().runOnce();
    expect(r.failed).toBe(1);
    const row = await statusOf(queued.id);
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toMatch(/550/);
  });
});
