import "server-only";
import { z } from "zod";
import { defineTemplate, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: string;
  greeting: (name?: string) => string;
  intro: string;
  action: string;
  expiry: (minutes: number) => string;
  notYou: string;
}> = {
  en: {
    subject: "Reset your Courtside password",
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    intro:
      "Someone asked to reset the password of the Courtside account that uses this email address.",
    action: "Choose a new password",
    expiry: (m) => `This link works once and expires in ${m} minutes.`,
    notYou: "If you did not ask for this, ignore this email: your password stays unchanged.",
  },
};

export const passwordResetTemplate = defineTemplate({
  name: "password-reset",
  schema: z.object({
    name: z.string().max(120).optional(),
    resetUrl: z.url({ protocol: /^https?$/ }),
    expiresInMinutes: z.number().int().positive().default(30),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject,
      preheader: m.intro,
      greeting: m.greeting(data.name),
      paragraphs: [m.intro],
      action: { label: m.action, url: data.resetUrl },
      after: [m.expiry(data.expiresInMinutes), m.notYou],
    };
  },
});
