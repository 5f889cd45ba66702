import "server-only";
import { z } from "zod";
import { defineTemplate, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (club: string | null) => string;
  greeting: (name?: string) => string;
  intro: string;
  action: string;
  expiry: (minutes: number) => string;
  notYou: string;
}> = {
  en: {
    subject: (club) =>
      club ? `Confirm your email address for ${club}` : "Confirm your email address",
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    intro:
      "Please confirm that this is your email address to finish creating your Courtside account.",
    action: "Confirm my email address",
    expiry: (m) => `This link works once and expires in ${m} minutes.`,
    notYou: "If you did not create an account, you can ignore this email: nothing will happen.",
  },
  fr: {
    subject: (club) =>
      club ? `Confirmez votre adresse email pour ${club}` : "Confirmez votre adresse email",
    greeting: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
    intro:
      "Confirmez qu'il s'agit bien de votre adresse email pour terminer la création de votre compte Courtside.",
    action: "Confirmer mon adresse email",
    expiry: (m) => `Ce lien ne sert qu'une fois et expire dans ${m} minutes.`,
    notYou: "Si vous n'avez pas créé de compte, ignorez cet email : il ne se passera rien.",
  },
};

export const verifyEmailTemplate = defineTemplate({
  name: "verify-email",
  schema: z.object({
    name: z.string().max(120).optional(),
    verifyUrl: z.url({ protocol: /^https?$/ }),
    expiresInMinutes: z.number().int().positive().default(60),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject(ctx.clubName),
      preheader: m.intro,
      greeting: m.greeting(data.name),
      paragraphs: [m.intro],
      action: { label: m.action, url: data.verifyUrl },
      after: [m.expiry(data.expiresInMinutes), m.notYou],
    };
  },
});
