/**
 * Threat detection end to end (issue 14): 200 injection-style requests against the members search
 * and the planning page, from one address in under a minute, while the real worker runs. The
 * requests get their normal answers (200 for the search, 400 for a planning date that is no date),
 * one alert is raised for the address, and at most two emails (start + one digest) reach the
 * operator's mailbox. The requests come from their own loopback address (127.0.0.77), so that
 * the other journeys' traffic is not part of this alert.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";
import { signInStaff } from "./auth-helpers";
import { e2eDatabase } from "./fixtures";
import { baseURL } from "../playwright.config";

const PROBER = "127.0.0.77";
const PAYLOADS = [
  "' OR 1=1--",
  "x' UNION SELECT password_hash FROM app_user--",
  "<script>alert(document.cookie)</script>",
  "1'; DROP TABLE booking; --",
  "../../../../etc/passwd",
  "' AND pg_sleep(5)--",
  '"><img src=x onerror=alert(1)>',
  "admin'--",
];

/** A GET from the prober's own address, with the manager's session cookie. */
function get(pathAndQuery: string, cookie: string): Promise<number> {
  const url = new URL(pathAndQuery, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname + url.search,
        localAddress: PROBER,
        headers: { cookie, host: url.host, "user-agent": "sqlmap/1.8" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("200 injection-style requests from one address: normal answers, one alert, at most two emails", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signInStaff(page, "manager");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const db = await e2eDatabase();
  try {
    const started = Date.now();
    const statuses: Record<string, number[]> = { search: [], planning: [] };
    for (let i = 0; i < 200; i += 4) {
      const batch = [0, 1, 2, 3].map(async (k) => {
        const payload = encodeURIComponent(PAYLOADS[(i + k) % PAYLOADS.length]!);
        if ((i + k) % 2 === 0) {
          statuses.search!.push(await get(`/c/demo/admin/members?q=${payload}`, cookie));
        } else {
          statuses.planning!.push(await get(`/c/demo/planning?date=${payload}`, cookie));
        }
      });
      await Promise.all(batch);
    }
    const sentAt = Date.now();
    expect(sentAt - started, "the 200 requests took under a minute").toBeLessThan(60_000);
    // Normal answers: the search renders (no result), the planning page explains the bad date.
    expect(new Set(statuses.search)).toEqual(new Set([200]));
    expect(new Set(statuses.planning)).toEqual(new Set([400]));

    const alerts = async () =>
      (
        await db.query<{ id: string; count: number; emails_sent: number }>(
          `SELECT id, count, emails_sent FROM security_alert WHERE kind = 'probe' AND source LIKE $1`,
          [`%${PROBER}`],
        )
      ).rows;
    const delivered = async () =>
      (
        await db.query<{ to_address: string; subject: string }>(
          `SELECT to_address, subject FROM email_outbox
            WHERE template = 'security-alert' AND status = 'SENT' AND text LIKE $1`,
          [`%${PROBER}%`],
        )
      ).rows;
    await expect
      .poll(async () => (await delivered()).length, { timeout: 60_000, intervals: [500] })
      .toBeGreaterThanOrEqual(1);
    const seconds = (Date.now() - sentAt) / 1000;
    console.log(
      `[threat-detection] probes → alert email delivered ${seconds.toFixed(1)} s after the last request`,
    );

    // Three more detection passes: still one alert, still at most two emails.
    await page.waitForTimeout(16_000);
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]!.count).toBeGreaterThanOrEqual(200);
    const mails = await delivered();
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.length).toBeLessThanOrEqual(2);
    expect(mails.every((m) => m.to_address === "operator@courtside.localhost")).toBe(true);
    expect(mails[0]!.subject).toContain("Injection or scanning probes");
  } finally {
    await db.end();
  }
});
