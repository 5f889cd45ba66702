import "server-only";
import { z } from "zod";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (count: number, first: string) => string;
  intro: string;
  when: string;
  host: string;
  throttled: (minutes: number) => string;
}> = {
  en: {
    subject: (count, first) =>
      count === 1
        ? `Courtside operations alert: ${first}`
        : `Courtside operations alert: ${count} problems`,
    intro:
      "You receive this as the operator of this Courtside deployment (OPERATOR_EMAIL). The backups need attention:",
    when: "Detected",
    host: "Deployment",
    throttled: (minutes) =>
      `The same condition is not reported again for ${minutes} minutes while it lasts. \`npm run backup:status\` shows the current state.`,
  },
};

/** Alert to the operator of the deployment (failed backups, unreachable repositories, stale archives). */
export const operatorAlertTemplate = defineTemplate({
  name: "operator-alert",
  schema: z.object({
    title: z.string().min(1).max(120),
    problems: z.array(z.string().min(1).max(2500)).min(1).max(20),
    at: z.iso.datetime({ offset: true }),
    deployment: z.string().max(200),
    throttleMinutes: z.number().int().positive(),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject(data.problems.length, data.title),
      preheader: data.problems[0],
      paragraphs: [m.intro, ...data.problems],
      facts: [
        [m.when, formatInstant(data.at, ctx.locale)],
        [m.host, data.deployment],
      ],
      after: [m.throttled(data.throttleMinutes)],
    };
  },
});
