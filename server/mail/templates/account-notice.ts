import "server-only";
import { z } from "zod";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

/**
 * Account and security notices (ADR 002, server/auth/security-email.ts): password changed,
 * two-factor authentication switched on or off, recovery code used, email change requested or
 * done, confirmation of a new address, sign-up attempted with an address that has an account.
 * Owned by the accounts work; registered in render-email.ts as "account-notice".
 */
const KINDS = [
  "password-changed",
  "two-factor-enabled",
  "two-factor-disabled",
  "recovery-code-used",
  "email-change-requested",
  "email-changed",
  "confirm-new-email",
  "registration-attempt",
] as const;

type Kind = (typeof KINDS)[number];

const messages: Catalogue<{
  greeting: (name?: string) => string;
  when: string;
  ip: string;
  kinds: Record<Kind, { subject: string; body: (newEmail?: string) => string; action?: string }>;
  notYou: string;
}> = {
  en: {
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    when: "When",
    ip: "IP address",
    kinds: {
      "password-changed": {
        subject: "Your Courtside password was changed",
        body: () =>
          "The password of your Courtside account was just changed, and every device was signed out.",
        action: "Review my account security",
      },
      "two-factor-enabled": {
        subject: "Two-factor authentication is on",
        body: () =>
          "Two-factor authentication was switched on for your account. Every device was signed out.",
        action: "Review my account security",
      },
      "two-factor-disabled": {
        subject: "Two-factor authentication was switched off",
        body: () =>
          "Two-factor authentication was switched off for your account. Every device was signed out.",
        action: "Review my account security",
      },
      "recovery-code-used": {
        subject: "A recovery code was used to sign in",
        body: () =>
          "One of your two-factor recovery codes was just used to sign in. Each code works only once.",
        action: "Review my account security",
      },
      "email-change-requested": {
        subject: "Change of your Courtside email address requested",
        body: (to) =>
          `Someone signed in to your account asked to change its email address to ${to ?? "another address"}. It changes only once that address is confirmed.`,
        action: "Review my account security",
      },
      "email-changed": {
        subject: "Your Courtside email address was changed",
        body: (to) =>
          `The email address of your Courtside account is now ${to ?? "a new address"}. Every device was signed out.`,
      },
      "confirm-new-email": {
        subject: "Confirm your new email address",
        body: () =>
          "Please confirm that you want to use this address for your Courtside account. The link works once and expires in 60 minutes.",
        action: "Confirm this address",
      },
      "registration-attempt": {
        subject: "Someone tried to create an account with your address",
        body: () =>
          "Someone tried to create a Courtside account with this email address, which already has one. If it was you, sign in, or reset your password if you forgot it.",
        action: "Sign in",
      },
    },
    notYou:
      "If this was not you, reset your password now and sign out of every device from your account page.",
  },
};

export const accountNoticeTemplate = defineTemplate({
  name: "account-notice",
  schema: z.object({
    kind: z.enum(KINDS),
    name: z.string().max(120).optional(),
    at: z.iso.datetime({ offset: true }),
    ip: z.string().max(45).optional(),
    newEmail: z.string().max(254).optional(),
    url: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    const k = m.kinds[data.kind];
    const facts: Array<[string, string]> = [[m.when, formatInstant(data.at, ctx.locale)]];
    if (data.ip) facts.push([m.ip, data.ip]);
    return {
      subject: k.subject,
      preheader: k.body(data.newEmail),
      greeting: m.greeting(data.name),
      paragraphs: [k.body(data.newEmail)],
      facts,
      ...(k.action ? { action: { label: k.action, url: data.url } } : {}),
      after:
        data.kind === "confirm-new-email" || data.kind === "registration-attempt" ? [] : [m.notYou],
    };
  },
});
