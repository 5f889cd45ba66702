import "server-only";
import { z } from "zod";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (club: string | null, title: string, digest: boolean) => string;
  intro: Record<"club" | "operator", string>;
  digest: (count: number) => string;
  when: string;
  action: string;
  throttled: string;
}> = {
  en: {
    subject: (club, title, digest) =>
      `${digest ? "Security alert, still going" : "Security alert"}${club ? ` for ${club}` : ""}: ${title}`,
    intro: {
      club: "You receive this as the security contact or an owner of your club on Courtside.",
      operator:
        "You receive this as the operator of this Courtside deployment (OPERATOR_EMAIL). `npm run security:alerts` lists every alert.",
    },
    digest: (count) => `It is still going on: ${count} events so far.`,
    when: "Detected",
    action: "Open the club's security alerts",
    throttled:
      "One email when an alert starts, then at most one update every 15 minutes while it lasts, whatever the attacker does.",
  },
};

/** An alert of threat detection (server/security/notify-security-alerts.ts): a club's or the operator's. */
export const securityAlertTemplate = defineTemplate({
  name: "security-alert",
  schema: z.object({
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(1000),
    details: z
      .array(z.tuple([z.string().max(60), z.string().max(300)]))
      .max(20)
      .default([]),
    at: z.iso.datetime({ offset: true }),
    timeZone: z.string().max(64).optional(),
    audience: z.enum(["club", "operator"]).default("club"),
    digest: z.boolean().default(false),
    count: z.number().int().positive().default(1),
    auditUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject(ctx.clubName, data.title, data.digest),
      preheader: data.summary,
      paragraphs: [
        m.intro[data.audience],
        data.summary,
        ...(data.digest ? [m.digest(data.count)] : []),
      ],
      facts: [[m.when, formatInstant(data.at, ctx.locale, data.timeZone)], ...data.details],
      ...(data.auditUrl ? { action: { label: m.action, url: data.auditUrl } } : {}),
      after: [m.throttled],
    };
  },
});
