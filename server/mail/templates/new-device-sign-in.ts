import "server-only";
import { z } from "zod";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: string;
  greeting: (name?: string) => string;
  intro: string;
  when: string;
  device: string;
  ip: string;
  ok: string;
  action: string;
  notYou: string;
}> = {
  en: {
    subject: "New sign-in to your Courtside account",
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    intro: "Your account was just used to sign in from a device we have not seen before.",
    when: "When",
    device: "Device",
    ip: "IP address",
    ok: "If this was you, there is nothing to do.",
    action: "Review my account security",
    notYou: "If this was not you, change your password now and sign out of every device.",
  },
};

export const newDeviceSignInTemplate = defineTemplate({
  name: "new-device-sign-in",
  schema: z.object({
    name: z.string().max(120).optional(),
    at: z.iso.datetime({ offset: true }),
    device: z.string().max(200),
    ip: z.string().max(45).optional(),
    timeZone: z.string().max(64).optional(),
    securityUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    const facts: Array<[string, string]> = [
      [m.when, formatInstant(data.at, ctx.locale, data.timeZone)],
      [m.device, data.device],
    ];
    if (data.ip) facts.push([m.ip, data.ip]);
    return {
      subject: m.subject,
      greeting: m.greeting(data.name),
      paragraphs: [m.intro],
      facts,
      after: [m.ok, m.notYou],
      action: { label: m.action, url: data.securityUrl },
    };
  },
});
