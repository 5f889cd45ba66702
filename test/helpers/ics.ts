/** Reading back what we send: outbox attachments and RFC 5545 structure checks. */
import { expect } from "vitest";
import { db } from "@/server/db";

export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string };

/** Outbox rows of a template, oldest first, with their decoded attachments. */
export async function outboxOf(template: string, where: { toAddress?: string } = {}) {
  const rows = await db.emailOutbox.findMany({
    where: { template, ...where },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      toAddress: true,
      userId: true,
      category: true,
      status: true,
      locale: true,
      subject: true,
      text: true,
      headers: true,
      attachments: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    headers: r.headers as Record<string, string>,
    files: (r.attachments as OutboxAttachment[]).map((a) => ({
      ...a,
      content: Buffer.from(a.contentBase64, "base64").toString("utf8"),
    })),
  }));
}

/** Checks the RFC 5545 rules a client relies on and returns the unfolded content lines. */
export function icsLines(ics: string): string[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const physical of ics.split("\r\n").slice(0, -1)) {
    expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
  }
  const lines = ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .slice(0, -1);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  expect(lines).toContain("VERSION:2.0");
  expect(lines.filter((l) => l === "BEGIN:VEVENT").length).toBe(
    lines.filter((l) => l === "END:VEVENT").length,
  );
  return lines;
}

export function icsProp(lines: string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}
