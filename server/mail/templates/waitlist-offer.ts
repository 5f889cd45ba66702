import "server-only";
import { z } from "zod";
import {
  bookingFactRows,
  BookingFactsSchema,
  courtLabel,
  formatSlot,
  greeting,
} from "./booking-facts";
import { defineTemplate, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (court: string, when: string) => string;
  intro: string;
  race: (others: number) => string;
  action: string;
  rules: string;
}> = {
  en: {
    subject: (court, when) => `A slot you wanted is free: ${court}, ${when}`,
    intro: "The slot you were waiting for has just been freed by a cancellation.",
    race: (others) =>
      others > 0
        ? `${others === 1 ? "One other player was" : `${others} other players were`} waiting too and got this email: the first to confirm gets the court.`
        : "The first player to confirm gets the court.",
    action: "Book this slot",
    rules: "Your club's booking rules apply as usual when you confirm.",
  },
  fr: {
    subject: (court, when) => `Un créneau attendu est libre : ${court}, ${when}`,
    intro: "Le créneau que vous attendiez vient de se libérer après une annulation.",
    race: (others) =>
      others > 0
        ? `${others === 1 ? "Un autre joueur attendait" : `${others} autres joueurs attendaient`} aussi et ${others === 1 ? "a reçu" : "ont reçu"} cet email : le premier qui confirme obtient le terrain.`
        : "Le premier joueur qui confirme obtient le terrain.",
    action: "Réserver ce créneau",
    rules: "Les règles de réservation de votre club s'appliquent comme d'habitude.",
  },
};

/**
 * Waiting-list offer: the slot freed up; the link opens the booking form prefilled
 * (category waiting_list: optional, one-click unsubscribe).
 */
export const waitlistOfferTemplate = defineTemplate({
  name: "waitlist-offer",
  schema: BookingFactsSchema.extend({
    name: z.string().max(120).optional(),
    /** Other players told at the same time. */
    othersNotified: z.number().int().min(0).default(0),
    bookUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: m.subject(courtLabel(data, ctx.locale), formatSlot(data, ctx.locale)),
      preheader: m.intro,
      greeting: pick(greeting, ctx.locale)(data.name),
      paragraphs: [m.intro, m.race(data.othersNotified)],
      facts: bookingFactRows({ ...data, players: [], guests: [] }, ctx.locale),
      action: { label: m.action, url: data.bookUrl },
      after: [m.rules],
    };
  },
});
