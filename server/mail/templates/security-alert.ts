import "server-only";
import { z } from "zod";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (club: string | null, title: string) => string;
  intro: string;
  when: string;
  action: string;
  throttled: string;
}> = {
  en: {
    subject: (club, title) => `Security alert${club ? ` for ${club}` : ""}: ${title}`,
    intro: "You receive this as the security contact of your club on Courtside.",
    when: "Detected",
    action: "Open the security log",
    throttled:
      "Alerts of the same kind are grouped: you will not receive more than a few per hour.",
  },
};

/** Alert to a club's security contact (bursts of failed logins, injection probes…). */
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
    auditUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject(ctx.clubName, data.title),
      preheader: data.summary,
      paragraphs: [m.intro, data.summary],
      facts: [[m.when, formatInstant(data.at, ctx.locale, data.timeZone)], ...data.details],
      action: { label: m.action, url: data.auditUrl },
      after: [m.throttled],
    };
  },
});
