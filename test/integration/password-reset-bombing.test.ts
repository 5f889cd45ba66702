/**
 * Email bombing (ADR 006), end to end through the forgot-password form action: 100 reset requests
 * for one address within a minute deliver at most 3 emails, and the answers are identical for an
 * address with an account and one without.
 */
import { describe, expect, it, vi } from "vitest";
import { forgotPasswordAction } from "@/app/(auth)/actions";
import { IDLE } from "@/lib/form-state";
import { db } from "@/server/db";
import { createAccount } from "../helpers/auth";
import { newRequest } from "../helpers/fake-next-request";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

async function askForReset(email: string, i: number) {
  // Each request from another address, so that only the per-recipient limit can stop them.
  newRequest({ ip: `198.51.100.${i % 250}`, headers: { origin: process.env.APP_URL! } });
  const form = new FormData();
  form.set("email", email);
  return forgotPasswordAction(IDLE, form);
}

describe("email bombing through password resets", () => {
  it("delivers at most 3 of 100 requests for one address, answering every request identically", async () => {
    const { email } = await createAccount({ email: "victim@example.test" });
    const unknown = "nobody-here@example.test";

    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await askForReset(email, i));
    const unknownAnswers = [];
    for (let i = 0; i < 100; i++) unknownAnswers.push(await askForReset(unknown, i));

    const first = answers[0];
    expect(first).toMatchObject({ status: "success" });
    for (const a of [...answers, ...unknownAnswers]) expect(a).toEqual(first);

    const sent = await db.emailOutbox.count({
      where: { toAddress: email, template: "password-reset" },
    });
    expect(sent).toBe(3);
    expect(await db.emailOutbox.count({ where: { toAddress: unknown } })).toBe(0);
    // The refusals are security events.
    const throttled = await db.auditEvent.count({ where: { action: "email.throttled" } });
    expect(throttled).toBeGreaterThanOrEqual(97);
  });
});
