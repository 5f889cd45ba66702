/**
 * The dev mailbox: without SMTP_URL the worker delivers into dev_mailbox_message, readable at
 * /dev/mailbox and /dev/mailbox.json with working links; both are 404 in production.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as mailboxJson } from "@/app/dev/mailbox.json/route";
import DevMailboxPage from "@/app/dev/mailbox/page";
import DevMailboxMessagePage from "@/app/dev/mailbox/[id]/page";
import { db } from "@/server/db";
import { createDeliveryWorker } from "@/server/mail/delivery-worker";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { getMailConfig } from "@/server/mail/mail-config";

type MailboxJson = {
  waiting: number;
  messages: Array<{ id: string; to: string; subject: string; text: string; links: string[] }>;
};

/** Text and primitive props of a rendered React tree, without React's internal (circular) fields. */
function flatten(node: unknown, out: string[] = []): string[] {
  if (node === null || node === undefined || typeof node === "boolean") return out;
  if (typeof node === "string" || typeof node === "number") {
    out.push(String(node));
    return out;
  }
  if (Array.isArray(node)) {
    for (const n of node) flatten(n, out);
    return out;
  }
  const props = (node as { props?: Record<string, unknown> }).props ?? {};
  for (const [k, v] of Object.entries(props)) {
    if (k === "children") flatten(v, out);
    else if (typeof v === "string") out.push(`${k}=${v}`);
  }
  return out;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("dev mailbox", () => {
  it("receives the email without SMTP and lists it with its links", async () => {
    expect(getMailConfig().smtp).toBeNull();
    const q = await enqueueEmail(db, {
      to: "newcomer@example.test",
      template: "verify-email",
      data: { name: "Newcomer", verifyUrl: "http://localhost:3000/verify?token=abc123" },
      category: "account",
    });
    const waiting = (await (
      await mailboxJson(new Request("http://localhost:3000/dev/mailbox.json"))
    ).json()) as MailboxJson;
    expect(waiting.waiting).toBe(1);

    const summary = await createDeliveryWorker().runOnce();
    expect(summary.sent).toBe(1);
    // A second delivery of the same message (e.g. manual requeue) does not duplicate it.
    const res = await mailboxJson(
      new Request("http://localhost:3000/dev/mailbox.json?to=newcomer@example.test"),
    );
    expect(res.status).toBe(200);
    const json = (await res.json()) as MailboxJson;
    expect(json.waiting).toBe(0);
    expect(json.messages).toHaveLength(1);
    expect(json.messages[0]!.subject).toBe("Confirm your email address");
    expect(json.messages[0]!.links).toContain("http://localhost:3000/verify?token=abc123");
    const stored = await db.devMailboxMessage.findFirstOrThrow({
      where: { messageId: q.messageId },
    });
    expect(stored.raw).toContain(`Message-ID: ${q.messageId}`);

    const page = await DevMailboxPage();
    expect(flatten(page)).toContain("Confirm your email address");
    const view = await DevMailboxMessagePage({
      params: Promise.resolve({ id: stored.id.toString() }),
    });
    const rendered = flatten(view);
    expect(rendered).toContain("href=http://localhost:3000/verify?token=abc123");
    expect(rendered).toContain("sandbox=allow-popups allow-popups-to-escape-sandbox");
  });

  it("is 404 in production (page, message page and JSON)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const res = await mailboxJson(new Request("http://localhost:3000/dev/mailbox.json"));
    expect(res.status).toBe(404);
    const digest = (p: Promise<unknown>) =>
      p.then(
        () => "rendered",
        (e: { digest?: string }) => e.digest,
      );
    expect(await digest(DevMailboxPage())).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await digest(DevMailboxMessagePage({ params: Promise.resolve({ id: "1" }) }))).toMatch(
      /NEXT_HTTP_ERROR_FALLBACK;404/,
    );
  });
});
