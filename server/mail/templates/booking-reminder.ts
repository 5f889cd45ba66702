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
  intro: (when: string) => string;
  cannotCome: string;
  action: string;
}> = {
  en: {
    subject: (court, when) => `Reminder: ${court}, ${when}`,
    intro: (when) => `A reminder that you play ${when}.`,
    cannotCome:
      "If you cannot come, please cancel the booking so that someone on the waiting list can play.",
    action: "See my bookings",
  },
  fr: {
    subject: (court, when) => `Rappel : ${court}, ${when}`,
    intro: (when) => `Petit rappel : vous jouez le ${when}.`,
    cannotCome:
      "Si vous ne pouvez pas venir, annulez la réservation pour qu'un joueur en liste d'attente puisse jouer.",
    action: "Voir mes réservations",
  },
};

/** Reminder some hours before a booking (category reminders: optional, one-click unsubscribe). */
export const bookingReminderTemplate = defineTemplate({
  name: "booking-reminder",
  schema: BookingFactsSchema.extend({
    name: z.string().max(120).optional(),
    bookingsUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    const when = formatSlot(data, ctx.locale);
    return {
      subject: m.subject(courtLabel(data, ctx.locale), when),
      preheader: m.intro(when),
      greeting: pick(greeting, ctx.locale)(data.name),
      paragraphs: [m.intro(when)],
      facts: bookingFactRows(data, ctx.locale),
      action: { label: m.action, url: data.bookingsUrl },
      after: [m.cannotCome],
    };
  },
});
