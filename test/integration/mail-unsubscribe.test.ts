/**
 * One-click unsubscribe (RFC 8058) through the real route handler: a POST with the signed token
 * stops the category at once (also for mail already queued); forged tokens are refused; essential
 * mail is never suppressed; the preferences page's use cases read and write the same state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/unsubscribe/[token]/route";
import { signMailToken } from "@/lib/mail/mail-token";
import { db } from "@/server/db";
import { createDeliveryWorker } from "@/server/mail/delivery-worker";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { getEmailPreferences } from "@/server/mail/get-email-preferences";
import { getMailConfig, type MailConfig } from "@/server/mail/mail-config";
import { updateEmailPreferences } from "@/server/mail/update-email-preferences";
import { SmtpSink } from "../helpers/smtp-sink.ts";
import { sql } from "../helpers/sql.ts";

const sink = new SmtpSink();
beforeAll(() => sink.start());
afterAll(() => sink.stop());

const smtpConfig = (): MailConfig => ({
  ...getMailConfig(),
  smtp: { url: sink.url, requireTLS: false },
  dkim: null,
});

const news = (to: string) =>
  enqueueEmail(db, {
    to,
    template: "club-announcement",
    data: { title: "Summer tournament", paragraphs: ["Sign up at the desk."] },
    category: "club_news",
  });

async function unsubscribeUrlOf(outboxId: string): Promise<string> {
  const row = await db.emailOutbox.findUniqueOrThrow({ where: { id: outboxId } });
  const header = (row.headers as Record<string, string>)["List-Unsubscribe"]!;
  return header.slice(1, -1);
}

function oneClick(url: string): Promise<Response> {
  const token = decodeURIComponent(url.split("/").pop()!);
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  return POST(request, { params: Promise.resolve({ token }) });
}

describe("one-click unsubscribe", () => {
  it("a POST with the token stops that category immediately, even for mail already queued", async () => {
    const first = await news("fan@example.test");
    const queuedBefore = await news("fan@example.test");
    const url = await unsubscribeUrlOf(first.id);
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/unsubscribe\/[\w-]+\.[\w-]+$/);

    const res = await oneClick(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/unsubscribed/i);

    const after = await news("FAN@example.test");
    expect(after.status).toBe("SUPPRESSED");

    const worker = createDeliveryWorker({ config: smtpConfig() });
    const summary = await worker.runOnce();
    expect(summary.sent).toBe(0);
    expect(summary.suppressed).toBe(2); // the two queued before the unsubscribe
    expect(sink.received).toHaveLength(0);
    const statuses = await db.emailOutbox.findMany({
      where: { id: { in: [first.id, queuedBefore.id, after.id] } },
      select: { status: true },
    });
    expect(statuses.every((s) => s.status === "SUPPRESSED")).toBe(true);

    // Other categories and essential mail still go out.
    await enqueueEmail(db, {
      to: "fan@example.test",
      template: "password-reset",
      data: { resetUrl: "http://localhost:3000/reset?token=t" },
      category: "security",
    });
    expect((await worker.runOnce()).sent).toBe(1);
    const { rows } = await sql().query(
      `SELECT details FROM audit_event WHERE action = 'email.unsubscribed' AND target_id = 'fan@example.test'`,
    );
    expect(rows).toEqual([{ details: { category: "club_news", via: "one-click" } }]);
    // Idempotent.
    expect((await oneClick(url)).status).toBe(200);
  });

  it("refuses forged, altered and essential-category tokens", async () => {
    const forgedSecret = signMailToken("not-the-secret-".repeat(4), {
      purpose: "unsubscribe",
      address: "someone@example.test",
      category: "club_news",
    });
    const genuine = signMailToken(getMailConfig().tokenSecret, {
      purpose: "unsubscribe",
      address: "someone@example.test",
      category: "club_news",
    });
    const [body, mac] = genuine.split(".") as [string, string];
    const otherAddress = Buffer.from(
      JSON.stringify({ p: "u", a: "victim@example.test", c: "club_news" }),
    ).toString("base64url");
    const essential = Buffer.from(
      JSON.stringify({ p: "u", a: "someone@example.test", c: "security" }),
    ).toString("base64url");
    for (const token of [
      forgedSecret,
      `${otherAddress}.${mac}`,
      `${essential}.${mac}`,
      `${body}.x${mac.slice(1)}`,
      "garbage",
      "",
    ]) {
      const res = await oneClick(
        `http://localhost:3000/api/unsubscribe/${encodeURIComponent(token)}`,
      );
      expect(res.status, token).toBe(403);
    }
    expect(
      await db.emailUnsubscribe.count({
        where: { address: { in: ["someone@example.test", "victim@example.test"] } },
      }),
    ).toBe(0);
    // A preferences token is not an unsubscribe token.
    const prefs = signMailToken(getMailConfig().tokenSecret, {
      purpose: "preferences",
      address: "someone@example.test",
    });
    expect((await oneClick(`http://localhost:3000/api/unsubscribe/${prefs}`)).status).toBe(403);
  });

  it("GET changes nothing (link scanners) and leads to the preferences page", async () => {
    const q = await news("scanned@example.test");
    const url = await unsubscribeUrlOf(q.id);
    const token = url.split("/").pop()!;
    const res = await GET(new Request(url), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/email-preferences/${token}`);
    expect(await db.emailUnsubscribe.count({ where: { address: "scanned@example.test" } })).toBe(0);
  });

  it("the preferences page reads and saves categories through a signed link", async () => {
    const token = signMailToken(getMailConfig().tokenSecret, {
      purpose: "preferences",
      address: "prefs@example.test",
    });
    const before = await getEmailPreferences(token);
    expect(before?.categories.map((c) => [c.category, c.subscribed])).toEqual([
      ["reminders", true],
      ["waiting_list", true],
      ["club_news", true],
    ]);
    await updateEmailPreferences(token, ["reminders"]);
    const after = await getEmailPreferences(token);
    expect(after?.categories.map((c) => [c.category, c.subscribed])).toEqual([
      ["reminders", true],
      ["waiting_list", false],
      ["club_news", false],
    ]);
    await updateEmailPreferences(token, ["reminders", "club_news", "security"]);
    expect(
      (await getEmailPreferences(token))?.categories
        .filter((c) => !c.subscribed)
        .map((c) => c.category),
    ).toEqual(["waiting_list"]);
    expect(await getEmailPreferences(`${token}x`)).toBeNull();
    await expect(updateEmailPreferences("forged.token", [])).rejects.toMatchObject({ status: 403 });
  });
});
