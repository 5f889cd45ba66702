import "server-only";
import { z } from "zod";
import { defineTemplate, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (club: string | null) => string;
  greeting: (name?: string) => string;
  intro: (inviter: string, club: string | null) => string;
  action: string;
  expiry: (days: number) => string;
  notYou: string;
}> = {
  en: {
    subject: (club) => (club ? `You are invited to join ${club}` : "You are invited to a club"),
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    intro: (inviter, club) =>
      `${inviter} invites you to join ${club ?? "their club"} on Courtside to book its courts.`,
    action: "Accept the invitation",
    expiry: (d) => `This link works once and expires in ${d} days.`,
    notYou: "If you do not know this club, you can ignore this email: nothing will happen.",
  },
  fr: {
    subject: (club) =>
      club ? `Vous êtes invité·e à rejoindre ${club}` : "Vous êtes invité·e dans un club",
    greeting: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
    intro: (inviter, club) =>
      `${inviter} vous invite à rejoindre ${club ?? "son club"} sur Courtside pour réserver ses terrains.`,
    action: "Accepter l'invitation",
    expiry: (d) => `Ce lien ne sert qu'une fois et expire dans ${d} jours.`,
    notYou: "Si vous ne connaissez pas ce club, ignorez cet email : il ne se passera rien.",
  },
};

export const memberInvitationTemplate = defineTemplate({
  name: "member-invitation",
  schema: z.object({
    name: z.string().max(120).optional(),
    inviterName: z.string().min(1).max(120),
    acceptUrl: z.url({ protocol: /^https?$/ }),
    expiresInDays: z.number().int().positive().default(14),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject(ctx.clubName),
      preheader: m.intro(data.inviterName, ctx.clubName),
      greeting: m.greeting(data.name),
      paragraphs: [m.intro(data.inviterName, ctx.clubName)],
      action: { label: m.action, url: data.acceptUrl },
      after: [m.expiry(data.expiresInDays), m.notYou],
    };
  },
});
