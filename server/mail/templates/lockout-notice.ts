import "server-only";
import { z } from "zod";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: string;
  greeting: (name?: string) => string;
  intro: (attempts: number) => string;
  until: (when: string) => string;
  action: string;
  advice: string;
}> = {
  en: {
    subject: "Your Courtside account is temporarily locked",
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    intro: (n) =>
      `We locked sign-in to your account after ${n} wrong passwords in a row, to protect it.`,
    until: (when) =>
      `It unlocks by itself at ${when}. If these attempts were yours, you can unlock it now:`,
    action: "Unlock my account",
    advice:
      "If these attempts were not yours, someone may know your email address: choose a strong, unique password and turn on two-factor authentication.",
  },
};

export const lockoutNoticeTemplate = defineTemplate({
  name: "lockout-notice",
  schema: z.object({
    name: z.string().max(120).optional(),
    unlockUrl: z.url({ protocol: /^https?$/ }),
    lockedUntil: z.iso.datetime({ offset: true }),
    failedAttempts: z.number().int().positive(),
    timeZone: z.string().max(64).optional(),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject,
      greeting: m.greeting(data.name),
      paragraphs: [
        m.intro(data.failedAttempts),
        m.until(formatInstant(data.lockedUntil, ctx.locale, data.timeZone)),
      ],
      action: { label: m.action, url: data.unlockUrl },
      after: [m.advice],
    };
  },
});
